"""What report.html costs: writing it (median of several runs), its size, and the time until
Chromium has it ready, on the real sample and on a synthetic archive.

    python benchmarks/report.py [--papers 5000] [--runs 3]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from corpus import REAL_SAMPLE, ensure_corpus, size_arguments  # noqa: E402
from kg.builder import build_graph  # noqa: E402
from kg.export.report import generate_report  # noqa: E402


def ready_in_chromium(path: Path) -> float:
    """Seconds from navigation to the load event in headless Chromium (the report has no script)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        started = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load")
        seconds = time.perf_counter() - started
        browser.close()
    return seconds


def build_seconds(folder: Path, out: Path, with_report: bool) -> float:
    """Wall seconds of one warm `kg build` (its cache kept in `out`), with or without report.html,
    in a process of its own as a user runs it (builds one after another in one process slow down)."""
    command = [sys.executable, __file__, "--build", str(folder), str(out)] + ([] if with_report else ["--without"])
    started = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - started


def build_in_this_process(folder: str, out: str, with_report: bool) -> None:
    import kg
    import kg.export

    if not with_report:
        kg.export.EXPORTS = tuple(e for e in kg.export.EXPORTS if e.name != "report.html")
    kg.build([folder], out)


def added_to_build(folder: Path, runs: int) -> tuple[float, float]:
    """Median warm build seconds without and with report.html, runs interleaved."""
    with tempfile.TemporaryDirectory() as work:
        build_seconds(folder, Path(work), True)  # fills the cache
        without, with_ = [], []
        for _ in range(runs):
            without.append(build_seconds(folder, Path(work), False))
            with_.append(build_seconds(folder, Path(work), True))
    return statistics.median(without), statistics.median(with_)


def measure(name: str, folder: Path, runs: int) -> None:
    G = build_graph([folder])
    times, text = [], ""
    for _ in range(runs):
        started = time.perf_counter()
        text = generate_report(G)
        times.append(time.perf_counter() - started)
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "report.html"
        path.write_text(text, encoding="utf-8")
        ready = statistics.median(ready_in_chromium(path) for _ in range(runs))
    papers = sum(1 for _, kind in G.nodes(data="type") if kind == "paper")
    without, with_ = added_to_build(folder, runs)
    print(f"{name} ({papers:,} papers): report written in {statistics.median(times):.2f} s (median of {runs}; "
          f"min {min(times):.2f}), {len(text.encode('utf-8')) / 1e6:.2f} MB, loaded in Chromium in {ready:.2f} s; "
          f"warm kg build {without:.1f} s without it, {with_:.1f} s with it (+{with_ - without:.1f} s)")


def main() -> None:
    if sys.argv[1:2] == ["--build"]:
        return build_in_this_process(sys.argv[2], sys.argv[3], "--without" not in sys.argv)
    args = size_arguments(__doc__, papers=5000, runs=3).parse_args()
    if REAL_SAMPLE.is_dir():
        measure("real sample", REAL_SAMPLE, args.runs)
    measure(f"synthetic {args.papers:,}", ensure_corpus(args.papers, args.work), args.runs)


if __name__ == "__main__":
    main()
