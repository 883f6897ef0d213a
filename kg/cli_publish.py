"""`kg news`, `kg serve` and `kg push`: a build published, as a chat post or as a SPARQL endpoint."""

from __future__ import annotations

from pathlib import Path

import click

from .cli import DATE, DEFAULT_OUT, iso_date, kg_errors, note


@click.command()
@click.argument("exports", default=DEFAULT_OUT, type=click.Path(path_type=Path))
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="TCP port to listen on.")
@click.option("--bind", "host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface).")
def serve(exports, port, host):
    """Serve a build as a read-only SPARQL 1.1 endpoint (the Oxigraph server).

    Loads EXPORTS/graph.ttl (default: exports/) into a store in EXPORTS/.kg-store/
    (void.ttl and ontology.ttl in the named graphs BASE/void and BASE/ontology),
    reused while the files are unchanged. Prints the SPARQL endpoint (/query) and
    the query page (/); Ctrl-C stops it.

    Example: kg serve exports/ --port 7878
    """
    from .server import serve as serve_exports

    with kg_errors():
        serve_exports(exports, host, port, note, click.echo)
    note("server stopped")


@click.command()
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

    ENDPOINT is the store's Graph Store Protocol URL (Oxigraph: http://HOST:7878/store,
    Fuseki: http://HOST:3030/DATASET/data, Virtuoso: http://HOST:8890/sparql-graph-crud-auth).
    The named graph --graph is replaced by graph.ttl, in chunks; then a SPARQL COUNT
    on the store must equal the build's triples. Credentials are never printed.

    Example: kg push http://localhost:7878/store --exports exports/
    """
    from .remote import Auth, plan_push
    from .remote import push as push_build
    from .store import base_iri

    graph_file = exports / "graph.ttl" if exports.is_dir() else exports
    if token and user:
        raise click.UsageError("give --user/--password or --token, not both")
    with kg_errors():
        graph_iri = graph_iri or base_iri(graph_file.parent) + "graph"
        plan = plan_push(graph_file, endpoint, query_url, graph_iri, chunk_size)
        progress = (lambda n, t: None) if quiet or dry_run else (lambda n, t: note(f"chunk {n}: {t:,} triples sent"))
        push_build(plan, Auth(user, password, token) if (user or token) else None, retries, dry_run, progress)
    if dry_run or not quiet:
        click.echo("\n".join(plan.dry_run_lines()) if dry_run else plan.summary())


@click.command()
@click.argument("paths", nargs=-1, default=(DEFAULT_OUT,), type=click.Path(exists=True, path_type=Path),
                metavar="[EXPORTS_OR_PATHS]...")
@click.option("--date", type=DATE, callback=iso_date, help="The date to report  [default: the last]")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True,
              help="Markdown for a chat, or JSON.")
def news(paths, date, fmt):
    """What is new on a date: papers, first-time authors, first collaborations, new topics.

    EXPORTS_OR_PATHS is an exports folder (its graph.graphml; default: exports/) or
    digest files and folders (built first). Markdown is ready to post in a chat.

    Example: kg news exports/ --date 2024-01-24
    """
    from .builder import built_or_read_graph
    from .news import news_json, news_markdown, news_of

    with kg_errors():
        found = news_of(built_or_read_graph(paths), date)
    click.echo(news_json(found) if fmt == "json" else news_markdown(found), nl=False)
