"""A build in a remote triple store: SPARQL 1.1 Protocol queries and Graph Store Protocol uploads.

Only the standard protocols, so any store takes the graph unchanged (Oxigraph,
Fuseki, GraphDB, Virtuoso, QLever's SPARQL endpoint), over urllib alone:

- `EndpointGraph(url).select(query, params)` answers like `kg.query`'s local
  engines, rows of `Term`s parsed from SPARQL 1.1 Query Results JSON;
- `push(plan_push(graph_file, store_url, query_url, graph_iri), auth)` replaces
  one named graph with the build: the first chunk of N-Triples is `PUT`, the
  others `POST`ed, then a `COUNT` query must find exactly the local number of triples.

Transient failures (connection reset, timeouts, HTTP 5xx, 408, 429) are retried
with exponential backoff; anything else is a `KgError` with a one-line message.
Credentials go into `Authorization` headers only, never into messages.
"""

from __future__ import annotations

import functools
import http.client
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .errors import KgError
from .query import XSD, Term, with_prologue

__all__ = ["Auth", "auth_from_env", "EndpointGraph", "PushPlan", "push", "plan_push", "guess_query_url", "remote_count",
           "CHUNK_TRIPLES", "RETRIES"]

CHUNK_TRIPLES = 200_000
RETRIES = 4
TIMEOUT = 300
NTRIPLES = "application/n-triples"
RESULTS_JSON = "application/sparql-results+json"
TRANSIENT_STATUS = {408, 429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Auth:
    """HTTP credentials: a user and password (Basic, or Digest when the server asks) or a bearer token."""

    user: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)

    def headers(self) -> dict[str, str]:
        """The bearer token's header; a user and password answer the server's challenge instead."""
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}


def auth_from_env() -> Auth | None:
    """Credentials from KG_PUSH_TOKEN, or KG_PUSH_USER and KG_PUSH_PASSWORD; None when unset."""
    import os

    token, user = os.environ.get("KG_PUSH_TOKEN"), os.environ.get("KG_PUSH_USER")
    if token or user:
        return Auth(user if not token else None, os.environ.get("KG_PUSH_PASSWORD"), token)
    return None


class RememberedDigest(urllib.request.HTTPDigestAuthHandler):
    """Digest that, once challenged, answers every later request up front (with a fresh nonce count).

    Servers close the connection on a 401 without reading a large body, which the
    client sees as a reset; `push` therefore meets the challenge with an empty
    request first, and the chunks go out already signed.
    """

    challenge: dict | None = None

    def retry_http_digest_auth(self, req, auth):
        self.challenge = urllib.request.parse_keqv_list(
            filter(None, urllib.request.parse_http_list(auth.split(" ", 1)[1])))
        return super().retry_http_digest_auth(req, auth)

    def http_request(self, req):
        if self.challenge and not req.has_header(self.auth_header):
            answer = self.get_authorization(req, self.challenge)
            if answer:
                req.add_unredirected_header(self.auth_header, "Digest " + answer)
        return req

    https_request = http_request


@functools.lru_cache(maxsize=8)
def opener(auth: Auth | None, site: str) -> urllib.request.OpenerDirector:
    """An opener answering the server's Basic or Digest challenge with the user and password.

    Not sent up front: Virtuoso's /sparql-graph-crud-auth answers an unasked-for
    Basic header with a bare 401. Once a Basic challenge succeeded, later
    requests to the same site send it directly.
    """
    if not auth or auth.user is None or auth.token:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithPriorAuth()
    passwords.add_password(None, site, auth.user, auth.password or "", is_authenticated=False)
    return urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(passwords),
                                       RememberedDigest(passwords))


def site_of(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def where(url: str) -> str:
    """scheme://host:port/path of a URL, without query or credentials, for messages."""
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}{':' + str(parts.port) if parts.port else ''}{parts.path}"


def request(method: str, url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
            auth: Auth | None = None, retries: int = RETRIES, sleep: Callable[[float], None] = time.sleep) -> bytes:
    """One HTTP exchange with retries on transient failures; the body of a 2xx answer."""
    all_headers = {**(headers or {}), **(auth.headers() if auth else {})}
    for attempt in range(retries + 1):
        req = urllib.request.Request(url, data=data, method=method, headers=all_headers)
        try:
            with opener(auth, site_of(url)).open(req, timeout=TIMEOUT) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read(2000).decode("utf-8", "replace").strip().splitlines()
            if exc.code in TRANSIENT_STATUS and attempt < retries:
                sleep(0.5 * 2 ** attempt)
                continue
            hint = " (check --user/--password or --token)" if exc.code in (401, 403) else ""
            text = f": {detail[0][:200]}" if detail and exc.code not in (401, 403) else ""
            raise KgError(f"{method} {where(url)} answered {exc.code} {exc.reason}{hint}{text}") from None
        except (urllib.error.URLError, ConnectionError, http.client.HTTPException, socket.timeout) as exc:
            reason = getattr(exc, "reason", exc)
            transient = isinstance(reason, (ConnectionResetError, ConnectionAbortedError, BrokenPipeError,
                                            socket.timeout, http.client.HTTPException, TimeoutError))
            if transient and attempt < retries:
                sleep(0.5 * 2 ** attempt)
                continue
            message = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
            raise KgError(f"cannot {method} {where(url)}: {message}") from None
    raise AssertionError("unreachable")  # pragma: no cover


def json_term(binding: dict | None) -> Term | None:
    """A SPARQL results JSON binding as a `Term` (plain literals are xsd:string, as locally)."""
    if binding is None:
        return None
    kind = binding["type"]
    if kind == "uri":
        return Term("uri", binding["value"])
    if kind == "bnode":
        return Term("bnode", binding["value"])
    if "xml:lang" in binding:
        return Term("literal", binding["value"], None, binding["xml:lang"])
    return Term("literal", binding["value"], binding.get("datatype") or XSD + "string")


class EndpointGraph:
    """A SPARQL 1.1 query endpoint, with the same `select` as the local engines of `kg.query`.

    `default_graph` is sent as the protocol's `default-graph-uri`, so queries
    written for graph.ttl see the named graph `kg push` filled.
    """

    def __init__(self, url: str, default_graph: str | None = None, auth: Auth | None = None,
                 retries: int = RETRIES):
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise KgError(f"{url}: not an http(s) SPARQL endpoint URL")
        self.url, self.default_graph, self.auth, self.retries = url, default_graph, auth, retries

    def select(self, query: str, params: dict[str, str] | None = None):
        form = [("query", with_prologue(query, params))]
        if self.default_graph:
            form.append(("default-graph-uri", self.default_graph))
        body = request("POST", self.url, urllib.parse.urlencode(form).encode(),
                       {"Content-Type": "application/x-www-form-urlencoded", "Accept": RESULTS_JSON},
                       self.auth, self.retries)
        try:
            results = json.loads(body)
        except ValueError:
            raise KgError(f"{where(self.url)} did not answer with SPARQL results JSON") from None
        if "results" not in results:
            raise KgError("only SELECT queries are supported")
        variables = results["head"].get("vars", [])
        return variables, [[json_term(row.get(v)) for v in variables] for row in results["results"]["bindings"]]


def guess_query_url(store_url: str) -> str | None:
    """The query endpoint beside a Graph Store endpoint, for the stores whose layout is known.

    >>> guess_query_url("http://localhost:7878/store")  # Oxigraph
    'http://localhost:7878/query'
    >>> guess_query_url("http://localhost:3030/kg/data")  # Fuseki
    'http://localhost:3030/kg/query'
    >>> guess_query_url("http://localhost:8890/sparql-graph-crud-auth")  # Virtuoso
    'http://localhost:8890/sparql'
    """
    parts = urllib.parse.urlsplit(store_url)
    path = parts.path.rstrip("/")
    for suffix, replacement in (("/store", "/query"), ("/data", "/query"), ("/sparql-graph-crud-auth", "/sparql"),
                                ("/sparql-graph-crud", "/sparql"), ("/rdf-graphs/service", "")):
        if path.endswith(suffix):
            return urllib.parse.urlunsplit(parts._replace(path=path[: -len(suffix)] + replacement, query=""))
    return None


def chunks(graph_file: Path, size: int) -> Iterator[tuple[int, bytes]]:
    """(triples, N-Triples bytes) of at most `size` triples each, streamed from a Turtle file.

    graph.ttl has no blank nodes, so cutting it anywhere keeps every triple's meaning.
    """
    import pyoxigraph as ox

    batch = []
    try:
        for triple in ox.parse(path=str(graph_file), format=ox.RdfFormat.TURTLE):
            batch.append(triple)
            if len(batch) == size:
                yield len(batch), ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES)
                batch = []
    except (SyntaxError, ValueError, OSError) as exc:
        raise KgError(f"{graph_file}: not readable Turtle: {exc}") from None
    if batch:
        yield len(batch), ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES)


def graph_url(store_url: str, graph_iri: str) -> str:
    """The Graph Store Protocol URL of one named graph (`?graph=IRI`, indirect identification)."""
    joiner = "&" if urllib.parse.urlsplit(store_url).query else "?"
    return store_url + joiner + urllib.parse.urlencode({"graph": graph_iri})


def remote_count(query_url: str, graph_iri: str, auth: Auth | None = None, retries: int = RETRIES) -> int:
    """How many triples the named graph holds, by a SPARQL COUNT."""
    _, rows = EndpointGraph(query_url, auth=auth, retries=retries).select(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}")
    try:
        return int(rows[0][0].value)
    except (IndexError, AttributeError, TypeError, ValueError):
        raise KgError(f"{where(query_url)} gave no triple count") from None


@dataclass
class PushPlan:
    """What `push` sends: triples and chunk sizes, and where."""

    graph_file: Path
    store_url: str
    query_url: str
    graph_iri: str
    chunk_triples: int
    triples: int = 0
    chunks: list[int] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        """What a push did, in one line."""
        rate = self.triples / self.seconds if self.seconds else 0
        return (f"pushed {self.triples:,} triples into <{self.graph_iri}> in {len(self.chunks)} chunk(s), "
                f"{self.seconds:.1f}s ({rate:,.0f} triples/s); {self.query_url} counts {self.triples:,}")

    def dry_run_lines(self) -> Iterator[str]:
        """What a push would do, a line per request."""
        yield f"would replace <{self.graph_iri}> at {self.store_url} with {self.graph_file}:"
        for number, triples in enumerate(self.chunks, 1):
            yield f"  chunk {number}: {'PUT' if number == 1 else 'POST'} {triples:,} triples"
        yield f"then check SELECT (COUNT(*) AS ?n) at {self.query_url} equals {self.triples:,}"


def plan_push(graph_file: Path, store_url: str, query_url: str | None, graph_iri: str,
              chunk_triples: int = CHUNK_TRIPLES) -> PushPlan:
    graph_file = Path(graph_file)
    if not graph_file.is_file():
        raise KgError(f"{graph_file}: no such graph file (run `kg build` first)")
    if urllib.parse.urlsplit(store_url).scheme not in ("http", "https"):
        raise KgError(f"{store_url}: not an http(s) Graph Store endpoint URL")
    query_url = query_url or guess_query_url(store_url)
    if not query_url:
        raise KgError(f"cannot tell the SPARQL query URL beside {where(store_url)}: give --query-url")
    return PushPlan(graph_file, store_url, query_url, graph_iri, chunk_triples)


def push(plan: PushPlan, auth: Auth | None = None, retries: int = RETRIES, dry_run: bool = False,
         progress: Callable[[int, int], None] = lambda chunk, triples: None) -> PushPlan:
    """Replace the named graph `plan.graph_iri` with the build, then check the remote count equals the local one."""
    started = time.perf_counter()
    target = graph_url(plan.store_url, plan.graph_iri)
    if auth and auth.user is not None and not dry_run:
        # Meet the server's Basic or Digest challenge with nothing to add, not with a chunk.
        request("POST", target, b"", {"Content-Type": NTRIPLES}, auth, retries)
    for number, (triples, data) in enumerate(chunks(plan.graph_file, plan.chunk_triples)):
        if not dry_run:
            request("PUT" if number == 0 else "POST", target, data, {"Content-Type": NTRIPLES}, auth, retries)
        plan.triples += triples
        plan.chunks.append(triples)
        progress(number + 1, plan.triples)
    if not plan.chunks and not dry_run:  # an empty build still empties the graph
        request("PUT", target, b"", {"Content-Type": NTRIPLES}, auth, retries)
    if not dry_run:
        found = remote_count(plan.query_url, plan.graph_iri, auth, retries)
        if found != plan.triples:
            raise KgError(f"{where(plan.query_url)} counts {found:,} triples in <{plan.graph_iri}>, "
                          f"the build has {plan.triples:,}")
    plan.seconds = time.perf_counter() - started
    return plan
