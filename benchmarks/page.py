"""The co-author page on a synthetic archive: its size, and how fast it opens and searches.

    python benchmarks/page.py [--papers 5000] [--runs 3]

Builds the graph, writes coauthors.html with the default view, then opens it in
headless Debian Chromium (Playwright, /usr/bin/chromium) and times, per run, the page
until drawn and ready, and a search for the most prolific author until it is selected.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from corpus import ensure_corpus, size_arguments  # noqa: E402
from kg.export.html import write_html  # noqa: E402
from kg.build import graph_of_corpus  # noqa: E402
from kg.pipeline import load_corpus  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    parser = size_arguments(__doc__, papers=5000, runs=3)
    args = parser.parse_args()
    folder = ensure_corpus(args.papers, args.work)
    G = graph_of_corpus(load_corpus([folder]))
    started = time.perf_counter()
    buffer = io.BytesIO()
    write_html(G, buffer)
    page_path = args.work / f"coauthors-{args.papers}.html"
    page_path.write_bytes(buffer.getvalue())
    authors = sum(1 for _, t in G.nodes(data="type") if t == "author")
    print(f"{authors:,} authors; coauthors.html {len(buffer.getvalue()) / 1e6:.1f} MB "
          f"written in {time.perf_counter() - started:.1f}s (target < 15 MB)")

    from playwright.sync_api import sync_playwright
    loads, searches = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for _ in range(args.runs):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            started = time.perf_counter()
            page.goto(page_path.resolve().as_uri())
            page.wait_for_function("document.body.dataset.ready === 'true'", timeout=120_000)
            loads.append(time.perf_counter() - started)
            target = page.evaluate("() => nodeData.reduce((a, b) => b.p.length > a.p.length ? b : a)")
            started = time.perf_counter()
            page.locator("#search-input").fill(target["label"])
            page.locator("#matches li").first.click()
            page.wait_for_function("id => network.getSelectedNodes()[0] === id", arg=target["id"])
            searches.append(time.perf_counter() - started)
            drawn = page.evaluate("() => Object.keys(network.getPositions()).length")
            page.close()
        browser.close()
    print(f"drawn nodes {drawn:,}; open until ready: median {statistics.median(loads):.2f}s "
          f"(max {max(loads):.2f}); search until selected: median {statistics.median(searches):.2f}s "
          f"over {args.runs} runs (target: both within 10 s)")


if __name__ == "__main__":
    main()
