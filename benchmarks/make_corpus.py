#!/usr/bin/env python3
"""Generate a synthetic archive of daily paper digests, for benchmarking `kg`.

    python benchmarks/make_corpus.py N --out DIR [--seed 0]

Files in DIR named like generated digests (`NNN_<hex>.txt`) are removed first,
so a smaller run does not leave stale days behind; other files are left alone.
The generator is the package synthetic/, its word lists and templates in
synthetic/data/.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import synthetic
from synthetic.digests import FILE_NAME, ArchiveWriter


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make_corpus.py", description=f"{__doc__}\n{synthetic.description()}",
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", metavar="N", type=int, help="number of distinct papers")
    parser.add_argument("--out", required=True, type=Path, help="folder to write the digest files into")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    args.out.mkdir(parents=True, exist_ok=True)
    for old in sorted(args.out.iterdir()):
        if old.is_file() and FILE_NAME.match(old.name):
            old.unlink()
    started = time.perf_counter()
    writer = ArchiveWriter(args.n, args.seed)
    writer.generate(args.out)
    print(f"make_corpus: {writer.files:,} files, {args.n:,} papers ({writer.entries:,} entries, "
          f"{writer.refeatured:,} re-featured), {len(writer.visible):,} distinct authors, "
          f"max {writer.max_authors:,} authors on a paper -> {args.out} "
          f"({time.perf_counter() - started:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
