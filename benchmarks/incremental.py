"""Adding one day to a built archive: the build with the cache, against a full rebuild.

    python benchmarks/incremental.py [--papers 25000] [--runs 1]

Builds the archive without its last digest file (the cache is then filled), adds the
file, builds again into the same folder and times it; then builds everything into a
fresh folder and checks that every export is byte-identical. Prints the medians.
"""

from __future__ import annotations

import filecmp
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import ensure_corpus, size_arguments

ROOT = Path(__file__).resolve().parent.parent


def build(inputs: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg", "build", "-q", str(inputs), "--out", str(out)],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def one_run(archive: Path) -> tuple[float, float, int, int]:
    """(seconds with the cache, seconds of a full build, identical exports, exports)."""
    files = sorted(p for p in archive.iterdir() if p.is_file())
    with tempfile.TemporaryDirectory() as work:
        inputs, out, full = Path(work, "in"), Path(work, "out"), Path(work, "full")
        inputs.mkdir()
        for f in files[:-1]:
            (inputs / f.name).symlink_to(f)
        build(inputs, out)
        (inputs / files[-1].name).symlink_to(files[-1])
        incremental = build(inputs, out)
        rebuild = build(inputs, full)
        exports = sorted(p.name for p in full.iterdir() if p.is_file())
        same = sum(filecmp.cmp(out / name, full / name, shallow=False) for name in exports)
    return incremental, rebuild, same, len(exports)


def main() -> None:
    args = size_arguments(__doc__, papers=25000, runs=1).parse_args()
    archive = ensure_corpus(args.papers, args.work)
    runs = [one_run(archive) for _ in range(args.runs)]
    last = sorted(p for p in archive.iterdir() if p.is_file())[-1]
    papers = last.read_text(encoding="utf-8").count("\n### ")
    print(f"{args.papers:,} papers, adding {last.name} ({papers} papers), median of {args.runs}: "
          f"{statistics.median(r[0] for r in runs):.1f}s with the cache, "
          f"{statistics.median(r[1] for r in runs):.1f}s full build; "
          f"exports byte-identical: {min(r[2] for r in runs)} of {runs[0][3]}")


if __name__ == "__main__":
    main()
