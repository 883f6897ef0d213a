"""`kg push` and `kg query --endpoint` against a real Oxigraph server started on a loopback port."""

from __future__ import annotations

import hashlib
import http.server
import socket
import subprocess
import threading
import time
import urllib.request

import pytest

from conftest import run_kg
from kg.errors import KgError
from kg.query import load_graph, named_queries
from kg.remote import EndpointGraph, remote_count, request
from kg.server import oxigraph_binary
from test_query import PARAMS

GRAPH = "https://example.org/kg/graph"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph():
    """A read-write, in-memory Oxigraph server; yields its base URL."""
    port = free_port()
    server = subprocess.Popen([oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), 0.5).close()
            break
        except OSError:
            assert server.poll() is None and time.monotonic() < deadline, "oxigraph did not start"
            time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(30)


@pytest.fixture(scope="module")
def pushed(oxigraph, built):
    """The seeds' build pushed in chunks of 10,000 triples; returns the push output."""
    result = run_kg("push", f"{oxigraph}/store", "--exports", built, "--chunk-size", "10000")
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def local(built):
    return load_graph(built / "graph.ttl")


def triples_of(graph) -> int:
    return int(graph.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[1][0][0].value)


def test_push_count_equals_the_local_graph(oxigraph, pushed, local):
    triples = triples_of(local)
    assert remote_count(f"{oxigraph}/query", GRAPH) == triples
    assert f"pushed {triples:,} triples into <{GRAPH}> in 4 chunk(s)" in pushed


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_answers_the_same_remotely(oxigraph, pushed, local, name):
    query = named_queries()[name]
    remote = EndpointGraph(f"{oxigraph}/query", default_graph=GRAPH)
    assert remote.select(query.text, PARAMS.get(name, {})) == local.select(query.text, PARAMS.get(name, {}))


def test_query_endpoint_prints_what_the_local_query_prints(oxigraph, pushed, built):
    outputs = {}
    for fmt in ("table", "csv", "json"):
        args = ["--name", "coauthors", "--param", "name=Chelsea Finn", "--format", fmt]
        remote = run_kg("query", "--endpoint", f"{oxigraph}/query", "--default-graph", GRAPH, *args)
        assert remote.exit_code == 0, remote.output
        assert remote.stdout == run_kg("query", built / "graph.ttl", *args).stdout  # stderr may say the store loads
        outputs[fmt] = remote.stdout
    assert outputs["table"].rstrip().endswith("(33 rows)")


def test_second_push_is_idempotent(oxigraph, pushed, built, local):
    for chunk_size in ("200000", "7000"):
        result = run_kg("push", f"{oxigraph}/store", "--exports", built, "--chunk-size", chunk_size, "-q")
        assert result.exit_code == 0 and result.output == "", result.output
        assert remote_count(f"{oxigraph}/query", GRAPH) == triples_of(local)


def test_push_into_another_named_graph_leaves_the_first(oxigraph, pushed, built, local):
    result = run_kg("push", f"{oxigraph}/store", "--exports", built / "graph.ttl", "--graph", "urn:kg:copy", "-q")
    assert result.exit_code == 0, result.output
    assert remote_count(f"{oxigraph}/query", "urn:kg:copy") == remote_count(f"{oxigraph}/query", GRAPH)


def test_dry_run_sends_nothing(built):
    result = run_kg("push", f"http://127.0.0.1:{free_port()}/store", "--exports", built, "--dry-run",
                    "--chunk-size", "20000")
    assert result.exit_code == 0, result.output
    assert "chunk 1: PUT 20,000 triples" in result.output and "chunk 2: POST 14,205 triples" in result.output


def test_push_to_a_closed_port_fails_in_one_line(built):
    port = free_port()
    result = run_kg("push", f"http://127.0.0.1:{port}/store", "--exports", built)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: cannot PUT http://127.0.0.1:{port}/store: Connection refused"]


class Answer(http.server.BaseHTTPRequestHandler):
    """Answers every request with the next status of `statuses` (the last one repeats)."""

    statuses = [401]
    seen: list = []

    def reply(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        type(self).seen.append((self.command, self.headers.get("Authorization")))
        status = self.statuses[min(len(self.seen) - 1, len(self.statuses) - 1)]
        self.send_response(status)
        if status == 401:
            self.send_header("WWW-Authenticate", 'Basic realm="kg"')
        body = b"no" if status >= 400 else b"ok"
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_PUT = do_POST = reply

    def log_message(self, *args):
        pass


@pytest.fixture
def answering():
    """A local http.server answering with given statuses; yields (url, handler class)."""
    servers = []

    def start(statuses):
        handler = type("Handler", (Answer,), {"statuses": statuses, "seen": []})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}", handler
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_push_to_a_401_endpoint_fails_in_one_line_without_the_password(built, answering, monkeypatch):
    url, handler = answering([401])
    monkeypatch.setenv("KG_PUSH_USER", "ann")
    monkeypatch.setenv("KG_PUSH_PASSWORD", "s3cret-pw")
    result = run_kg("push", f"{url}/store", "--exports", built)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: POST {url}/store answered 401 Unauthorized (check --user/--password or --token)"]
    assert "s3cret" not in result.output
    # The challenge was answered with the credentials, in a header.
    assert handler.seen[0][1] is None and handler.seen[1][1].startswith("Basic ")


def test_token_goes_in_a_bearer_header(built, answering):
    url, handler = answering([401])
    result = run_kg("push", f"{url}/store", "--exports", built, "--token", "tok-123")
    assert result.exit_code == 1 and "tok-123" not in result.output
    assert handler.seen[0] == ("PUT", "Bearer tok-123")


def test_transient_errors_are_retried_with_backoff(answering):
    url, handler = answering([503, 502, 200])
    waits = []
    assert request("PUT", url, b"x", sleep=waits.append) == b"ok"
    assert [c for c, _ in handler.seen] == ["PUT"] * 3 and waits == [0.5, 1.0]


def test_transient_errors_give_up_after_the_retries(answering):
    url, handler = answering([503])
    with pytest.raises(KgError, match=r"^POST http://127.0.0.1:\d+/store answered 503 Service Unavailable: no$"):
        request("POST", url + "/store", b"x", retries=2, sleep=lambda s: None)
    assert len(handler.seen) == 3


def test_a_4xx_is_not_retried(answering):
    url, handler = answering([400])
    with pytest.raises(KgError, match="answered 400 Bad Request: no"):
        request("PUT", url, b"x", sleep=lambda s: None)
    assert len(handler.seen) == 1


class DigestOnly(http.server.BaseHTTPRequestHandler):
    """Like Virtuoso's /sparql-graph-crud-auth: Digest (qop=auth) for ann:pw, and a bare 401 to anything else."""

    seen: list = []
    realm, nonce = "SPARQL", "abc123"

    def valid(self) -> bool:
        header = self.headers.get("Authorization") or ""
        if not header.startswith("Digest "):
            return False
        fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(header[7:]))
        md5 = lambda text: hashlib.md5(text.encode()).hexdigest()  # noqa: E731
        ha1, ha2 = md5(f"ann:{self.realm}:pw"), md5(f"{self.command}:{fields.get('uri')}")
        expected = md5(f"{ha1}:{self.nonce}:{fields.get('nc')}:{fields.get('cnonce')}:auth:{ha2}")
        return fields.get("username") == "ann" and fields.get("response") == expected

    def reply(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        ok = self.valid()
        type(self).seen.append((self.command, length, ok))
        self.send_response(200 if ok else 401)
        if not ok and not self.headers.get("Authorization"):
            self.send_header("WWW-Authenticate", f'Digest realm="{self.realm}", nonce="{self.nonce}", '
                                                 'qop="auth", algorithm="MD5"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PUT = do_POST = reply

    def log_message(self, *args):
        pass


def test_digest_challenge_is_met_before_the_chunks_are_sent(built):
    handler = type("Handler", (DigestOnly,), {"seen": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/store"
        # The count check goes to a closed query port: every chunk has been accepted by then.
        result = run_kg("push", url, "--exports", built, "--user", "ann", "--password", "pw", "--chunk-size", "20000",
                        "--query-url", f"http://127.0.0.1:{free_port()}/query", "--retries", "0")
    finally:
        server.shutdown()
        server.server_close()
    assert "cannot POST" in result.output and "/query: Connection refused" in result.output
    # An empty POST meets the challenge; both chunks then go out signed, once each.
    assert [(c, n > 0, ok) for c, n, ok in handler.seen] == [
        ("POST", False, False), ("POST", False, True), ("PUT", True, True), ("POST", True, True)]
