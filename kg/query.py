"""SPARQL over a Turtle export, on Oxigraph (default; a build's own store on disk) or rdflib.

Shipped queries live in `kg/queries/NAME.rq`; a header comment gives their
description (first line) and parameters (`# params: name`). Both engines get the
same default prefixes and return rows of `Term`s, so their results compare equal.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable

from .errors import ArgumentError, KgError
from .namespaces import NAMESPACES
from .store import STORE_FOLDER, explain, on_store

__all__ = ["Term", "NamedQuery", "named_queries", "named_queries_table", "graph_and_query", "prepare_query",
           "resolve_query", "parse_params", "run_query", "load_graph", "ENGINES",
           "format_table", "format_csv", "format_json"]

ENGINES = ("oxigraph", "rdflib")
XSD = NAMESPACES["xsd"]
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
INTEGER = re.compile(r"^-?\d+$")


@dataclass(frozen=True)
class Term:
    """An RDF term in a result row, the same whichever engine produced it."""

    kind: str  # "uri", "literal" or "bnode"
    value: str
    datatype: str | None = None  # literals without a language: xsd:string when plain
    language: str | None = None

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[str, ...]
    text: str


def named_queries() -> dict[str, NamedQuery]:
    """Shipped queries by name (file stem)."""
    folder = resources.files("kg") / "queries"
    queries = {}
    for f in sorted(folder.iterdir(), key=lambda f: f.name):
        if f.name.endswith(".rq"):
            text = f.read_text(encoding="utf-8")
            comments = [l.lstrip("#").strip() for l in text.splitlines() if l.startswith("#")]
            params = next((c.partition(":")[2].split() for c in comments if c.startswith("params:")), [])
            queries[f.name[:-3]] = NamedQuery(f.name[:-3], comments[0] if comments else "",
                                              tuple(p.strip(",") for p in params), text)
    return queries


def named_queries_table() -> list[str]:
    """One line per shipped query: name, parameters, description."""
    return [f"{q.name:<24} {' '.join(f'{p}=…' for p in q.params):<12} {q.description}" for q in named_queries().values()]


def graph_and_query(args: tuple[str, ...], name: str | None, default_graph: str,
                    endpoint: str | None = None) -> tuple[str, str]:
    """(graph file, query) from `kg query`'s `[GRAPH] [QUERY]` or `[GRAPH] --name NAME`."""
    if endpoint and (len(args) > 1 or name and args):
        raise ArgumentError("with --endpoint, give a QUERY or --name NAME but no GRAPH")
    if name:
        if len(args) > 1:
            raise ArgumentError("with --name, give at most a GRAPH")
        if name not in named_queries():
            raise ArgumentError(f"no shipped query {name!r} (kg query --list shows them)")
        return (args[0] if args else default_graph), name
    if len(args) in (1, 2):
        return (default_graph, *args) if len(args) == 1 else args
    raise ArgumentError("give a QUERY or --name NAME (kg query --list shows the shipped queries)"
                        if not args else "expected [GRAPH] [QUERY]")


def prepare_query(query: str, params: Iterable[str]) -> tuple[str, dict[str, str]]:
    """(SPARQL text, parameter values) of a query and `KEY=VALUE` strings; every parameter it needs is given."""
    values = parse_params(params)
    sparql, required = resolve_query(query)
    missing = [p for p in required if p not in values]
    if missing:
        raise ArgumentError("this query needs " + " ".join(f"--param {p}=…" for p in missing))
    return sparql, values


def resolve_query(query: str) -> tuple[str, tuple[str, ...]]:
    """(SPARQL text, required parameters) of a shipped query's name, a `.rq` file, or SPARQL text."""
    shipped = named_queries()
    if query in shipped:
        return shipped[query].text, shipped[query].params
    if query.endswith(".rq"):
        try:
            return Path(query).read_text(encoding="utf-8"), ()
        except OSError as exc:
            raise KgError(f"cannot read query file {query}: {exc.strerror}") from None
    return query, ()


def parse_params(params: Iterable[str]) -> dict[str, str]:
    """`KEY=VALUE` strings as {KEY: VALUE} (a leading `?` or `$` of KEY dropped); `ArgumentError` names a bad one."""
    values = {}
    for param in params:
        key, sep, value = param.partition("=")
        if not sep or not key:
            raise ArgumentError(f"--param: expected KEY=VALUE, got {param!r}")
        values[key.lstrip("?$")] = value
    return values


def param_term(value: str) -> Term:
    """A parameter as a literal: `YYYY-MM-DD` an xsd:date, digits an xsd:integer, else a string."""
    if DATE.match(value):
        return Term("literal", value, XSD + "date")
    if INTEGER.match(value):
        return Term("literal", value, XSD + "integer")
    return Term("literal", value, XSD + "string")


def sparql_literal(term: Term) -> str:
    """A literal in SPARQL syntax, quotes and line breaks escaped.

    >>> print(sparql_literal(Term("literal", 'say "hi"', XSD + "string")))
    "say \\"hi\\""^^<http://www.w3.org/2001/XMLSchema#string>
    """
    escaped = (term.value.replace("\\", "\\\\").replace('"', '\\"')
               .replace("\n", "\\n").replace("\r", "\\r"))
    return f'"{escaped}"^^<{term.datatype}>'


def substitute(query: str, params: dict[str, str]) -> str:
    """The query with each parameter variable (`?name`, `$name`) replaced by its literal.

    Done on the text, the same for every engine, so a parameter means the same
    thing everywhere (a pre-bound variable, not a VALUES join after the fact).
    """
    for name, value in params.items():
        literal = sparql_literal(param_term(value))
        query = re.sub(rf"[?$]{re.escape(name)}\b", lambda _: literal, query)
    return query


def with_prologue(query: str, params: dict[str, str] | None = None) -> str:
    """The query with its parameters substituted and the usual prefixes declared, for an
    engine that takes no prefixes beside it (an endpoint, the `oxigraph` command)."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in NAMESPACES.items()) + substitute(query, params or {})


def run_query(graph_path: str | Path, query: str, params: dict[str, str] | None = None,
              engine: str = "oxigraph", note: Callable[[str], None] = lambda _: None,
              ) -> tuple[list[str], list[list[Term | None]]]:
    """Run SPARQL SELECT on a Turtle file; returns (variable names, rows)."""
    return load_graph(graph_path, engine, note).select(query, params)


def load_graph(graph_path: str | Path, engine: str = "oxigraph", note: Callable[[str], None] = lambda _: None,
               ) -> "StoredGraph | OxigraphGraph | RdflibGraph":
    """A Turtle file ready for queries.

    On Oxigraph, a build's graph.ttl is queried in its store on disk (`kg.store`: loaded
    once per build, `note` says when), any other file, or a build in a folder kg may not
    write, in memory; rdflib always loads the file in memory.
    """
    path = Path(graph_path)
    if not path.is_file():
        raise KgError(f"{path}: no such graph file (run `kg build` first)")
    if engine == "oxigraph" and path.name == "graph.ttl":
        if os.access(path.parent, os.W_OK) or (path.parent / STORE_FOLDER).is_dir():
            return StoredGraph(path.parent, note)
        note(f"{path.parent} is not writable, so no store is kept there: loading {path} in memory")
    return {"oxigraph": OxigraphGraph, "rdflib": RdflibGraph}[engine](path)


class StoredGraph:
    """A build's graph.ttl in its Oxigraph store on disk, opened read-only for each query."""

    def __init__(self, exports: Path, note: Callable[[str], None] = lambda _: None):
        self.exports, self.note = exports, note

    def select(self, query: str, params: dict[str, str] | None = None):
        return on_store(self.exports, lambda store: oxigraph_select(store, query, params), self.note)

    def explain(self, query: str, params: dict[str, str] | None = None) -> str:
        """How Oxigraph evaluates the query, with statistics (`kg query --explain`)."""
        return explain(self.exports, with_prologue(query, params))


class OxigraphGraph:
    """A Turtle file in an in-memory Oxigraph store."""

    def __init__(self, path: Path):
        import pyoxigraph as ox

        self.store = ox.Store()
        try:
            self.store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
        except (SyntaxError, ValueError, OSError) as exc:
            raise KgError(f"{path}: not readable Turtle: {exc}") from None

    def select(self, query: str, params: dict[str, str] | None = None):
        return oxigraph_select(self.store, query, params)


def oxigraph_select(store, query: str, params: dict[str, str] | None = None):
    """(variables, rows of `Term`s) of a SELECT query on a pyoxigraph store."""
    import pyoxigraph as ox

    try:
        result = store.query(substitute(query, params or {}), prefixes=NAMESPACES)
    except SyntaxError as exc:
        raise KgError(f"invalid SPARQL: {exc}") from None
    if not isinstance(result, ox.QuerySolutions):
        raise KgError("only SELECT queries are supported")
    variables = [v.value for v in result.variables]

    def term(t) -> Term | None:
        if t is None:
            return None
        if isinstance(t, ox.NamedNode):
            return Term("uri", t.value)
        if isinstance(t, ox.BlankNode):
            return Term("bnode", t.value)
        if t.language:
            return Term("literal", t.value, None, t.language)
        return Term("literal", t.value, t.datatype.value)

    return variables, [[term(solution[v]) for v in variables] for solution in result]


class RdflibGraph:
    """A Turtle file in an rdflib `Graph`, queried by rdflib's SPARQL engine."""

    def __init__(self, path: Path):
        from rdflib import Graph

        self.graph = Graph()
        try:
            self.graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises many kinds for bad Turtle
            raise KgError(f"{path}: not readable Turtle: {exc}") from None

    def select(self, query: str, params: dict[str, str] | None = None):
        from rdflib import BNode, URIRef
        from rdflib.plugins.sparql import prepareQuery

        try:
            prepared = prepareQuery(substitute(query, params or {}), initNs=NAMESPACES)
        except Exception as exc:
            raise KgError(f"invalid SPARQL: {exc}") from None
        if prepared.algebra.name != "SelectQuery":
            raise KgError("only SELECT queries are supported")
        result = self.graph.query(prepared)
        variables = [str(v) for v in result.vars]

        def term(t) -> Term | None:
            if t is None:
                return None
            if isinstance(t, URIRef):
                return Term("uri", str(t))
            if isinstance(t, BNode):
                return Term("bnode", str(t))
            if t.language:
                return Term("literal", str(t), None, t.language)
            return Term("literal", str(t), str(t.datatype) if t.datatype else XSD + "string")

        return variables, [[term(t) for t in row] for row in result]


def as_text(term: Term | None) -> str:
    return "" if term is None else term.value


def format_table(variables: list[str], rows: list[list]) -> str:
    """An aligned plain-text table with a header line and a row count."""
    cells = [[as_text(t).replace("\n", " ") for t in row] for row in rows]
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
    def binding(t: Term) -> dict:
        out = {"type": t.kind, "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype and t.datatype != XSD + "string":
            out["datatype"] = t.datatype
        return out
    bindings = [{v: binding(t) for v, t in zip(variables, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=2)
