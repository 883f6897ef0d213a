"""A SPARQL 1.1 HTTP endpoint on a build: the Oxigraph server over a store kept beside the exports.

The `oxigraph` package on PyPI installs the server binary next to the Python
interpreter (no download at run time). `prepare_store` loads `graph.ttl` into
the default graph of a RocksDB store in `EXPORTS/.kg-store/` (the VoID and
ontology files, when present, into the named graphs `BASE/void` and
`BASE/ontology`), and reuses it while those files are byte-for-byte the same.
"""

from __future__ import annotations

import hashlib
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
from pathlib import Path
from typing import Callable

from .errors import KgError
from .namespaces import DEFAULT_BASE

__all__ = ["STORE_FOLDER", "oxigraph_binary", "build_base_iri", "prepare_store", "port_free", "server_command",
           "serve"]

STORE_FOLDER = ".kg-store"
#: Files loaded into the store: (file name, named graph under the base IRI or None for the default graph).
STORE_FILES = (("graph.ttl", None), ("void.ttl", "void"), ("ontology.ttl", "ontology"))


def oxigraph_binary() -> str:
    """The path of the Oxigraph server binary installed by the `oxigraph` package."""
    candidates = [Path(sysconfig.get_path("scripts")) / "oxigraph", Path(sys.executable).parent / "oxigraph"]
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise KgError("the Oxigraph server is not installed (pip install oxigraph)")


def build_base_iri(exports: Path) -> str:
    """The base IRI the build was made with, read from void.ttl (`BASE/void/dataset`), else the default."""
    void = Path(exports) / "void.ttl"
    if void.is_file():
        import pyoxigraph as ox

        store = ox.Store()
        try:
            store.bulk_load(path=str(void), format=ox.RdfFormat.TURTLE)
        except (SyntaxError, ValueError, OSError):
            return DEFAULT_BASE
        dataset = ox.NamedNode("http://rdfs.org/ns/void#Dataset")
        rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
        for quad in store.quads_for_pattern(None, rdf_type, dataset):
            iri = quad.subject.value
            if iri.endswith("void/dataset"):
                return iri[: -len("void/dataset")]
    return DEFAULT_BASE


def exports_digest(exports: Path) -> str:
    """A SHA-256 over the loaded files' names and bytes: the store is reused while it is unchanged."""
    digest = hashlib.sha256()
    for name, _ in STORE_FILES:
        path = exports / name
        if path.is_file():
            digest.update(name.encode() + b"\0")
            with path.open("rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()


def prepare_store(exports: str | Path) -> tuple[Path, bool]:
    """(store folder, reused?) for the build in `exports`, loading it if it changed since the last load."""
    exports = Path(exports)
    if not (exports / "graph.ttl").is_file():
        raise KgError(f"{exports}: no graph.ttl there (run `kg build --out {exports}` first)")
    root = exports / STORE_FOLDER
    db = root / "db"
    stamp = root / "source.sha256"
    key = exports_digest(exports)
    if db.is_dir() and stamp.is_file() and stamp.read_text().strip() == key:
        return db, True
    # A stale or half-loaded store: start again. The stamp is written only once every file is in.
    shutil.rmtree(root, ignore_errors=True)
    db.mkdir(parents=True)
    binary = oxigraph_binary()
    base = build_base_iri(exports)
    for name, graph in STORE_FILES:
        path = exports / name
        if not path.is_file():
            continue
        command = [binary, "load", "--location", str(db), "--file", str(path), "--format", "ttl"]
        if graph:
            command += ["--graph", base + graph]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            shutil.rmtree(root, ignore_errors=True)
            lines = (done.stderr or done.stdout).strip().splitlines()
            raise KgError(f"cannot load {path} into {db}: {lines[-1] if lines else 'oxigraph load failed'}")
    stamp.write_text(key + "\n")
    return db, False


def port_free(host: str, port: int) -> bool:
    """Whether a server could listen on host:port now (with SO_REUSEADDR, as Oxigraph does)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise KgError(f"cannot bind to {host}: {exc.strerror}") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError:
            return False
    return True


def server_command(db: Path, host: str, port: int, read_only: bool = True) -> list[str]:
    """The command line of the Oxigraph server on `db`."""
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [oxigraph_binary(), "serve-read-only" if read_only else "serve", "--location", str(db), "--bind", bind]


def serve(exports: str | Path, host: str, port: int, note: Callable[[str], None],
          announce: Callable[[str], None]) -> None:
    """Serve the build in `exports` on host:port until Ctrl-C or SIGTERM (`kg serve`).

    `note` is told which store is used, `announce` the endpoint once it answers.
    Raises `KgError` if the port is taken, or the server fails to start or stops.
    """
    exports = Path(exports)
    if not (exports / "graph.ttl").is_file():
        raise KgError(f"{exports}: no graph.ttl there (run `kg build --out {exports}` first)")
    if not port_free(host, port):
        raise KgError(f"port {port} on {host} is already in use (choose another with --port)")
    started = time.perf_counter()
    db, reused = prepare_store(exports)
    command = server_command(db, host, port)
    note(f"store {db}: " + ("unchanged build, reused" if reused else f"loaded in {time.perf_counter() - started:.1f}s"))
    log_path = exports / STORE_FOLDER / "server.log"
    # Its own session: a terminal's Ctrl-C reaches only kg, which stops the server and waits for it.
    with log_path.open("wb") as log:
        server = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)

    def stop(*_):
        raise KeyboardInterrupt

    # Explicit, because a shell starting kg in the background sets SIGINT to be ignored.
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        wait_until_answering(server, host, port, log_path)
        shown = f"[{host}]" if ":" in host else host
        announce(f"SPARQL endpoint: http://{shown}:{port}/query\nquery page:      http://{shown}:{port}/\n"
             "Ctrl-C stops the server")
        server.wait()
        raise server_failed(server, log_path)
    except KeyboardInterrupt:
        pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if server.poll() is None:
            server.terminate()  # SIGTERM: the server inherits an ignored SIGINT along with kg
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def wait_until_answering(server: subprocess.Popen, host: str, port: int, log_path: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        if server.poll() is not None:
            raise server_failed(server, log_path)
        try:
            socket.create_connection((host if host not in ("0.0.0.0", "::") else "localhost", port), 0.5).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise KgError(f"the Oxigraph server did not answer on {host}:{port} within {seconds:.0f}s") from None
            time.sleep(0.05)


def server_failed(server: subprocess.Popen, log_path: Path) -> KgError:
    lines = log_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return KgError(f"the Oxigraph server stopped (exit {server.returncode}): {lines[-1] if lines else 'no message'}")
