"""SPARQL over a Turtle export: named queries shipped in `kg/queries/`, or any query."""

from __future__ import annotations

import csv
import io
import json
import re
from importlib import resources
from pathlib import Path

from .errors import KgError

__all__ = ["named_queries", "resolve_query", "run_query", "format_table", "format_csv", "format_json"]

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def named_queries() -> dict[str, str]:
    """Shipped queries by name (file stem), with their text."""
    folder = resources.files("kg") / "queries"
    return {f.name[:-3]: f.read_text(encoding="utf-8")
            for f in sorted(folder.iterdir(), key=lambda f: f.name) if f.name.endswith(".rq")}


def resolve_query(query: str) -> str:
    """QUERY as given: a shipped query's name, a `.rq` file, or SPARQL text."""
    shipped = named_queries()
    if query in shipped:
        return shipped[query]
    if query.endswith(".rq"):
        try:
            return Path(query).read_text(encoding="utf-8")
        except OSError as exc:
            raise KgError(f"cannot read query file {query}: {exc.strerror}") from None
    return query


def run_query(graph_path: str | Path, query: str, bindings: dict[str, str] | None = None):
    """Run SPARQL on a Turtle file; returns (variable names, rows of rdflib terms)."""
    from rdflib import XSD, Graph, Literal
    from rdflib.plugins.sparql import prepareQuery

    path = Path(graph_path)
    if not path.is_file():
        raise KgError(f"{path}: no such graph file (run `kg build` first)")
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many kinds for bad Turtle
        raise KgError(f"{path}: not readable Turtle: {exc}") from None
    try:
        prepared = prepareQuery(query, initNs=dict(g.namespaces()))
    except Exception as exc:
        raise KgError(f"invalid SPARQL: {exc}") from None
    init = {name: Literal(value, datatype=XSD.date) if DATE.match(value) else Literal(value)
            for name, value in (bindings or {}).items()}
    result = g.query(prepared, initBindings=init)
    variables = [str(v) for v in result.vars]
    return variables, [list(row) for row in result]


def as_text(term) -> str:
    return "" if term is None else str(term)


def format_table(variables: list[str], rows: list[list]) -> str:
    """An aligned plain-text table with a header line and a row count."""
    cells = [[as_text(t) for t in row] for row in rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(variables)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()  # noqa: E731
    out = [line(variables), line(["-" * w for w in widths])] + [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def format_csv(variables: list[str], rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(variables)
    writer.writerows([as_text(t) for t in row] for row in rows)
    return buffer.getvalue().rstrip("\n")


def format_json(variables: list[str], rows: list[list]) -> str:
    """SPARQL 1.1 Query Results JSON."""
    def term(t):
        from rdflib import BNode, Literal
        if isinstance(t, Literal):
            out = {"type": "literal", "value": str(t)}
            if t.language:
                out["xml:lang"] = t.language
            elif t.datatype:
                out["datatype"] = str(t.datatype)
            return out
        return {"type": "bnode" if isinstance(t, BNode) else "uri", "value": str(t)}
    bindings = [{v: term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=2)
