"""The synthetic archives the benchmarks share, made once by make_corpus.py and kept."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def ensure_corpus(papers: int, work: Path) -> Path:
    """WORK/corpus-N, generated (seed 0) unless it is already there."""
    folder = work / f"corpus-{papers}"
    if not folder.is_dir():
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(papers), "--out", str(folder)],
                       check=True, stdout=subprocess.DEVNULL)
    return folder


def size_arguments(doc: str, papers: int = 5000, runs: int = 3) -> argparse.ArgumentParser:
    """The options every benchmark takes: archive size, runs, and where archives are kept."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--papers", type=int, default=papers)
    parser.add_argument("--runs", type=int, default=runs)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"))
    return parser
