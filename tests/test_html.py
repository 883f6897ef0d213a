"""Real-browser tests of `coauthors.html` (headless Debian Chromium via Playwright).

One browser per module. The seeds page is opened once (stabilizing ~500 nodes is
the slow part) and shared by the read-only tests; a small digest with markup in
its titles and author names is built and opened for the XSS tests.

Without a chromium binary the module is skipped, except on CI (CI=true), where
that is an error: CI must install it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import networkx as nx
import pytest

from conftest import run_kg
from kg.export.xmltext import from_xml_id

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
READY = "document.body.dataset.ready === 'true'"
READY_TIMEOUT_MS = 60_000
CHELSEA = "author:chelsea finn"


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}: CI must provide it for the browser tests", pytrace=False)
    pytest.skip(reason)


def _chromium() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    found = shutil.which("chromium")
    if found is None:
        _unavailable(f"no chromium executable ({CHROMIUM}, or `chromium` on PATH)")
    return found


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright Python package is not installed")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


class Page:
    """A loaded page plus everything it requested and every error it reported."""

    def __init__(self, browser, path: Path):
        self.path = path
        self.url = path.resolve().as_uri()
        self.source = path.read_text(encoding="utf-8")
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.page = self.context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        self.dialogs: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(self.url)
        self.page.wait_for_function(READY, timeout=READY_TIMEOUT_MS)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def assert_clean(self):
        """Nothing fetched but the file itself; no console error, no uncaught exception."""
        assert self.requests == [self.url], f"unexpected requests: {self.requests}"
        assert self.console_errors == [], self.console_errors
        assert self.page_errors == [], self.page_errors

    def search(self, text: str) -> list[str]:
        """Type into the search box (as keystrokes); the texts of the match list."""
        box = self.page.locator("#search-input")
        box.fill("")
        box.press_sequentially(text)
        return self.page.locator("#matches li").all_text_contents()

    def node_point(self, node_id: str) -> tuple[float, float]:
        """Page coordinates of a node's centre."""
        return tuple(self.js("""id => {
            const p = network.canvasToDOM(network.getPositions([id])[id]);
            const r = document.getElementById("mynetwork").getBoundingClientRect();
            return [r.left + p.x, r.top + p.y];
        }""", node_id))

    def hover(self, node_id: str) -> str:
        """Move the mouse onto a node; the text of the tooltip that appears."""
        self.page.mouse.move(5, 5)  # off the canvas: any open tooltip closes
        x, y = self.node_point(node_id)
        self.page.mouse.move(x - 3, y - 3)
        self.page.mouse.move(x, y, steps=3)
        tip = self.page.locator("#mynetwork .vis-tooltip")
        self.page.wait_for_function(
            """id => { const t = document.querySelector('#mynetwork .vis-tooltip');
                       const n = nodeData.find(n => n.id === id);
                       return t && t.style.visibility === 'visible' && t.firstChild === n.title; }""",
            arg=node_id, timeout=5_000)
        return tip.text_content()

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def seeds_page(browser, built):
    page = Page(browser, built / "coauthors.html")
    # The screenshot shows the page as a reader first sees it, before any test clicks.
    page.page.screenshot(path="/tmp/html_seeds.png")
    yield page
    page.close()


@pytest.fixture(scope="module")
def coauthors(built) -> nx.Graph:
    return nx.relabel_nodes(nx.read_graphml(built / "coauthors.graphml"), from_xml_id)  # ids -> graph keys


@pytest.fixture(scope="module")
def graph(built) -> nx.Graph:
    return nx.relabel_nodes(nx.read_graphml(built / "graph.graphml"), from_xml_id)  # ids -> graph keys


# --- the seeds page -------------------------------------------------------------------------

def test_loads_offline_without_errors(seeds_page):
    seeds_page.assert_clean()
    assert seeds_page.js("typeof vis") == "object"


def test_source_inlines_everything(seeds_page):
    html = seeds_page.source
    assert not re.search(r"<script\b[^>]*\bsrc\s*=", html, re.I), "external script"
    assert not re.search(r"<link\b[^>]*\bhref\s*=", html, re.I), "linked stylesheet/resource"
    assert not re.search(r"""<(?:img|iframe|source|video|audio|embed)\b[^>]*\bsrc\s*=""", html, re.I)
    assert not re.search(r"""@import|url\(\s*['"]?(?:https?:|//|\.\./)""", html, re.I)
    assert "../" not in re.sub(r"<script>.*?</script>", "", html, flags=re.S), "relative path outside the page"


def test_draws_every_author_and_the_strongest_links(seeds_page, coauthors):
    assert coauthors.number_of_nodes() > 100  # the seeds are not trivially small
    drawn = seeds_page.js("""() => ({
        positions: Object.keys(network.getPositions()).length,
        nodes: network.body.data.nodes.getIds(),
        edges: network.body.data.edges.get().map(e => [e.from, e.to, e.value]),
        all: edgeData.map(e => [e.from, e.to]),
        note: document.getElementById("links-note").textContent,
    })""")
    assert drawn["positions"] == coauthors.number_of_nodes() == 508
    assert set(drawn["nodes"]) == set(coauthors.nodes)
    # The page holds every pair; it draws the 1,000 strongest (VOSviewer's default), no weaker one before a stronger.
    assert {frozenset(e) for e in drawn["all"]} == {frozenset(e) for e in coauthors.edges}
    assert len(drawn["edges"]) == 1000 and coauthors.number_of_edges() == 2728
    weakest_drawn = min(w for _, _, w in drawn["edges"])
    drawn_pairs = {frozenset(e[:2]) for e in drawn["edges"]}
    assert all(d["weight"] <= weakest_drawn for u, v, d in coauthors.edges(data=True) if frozenset((u, v)) not in drawn_pairs)
    assert "the 1,000 strongest of 2,728 drawn (1,728 hidden)" in drawn["note"]
    # Laid out here (kg.export.layout): the browser simulates nothing.
    assert seeds_page.js("network.physics.physicsEnabled") is False


def test_heading_states_the_counts(seeds_page, coauthors):
    heading = seeds_page.page.locator("#heading").text_content()
    assert f"{coauthors.number_of_nodes():,} authors" in heading
    assert f"{coauthors.number_of_edges():,} co-author pairs" in heading
    details = seeds_page.page.locator("#details").text_content()
    assert "input: seeds (5 files)" in details or "input: " in details
    assert "papers with more than 25 authors add no pairs" in details


@pytest.mark.parametrize("query", ["chelsea", "CHELSÉA", "Chélsea fInn", "  chelsea f"])
def test_search_finds_and_selects_author(seeds_page, graph, query):
    matches = seeds_page.search(query)
    expected = f"Chelsea Finn ({graph.nodes[CHELSEA]['paper_count']})"
    assert expected in matches
    assert seeds_page.page.locator("#matches").is_visible()
    seeds_page.page.locator("#matches li", has_text="Chelsea Finn").click()
    assert seeds_page.js("network.getSelectedNodes()") == [CHELSEA]
    assert not seeds_page.page.locator("#matches").is_visible()
    assert seeds_page.page.locator("#search-input").input_value() == "Chelsea Finn"
    seeds_page.js("network.unselectAll()")


def test_search_folds_accents_in_names(seeds_page):
    assert any(m.startswith("Amélie Héliou (") for m in seeds_page.search("amelie heliou"))
    assert any(m.startswith("Tim Rocktäschel (") for m in seeds_page.search("ROCKTASCHEL"))


def test_search_enter_picks_first_match_and_no_match_hides_list(seeds_page):
    seeds_page.search("chelsea finn")
    seeds_page.page.locator("#search-input").press("Enter")
    assert seeds_page.js("network.getSelectedNodes()") == [CHELSEA]
    seeds_page.js("network.unselectAll()")
    assert seeds_page.search("no such author zzz") == []
    assert not seeds_page.page.locator("#matches").is_visible()
    seeds_page.search("")
    assert not seeds_page.page.locator("#matches").is_visible()


def test_tooltip_lists_the_authors_papers(seeds_page, graph):
    papers = [graph.nodes[m]["label"] for m in graph[CHELSEA] if graph.nodes[m]["type"] == "paper"]
    assert len(papers) == graph.nodes[CHELSEA]["paper_count"]
    data = seeds_page.js("""id => { const n = nodeData.find(n => n.id === id);
        return {papers: n.p.length, title: n.title.textContent, label: n.label}; }""", CHELSEA)
    assert data["label"] == "Chelsea Finn"
    assert data["papers"] == graph.nodes[CHELSEA]["paper_count"]
    assert f"{len(papers)} paper(s)" in data["title"]
    assert all(title in data["title"] for title in papers)
    # And the real tooltip, on hover.
    text = seeds_page.hover(CHELSEA)
    assert "Chelsea Finn" in text and any(title in text for title in papers)
    seeds_page.page.mouse.move(5, 5)


def test_screenshot_shows_a_drawing(seeds_page):
    shot = Path("/tmp/html_seeds.png")
    assert shot.stat().st_size > 10_000
    # The canvas is not blank: a good share of its pixels are not white.
    inked = seeds_page.js("""() => {
        const c = document.querySelector('#mynetwork canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) n++;
        return n / (d.length / 4);
    }""")
    assert inked > 0.005


# --- hostile digest text ----------------------------------------------------------------------

IMG_TITLE = '<img src=x onerror="window.__pwned=1">'
SCRIPT_TITLE = "</script><script>window.__pwned=2</script>"
IMG_AUTHOR = "<img src=x onerror=window.__pwned=3>"
IMG_AUTHOR_ID = f"author:{IMG_AUTHOR}"
ALERT_AUTHOR = "<img src=x onerror=alert(1)>"

XSS_DIGEST = f"""## Daily Papers (2024-01-24)

### [{IMG_TITLE}](https://arxiv.org/abs/2401.00001)

Authors: {IMG_AUTHOR}, Alice Smith, {ALERT_AUTHOR}

- A summary.

### [{SCRIPT_TITLE}](https://arxiv.org/abs/2401.00002)

Authors: Alice Smith, Bob Jones

- Another summary.
"""


@pytest.fixture(scope="module")
def xss_page(browser, tmp_path_factory):
    digests = tmp_path_factory.mktemp("xss-digests")
    (digests / "hostile.txt").write_text(XSS_DIGEST, encoding="utf-8")
    out = tmp_path_factory.mktemp("xss-exports")
    result = run_kg("build", digests, "--out", out)
    assert result.exit_code == 0, result.output
    labels = {d["label"] for _, d in nx.read_graphml(out / "graph.graphml").nodes(data=True)}
    assert {IMG_TITLE, SCRIPT_TITLE, IMG_AUTHOR} <= labels, "the digest did not parse as intended"
    page = Page(browser, out / "coauthors.html")
    yield page
    page.close()


def assert_not_pwned(page: Page):
    assert page.js("typeof window.__pwned") == "undefined"
    assert page.dialogs == []  # no alert(1) ran
    assert page.js("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.js("document.scripts.length") == 2  # vis-network, and the page's own
    page.assert_clean()  # an <img src=x> would also have fetched file:///.../x


def test_hostile_text_is_never_markup_in_source(xss_page):
    for payload in (IMG_TITLE, SCRIPT_TITLE, IMG_AUTHOR, "<img", "<script>window"):
        assert payload not in xss_page.source
    # Two script elements, each closed once (vis-network's bundle itself contains a "<script>" string).
    assert xss_page.source.count("</script>") == 2
    assert "<!--" not in xss_page.source  # no way into the HTML parser's script-escape states


def test_hostile_text_loads_inert(xss_page):
    assert xss_page.js("Object.keys(network.getPositions()).sort()") == sorted(
        [IMG_AUTHOR_ID, f"author:{ALERT_AUTHOR}", "author:alice smith", "author:bob jones"])
    assert_not_pwned(xss_page)


def test_hostile_text_in_tooltips_is_literal(xss_page):
    text = xss_page.hover(IMG_AUTHOR_ID)
    assert IMG_AUTHOR in text and IMG_TITLE in text
    text = xss_page.hover("author:alice smith")
    assert IMG_TITLE in text and SCRIPT_TITLE in text and IMG_AUTHOR in text
    text = xss_page.hover("author:bob jones")
    assert SCRIPT_TITLE in text
    assert xss_page.js("document.querySelector('#mynetwork .vis-tooltip').children.length") == 1  # only .tip
    xss_page.page.mouse.move(5, 5)
    assert_not_pwned(xss_page)


def test_hostile_text_in_search_is_literal(xss_page):
    assert sorted(xss_page.search("<img")) == sorted([f"{IMG_AUTHOR} (1)", f"{ALERT_AUTHOR} (1)"])
    assert xss_page.search("onerror=window") == [f"{IMG_AUTHOR} (1)"]
    xss_page.page.locator("#matches li").first.click()
    assert xss_page.js("network.getSelectedNodes()") == [IMG_AUTHOR_ID]
    assert xss_page.page.locator("#search-input").input_value() == IMG_AUTHOR
    assert xss_page.page.locator("#matches li img").count() == 0
    assert_not_pwned(xss_page)


FINN_SADIGH_PAPERS = {"2401.12963", "2405.12213"}


def test_click_author_lists_papers_with_arxiv_links(seeds_page):
    x, y = seeds_page.node_point(CHELSEA)
    seeds_page.page.mouse.click(x, y)
    panel = seeds_page.page.locator("#panel")
    assert "Chelsea Finn" in panel.text_content()
    links = panel.locator("a").evaluate_all("as => as.map(a => a.href)")
    assert sorted(links) == sorted(f"https://arxiv.org/abs/{p}" for p in FINN_SADIGH_PAPERS)


def test_click_edge_lists_shared_papers(seeds_page):
    edge = seeds_page.js("""() => edges.get().find(e =>
        [e.from, e.to].sort().join("|") === ["author:chelsea finn", "author:dorsa sadigh"].join("|")).id""")
    seeds_page.js("id => network.body.emitter.emit('click', {nodes: [], edges: [id]})", edge)
    panel = seeds_page.page.locator("#panel")
    assert "Chelsea Finn & Dorsa Sadigh" in panel.text_content() or "Dorsa Sadigh & Chelsea Finn" in panel.text_content()
    assert "2 shared paper(s)" in panel.text_content()
    links = panel.locator("a").evaluate_all("as => as.map(a => a.href)")
    assert sorted(links) == sorted(f"https://arxiv.org/abs/{p}" for p in FINN_SADIGH_PAPERS)


def test_legend_names_the_largest_communities(seeds_page):
    items = seeds_page.page.locator("#legend li").all_text_contents()
    assert 1 <= len(items) <= 20  # a colour each (the GEXF palette)
    assert all("authors)" in item for item in items)


def test_page_is_still_once_ready(seeds_page):
    assert seeds_page.js("() => network.physics.options.enabled") is False


def test_view_options_cut_the_page(tmp_path, seeds_dir):
    out = tmp_path / "out"
    result = run_kg("build", seeds_dir, "--out", out, "--html-max-nodes", "50", "--since", "2024-01-01",
                    "--until", "2024-01-31")
    assert result.exit_code == 0, result.output
    source = (out / "coauthors.html").read_text(encoding="utf-8")
    assert "the 50 authors with most papers of" in source
    assert "papers featured 2024-01-01 to 2024-01-31" in source


def test_cut_page_is_the_same_whatever_the_hash_seed(tmp_path, seeds_dir):
    # 100 of 508 authors: networkx's subgraph view walks so few nodes as a set, so the
    # page's node order once changed with PYTHONHASHSEED (test_determinism builds the
    # whole network, where the view walks the graph's own order).
    import subprocess
    import sys
    pages = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        subprocess.run([sys.executable, "-m", "kg", "build", "-q", str(seeds_dir), "--out", str(out),
                        "--html-max-nodes", "100"],
                       env={**os.environ, "PYTHONHASHSEED": seed}, check=True, capture_output=True)
        pages.append((out / "coauthors.html").read_bytes())
    assert pages[0] == pages[1]


def test_search_finds_authors_by_a_merged_spelling(browser, tmp_path):
    from test_aliases import digest
    digests = tmp_path / "in"
    digests.mkdir()
    (digests / "day.md").write_text(digest(), encoding="utf-8")
    assert run_kg("aliases", "suggest", digests, "--out", digests / "aliases.csv").exit_code == 0
    result = run_kg("build", digests, "--out", tmp_path / "out")
    assert result.exit_code == 0 and "merged by" in result.output, result.output
    page = Page(browser, tmp_path / "out" / "coauthors.html")
    try:
        assert page.search("junyan") == ["Jun Yan Zhu (2) also Junyan Zhu"]  # only the variant has it
        assert page.search("jun yan") == ["Jun Yan Zhu (2)"]
        page.page.locator("#matches li").first.click()
        assert page.js("network.getSelectedNodes()") == ["author:jun yan zhu"]
        page.assert_clean()
    finally:
        page.close()


# --- the map: labels, overlay, ego views (issue 25) ------------------------------------------

def labels_overlap(boxes: list[dict]) -> list[tuple[str, str]]:
    return [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]]


def as_first_opened(page) -> None:
    """Nothing selected, the whole network in view, drawn again."""
    page.js("network.unselectAll(); network.body.emitter.emit('deselectNode', {nodes: []});"
            "network.fit({animation: false}); network.redraw()")


def test_names_of_prominent_authors_are_drawn_without_overlap(seeds_page):
    as_first_opened(seeds_page)
    boxes = seeds_page.js("window.kgLabels")
    assert len(boxes) >= 30 and labels_overlap(boxes) == []
    width, height = seeds_page.js("[document.getElementById('mynetwork').clientWidth, document.getElementById('mynetwork').clientHeight]")
    assert all(0 <= b["x"] and b["x"] + b["w"] <= width and 0 <= b["y"] and b["y"] + b["h"] <= height for b in boxes)
    assert {"Chelsea Finn", "Deqing Sun", "Yan Wang"} <= {b["text"] for b in boxes}  # among those with most papers
    # Zoomed in, more names fit.
    seeds_page.js("network.moveTo({scale: network.getScale() * 3})")
    seeds_page.page.wait_for_timeout(200)
    zoomed = seeds_page.js("window.kgLabels")
    assert labels_overlap(zoomed) == [] and len(zoomed) > 0
    as_first_opened(seeds_page)


def test_overlay_colours_by_average_date_with_a_legend(seeds_page):
    before = seeds_page.js("nodes.get(%r).color" % CHELSEA)
    seeds_page.page.select_option("#color-mode", "date")
    after = seeds_page.js("nodes.get(%r).color" % CHELSEA)
    assert after != before and after.startswith("#")
    # Chelsea Finn's papers are of 2024-01-24 and 2024-05-21: her mean date, 2024-03-23
    assert seeds_page.js("byId[%r].t" % CHELSEA) == "2024-03-23"
    legend = seeds_page.page.locator("#legend li").all_text_contents()
    assert len(legend) == 10 and legend[0].startswith("2023-12-15 to ") and legend[-1].endswith(" to 2024-05-21")
    assert seeds_page.page.locator("#legend-title").text_content() == "Average date of an author's papers"
    seeds_page.page.select_option("#color-mode", "community")
    assert seeds_page.js("nodes.get(%r).color" % CHELSEA) == before
    assert seeds_page.page.locator("#legend-title").text_content() == "Communities"


def test_size_modes(seeds_page):
    seeds_page.page.select_option("#size-mode", "weighted")
    assert seeds_page.js("nodes.get(%r).value === byId[%r].wd" % (CHELSEA, CHELSEA))
    seeds_page.page.select_option("#size-mode", "betweenness")
    assert seeds_page.js("nodes.get(%r).value === byId[%r].b" % (CHELSEA, CHELSEA))
    seeds_page.page.select_option("#size-mode", "papers")
    assert seeds_page.js("nodes.get(%r).value" % CHELSEA) == 2


def test_ego_view_from_the_address(browser, built):
    page = Page(browser, built / "coauthors.html")
    try:
        page.page.goto(page.url + "#author=Chelsea%20Finn")
        page.page.wait_for_function("network.getSelectedNodes().length === 1")
        assert page.js("network.getSelectedNodes()") == [CHELSEA]
        coauthors = page.page.locator("#coauthor-list li").all_text_contents()
        assert len(coauthors) == 33 and coauthors[0].endswith("(2)")  # Sergey Levine & co., two papers each
        assert "Co-authors (33)" in page.page.locator("#panel").text_content()
        # Every link of hers is drawn, though some are not among the 1,000 strongest; others fade.
        drawn = page.js("edges.get().filter(e => e.from === %r || e.to === %r).length" % (CHELSEA, CHELSEA))
        assert drawn == 33
        assert page.js("nodes.get('author:deqing sun').color").startswith("rgba(200,200,200")
        assert page.js("window.kgLabels.every(b => b.id === %r || %s.includes(b.text))"
                       % (CHELSEA, coauthors_names(page)))
        page.js("network.unselectAll(); network.body.emitter.emit('deselectNode', {nodes: []})")
        assert page.js("edges.length") == 1000
        page.assert_clean()
    finally:
        page.close()


def coauthors_names(page) -> str:
    return page.js("JSON.stringify(coauthorsOf(%r).map(c => c[0]))" % CHELSEA)


# --- topics.html: the topic map ----------------------------------------------------------------

LLM = "topic:large language model"


@pytest.fixture(scope="module")
def topics_page(browser, built):
    page = Page(browser, built / "topics.html")
    yield page
    page.close()


def test_topic_map_loads_offline_with_every_topic(topics_page, seed_graph):
    topics_page.assert_clean()
    topics = {n for n, d in seed_graph.nodes(data=True) if d["type"] == "topic"}
    assert set(topics_page.js("nodeData.map(n => n.id)")) == topics and len(topics) == 169
    assert topics_page.page.locator("#heading").text_content().startswith("Topic map: 169 topics")
    assert len(topics_page.js("window.kgLabels")) >= 30


def test_a_click_on_the_llm_concept_lists_its_papers(topics_page, seed_graph):
    papers = {seed_graph.nodes[p]["arxiv_id"] for p in seed_graph[LLM] if seed_graph.nodes[p]["type"] == "paper"}
    assert len(papers) == 24
    x, y = topics_page.node_point(LLM)
    topics_page.page.mouse.click(x, y)
    panel = topics_page.page.locator("#panel")
    assert panel.locator("h2").first.text_content() == "large language model"
    assert "대규모 언어 모델" in panel.text_content()  # its Korean label
    links = panel.locator("a").evaluate_all("as => as.map(a => a.href)")
    assert sorted(links) == sorted(f"https://arxiv.org/abs/{p}" for p in papers)
    related = topics_page.page.locator("#coauthor-list li").all_text_contents()
    assert len(related) == topics_page.js("byId[%r].degree" % LLM) == 81


def test_topic_map_hover_shows_the_korean_label_and_search_finds_it(topics_page):
    text = topics_page.hover(LLM)
    assert "large language model" in text and "대규모 언어 모델" in text
    topics_page.page.mouse.move(5, 5)
    assert any(m.startswith("large language model (24)") for m in topics_page.search("대규모 언어"))


def test_topic_map_shows_the_topics_with_most_papers(tmp_path, seed_graph):
    from kg.export import ExportSettings
    from kg.export.html import generate_html

    page = generate_html(seed_graph, ExportSettings(html_max_nodes=20), kind="topic")
    assert "showing the 20 topics with most papers of 169 (--html-max-nodes)" in page
    nodes, _ = json.JSONDecoder().raw_decode(page, page.index("nodeData = ") + len("nodeData = "))
    assert len(nodes) == 20 and "large language model" in {n["label"] for n in nodes}
