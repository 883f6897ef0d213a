"""The `kg` command: a thin layer over the pipeline that turns errors into messages."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from . import __version__
from .errors import KgError
from .export import write_exports
from .parse import display_path
from .pipeline import corpus_graph, load_corpus, summarize
from .query import format_csv, format_json, format_table, named_queries, resolve_query, run_query

DEFAULT_INPUT = "seeds"
DEFAULT_OUT = "exports"


@click.group()
@click.version_option(__version__, prog_name="kg")
def cli():
    """Build a knowledge graph of research-paper digests and query it.

    Example: kg build seeds/ --out exports/
    """


def note(message: str) -> None:
    click.echo(message, err=True)


def file_progress():
    """A progress callback: a bar on a terminal, a line every 100 files otherwise."""
    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            click.echo(f"\rreading digests {done}/{total}", err=True, nl=done == total)
        elif done % 100 == 0 or done == total and total >= 100:
            note(f"read {done}/{total} files")
    return progress


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out_dir", default=DEFAULT_OUT, show_default=True, type=click.Path(path_type=Path),
              help="Folder the exports are written to.")
@click.option("--strict", is_flag=True, help="Exit with status 1, writing nothing, if the input has any warning.")
@click.option("-q", "--quiet", is_flag=True, help="Print only warnings and errors.")
def build(paths, out_dir, strict, quiet):
    """Build the graph from digest files or folders (default: seeds/).

    Writes graph.ttl (RDF/Turtle), graph.graphml (everything, for Gephi),
    coauthors.graphml (the co-author network) and coauthors.html (the co-author
    network in a browser, offline) into --out.

    Input problems do not stop the build: a file that is not a digest (not UTF-8,
    binary, empty, no `## Daily Papers (YYYY-MM-DD)` header) is skipped, and so is
    a paper whose heading has no arXiv URL or whose header date is invalid; each
    is reported as a warning with file:line. With --strict any warning makes the
    build fail (exit status 1) and the previous exports are left untouched, as
    they are whenever a build fails.

    Example: kg build seeds/ --out exports/
    """
    paths = paths or (Path(DEFAULT_INPUT),)
    started = time.perf_counter()
    corpus = load_corpus(paths, progress=(lambda i, n: None) if quiet else file_progress())
    for warning in corpus.warnings:
        note(f"warning: {warning}")
    if not corpus.papers:
        raise click.ClickException(f"no papers found in {', '.join(map(str, paths))}; nothing written")
    if strict and corpus.warnings:
        raise click.ClickException(f"{len(corpus.warnings)} warning(s) and --strict: nothing written")
    source = ", ".join(sorted(str(display_path(p)) for p in paths)) + f" ({corpus.files} file{'s' if corpus.files != 1 else ''})"
    G = corpus_graph(corpus, source=source)
    try:
        written = write_exports(G, out_dir, progress=(lambda m: None) if quiet else note)
    except KgError as exc:
        raise click.ClickException(str(exc)) from None
    if not quiet:
        counts = summarize(G)
        width = max(map(len, counts))
        click.echo(f"kg build: {corpus.files} files read in {time.perf_counter() - started:.1f}s")
        for name, value in counts.items():
            click.echo(f"  {name:<{width}}  {value:>8,}")
        click.echo(f"  {'warnings':<{width}}  {len(corpus.warnings):>8,}")
        click.echo("wrote " + ", ".join(str(p) for p in written))


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("query", required=False)
@click.option("--bind", "bindings", multiple=True, metavar="NAME=VALUE",
              help="Bind a query variable (a YYYY-MM-DD value is an xsd:date). Repeatable.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def query(graph, query, bindings, fmt):
    """Run SPARQL on a Turtle export.

    QUERY is the name of a shipped query, a .rq file, or SPARQL text; without it,
    the shipped queries are listed.

    Example: kg query exports/graph.ttl coauthors --bind name="Chelsea Finn"
    """
    if query is None:
        for name, text in named_queries().items():
            first = next((l.lstrip("# ") for l in text.splitlines() if l.startswith("#")), "")
            click.echo(f"{name:<16} {first}")
        return
    values = {}
    for binding in bindings:
        name, sep, value = binding.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"expected NAME=VALUE, got {binding!r}", param_hint="--bind")
        values[name.lstrip("?")] = value
    try:
        variables, rows = run_query(graph, resolve_query(query), values)
    except KgError as exc:
        raise click.ClickException(str(exc)) from None
    formatter = {"table": format_table, "csv": format_csv, "json": format_json}[fmt]
    click.echo(formatter(variables, rows))


def main():  # pragma: no cover
    cli()
