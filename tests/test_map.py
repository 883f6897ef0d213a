"""The co-author map on a 5,000-paper synthetic archive, as big as the map gets by default
(2,000 authors): names drawn apart, at most 1,000 links, communities drawn apart."""

from __future__ import annotations

import itertools
import random
import subprocess
import sys
from statistics import mean

import pytest

from conftest import ROOT
from test_html import Page, browser, labels_overlap  # noqa: F401 - the module's browser fixture


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """The graph of the synthetic archive without topics (the page needs none), and its page."""
    from kg.export.html import generate_html
    from kg.graph import build_graph
    from kg.metrics import add_author_metrics
    from kg.pipeline import load_corpus

    folder = tmp_path_factory.mktemp("synthetic")
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "5000", "--out", str(folder / "in")],
                   check=True, capture_output=True)
    G = build_graph(load_corpus([folder / "in"]))
    add_author_metrics(G)
    (folder / "coauthors.html").write_text(generate_html(G), encoding="utf-8")
    return G, folder / "coauthors.html"


@pytest.fixture(scope="module")
def page(browser, archive):  # noqa: F811
    page = Page(browser, archive[1])
    yield page
    page.close()


def test_at_least_30_names_at_default_zoom_none_over_another(page):
    boxes = page.js("window.kgLabels")
    assert len(boxes) >= 30, len(boxes)
    assert labels_overlap(boxes) == []
    page.assert_clean()


def test_at_most_1000_links_drawn(page):
    assert page.js("edges.length") == 1000 and page.js("edgeData.length") > 5_000  # 8,153 held, 1,000 drawn
    assert page.js("nodeData.length") == 2000


def test_communities_drawn_apart(page, archive):
    """Mean distance of two authors of one community <= 0.35 x that of two of different ones."""
    G, _ = archive
    positions = {n["id"]: (n["x"], n["y"]) for n in page.js("nodeData.map(n => ({id: n.id, x: n.x, y: n.y}))")}
    community = {n: G.nodes[n]["community"] for n in positions}
    pairs = list(itertools.combinations(sorted(positions), 2))
    sample = random.Random(0).sample(pairs, 200_000)
    distance = lambda a, b: ((positions[a][0] - positions[b][0]) ** 2 + (positions[a][1] - positions[b][1]) ** 2) ** 0.5  # noqa: E731
    same = mean(distance(a, b) for a, b in sample if community[a] == community[b])
    different = mean(distance(a, b) for a, b in sample if community[a] != community[b])
    assert same <= 0.35 * different, (same, different)
