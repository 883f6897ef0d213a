"""`kg serve` end to end: a real Oxigraph server on a free loopback port, queried over HTTP."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.query import named_queries, substitute
from kg.store import store_path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_serve(exports: Path, port: int) -> tuple[subprocess.Popen, list[str]]:
    """`python -m kg serve` in a subprocess; returns it and the lines it printed up to the URLs."""
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(exports), "--port", str(port)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines = []
    while True:
        line = process.stdout.readline()
        if not line:
            process.wait(30)
            pytest.fail(f"kg serve exited {process.returncode}: {process.stderr.read()}")
        lines.append(line.rstrip("\n"))
        if line.startswith("query page:"):
            return process, lines


def select(endpoint: str, query: str, method: str = "GET") -> list[dict]:
    """SPARQL protocol query, JSON results."""
    headers = {"Accept": "application/sparql-results+json"}
    if method == "GET":
        request = urllib.request.Request(endpoint + "?" + urllib.parse.urlencode({"query": query}), headers=headers)
    else:
        request = urllib.request.Request(endpoint, data=query.encode(), method="POST",
                                         headers={**headers, "Content-Type": "application/sparql-query"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["results"]["bindings"]


def stop(process: subprocess.Popen) -> tuple[int, str]:
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    return process.returncode, err


def test_serve_answers_sparql_and_stops_on_sigint(exports):
    port = free_port()
    process, lines = start_serve(exports, port)
    try:
        assert f"SPARQL endpoint: http://127.0.0.1:{port}/query" in lines
        assert f"query page:      http://127.0.0.1:{port}/" in lines
        endpoint = f"http://127.0.0.1:{port}/query"
        query = substitute(named_queries()["coauthors"].text, {"name": "Chelsea Finn"})
        for method in ("GET", "POST"):
            rows = select(endpoint, query, method)
            assert len(rows) == 33
            assert rows[0]["coauthor"]["value"] == "Dorsa Sadigh"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as page:
            assert page.status == 200 and b"<html" in page.read().lower()
        # Read-only: an update is refused.
        update = urllib.request.Request(f"http://127.0.0.1:{port}/update", method="POST",
                                        data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                                        headers={"Content-Type": "application/sparql-update"})
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(update, timeout=30)
    finally:
        code, err = stop(process)
    assert code == 0, err
    assert "server stopped" in err
    with socket.socket() as probe:  # the port is free again: the server process is gone too
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", port))
    # No lock left behind: the store opens read-write, and the next start reuses it.
    import pyoxigraph

    store = pyoxigraph.Store(str(store_path(exports)[0]))
    assert len(store) > 33_000
    del store
    process, _ = start_serve(exports, port)
    code, err = stop(process)
    assert code == 0 and "unchanged build, reused" in err, err


def test_serve_reloads_a_changed_build(exports):
    port = free_port()
    process, _ = start_serve(exports, port)
    stop(process)
    with (exports / "graph.ttl").open("a", encoding="utf-8") as f:
        f.write("\n<urn:kg:test> <urn:kg:p> \"changed\" .\n")
    process, _ = start_serve(exports, port)
    try:
        rows = select(f"http://127.0.0.1:{port}/query", 'SELECT * WHERE { <urn:kg:test> ?p "changed" }')
        assert len(rows) == 1
    finally:
        code, err = stop(process)
    assert code == 0 and "loaded in" in err, err


def test_serve_refuses_a_taken_port(exports):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "kg", "serve", str(exports), "--port", str(port)],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip() == f"Error: port {port} on 127.0.0.1 is already in use (choose another with --port)"


def test_serve_refuses_missing_exports(tmp_path):
    done = subprocess.run([sys.executable, "-m", "kg", "serve", str(tmp_path / "nowhere"), "--port", str(free_port())],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1 and "no graph.ttl there" in done.stderr
