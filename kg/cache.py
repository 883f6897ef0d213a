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

FILE = "cache.pickle"


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
        self.parsed: dict[tuple[str, str], object] = {}
        self.analyses: dict[str, object] = {}
        self.used_parsed: set = set()
        self.used_analyses: set = set()
        if self.folder and (self.folder / FILE).is_file():
            try:
                with open(self.folder / FILE, "rb") as f:
                    version, parsed, analyses = pickle.load(f)
            except Exception:  # an unreadable cache is an empty one
                return
            if version == code_version():
                self.parsed, self.analyses = parsed, analyses

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
        """Write what this build used (nothing else), atomically."""
        if not self.folder:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        state = (code_version(), {k: v for k, v in self.parsed.items() if k in self.used_parsed},
                 {k: v for k, v in self.analyses.items() if k in self.used_analyses})
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.folder / FILE)
        finally:
            Path(tmp).unlink(missing_ok=True)
