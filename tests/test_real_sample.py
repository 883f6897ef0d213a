"""A whole build of the real sample (`../shared/real-sample/digests`, 101 unmodified digests
of the public archive), every export read back by an independent reader.

The counts are checked against a second count made here from the raw Markdown with a
few regular expressions, not by the parser under test. Skipped where the sample is
missing, except on CI (CI=true), which must have `../shared` beside the checkout.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace

from conftest import run_kg
from kg.export import EXPORTS
from test_html import Page, browser  # noqa: F401 - the module's browser fixture

SCHEMA = Namespace("https://schema.org/")
#: rdflib takes 35 s to read the sample's graph.ttl: it reads in a second process while the other tests run.
RDFLIB_COUNTS = """
import json, sys
from rdflib import RDF, Graph, Namespace
SCHEMA = Namespace("https://schema.org/")
rdf = Graph().parse(sys.argv[1], format="turtle")
print(json.dumps({"triples": len(rdf), "papers": len(set(rdf.subjects(RDF.type, SCHEMA.ScholarlyArticle))),
                  "authors": len(set(rdf.subjects(RDF.type, SCHEMA.Person)) | set(rdf.subjects(RDF.type, SCHEMA.Organization))),
                  "dates": len(set(rdf.subjects(RDF.type, SCHEMA.PublicationIssue)))}))
"""


@pytest.fixture(scope="module")
def sample(real_sample) -> Path:
    return real_sample


@pytest.fixture(scope="module")
def build(sample, tmp_path_factory):
    out = tmp_path_factory.mktemp("real-sample") / "out"
    result = run_kg("build", sample, "--out", out)
    return result, out


@pytest.fixture(scope="module")
def independent_count(sample) -> dict[str, int]:
    """Papers, dates and authors counted from the raw files (each paper's first author list)."""
    papers: dict[str, list[str] | None] = {}
    dates = set()
    for path in sorted(sample.glob("*.md")):
        date = paper = None
        for line in path.read_text(encoding="utf-8").split("\n"):
            if header := re.match(r"## Daily Papers \((\d{4}-\d\d-\d\d)\)", line):
                date = header[1]
            elif heading := re.match(r"### \[.*\]\((\S+)\)\s*$", line):
                paper = re.search(r"\d{4}\.\d{4,5}", heading[1])[0]
                papers.setdefault(paper, None)
                dates.add(date)
            elif paper and (authors := re.match(r"Authors:\s*(.*)", line)) and papers[paper] is None:
                value = authors[1].strip()
                papers[paper] = ast.literal_eval(value) if value.startswith("[") else value.split(",")
    key = lambda name: " ".join(unicodedata.normalize("NFC", name).split()).casefold()  # noqa: E731
    authors = {key(n) for names in papers.values() if names for n in names if n.strip() not in ("", "+")}
    return {"papers": len(papers), "dates": len(dates), "authors": len(authors)}


@pytest.fixture(scope="module")
def read_by_rdflib(build):
    """rdflib reading graph.ttl in a second process: `.communicate()` gives its counts."""
    return subprocess.Popen([sys.executable, "-c", RDFLIB_COUNTS, str(build[1] / "graph.ttl")],
                            stdout=subprocess.PIPE, text=True)


def test_the_real_sample_builds_with_no_error(build, read_by_rdflib):
    result, out = build
    assert result.exit_code == 0, result.output
    assert "Error" not in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(export.name for export in EXPORTS)


def test_counts_equal_an_independent_count(build, independent_count):
    result, _ = build
    printed = {name: int(value.replace(",", "")) for name, value in
               re.findall(r"^  (papers|dates|authors)\s+([\d,]+)$", result.output, re.MULTILINE)}
    assert printed == independent_count
    assert independent_count == {"papers": 1488, "dates": 101, "authors": 9899}


def test_no_export_holds_the_input_folder(build, sample):
    _, out = build
    for name in (export.name for export in EXPORTS):
        data = (out / name).read_bytes()
        assert str(sample.resolve()).encode() not in data and str(sample.parent).encode() not in data, name


@pytest.fixture(scope="module")
def store(build) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(build[1] / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    return store


def test_graph_ttl_reads_back_in_oxigraph(build, store, independent_count):
    _, out = build
    void = Graph().parse(out / "void.ttl", format="turtle")
    assert int(next(void.objects(None, Namespace("http://rdfs.org/ns/void#").triples))) == len(store)
    count = lambda cls: int(next(store.query(  # noqa: E731
        f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a <{cls}> }}"))[0].value)
    assert count(SCHEMA.ScholarlyArticle) == independent_count["papers"]
    assert count(SCHEMA.Person) + count(SCHEMA.Organization) == independent_count["authors"]
    assert count(SCHEMA.PublicationIssue) == independent_count["dates"]
    # The real classes of links: one Markdown link whose text is a URL, site-relative media.
    [(acezero,)] = store.query(
        "SELECT ?p WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#seeAlso> <https://nianticlabs.github.io/acezero/> }")
    assert acezero.value.endswith("/paper/2404.14351")
    avatars = list(store.query(
        "SELECT ?u WHERE { ?p <https://schema.org/thumbnailUrl> ?u FILTER(STRSTARTS(STR(?u), 'https://huggingface.co/avatars/')) }"))
    assert len(avatars) == 5


def test_gephi_files_read_back_in_networkx_and_igraph(build, independent_count):
    import igraph

    _, out = build
    read = {name: igraph.Graph.Read_GraphML(str(out / name))
            for name in ("graph.graphml", "coauthors.graphml", "topics.graphml")}
    kinds = read["graph.graphml"].vs["type"]
    assert (kinds.count("paper"), kinds.count("date"), kinds.count("author")) == (
        independent_count["papers"], independent_count["dates"], independent_count["authors"])
    # networkx reads the co-author and topic views (the seeds' tests read graph.graphml in it).
    views = {name: nx.read_graphml(out / name) for name in ("coauthors.graphml", "topics.graphml")}
    for name, G in views.items():
        assert (read[name].vcount(), read[name].ecount()) == (G.number_of_nodes(), G.number_of_edges()), name
    gexf = nx.read_gexf(out / "coauthors.gexf")
    coauthors = views["coauthors.graphml"]
    assert (gexf.number_of_nodes(), gexf.number_of_edges()) == (coauthors.number_of_nodes(), coauthors.number_of_edges())


def test_every_twentieth_digest_conforms_to_the_shapes(sample, tmp_path):
    """pySHACL takes minutes over the whole sample's 626,000 triples (it conforms): a twentieth here."""
    pyshacl = pytest.importorskip("pyshacl")
    files = sorted(sample.glob("*.md"))[::20]
    result = run_kg("build", *files, "--out", tmp_path, "-q")
    assert result.exit_code == 0, result.output
    load = lambda name: Graph().parse(tmp_path / name, format="turtle")  # noqa: E731
    conforms, _, text = pyshacl.validate(load("graph.ttl"), shacl_graph=load("shapes.ttl"),
                                         ont_graph=load("ontology.ttl"))
    assert conforms, text


def test_the_page_loads_in_chromium_without_console_errors(build, browser):  # noqa: F811
    _, out = build
    page = Page(browser, out / "coauthors.html")
    try:
        page.assert_clean()
    finally:
        page.context.close()


def test_the_report_finds_bursts(build):
    _, out = build
    html = (out / "report.html").read_text(encoding="utf-8")
    table = html[html.index('<table id="bursts">'):]
    assert table[:table.index("</table>")].count("<tr><td>") == 15


def test_the_reports_rising_topics_are_the_query(build, store):
    from kg.query import named_queries, substitute

    html = (build[1] / "report.html").read_text(encoding="utf-8")
    date = re.search(r"kg news --date (\d{4}-\d\d-\d\d)", html)[1]
    shown = re.search(r"<h3>Rising topics</h3><p>(.*?)</p>", html)[1]
    rows = store.query(substitute(named_queries()["rising-topics"].text, {"date": date}))
    assert shown == ", ".join(f"{t.value} ({n.value} papers, {m.value} a day before)" for t, n, m in rows)
    assert shown.startswith("large language model (10 papers, 4.59 a day before)")


def test_graph_ttl_reads_back_in_rdflib(build, store, read_by_rdflib, independent_count):
    """Last in the module: the second process started with the build has had the other tests' time."""
    output, _ = read_by_rdflib.communicate(timeout=600)
    assert read_by_rdflib.returncode == 0
    assert json.loads(output) == {"triples": len(store), **{k: independent_count[k] for k in ("papers", "authors", "dates")}}
