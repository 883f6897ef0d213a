"""What a build can reuse from the last one: parsed files and analysed summaries.

Kept in a hidden folder beside the exports (`exports/.kg-cache/`). Parsed files are
keyed by path and content hash, Korean analyses by the summary's hash; everything is
dropped when `kg` or the Korean analyzer changes (a version, or any file of `kg`:
other code could give other results). A cache only saves work: a build with one
gives the same exports, byte for byte, as a build without.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path

from . import __version__

__all__ = ["BuildCache", "content_hash"]

#: The two caches, each read only by the stage that uses it: parsed digests by the
#: parent, analyses by the topic extraction process.
PARSED, ANALYSES = "parsed.pickle", "analyses.pickle"
#: Entries per pickle in a cache file: pickle keeps a memo of every object it wrote.
CHUNK = 5000


@cache
def code_version() -> str:
    """The versions of `kg` and of Kiwi, and a hash of every file of the `kg` package."""
    from importlib.metadata import PackageNotFoundError, version

    root = Path(str(resources.files("kg")))
    try:
        analyzer = version("kiwipiepy") + version("kiwipiepy_model")
    except PackageNotFoundError:
        analyzer = ""
    digest = hashlib.sha256(f"{__version__} {analyzer}".encode())
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def content_hash(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


class BuildCache:
    """Parsed digests by (path, content hash) and summary analyses by text hash."""

    def __init__(self, folder: str | Path | None = None):
        self.folder = Path(folder) if folder else None
        self.parsed: dict[tuple[str, str], object] = read_entries(self.folder, PARSED)
        self._analyses: dict[str, object] | None = None  # read when first needed
        self.used_parsed: set = set()
        self.used_analyses: set = set()

    @property
    def analyses(self) -> dict[str, object]:
        if self._analyses is None:
            self._analyses = read_entries(self.folder, ANALYSES)
        return self._analyses

    def parse(self, path: str, data: bytes, parse):
        """`parse(data)` for this file, or its result from the last build."""
        key = (path, content_hash(data))
        self.used_parsed.add(key)
        if key not in self.parsed:
            self.parsed[key] = parse(data)
        return self.parsed[key]

    def analyse(self, texts: list[str], analyse) -> list:
        """`analyse(texts)` (a list of results), computing only texts not seen before."""
        keys = [content_hash(t) for t in texts]
        self.used_analyses.update(keys)
        todo = [i for i, k in enumerate(keys) if k not in self.analyses]
        for i, result in zip(todo, analyse([texts[i] for i in todo])):
            self.analyses[keys[i]] = result
        return [self.analyses[k] for k in keys]

    def save(self) -> None:
        """Write what this build used (nothing else), atomically; analyses only if they were read."""
        if not self.folder:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        write_entries(self.folder, PARSED, {k: v for k, v in self.parsed.items() if k in self.used_parsed})
        if self._analyses is not None:
            write_entries(self.folder, ANALYSES, {k: v for k, v in self._analyses.items() if k in self.used_analyses})


def read_entries(folder: Path | None, name: str) -> dict:
    """A cache file's entries; none if it is missing, unreadable or of another `code_version`."""
    entries: dict = {}
    if not folder or not (folder / name).is_file():
        return entries
    try:
        with open(folder / name, "rb") as f:
            version, chunks = pickle.load(f)
            if version != code_version():
                return {}
            for _ in range(chunks):
                entries.update(pickle.load(f))
    except Exception:  # an unreadable cache is an empty one
        return {}
    return entries


def write_entries(folder: Path, name: str, entries: dict) -> None:
    """`entries` as a header pickle then pickles of `CHUNK` entries, atomically."""
    items = list(entries.items())
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump((code_version(), -(-len(items) // CHUNK)), f, protocol=pickle.HIGHEST_PROTOCOL)
            for i in range(0, len(items), CHUNK):
                pickle.dump(dict(items[i:i + CHUNK]), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / name)
    finally:
        Path(tmp).unlink(missing_ok=True)
