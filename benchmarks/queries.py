"""Time every shipped SPARQL query on a synthetic archive, on Oxigraph (and optionally rdflib).

    python benchmarks/queries.py [--papers 5000] [--runs 9] [--engine oxigraph]

Generates the archive with make_corpus.py and builds it with kg (both cached in --work), loads
graph.ttl once, then runs each named query --runs times and prints the median, min and
max in milliseconds. Parameters are picked from the data: the most prolific author, the
paper with the most authors, the busiest date, the most used topic.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from corpus import ensure_corpus, exports_of  # noqa: E402
from kg.export import write_exports  # noqa: E402
from kg.builder import graph_of_corpus  # noqa: E402
from kg.graph import summarize  # noqa: E402
from kg.pipeline import load_corpus  # noqa: E402
from kg.query import load_graph, named_queries  # noqa: E402

TARGET_MS = 100


PICKS = {
    "name": "SELECT ?v WHERE { ?p schema:author ?a . ?a foaf:name ?v } GROUP BY ?v ORDER BY DESC(COUNT(?p)) ?v LIMIT 1",
    "arxiv": "SELECT ?v WHERE { ?p schema:author ?a ; schema:identifier ?v } GROUP BY ?v ORDER BY DESC(COUNT(?a)) ?v LIMIT 1",
    "date": "SELECT ?v WHERE { ?p kg:featuredIn/schema:datePublished ?v } GROUP BY ?v ORDER BY DESC(COUNT(?p)) ?v LIMIT 1",
    "topic": "SELECT ?v WHERE { ?p dcterms:subject/skos:prefLabel ?v } GROUP BY ?v ORDER BY DESC(COUNT(?p)) ?v LIMIT 1",
    "artifact": "SELECT ?v WHERE { ?p schema:mentions|kg:introduces ?a . ?a rdfs:label ?v } "
                "GROUP BY ?v ORDER BY DESC(COUNT(?p)) ?v LIMIT 1",
}


def pick_params(graph) -> dict[str, str]:
    """The busiest author, paper, date, topic and artifact: the parameters that make queries work hardest."""
    return {name: graph.select(query)[1][0][0].value for name, query in PICKS.items()}


def params_of(query, picks: dict[str, str]) -> dict[str, str]:
    """A shipped query's parameters from `pick_params` (artifact-papers' `name` is an artifact's)."""
    return {p: picks["artifact" if (query.name, p) == ("artifact-papers", "name") else p] for p in query.params}


def ensure_exports(corpus_dir: Path, out: Path, rebuild: bool) -> None:
    if (out / "graph.ttl").exists() and not rebuild:
        print(f"reusing {out} (--rebuild to build again)")
        return
    started = time.perf_counter()
    G = graph_of_corpus(load_corpus([corpus_dir]))
    write_exports(G, out)
    counts = summarize(G)
    print(f"archive: {counts['papers']:,} papers, {counts['authors']:,} authors, "
          f"{counts['coauthor pairs']:,} co-author pairs; built in {time.perf_counter() - started:.1f}s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--engine", default="oxigraph", choices=["oxigraph", "rdflib"])
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"))
    parser.add_argument("--rebuild", action="store_true", help="build the exports even if they exist")
    args = parser.parse_args()

    corpus = ensure_corpus(args.papers, args.work)
    out = exports_of(corpus)
    ensure_exports(corpus, out, args.rebuild)

    started = time.perf_counter()
    graph = load_graph(out / "graph.ttl", args.engine)
    print(f"{args.engine}: loaded graph.ttl ({(out / 'graph.ttl').stat().st_size / 1e6:.1f} MB) "
          f"in {time.perf_counter() - started:.2f}s")
    params = pick_params(graph)
    print(f"parameters: {params}")
    print(f"{'query':<26}{'rows':>7}{'median ms':>11}{'min':>9}{'max':>9}  < {TARGET_MS} ms")
    for query in named_queries().values():
        given = params_of(query, params)
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            _, rows = graph.select(query.text, given)
            times.append((time.perf_counter() - t) * 1000)
        median = statistics.median(times)
        print(f"{query.name:<26}{len(rows):>7}{median:>11.1f}{min(times):>9.1f}{max(times):>9.1f}  "
              f"{'yes' if median < TARGET_MS else 'NO'}")


if __name__ == "__main__":
    main()
