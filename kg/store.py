"""The on-disk Oxigraph store of a build, shared by `kg query` and `kg serve`.

`EXPORTS/.kg-store/KEY/` is a RocksDB store holding graph.ttl in its default graph and
void.ttl and ontology.ttl, when present, in the named graphs `BASE/void` and
`BASE/ontology`. KEY is a SHA-256 over the Oxigraph version and those files' bytes,
so a store is reused while they are unchanged, and a new build (or another Oxigraph)
gets a new store: the load is paid once per build, not once per question.

A store is loaded into a temporary folder and renamed into place once complete, so no
reader ever opens half a store, and two processes loading at once end with the same
one. Readers (each `kg query`, a running `kg serve`) hold a shared lock on their
store's folder; a stale store is deleted only when no one holds it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterator

from .errors import KgError
from .namespaces import DEFAULT_BASE

__all__ = ["STORE_FOLDER", "STORE_FILES", "store_path", "on_store", "locked_store", "explain"]

STORE_FOLDER = ".kg-store"
#: Files loaded into the store: (file name, named graph under the base IRI or None for the default graph).
STORE_FILES = (("graph.ttl", None), ("void.ttl", "void"), ("ontology.ttl", "ontology"))
HASHES = "hashes.json"  # the files' SHA-256 by their size, mtime and inode, as git's index keeps them
LOADING = ".loading-"


def oxigraph_version() -> str:
    import pyoxigraph  # its own attribute: importlib.metadata costs 20 ms of every query's start

    return pyoxigraph.__version__


def store_key(exports: Path) -> str:
    """A SHA-256 over the Oxigraph version and the loaded files' names and bytes."""
    key = hashlib.sha256(f"pyoxigraph {oxigraph_version()}\0".encode())
    for name, digest in file_digests(exports).items():
        key.update(f"{name}\0{digest}\0".encode())
    return key.hexdigest()


def file_digests(exports: Path) -> dict[str, str]:
    """Each loaded file's SHA-256, read again only when its size, mtime or inode changed."""
    known_path = exports / STORE_FOLDER / HASHES
    try:
        known = json.loads(known_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    digests, seen = {}, {}
    for name, _ in STORE_FILES:
        try:
            stat = os.stat(exports / name)
        except FileNotFoundError:
            continue
        signature = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
        entry = known.get(name)
        digest = entry[1] if isinstance(entry, list) and entry[0] == signature else sha256_of(exports / name)
        digests[name], seen[name] = digest, [signature, digest]
    if seen != known:
        with contextlib.suppress(OSError):  # only a saving: a read-only folder hashes every time
            known_path.parent.mkdir(exist_ok=True)
            write_atomically(known_path, json.dumps(seen, indent=1))
    return digests


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_atomically(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def base_iri(exports: Path) -> str:
    """The base IRI the build was made with, read from void.ttl (`BASE/void/dataset`), else the default."""
    void = exports / "void.ttl"
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
            if quad.subject.value.endswith("void/dataset"):
                return quad.subject.value[: -len("void/dataset")]
    return DEFAULT_BASE


def store_path(exports: str | Path, note: Callable[[str], None] = lambda _: None) -> tuple[Path, bool]:
    """(the store of the build in `exports`, reused?): loaded first if there is none for these files."""
    exports = Path(exports)
    if not (exports / "graph.ttl").is_file():
        raise KgError(f"{exports}: no graph.ttl there (run `kg build --out {exports}` first)")
    root = exports / STORE_FOLDER
    path = root / store_key(exports)
    if (path / "CURRENT").is_file():
        return path, True
    load_store(exports, path, note)
    remove_stale_stores(root, keep=path)
    return path, False


def load_store(exports: Path, path: Path, note: Callable[[str], None]) -> None:
    """Load the build's files into a new store at `path` (beside it, then renamed into place)."""
    import pyoxigraph as ox

    path.parent.mkdir(parents=True, exist_ok=True)
    loading = Path(tempfile.mkdtemp(prefix=LOADING, dir=path.parent))
    try:
        with folder_lock(loading, fcntl.LOCK_EX):  # not stale: being loaded
            note(f"loading {exports / 'graph.ttl'} into the store {path.parent} (once per build)")
            store = ox.Store(str(loading / "db"))
            base = base_iri(exports)
            for name, graph in STORE_FILES:
                file = exports / name
                if file.is_file():
                    try:
                        store.bulk_load(path=str(file), format=ox.RdfFormat.TURTLE,
                                        to_graph=ox.NamedNode(base + graph) if graph else ox.DefaultGraph())
                    except (SyntaxError, ValueError) as exc:
                        raise KgError(f"{file}: not readable Turtle: {exc}") from None
            # The bulk loader leaves overlapping files, each lookup reading them all: compacted, a
            # lookup is 1.5-2 times faster at 5,000 papers (5.5 s more to load), 3-4 times at
            # 25,000 (22 s more; 817 -> 1,385 MB on disk).
            store.optimize()
            store.flush()
            del store  # closed: RocksDB lets go of its files
            try:
                os.rename(loading / "db", path)
            except OSError:
                if (path / "CURRENT").is_file():  # another process loaded the same files first
                    return
                note(f"the store {path} was incomplete: replaced")
                shutil.rmtree(path)  # what is left of a damaged store
                os.rename(loading / "db", path)
    except OSError as exc:
        raise KgError(f"cannot load {exports / 'graph.ttl'} into {path}: {exc}") from None
    finally:
        shutil.rmtree(loading, ignore_errors=True)


def remove_stale_stores(root: Path, keep: Path) -> None:
    """Stores of earlier builds (and `kg serve`'s one store of before), unless a reader or a load holds them."""
    (root / "source.sha256").unlink(missing_ok=True)
    for folder in root.iterdir():
        if folder == keep or not folder.is_dir() or folder.name.startswith(LOADING) and age(folder) < 3600:
            continue  # a load going on (locked only once it has begun)
        with contextlib.suppress(OSError), folder_lock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB):
            shutil.rmtree(folder)


def age(path: Path) -> float:
    return time.time() - path.stat().st_mtime


@contextlib.contextmanager
def folder_lock(folder: Path, how: int) -> Iterator[None]:
    """An flock on the folder itself (raises BlockingIOError with LOCK_NB if another holds it)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, how)
        yield
    finally:
        os.close(fd)


@contextlib.contextmanager
def locked_store(exports: str | Path, note: Callable[[str], None] = lambda _: None) -> Iterator[tuple[Path, bool]]:
    """(the build's store, reused?), loaded if need be, locked against deletion for the time of the block."""
    for _ in range(3):
        path, reused = store_path(exports, note)
        try:
            fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:  # deleted between finding and opening it
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)
            if (path / "CURRENT").is_file():  # not deleted before the lock
                yield path, reused
                return
        finally:
            os.close(fd)
    raise KgError(f"{exports}: its store keeps disappearing; is another kg removing it?")


def on_store(exports: str | Path, use: Callable, note: Callable[[str], None] = lambda _: None):
    """`use(store)` on the build's store opened read-only (beside a running `kg serve` or other
    queries), loaded first if need be.

    A store that cannot be opened or read (damaged, truncated) is deleted and loaded again,
    said in a `note`.
    """
    import pyoxigraph as ox

    for attempt in range(2):
        with locked_store(exports, note) as (path, _):
            try:
                return use(ox.Store.read_only(str(path)))
            except (OSError, RuntimeError) as exc:  # RocksDB's "Corruption: ..." is a RuntimeError
                if attempt:
                    raise KgError(f"cannot read the store {path}: {first_line(exc)}") from None
                note(f"the store {path} is damaged ({first_line(exc)}): loading it again")
        shutil.rmtree(path, ignore_errors=True)


def first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def explain(exports: str | Path, query: str) -> str:
    """Oxigraph's explanation of how it evaluates `query` on the build's store, with statistics.

    The `oxigraph` command opens a store to write, so it runs on a copy (the immutable
    table files hard-linked, the rest copied), never on the store others read.
    """
    from .server import oxigraph_binary

    with locked_store(exports) as (path, _), tempfile.TemporaryDirectory(dir=path.parent, prefix=LOADING) as work:
        copy = Path(work) / "db"
        copy.mkdir()
        for file in path.iterdir():
            (os.link if file.suffix == ".sst" else shutil.copy2)(file, copy / file.name)
        done = subprocess.run([oxigraph_binary(), "query", "--location", str(copy), "--query", query,
                               "--results-file", str(Path(work) / "results.tsv"), "--explain", "--stats"],
                              capture_output=True, text=True)
        if done.returncode != 0:
            lines = [line for line in done.stderr.splitlines() if line.startswith("Error")] or ["no message"]
            raise KgError(f"oxigraph could not explain the query: {lines[0]}")
        return done.stderr  # the plan, each step with its results and seconds
