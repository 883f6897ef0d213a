"""The `kg` command: a thin layer over the pipeline that turns errors into messages."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Iterator

import click

from . import __version__
from .aliases import generate_aliases, suggest_aliases
from .build import BuildSettings, ExportSettings, Progress
from .build import build as build_exports
from .errors import KgError
from .export import exports_help
from .export.html import HTML_MAX_NODES
from .graph import MAX_COAUTHORS, MIN_AUTHOR_PAPERS
from .iri import InvalidLink, check_base_iri
from .namespaces import DEFAULT_BASE
from .pipeline import THESAURUS_FILE, files_at_top, load_corpus
from .runtime import run_then_exit
from .query import (ENGINES, format_csv, format_json, format_table, named_queries, parse_params, resolve_query,
                    run_query)
from .topics import MIN_PAPERS, PER_PAPER, extract_topics, load_thesaurus

DEFAULT_INPUT = "seeds"
DEFAULT_OUT = "exports"
DEFAULT_GRAPH = "exports/graph.ttl"


@click.group()
@click.version_option(__version__, prog_name="kg")
def cli():
    """Build a knowledge graph of research-paper digests and query it.

    Example: kg build seeds/ --out exports/
    """


def note(message: str) -> None:
    click.echo(message, err=True)


#: Options and arguments that several commands share.
digest_paths = click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))


def thesaurus_option(help: str):
    return click.option("--thesaurus", "thesaurus_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                        help=help)


def base_iri_option(ctx, param, value: str) -> str:
    try:
        return check_base_iri(value)
    except InvalidLink as exc:
        raise click.BadParameter(f"{exc} (expected an absolute IRI ending in / or #, "
                                 "e.g. https://example.org/kg/)") from None


BUILD_HELP = f"""Build the graph from digest files or folders (default: seeds/).

Writes into --out (authors carry degree, weighted degree, betweenness and a
Leiden community; topics a community):

\b
{exports_help()}

Input problems do not stop the build: a file that is not a digest (not UTF-8,
binary, empty, no `## Daily Papers (YYYY-MM-DD)` header) is skipped, and so is
a paper whose heading has no arXiv URL or whose header date is invalid, and a
link that cannot be an IRI; each is reported as a warning with file:line.
With --strict any warning makes the build fail (exit status 1) and the
previous exports are left untouched, as they are whenever a build fails.

Parsed files and analysed summaries are kept in DIR/.kg-cache/, so a build
after adding a digest re-reads only what changed; the exports are the same
as without it.

Example: kg build seeds/ --out exports/
"""


@cli.command(help=BUILD_HELP)
@digest_paths
@click.option("--out", "out_dir", default=DEFAULT_OUT, show_default=True, type=click.Path(path_type=Path),
              help="Folder the exports are written to.")
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True, callback=base_iri_option,
              help="Namespace of the IRIs minted in graph.ttl (papers, authors, dates, topics).")
@click.option("--max-coauthors", default=MAX_COAUTHORS, show_default=True, type=click.IntRange(min=0),
              help="Papers with more authors keep their authorships but add no co-author edges "
                   "(as VOSviewer does); 0: no limit.")
@click.option("--topics-per-paper", default=PER_PAPER, show_default=True, type=click.IntRange(min=0),
              help="Topic concepts kept per paper, best first.")
@click.option("--min-topic-papers", default=MIN_PAPERS, show_default=True, type=click.IntRange(min=1),
              help="A topic not in any title needs this many papers to become a node.")
@click.option("--min-papers", default=MIN_AUTHOR_PAPERS, show_default=True, type=click.IntRange(min=1),
              help="Authors with fewer papers are left out of the co-author views: coauthors.graphml, "
                   "coauthors.gexf, coauthors.html (as VOSviewer's threshold); their metrics stay those "
                   "of the whole network.")
@click.option("--html-max-nodes", default=HTML_MAX_NODES, show_default=True, type=click.IntRange(min=0),
              help="coauthors.html shows at most this many authors, those with most papers (0: all).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="coauthors.html shows papers featured on or after this date.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="coauthors.html shows papers featured on or before this date.")
@click.option("--aliases", "aliases_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Author aliases CSV (from `kg aliases suggest`): rows marked merge become one author. "
                   "Default: aliases.csv at the top of an input folder, if there is one.")
@thesaurus_option("Topic thesaurus, tab-separated term<TAB>concept rows, applied over the shipped glossary "
                  "(an empty concept drops the term). Default: thesaurus.tsv at the top of an input folder, "
                  "if there is one.")
@click.option("--strict", is_flag=True, help="Exit with status 1, writing nothing, if the input has any warning.")
@click.option("-q", "--quiet", is_flag=True, help="Print only warnings and errors.")
def build(paths, out_dir, base_iri, max_coauthors, topics_per_paper, min_topic_papers, min_papers, html_max_nodes,
          since, until, strict, quiet, aliases_file=None, thesaurus_file=None):
    settings = BuildSettings(
        base_iri=base_iri, max_coauthors=max_coauthors, topics_per_paper=topics_per_paper,
        min_topic_papers=min_topic_papers, strict=strict,
        aliases=(aliases_file,) if aliases_file else None, thesaurus=(thesaurus_file,) if thesaurus_file else None,
        exports=ExportSettings(min_papers=min_papers, html_max_nodes=html_max_nodes,
                               since=since.date().isoformat() if since else None,
                               until=until.date().isoformat() if until else None))
    with kg_errors():
        report = build_exports(paths or (Path(DEFAULT_INPUT),), out_dir, settings,
                               BuildProgress() if not quiet else QuietProgress())
    if not quiet:
        click.echo("\n".join(report.summary()))


class QuietProgress(Progress):
    """Warnings only."""

    def warning(self, warning) -> None:
        note(f"warning: {warning}")


class BuildProgress(QuietProgress):
    """A file counter on a terminal (a line every 100 files otherwise), each stage and export."""

    def files(self, done: int, total: int) -> None:
        if sys.stderr.isatty():
            click.echo(f"\rreading digests {done}/{total}", err=True, nl=done == total)
        elif done % 100 == 0 or done == total and total >= 100:
            note(f"read {done}/{total} files")

    def stage(self, message: str) -> None:
        note(message)


@contextlib.contextmanager
def kg_errors() -> Iterator[None]:
    """A `KgError` becomes click's one-line `Error: …` and exit status 1."""
    try:
        yield
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
def query(args, name, params, list_queries, engine, fmt, endpoint, default_graph):
    """Run a SPARQL SELECT query on a Turtle export.

    GRAPH is a Turtle file (default: exports/graph.ttl). QUERY is a shipped
    query's name, a .rq file, or SPARQL text; the usual prefixes (schema, dcterms,
    foaf, skos, prov, rdf, rdfs, xsd, void, kg) are predeclared. With --endpoint
    URL the query runs on that SPARQL endpoint (credentials from KG_PUSH_USER,
    KG_PUSH_PASSWORD or KG_PUSH_TOKEN), with the same output.

    Example: kg query exports/graph.ttl --name coauthors --param name="Chelsea Finn"
    """
    if list_queries:
        for q in named_queries().values():
            params_text = " ".join(f"{p}=…" for p in q.params)
            click.echo(f"{q.name:<24} {params_text:<12} {q.description}")
        return
    if endpoint and (len(args) > 1 or name and args):
        raise click.UsageError("with --endpoint, give a QUERY or --name NAME but no GRAPH")
    graph, text = query_arguments(args, name)
    if name and name not in named_queries():
        raise click.UsageError(f"no shipped query {name!r} (kg query --list shows them)")
    try:
        values = parse_params(params)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--param") from None
    with kg_errors():
        sparql, required = resolve_query(text)
        missing = [p for p in required if p not in values]
        if missing:
            raise click.UsageError("this query needs " + " ".join(f"--param {p}=…" for p in missing))
        if endpoint:
            from .remote import EndpointGraph, auth_from_env

            variables, rows = EndpointGraph(endpoint, default_graph, auth_from_env()).select(sparql, values)
        else:
            variables, rows = run_query(graph, sparql, values, engine=engine)
    formatter = {"table": format_table, "csv": format_csv, "json": format_json}[fmt]
    click.echo(formatter(variables, rows))


@cli.command()
@digest_paths
@click.option("-n", "--limit", default=30, show_default=True, help="How many concepts to print.")
@thesaurus_option("Topic thesaurus (term<TAB>concept rows) over the shipped glossary, as for `kg build`.")
def topics(paths, limit, thesaurus_file=None):
    """Print the topic concepts found in digests (default: seeds/), most papers first.

    Each line: papers, the preferred label, and the other labels (acronyms,
    Korean terms) that the input's glosses and the thesaurus tied to it.

    Example: kg topics seeds/ --limit 20
    """
    paths = paths or (Path(DEFAULT_INPUT),)
    corpus = load_corpus(paths)
    with kg_errors():
        thesaurus = load_thesaurus([thesaurus_file] if thesaurus_file else files_at_top(paths, THESAURUS_FILE))
    found = extract_topics(corpus.papers.values(), thesaurus=thesaurus)
    click.echo(f"{len(found.concepts)} concepts in {len(corpus.papers)} papers, "
               f"{found.bilingual()} with English and Korean labels")
    click.echo("\n".join(found.table(limit)))


@cli.command()
@click.argument("exports", default=DEFAULT_OUT, type=click.Path(path_type=Path))
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="TCP port to listen on.")
@click.option("--bind", "host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface).")
def serve(exports, port, host):
    """Serve a build as a read-only SPARQL 1.1 endpoint (the Oxigraph server).

    Loads EXPORTS/graph.ttl (default: exports/) into the default graph of a store
    in EXPORTS/.kg-store/, with void.ttl and ontology.ttl in the named graphs
    BASE/void and BASE/ontology, and reuses that store while the files are
    unchanged. Prints the SPARQL endpoint (/query, SPARQL protocol GET or POST)
    and the query page (/); Ctrl-C stops it.

    Example: kg serve exports/ --port 7878
    """
    from .server import serve as serve_exports

    if not (exports / "graph.ttl").is_file():
        raise click.ClickException(f"{exports}: no graph.ttl there (run `kg build --out {exports}` first)")

    def announce(message: str) -> None:
        click.echo(message)
        sys.stdout.flush()

    with kg_errors():
        serve_exports(exports, host, port, note, announce)
    note("server stopped")


@cli.command()
@click.argument("endpoint")
@click.option("--exports", default=DEFAULT_OUT, show_default=True, type=click.Path(path_type=Path),
              help="The build to push: an exports folder (its graph.ttl) or a Turtle file.")
@click.option("--graph", "graph_iri", metavar="IRI",
              help="The named graph to replace  [default: the build's base IRI + 'graph', "
                   "https://example.org/kg/graph unless built with --base-iri]")
@click.option("--query-url", metavar="URL",
              help="The store's SPARQL query endpoint, for the COUNT check  [default: guessed from ENDPOINT: "
                   ".../store -> .../query (Oxigraph), .../data -> .../query (Fuseki), "
                   "/sparql-graph-crud-auth -> /sparql (Virtuoso)]")
@click.option("--user", envvar="KG_PUSH_USER", help="User name (HTTP Basic, or Digest if asked); env KG_PUSH_USER.")
@click.option("--password", envvar="KG_PUSH_PASSWORD", help="Password; env KG_PUSH_PASSWORD.")
@click.option("--token", envvar="KG_PUSH_TOKEN", help="Bearer token instead of a user; env KG_PUSH_TOKEN.")
@click.option("--chunk-size", default=200_000, show_default=True, type=click.IntRange(min=1),
              help="Triples per request: the first chunk is PUT, the others POSTed.")
@click.option("--retries", default=4, show_default=True, type=click.IntRange(min=0),
              help="Retries, with backoff, of a request that met a transient error (reset, timeout, 5xx).")
@click.option("--dry-run", is_flag=True, help="Print what would be sent, and send nothing.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def push(endpoint, exports, graph_iri, query_url, user, password, token, chunk_size, retries, dry_run, quiet):
    """Upload a build into a triple store (SPARQL 1.1 Graph Store HTTP Protocol).

    ENDPOINT is the store's Graph Store Protocol URL (Oxigraph:
    http://HOST:7878/store, Fuseki: http://HOST:3030/DATASET/data, Virtuoso:
    http://HOST:8890/sparql-graph-crud-auth). The named graph --graph is
    replaced by graph.ttl as N-Triples, in chunks; then a SPARQL COUNT on the
    store must find exactly as many triples as the build has, or the push fails.
    Pushing the same build again leaves the store as it was.

    Credentials come from --user/--password or --token, or from the variables
    KG_PUSH_USER, KG_PUSH_PASSWORD, KG_PUSH_TOKEN; they are never printed.

    Example: kg push http://localhost:7878/store --exports exports/
    """
    from .remote import Auth, plan_push
    from .remote import push as push_build
    from .server import build_base_iri

    graph_file = exports / "graph.ttl" if exports.is_dir() else exports
    if token and user:
        raise click.UsageError("give --user/--password or --token, not both")
    with kg_errors():
        graph_iri = graph_iri or build_base_iri(graph_file.parent) + "graph"
        plan = plan_push(graph_file, endpoint, query_url, graph_iri, chunk_size)
        if dry_run:
            click.echo(f"would replace <{plan.graph_iri}> at {plan.store_url} with {graph_file}:")
        progress = (lambda n, t: None) if quiet else (
            (lambda n, t: click.echo(f"  chunk {n}: {'PUT' if n == 1 else 'POST'} {plan.chunks[-1]:,} triples"))
            if dry_run else (lambda n, t: note(f"chunk {n}: {t:,} triples sent")))
        push_build(plan, Auth(user, password, token) if (user or token) else None, retries, dry_run, progress)
    if dry_run:
        click.echo(f"then check SELECT (COUNT(*) AS ?n) at {plan.query_url} equals {plan.triples:,}")
    elif not quiet:
        rate = plan.triples / plan.seconds if plan.seconds else 0
        click.echo(f"pushed {plan.triples:,} triples into <{plan.graph_iri}> in {len(plan.chunks)} chunk(s), "
                   f"{plan.seconds:.1f}s ({rate:,.0f} triples/s); {plan.query_url} counts {plan.triples:,}")


def query_arguments(args: tuple[str, ...], name: str | None) -> tuple[str, str]:
    """(graph file, query) from `[GRAPH] [QUERY]` or `[GRAPH] --name NAME`."""
    if name:
        if len(args) > 1:
            raise click.UsageError("with --name, give at most a GRAPH")
        return (args[0] if args else DEFAULT_GRAPH), name
    if len(args) == 2:
        return args[0], args[1]
    if len(args) == 1:
        return DEFAULT_GRAPH, args[0]
    raise click.UsageError("give a QUERY or --name NAME (kg query --list shows the shipped queries)"
                           if not args else "expected [GRAPH] [QUERY]")


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

    Columns: canonical,variant,score,evidence,decision. Evidence names what
    differs (accents, punctuation, initials, quotes, spacing, umlaut, order) and
    how many co-authors the two names share (coauthors=N). Safe classes come
    with decision `merge`; umlauts (Lü/Lu) and word order (Wei Yang/Yang Wei,
    only suggested with shared co-authors) are left empty for you to decide:
    write merge or split. `kg build` applies the file given by --aliases, or
    aliases.csv at the top of an input folder.

    Example: kg aliases suggest seeds/ --out seeds/aliases.csv
    """
    corpus = load_corpus(paths or (Path(DEFAULT_INPUT),))
    found = suggest_aliases(corpus)
    text = generate_aliases(found)
    if out:
        out.write_text(text, encoding="utf-8")
        merge = sum(1 for s in found if s.decision == "merge")
        note(f"wrote {out}: {len(found):,} suggestion(s), {merge:,} marked merge, {len(found) - merge:,} to decide")
    else:
        click.echo(text, nl=False)


def main() -> None:
    """The `kg` command (`cli`), ended by `kg.runtime.run_then_exit`."""
    run_then_exit(lambda: cli(prog_name="kg"))
