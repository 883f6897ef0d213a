"""report.html (kg/export/report.py): offline in Chromium, its numbers those of graph.ttl,
hostile text shown as text; and coauthors.html#author=NAME, where its author links go."""

from __future__ import annotations

import base64
import csv
import io
from urllib.parse import unquote

import pyoxigraph as ox
import pytest

from conftest import run_kg
from kg.export.report import lotka_exponent, main_information
from test_html import IMG_AUTHOR, IMG_TITLE, SCRIPT_TITLE, XSS_DIGEST, Page, browser  # noqa: F401 - fixture

COUNTS = {  # main-information row -> the SPARQL pattern whose matches it counts
    "papers": "?s a <https://schema.org/ScholarlyArticle>",
    "authors": "{ ?s a <https://schema.org/Person> } UNION { ?s a <https://schema.org/Organization> }",
    "authorships": "?s a <https://example.org/kg/ontology#Authorship>",
    "daily digests (dates)": "?s a <https://schema.org/PublicationIssue>",
    "topics": "?s a <http://www.w3.org/2004/02/skos/core#Concept>",
    "artifacts": "?s a <https://example.org/kg/ontology#Artifact>",
}


@pytest.fixture(scope="module")
def report(browser, built):  # noqa: F811
    page = Page(browser, built / "report.html")
    yield page
    page.close()


def test_the_report_loads_offline_without_errors(report):
    report.assert_clean()  # nothing requested but the file itself
    assert report.js("document.scripts.length") == 0  # tables and charts need no JavaScript
    assert report.js("document.querySelectorAll('figure svg').length") == 6


def test_main_information_equals_sparql_counts_over_graph_ttl(report, built):
    store = ox.Store()
    store.bulk_load(path=str(built / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    shown = dict(report.js("""() => [...document.querySelectorAll('#main-information td[data-name]')]
                              .map(td => [td.dataset.name, td.textContent])"""))
    for name, pattern in COUNTS.items():
        [(n,)] = store.query(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {pattern} }}")
        assert shown[name].replace(",", "") == n.value, name
    assert shown["date range"] == "2023-12-15 to 2024-05-21"


def test_each_chart_downloads_as_svg_and_csv(report):
    links = report.js("() => [...document.querySelectorAll('figcaption a')].map(a => [a.download, a.href])")
    assert len(links) == 12
    by_name = dict(links)
    svg = base64.b64decode(by_name["Papers per date.svg"].partition(",")[2]).decode("utf-8")
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    rows = list(csv.reader(io.StringIO(unquote(by_name["Papers per date.csv"].partition(",")[2]))))
    assert rows == [["date", "papers"], ["2023-12-15", "21"], ["2024-01-19", "10"], ["2024-01-24", "10"],
                    ["2024-03-14", "9"], ["2024-05-21", "8"]]


def test_papers_per_month_is_the_papers_by_month_query(report, built):
    from kg.query import named_queries, run_query

    link = report.js("() => document.querySelector('a[download=\"Papers per month.csv\"]').href")
    rows = list(csv.reader(io.StringIO(unquote(link.partition(",")[2]))))[1:]
    _, queried = run_query(built / "graph.ttl", named_queries()["papers-by-month"].text)
    assert rows == [[m.value, n.value] for m, n in queried] == [["2023-12", "21"], ["2024-01", "20"], ["2024-03", "9"],
                                                               ["2024-05", "8"]]


def test_author_links_open_the_coauthor_page_on_that_author(report, browser, built):  # noqa: F811
    href = report.js("() => document.querySelector('#top-authors a').getAttribute('href')")
    assert href == "coauthors.html#author=Chelsea%20Finn"
    page = Page(browser, built / "coauthors.html")
    try:
        page.page.goto(page.url + "#author=chelsea%20finn")  # any case
        page.page.wait_for_function("document.getElementById('panel').textContent.includes('Chelsea Finn')")
        assert page.js("network.getSelectedNodes()") == ["author:chelsea finn"]
        page.page.goto(page.url + "#author=Nobody%20Here")
        page.page.wait_for_function("document.getElementById('panel').textContent.includes('not among')")
    finally:
        page.close()


def test_the_news_section_is_kg_news(report, built):
    items = report.page.locator("#news-papers li").all_text_contents()
    assert len(items) == 8 and items[0].startswith("FIFO-Diffusion: Generating Infinite Videos from Text")
    assert "kg news --date 2024-05-21" in report.page.locator("#news").inner_text() or \
        "kg news --date 2024-05-21" in report.source


def test_hostile_text_is_text(browser, tmp_path):  # noqa: F811
    (tmp_path / "hostile.txt").write_text(XSS_DIGEST, encoding="utf-8")
    out = tmp_path / "out"
    assert run_kg("build", tmp_path / "hostile.txt", "--out", out).exit_code == 0
    page = Page(browser, out / "report.html")
    try:
        for payload in (IMG_TITLE, SCRIPT_TITLE, IMG_AUTHOR):
            assert payload not in page.source  # escaped in the file
        text = page.page.locator("body").inner_text()
        assert IMG_TITLE in text and SCRIPT_TITLE in text  # and shown as written
        assert page.js("document.scripts.length") == 0 and page.dialogs == []
        assert page.js("document.querySelectorAll('img, iframe, object, embed').length") == 0
        page.assert_clean()
    finally:
        page.close()


def test_main_information_and_lotka_by_hand(seed_graph):
    info = main_information(seed_graph)
    assert (info["papers"], info["authors"], info["authorships"], info["authors per paper (max)"]) == (58, 508, 516, 22)
    assert info["collaboration index"] == round(516 / 58, 2)  # no single-author paper on the seeds
    assert lotka_exponent([1, 1, 1, 1, 2, 2, 3]) == ([(1, 4), (2, 2), (3, 1)], 1.234)


def test_bursts_by_kleinberg():
    from kg.trends import bursts_of

    assert bursts_of([1, 0, 1, 0, 1, 0, 8, 9, 7, 1, 0, 1], [30] * 12) == [(6, 8, 10.6)]
    assert bursts_of([2] * 6, [20] * 6) == [] and bursts_of([0] * 6, [20] * 6) == []


def test_the_report_has_a_bursts_table(report):
    # The seeds' four months hold no burst: the table is only its header (the real sample's has rows).
    assert report.page.locator("#bursts tr").all_text_contents() == ["topicfromtoweight"]


def test_topic_communities_with_their_top_topics(report, seed_graph):
    from kg.export.report import topic_communities

    rows = topic_communities(seed_graph)
    assert [r["topics"] for r in rows] == [37, 35, 21, 20, 17, 13, 11, 7, 4, 3]
    assert rows[0]["papers"] == 18 and rows[0]["top"][:3] == ["diffusion model", "text-to-image", "image generation"]
    assert "large language model" in rows[1]["top"]
    # each topic in exactly one community, and the table shows the same rows
    assert sum(r["topics"] for r in rows) <= 169
    cells = report.page.locator("#topic-communities tr").nth(1).locator("td").all_text_contents()
    assert cells == ["0", "37", "18", ", ".join(rows[0]["top"])]
