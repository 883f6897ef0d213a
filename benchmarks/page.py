"""The two map pages (coauthors.html, topics.html) on a synthetic archive: their size, and
how fast they open and search.

    python benchmarks/page.py [--papers 5000] [--runs 3]

Builds the graph, writes each page with the default view, then opens it in headless
Debian Chromium (Playwright, /usr/bin/chromium) and times, per run, the page until
drawn and ready, and a search for its node with most papers until it is selected.
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
from kg.export.html import write_html, write_topic_map  # noqa: E402
from kg.builder import graph_of_corpus  # noqa: E402
from kg.pipeline import load_corpus  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    parser = size_arguments(__doc__, papers=5000, runs=3)
    args = parser.parse_args()
    folder = ensure_corpus(args.papers, args.work)
    G = graph_of_corpus(load_corpus([folder]))
    authors = sum(1 for _, t in G.nodes(data="type") if t == "author")
    print(f"{args.papers:,} papers, {authors:,} authors")
    for name, write in (("coauthors.html", write_html), ("topics.html", write_topic_map)):
        started = time.perf_counter()
        buffer = io.BytesIO()
        write(G, buffer)
        page_path = args.work / f"{name.removesuffix('.html')}-{args.papers}.html"
        page_path.write_bytes(buffer.getvalue())
        print(f"{name}: {len(buffer.getvalue()) / 1e6:.2f} MB written in {time.perf_counter() - started:.1f}s")
        measure(page_path, args.runs)


def measure(page_path: Path, runs: int) -> None:
    """Median seconds until the page is drawn and ready, and a search for its biggest node until selected."""
    from playwright.sync_api import sync_playwright
    loads, searches = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            started = time.perf_counter()
            page.goto(page_path.resolve().as_uri())
            page.wait_for_function("document.body.dataset.ready === 'true'", timeout=120_000)
            loads.append(time.perf_counter() - started)
            target = page.evaluate("() => nodeData.reduce((a, b) => b.p.length > a.p.length ? b : a)")
            started = time.perf_counter()
            page.locator("#search-input").fill(target["label"])
            page.locator("#matches li", has_text=f"{target['label']} ({len(target['p'])})").first.click()
            page.wait_for_function("id => network.getSelectedNodes()[0] === id", arg=target["id"])
            searches.append(time.perf_counter() - started)
            drawn = page.evaluate("() => [Object.keys(network.getPositions()).length, edges.length, (window.kgLabels || []).length]")
            page.close()
        browser.close()
    print(f"  drawn: {drawn[0]:,} nodes, {drawn[1]:,} links, {drawn[2]} names; open until ready: median "
          f"{statistics.median(loads):.2f}s (max {max(loads):.2f}); search until selected: median "
          f"{statistics.median(searches):.2f}s over {runs} runs")


if __name__ == "__main__":
    main()
