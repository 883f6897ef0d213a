"""Push a synthetic archive's build into a local Oxigraph server and print triples per second.

    python benchmarks/push.py [--papers 25000] [--chunk-size 200000] [--work /tmp/kg-bench] [--again]

Generates WORK/corpus-N-VERSION (make_corpus.py) and builds it into WORK/exports-N-VERSION unless
they are there, starts `oxigraph serve` on a free loopback port with an on-disk
store in a temporary folder, and times `kg.remote.push` (Graph Store Protocol
PUT/POST in chunks, then the COUNT check) into the empty store; with --again, a
second time (the same build replacing itself: on Oxigraph 0.5.13 that PUT, which
deletes 11 million triples at 25,000 papers, ran past 8 minutes and 16 GB and was
stopped).
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from corpus import ensure_corpus, exports_of  # noqa: E402

from kg.remote import plan_push, push  # noqa: E402
from kg.server import oxigraph_binary  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=25000)
    parser.add_argument("--chunk-size", type=int, default=200_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"))
    parser.add_argument("--again", action="store_true", help="push a second time, replacing the first")
    args = parser.parse_args()

    corpus = ensure_corpus(args.papers, args.work)
    exports = exports_of(corpus)
    if not (exports / "graph.ttl").is_file():
        subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(exports), "-q"],
                       check=True, cwd=HERE.parent)
    graph = exports / "graph.ttl"
    print(f"{args.papers:,} papers: {graph} ({graph.stat().st_size / 1e6:,.0f} MB)")
    with tempfile.TemporaryDirectory() as store:
        port = free_port()
        server = subprocess.Popen([oxigraph_binary(), "serve", "--location", store, "--bind", f"127.0.0.1:{port}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), 0.5).close()
                    break
                except OSError:
                    time.sleep(0.05)
            for label in ("into an empty store", "again (replacing itself)")[: 2 if args.again else 1]:
                plan = plan_push(graph, f"http://127.0.0.1:{port}/store", None, "https://example.org/kg/graph",
                                 args.chunk_size)
                push(plan)
                print(f"push {label}: {plan.triples:,} triples in {len(plan.chunks)} chunks, {plan.seconds:.1f}s, "
                      f"{plan.triples / plan.seconds:,.0f} triples/s (COUNT check included)")
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
