"""The `kg` command: a thin layer over the pipeline that turns errors into messages."""

from __future__ import annotations

import contextlib
import functools
import sys
from pathlib import Path
from typing import Iterator

import click

from . import __version__
from .errors import ArgumentError, KgError
from .namespaces import DEFAULT_BASE
from .query import (ENGINES, StoredGraph, format_csv, format_json, format_table, graph_and_query, load_graph,
                    named_queries_table, prepare_query)
from .runtime import run_then_exit
from .settings import (HTML_MAX_LINKS, HTML_MAX_NODES, MAX_COAUTHORS, MIN_AUTHOR_PAPERS, MIN_PAPERS, PER_PAPER,
                       BuildSettings, ExportSettings)

# The stages (networkx, the Korean analyzer, ...) are imported by the commands that run them,
# so that `kg --help` and `kg query` start at once.

DEFAULT_INPUT = "seeds"
DEFAULT_OUT = "exports"


@click.group()
@click.version_option(__version__, prog_name="kg")
def cli():
    """Build a knowledge graph of research-paper digests and query it.

    Example: kg build seeds/ --out exports/
    """


note = functools.partial(click.echo, err=True)  # a line on standard error
INPUT_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
DATE = click.DateTime(["%Y-%m-%d"])

#: Options and arguments that several commands share.
digest_paths = click.argument("paths", nargs=-1, default=(DEFAULT_INPUT,), type=click.Path(exists=True, path_type=Path))
thesaurus_option = click.option(
    "--thesaurus", type=INPUT_FILE, multiple=True, callback=lambda ctx, param, value: value or None,
    help="Topic thesaurus, term<TAB>concept rows over the shipped glossary (an empty concept drops the term). "
         "Repeatable; default: thesaurus.tsv at the top of an input folder.")


def iso_date(ctx, param, value) -> str | None:
    return value.date().isoformat() if value else None


def base_iri_option(ctx, param, value: str) -> str:
    from .iri import InvalidLink, check_base_iri  # its patterns take 12 ms to compile: only when building

    try:
        return check_base_iri(value)
    except InvalidLink as exc:
        raise click.BadParameter(f"{exc} (expected an absolute IRI ending in / or #, "
                                 "e.g. https://example.org/kg/)") from None


BUILD_HELP = """Build the graph from digest files or folders (default: seeds/).

Writes into --out (authors carry degree, weighted degree, betweenness and a
Leiden community; topics a community):

\b
{exports}

Input problems do not stop the build: a file that is not a digest, a paper
without an arXiv URL or date, a link that cannot be an IRI are skipped, each
a warning with file:line (docs/format.md). With --strict a warning fails the
build. A failed build leaves the previous exports untouched. Parsed files and
analyses are kept in OUT/.kg-cache/ for the next build.

Example: kg build seeds/ --out exports/
"""


class BuildCommand(click.Command):
    """`kg build`, whose help lists the export files: read from the export table only when shown."""

    def format_help_text(self, ctx, formatter):
        from .export import exports_help

        self.help = BUILD_HELP.replace("{exports}", exports_help())
        super().format_help_text(ctx, formatter)


@cli.command(cls=BuildCommand, help=BUILD_HELP)
@digest_paths
@click.option("--out", "out_dir", default=DEFAULT_OUT, show_default=True, type=click.Path(path_type=Path),
              help="Folder the exports are written to.")
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True, callback=base_iri_option,
              help="Namespace of the IRIs minted in graph.ttl (papers, authors, dates, topics).")
@click.option("--max-coauthors", default=MAX_COAUTHORS, show_default=True, type=click.IntRange(min=0),
              help="Papers with more authors add no co-author edges (as in VOSviewer); 0: no limit.")
@click.option("--topics-per-paper", default=PER_PAPER, show_default=True, type=click.IntRange(min=0),
              help="Topic concepts kept per paper, best first.")
@click.option("--min-topic-papers", default=MIN_PAPERS, show_default=True, type=click.IntRange(min=1),
              help="A topic not in any title needs this many papers to become a node.")
@click.option("--min-papers", default=MIN_AUTHOR_PAPERS, show_default=True, type=click.IntRange(min=1),
              help="Authors with fewer papers are left out of the co-author views (coauthors.*), "
                   "as VOSviewer's threshold; their metrics stay those of the whole network.")
@click.option("--html-max-nodes", default=HTML_MAX_NODES, show_default=True, type=click.IntRange(min=0),
              help="coauthors.html and topics.html show at most this many authors or topics, those with most papers (0: all).")
@click.option("--html-max-links", default=HTML_MAX_LINKS, show_default=True, type=click.IntRange(min=0),
              help="coauthors.html draws the strongest links, an author's all once selected (0: all).")
@click.option("--since", type=DATE, callback=iso_date, help="coauthors.html shows papers featured from this date.")
@click.option("--until", type=DATE, callback=iso_date, help="coauthors.html shows papers featured up to this date.")
@click.option("--aliases", type=INPUT_FILE, multiple=True, callback=lambda ctx, param, value: value or None,
              help="Author aliases CSV (`kg aliases suggest`): rows marked merge become one author. "
                   "Repeatable; default: aliases.csv at the top of an input folder.")
@thesaurus_option
@click.option("--strict", is_flag=True, help="Exit with status 1, writing nothing, if the input has any warning.")
@click.option("-q", "--quiet", is_flag=True, help="Print only warnings and errors.")
def build(paths, out_dir, min_papers, html_max_nodes, html_max_links, since, until, quiet, **options):
    from .builder import TextProgress
    from .builder import build as build_exports

    settings = BuildSettings(**options, exports=ExportSettings(min_papers, html_max_nodes, since, until, html_max_links))
    with kg_errors():
        report = build_exports(paths, out_dir, settings,
                               TextProgress(sys.stderr, quiet))
    if not quiet:
        click.echo("\n".join(report.summary()))


@contextlib.contextmanager
def kg_errors() -> Iterator[None]:
    """A `KgError` becomes click's one-line `Error: …` and exit status 1."""
    try:
        yield
    except ArgumentError as exc:
        raise click.UsageError(str(exc)) from None
    except KgError as exc:
        raise click.ClickException(str(exc)) from None


@cli.command()
@click.argument("args", nargs=-1, metavar="[GRAPH] [QUERY]")
@click.option("-n", "--name", help="Run the shipped query NAME (see --list).")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Set a query variable: YYYY-MM-DD is an xsd:date, digits an xsd:integer, "
                   "anything else a string. Repeatable.")
@click.option("--list", "list_queries", is_flag=True, help="List the shipped queries and their parameters.")
@click.option("--engine", type=click.Choice(ENGINES), default="oxigraph", show_default=True,
              help="SPARQL engine.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="Output: an aligned table, CSV, or SPARQL 1.1 results JSON.")
@click.option("--endpoint", metavar="URL",
              help="Query a SPARQL 1.1 endpoint (e.g. http://localhost:7878/query) instead of a Turtle file.")
@click.option("--default-graph", metavar="IRI",
              help="With --endpoint: the graph queries read by default (the protocol's default-graph-uri), "
                   "e.g. the named graph `kg push` filled.")
@click.option("--explain", is_flag=True,
              help="Also print on standard error how Oxigraph evaluates the query, with statistics.")
def query(args, name, params, list_queries, engine, fmt, endpoint, default_graph, explain):
    """Run a SPARQL SELECT query on a Turtle export.

    GRAPH is a Turtle file (default: exports/graph.ttl); a build's graph.ttl is
    loaded once into an Oxigraph store beside it (.kg-store/, shared with
    `kg serve`) and queried there until the next build. QUERY is a shipped
    query's name, a .rq file, or SPARQL text; the usual prefixes (schema, dcterms,
    foaf, skos, prov, rdf, rdfs, xsd, void, kg) are predeclared. With --endpoint
    URL the query runs on that SPARQL endpoint (credentials from KG_PUSH_USER,
    KG_PUSH_PASSWORD or KG_PUSH_TOKEN), with the same output.

    Example: kg query exports/graph.ttl --name coauthors --param name="Chelsea Finn"
    """
    if list_queries:
        return click.echo("\n".join(named_queries_table()))
    with kg_errors():
        graph, text = graph_and_query(args, name, f"{DEFAULT_OUT}/graph.ttl", endpoint)
        sparql, values = prepare_query(text, params)
        if endpoint:
            from .remote import EndpointGraph, auth_from_env

            variables, rows = EndpointGraph(endpoint, default_graph, auth_from_env()).select(sparql, values)
        else:
            loaded = load_graph(graph, engine, note)
            if explain:
                if not isinstance(loaded, StoredGraph):
                    raise ArgumentError("--explain needs the oxigraph engine on a build's graph.ttl")
                note(loaded.explain(sparql, values).rstrip())
            variables, rows = loaded.select(sparql, values)
    click.echo({"table": format_table, "csv": format_csv, "json": format_json}[fmt](variables, rows))


@cli.command()
@digest_paths
@click.option("-n", "--limit", default=30, show_default=True, help="How many concepts to print.")
@thesaurus_option
def topics(paths, limit, thesaurus):
    """Print the topic concepts found in digests (default: seeds/), most papers first.

    Each line: papers, the preferred label, and the other labels (acronyms,
    Korean terms) that the input's glosses and the thesaurus tied to it.

    Example: kg topics seeds/ --limit 20
    """
    from .builder import topics_of_paths

    with kg_errors():
        found, papers = topics_of_paths(paths, thesaurus)
    click.echo(f"{len(found.concepts)} concepts in {papers} papers, {found.bilingual()} with English and Korean labels")
    click.echo("\n".join(found.table(limit)))
    click.echo(found.artifacts_line(limit))


@cli.group()
def aliases():
    """Author names that are probably one person: suggest, review, then build.

    Example: kg aliases suggest seeds/ --out seeds/aliases.csv
    """


@aliases.command("suggest")
@digest_paths
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the CSV here instead of to standard output.")
def aliases_suggest(paths, out):
    """Suggest author aliases in digests (default: seeds/) as a CSV to review.

    Columns: canonical,variant,score,evidence,decision. Evidence names what differs
    and how many co-authors the names share; safe classes come marked `merge`, the
    rest are yours to mark merge or split. `kg build` applies the file (--aliases,
    or aliases.csv at the top of an input folder).

    Example: kg aliases suggest seeds/ --out seeds/aliases.csv
    """
    from .aliases import generate_aliases, suggest_aliases
    from .pipeline import load_corpus

    corpus = load_corpus(paths)
    found = suggest_aliases(corpus)
    text = generate_aliases(found)
    if out:
        out.write_text(text, encoding="utf-8")
        merge = sum(1 for s in found if s.decision == "merge")
        note(f"wrote {out}: {len(found):,} suggestion(s), {merge:,} marked merge, {len(found) - merge:,} to decide")
    else:
        click.echo(text, nl=False)


from .cli_publish import news, push, serve  # noqa: E402 - they use the helpers above

for command in (news, serve, push):
    cli.add_command(command)


def main() -> None:
    """The `kg` command (`cli`), ended by `kg.runtime.run_then_exit`."""
    run_then_exit(lambda: cli(prog_name="kg"))
