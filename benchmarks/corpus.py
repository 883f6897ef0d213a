"""The synthetic archives the benchmarks share, made once by make_corpus.py and kept."""

from __future__ import annotations

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
