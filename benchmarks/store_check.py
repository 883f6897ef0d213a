"""Push a build into a running triple store and compare every named query's rows with the local ones.

    python benchmarks/store_check.py STORE_URL [--exports exports] [--query-url URL] [--user U --password P]

For stores the tests cannot start themselves, e.g. Virtuoso from Debian's
`virtuoso-opensource` (see the README):

    python benchmarks/store_check.py http://127.0.0.1:8890/sparql-graph-crud-auth --user dba --password dba

Prints one line per named query: its row count here and there and whether the
rows are equal (values, datatypes and languages); exits 1 if any differs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))

from kg.query import load_graph, named_queries  # noqa: E402
from kg.remote import Auth, EndpointGraph, plan_push, push  # noqa: E402
from kg.store import base_iri  # noqa: E402
from test_query import PARAMS  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store_url")
    parser.add_argument("--exports", type=Path, default=Path("exports"))
    parser.add_argument("--query-url")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()

    graph_iri = base_iri(args.exports) + "graph"
    auth = Auth(args.user, args.password) if args.user else None
    plan = push(plan_push(args.exports / "graph.ttl", args.store_url, args.query_url, graph_iri), auth)
    print(f"pushed {plan.triples:,} triples into <{graph_iri}> in {plan.seconds:.1f}s; "
          f"{plan.query_url} counts the same")
    local = load_graph(args.exports / "graph.ttl")
    remote = EndpointGraph(plan.query_url, default_graph=graph_iri, auth=auth)
    failures = 0
    for name, query in named_queries().items():
        params = PARAMS.get(name, {})
        here = local.select(query.text, params)
        started = time.perf_counter()
        try:
            there = remote.select(query.text, params)
        except Exception as exc:  # report every query, whatever the store says
            print(f"{name:<26} local {len(here[1]):>4} rows   remote error: {exc}")
            failures += 1
            continue
        seconds = time.perf_counter() - started
        same = here == there
        failures += not same
        verdict = "same rows" if same else (
            "same values, other types" if [[t and t.value for t in r] for r in here[1]]
            == [[t and t.value for t in r] for r in there[1]] else "DIFFERENT")
        print(f"{name:<26} local {len(here[1]):>4} rows   remote {len(there[1]):>4} rows in {seconds * 1000:5.0f} ms"
              f"   {verdict}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
