"""A SPARQL 1.1 HTTP endpoint on a build: the Oxigraph server over a store kept beside the exports.

The `oxigraph` package on PyPI installs the server binary next to the Python
interpreter (no download at run time). It serves, read-only, the store that
`kg query` uses too (`kg.store`: loaded once per build), which it holds for its
whole run so that no later build's query deletes it.
"""

from __future__ import annotations

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
from .store import STORE_FOLDER, locked_store

__all__ = ["oxigraph_binary", "port_free", "server_command", "serve"]


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
    with locked_store(exports) as (db, reused):  # held while serving: no later build deletes it
        run_server(db, host, port, exports / STORE_FOLDER / "server.log", note, announce,
                   "unchanged build, reused" if reused else f"loaded in {time.perf_counter() - started:.1f}s")


def run_server(db: Path, host: str, port: int, log_path: Path, note: Callable[[str], None],
               announce: Callable[[str], None], how: str) -> None:
    command = server_command(db, host, port)
    note(f"store {db}: {how}")
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
