"""The synthetic archives the benchmarks share, made once by make_corpus.py and kept."""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: The real digests every synthetic figure is checked against (../shared, beside the checkout).
REAL_SAMPLE = HERE.parent.parent / "shared" / "real-sample" / "digests"


def generator_version() -> str:
    """A short hash of the generator's code and word lists: a changed generator makes new archives."""
    digest = hashlib.sha256()
    for path in sorted([HERE / "make_corpus.py", *(HERE / "synthetic").rglob("*.py"), *(HERE / "synthetic").rglob("*.toml")]):
        digest.update(path.relative_to(HERE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:8]


def ensure_corpus(papers: int, work: Path) -> Path:
    """WORK/corpus-N-VERSION, generated (seed 0) unless it is already there."""
    folder = work / f"corpus-{papers}-{generator_version()}"
    if not folder.is_dir():
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(papers), "--out", str(folder)],
                       check=True, stdout=subprocess.DEVNULL)
    return folder


def exports_of(corpus: Path) -> Path:
    """Where the benchmarks keep `kg build`'s exports of a synthetic archive: WORK/exports-N-VERSION."""
    return corpus.with_name("exports" + corpus.name.removeprefix("corpus"))


def size_arguments(doc: str, papers: int = 5000, runs: int = 3) -> argparse.ArgumentParser:
    """The options every benchmark takes: archive size, runs, and where archives are kept."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--papers", type=int, default=papers)
    parser.add_argument("--runs", type=int, default=runs)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"))
    return parser
