"""Gephi-ready networks: counting methods, the co-author cap, metrics, and the files Gephi opens.

Checks on the seeds: full and fractional co-author weights worked out by hand, the
cap removing exactly the pairs of the papers above it, deterministic communities,
betweenness as networkx defines it; every GraphML and GEXF export read back by
networkx and igraph and checked against the GraphML / GEXF schema rules
(tests/xml_schemas.py); `--min-papers`; hostile text through every export.
"""

from __future__ import annotations

import io
import itertools
import json
import random
from collections import Counter

import networkx as nx
import pytest
from lxml import etree
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import XSD

from conftest import SEEDS, run_kg
from kg.export import EXPORTS
from kg.export.gexf import PALETTE, generate_gexf, spells
from kg.export.graphml import generate_graphml
from kg.export.xmltext import from_xml_id, xml_id
from kg.graph import coauthor_graph, node_id, topic_graph
from kg.metrics import betweenness
from kg.build import BuildSettings, graph_of_corpus
from kg.pipeline import load_corpus
from xml_schemas import check_gexf, check_graphml

KG = Namespace("https://example.org/kg/ontology#")
BASE = "https://example.org/kg/"
GRAPHML_FILES = [e.name for e in EXPORTS if e.format == "graphml"]
GEXF_FILES = [e.name for e in EXPORTS if e.format == "gexf"]

# (author a, author b, shared papers, fractional weight worked out by hand from their author counts)
PAIRS = [
    # 2401.12963 has 21 authors, 2405.12213 has 18: 1/20 + 1/17 = 0.05 + 0.0588235... = 0.108824
    ("chelsea finn", "dorsa sadigh", "2401.12963 2405.12213", 0.108824),
    # 2401.10171 has 11 authors, 2401.12945 has 14: 1/10 + 1/13 = 0.1 + 0.0769230... = 0.176923
    ("deqing sun", "yuanzhen li", "2401.10171 2401.12945", 0.176923),
    # 2401.12954 has 2 authors: 1/1
    ("adam tauman kalai", "mirac suzgun", "2401.12954", 1.0),
    # 2312.08889 has 3 authors: 1/2
    ("yi yang", "zongxin yang", "2312.08889", 0.5),
]


@pytest.fixture(scope="module")
def corpus():
    return load_corpus([SEEDS])


@pytest.fixture(scope="module")
def G(corpus) -> nx.Graph:
    return graph_of_corpus(corpus)


def author(key: str) -> str:
    return node_id("author", key)


# --- counting methods -----------------------------------------------------------------------

@pytest.mark.parametrize("a, b, papers, fractional", PAIRS)
def test_full_and_fractional_weights_by_hand(G, built, a, b, papers, fractional):
    edge = G.edges[author(a), author(b)]
    assert edge["weight"] == len(papers.split())
    assert edge["fractional_weight"] == fractional
    assert edge["papers"] == papers
    coauthors = nx.read_graphml(built / "coauthors.graphml")
    written = coauthors.edges[xml_id(author(a)), xml_id(author(b))]
    assert (written["weight"], written["fractional_weight"], written["papers"]) == (len(papers.split()), fractional, papers)


def test_fractional_weight_in_turtle(built):
    rdf = Graph().parse(built / "graph.ttl", format="turtle")
    c = URIRef(BASE + "collaboration/chelsea_finn/dorsa_sadigh")
    assert rdf.value(c, KG.sharedPaperCount) == Literal(2, datatype=XSD.integer)
    value = rdf.value(c, KG.fractionalPaperCount)
    assert value.datatype == XSD.decimal and float(value) == 0.108824
    counts = {(float(rdf.value(c, KG.fractionalPaperCount)), int(rdf.value(c, KG.sharedPaperCount)))
              for c in rdf.subjects(KG.fractionalPaperCount, None)}
    assert all(0 < fractional <= full for fractional, full in counts)


def test_fractional_counting_gives_each_paper_one_unit(G, corpus):
    """Summed over an author's edges, fractional weights count their co-authored papers."""
    for key in ("chelsea finn", "hila chefer", "deqing sun"):
        papers = [p for p in corpus.papers.values() if key in p.authors and len(p.authors) > 1]
        total = sum(d["fractional_weight"] for _, _, d in G.edges(author(key), data=True) if d["type"] == "coauthor")
        assert total == pytest.approx(len(papers), abs=1e-4)


# --- the cap on hyper-authored papers --------------------------------------------------------

def expected_pairs(corpus, cap: int) -> Counter:
    pairs = Counter()
    for paper in corpus.papers.values():
        if not cap or len(paper.authors) <= cap:
            pairs.update(itertools.combinations(sorted(paper.authors), 2))
    return pairs


def coauthor_pairs(G) -> Counter:
    return Counter({tuple(sorted((u.partition(":")[2], v.partition(":")[2]))): d["weight"]
                    for u, v, d in G.edges(data=True) if d["type"] == "coauthor"})


def test_the_pairs_of_one_paper_share_one_read_only_attribute_dict(G):
    import copy
    import pickle

    paper = "paper:2401.12945"  # Lumiere: its pairs share only it
    authors = [a for a, d in G[paper].items() if d["type"] == "authorship"]
    one = {id(G[a][b]) for a, b in itertools.combinations(authors, 2) if G[a][b]["weight"] == 1}
    assert len(one) == 1 and G[authors[0]][authors[1]]["papers"] == "2401.12945"
    with pytest.raises(TypeError, match="share this attribute dict"):
        G[authors[0]][authors[1]]["weight"] = 5
    with pytest.raises(TypeError):
        G.add_edge(authors[0], authors[1], weight=5)
    # A copy, a pickle and a deep copy have dicts of their own, with the same attributes.
    H = G.copy()
    H[authors[0]][authors[1]]["weight"] = 5
    assert G[authors[0]][authors[1]]["weight"] == 1 and G[authors[1]][authors[2]]["weight"] == 1
    for again in (pickle.loads(pickle.dumps(G)), copy.deepcopy(G)):
        assert dict(again[authors[0]][authors[1]]) == dict(G[authors[0]][authors[1]])


def test_cap_removes_exactly_the_coauthor_edges_of_papers_above_it(corpus):
    uncapped = graph_of_corpus(corpus, BuildSettings(max_coauthors=0))
    capped = graph_of_corpus(corpus, BuildSettings(max_coauthors=20))
    # The seeds have one paper with 21 authors and four with 22.
    above = {p.arxiv_id for p in corpus.papers.values() if len(p.authors) > 20}
    assert above == {"2401.12963", "2312.09187", "2403.07918", "2403.08295", "2403.08540"}
    assert capped.graph["hyperauthored_papers"] == 5 and uncapped.graph["hyperauthored_papers"] == 0
    assert coauthor_pairs(uncapped) == expected_pairs(corpus, 0)
    assert coauthor_pairs(capped) == expected_pairs(corpus, 20)
    removed = coauthor_pairs(uncapped) - coauthor_pairs(capped)
    only_above = Counter()
    for arxiv_id in above:
        only_above.update(itertools.combinations(sorted(corpus.papers[arxiv_id].authors), 2))
    assert removed == only_above
    for arxiv_id in above:  # authorships stay
        paper = node_id("paper", arxiv_id)
        assert capped.nodes[paper]["hyperauthored"] is True
        assert sum(1 for _, _, t in capped.edges(paper, data="type") if t == "authorship") == \
            len(corpus.papers[arxiv_id].authors)
    assert not any(d["hyperauthored"] for n, d in uncapped.nodes(data=True) if d["type"] == "paper")
    # Chelsea Finn and Dorsa Sadigh keep only the 18-author paper, whose pairs weigh 1/17.
    edge = capped.edges[author("chelsea finn"), author("dorsa sadigh")]
    assert (edge["weight"], edge["fractional_weight"], edge["papers"]) == (1, round(1 / 17, 6), "2405.12213")


def test_cap_summary_line(tmp_path):
    result = run_kg("build", SEEDS, "--out", tmp_path, "--max-coauthors", "20")
    assert result.exit_code == 0, result.output
    assert "5 paper(s) with more than 20 authors kept their authorships but add no co-author pairs" in result.output


# --- metrics ---------------------------------------------------------------------------------

def test_author_metrics(G):
    finn = G.nodes[author("chelsea finn")]
    # 33 distinct co-authors, 4 of them on both of her papers.
    assert (finn["degree"], finn["weighted_degree"], finn["paper_count"]) == (33, 37, 2)
    H = coauthor_graph(G)
    exact = nx.betweenness_centrality(H)
    for n in H:
        d = G.nodes[n]
        assert d["degree"] == H.degree(n)
        assert d["betweenness"] == pytest.approx(exact[n], abs=1e-9)
    assert G.graph["betweenness_method"] == "exact"
    assert max(H, key=lambda n: G.nodes[n]["betweenness"]) == max(exact, key=exact.get)


def test_sampled_betweenness_is_networkx_sampled_betweenness(G):
    H = coauthor_graph(G)
    ours = betweenness(H, random.Random(7).sample(list(H), 40))
    theirs = nx.betweenness_centrality(H, k=40, seed=7)
    assert ours == pytest.approx(theirs, abs=1e-12)


def test_betweenness_on_a_disconnected_graph_matches_networkx():
    H = nx.disjoint_union(nx.karate_club_graph(), nx.path_graph(5))
    H.add_node(99)
    assert betweenness(H) == pytest.approx(nx.betweenness_centrality(H), abs=1e-12)


def test_community_ids_identical_across_two_runs(corpus, G):
    again = graph_of_corpus(corpus)
    for kind in ("author", "topic"):
        first = {n: d["community"] for n, d in G.nodes(data=True) if d["type"] == kind}
        second = {n: d["community"] for n, d in again.nodes(data=True) if d["type"] == kind}
        assert first == second
        sizes = Counter(first.values())
        assert sorted(sizes) == list(range(len(sizes)))  # ids 0..k-1
        assert [sizes[i] for i in range(len(sizes))] == sorted(sizes.values(), reverse=True)  # 0 the largest
    assert G.graph["author_communities"] == len(set(d["community"] for _, d in G.nodes(data=True)
                                                     if d["type"] == "author"))


def test_louvain_communities_are_within_connected_components(G):
    H = coauthor_graph(G)
    for component in nx.connected_components(H):
        others = {G.nodes[n]["community"] for n in H if n not in component}
        assert not {G.nodes[n]["community"] for n in component} & others


def test_topic_metrics(G):
    T = topic_graph(G)
    for n in T:
        d = G.nodes[n]
        assert d["paper_count"] == sum(1 for m in G[n] if G.nodes[m]["type"] == "paper")
        assert d["degree"] == T.degree(n) and isinstance(d["community"], int)


def test_every_attribute_is_a_scalar(G):
    values = [v for _, d in G.nodes(data=True) for v in d.values()]
    values += [v for _, _, d in G.edges(data=True) for v in d.values()]
    values += list(G.graph.values())
    assert {type(v) for v in values} <= {str, int, float, bool}


def test_paper_attributes(G):
    paper = G.nodes[node_id("paper", "2401.12945")]
    assert (paper["author_count"], paper["first_date"], paper["hyperauthored"]) == (14, "2024-01-24", False)
    assert isinstance(paper["votes"], int)


# --- the topic co-occurrence network ---------------------------------------------------------

def test_topics_graphml_weights_are_shared_papers(built):
    everything = nx.read_graphml(built / "graph.graphml")
    topics = nx.read_graphml(built / "topics.graphml")
    papers_of = {n: {m for m in everything[n] if everything.nodes[m]["type"] == "paper"}
                 for n, t in everything.nodes(data="type") if t == "topic"}
    assert set(topics) == set(papers_of)
    expected = {frozenset((a, b)): len(papers_of[a] & papers_of[b])
                for a, b in itertools.combinations(sorted(papers_of), 2) if papers_of[a] & papers_of[b]}
    assert {frozenset((u, v)): w for u, v, w in topics.edges(data="weight")} == expected
    for u, v, d in topics.edges(data=True):
        assert len(d["papers"].split()) == d["weight"]


# --- the files: read back, schema rules ------------------------------------------------------

@pytest.mark.parametrize("name", GRAPHML_FILES)
def test_graphml_follows_the_schema(built, name):
    assert check_graphml(built / name) == []


@pytest.mark.parametrize("name", GEXF_FILES)
def test_gexf_follows_the_schema(built, name):
    assert check_gexf(built / name) == []


def test_schema_checks_catch_what_networkx_writes(tmp_path):
    """networkx's writer gives node keys with spaces as ids and repeats key ids: the checks say so."""
    G = nx.Graph()
    G.add_node("author:ann lee", first_date="2024-01-01")
    G.add_edge("author:ann lee", "author:bo", first_date="2024-01-01")
    nx.write_graphml(G, tmp_path / "nx.graphml", named_key_ids=True)
    problems = check_graphml(tmp_path / "nx.graphml")
    assert "node id 'author:ann lee' is not an NMTOKEN" in problems
    assert "key id 'first_date' declared twice" in problems


@pytest.mark.parametrize("name", GRAPHML_FILES)
def test_graphml_reads_back_in_networkx_and_igraph(built, G, name):
    igraph = pytest.importorskip("igraph")
    H = nx.read_graphml(built / name)
    view = {"graph.graphml": G, "coauthors.graphml": coauthor_graph(G), "topics.graphml": topic_graph(G)}[name]
    assert sorted(H) == sorted(xml_id(n) for n in view)
    assert {frozenset(e) for e in H.edges} == {frozenset(map(xml_id, e)) for e in view.edges}
    for n, d in view.nodes(data=True):
        assert H.nodes[xml_id(n)] == d
    i = igraph.Graph.Read_GraphML(str(built / name))
    assert (i.vcount(), i.ecount()) == (view.number_of_nodes(), view.number_of_edges())
    assert sorted(i.vs["id"]) == sorted(H)
    if "community" in i.vs.attributes():  # igraph reads numbers as floats, a missing one as NaN
        assert sorted(c for c in i.vs["community"] if c == c) == \
            sorted(float(d["community"]) for _, d in view.nodes(data=True) if "community" in d)


def test_gexf_reads_back_in_networkx(built, G):
    H = nx.read_gexf(built / "coauthors.gexf")
    view = coauthor_graph(G)
    assert H.graph["mode"] == "dynamic"
    assert (H.number_of_nodes(), H.number_of_edges()) == (508, 2728)
    assert sorted(H) == sorted(xml_id(n) for n in view)
    finn = H.nodes[xml_id(author("chelsea finn"))]
    assert finn["label"] == "Chelsea Finn"
    assert finn["spells"] == [("2024-01-24", "2024-01-24"), ("2024-05-21", "2024-05-21")]
    assert {k: finn[k] for k in ("paper_count", "degree", "weighted_degree", "community")} == \
        {k: view.nodes[author("chelsea finn")][k] for k in ("paper_count", "degree", "weighted_degree", "community")}
    community = view.nodes[author("chelsea finn")]["community"]
    hex_color = PALETTE[community % len(PALETTE)]
    assert finn["viz"]["color"] == dict(zip("rgb", (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))), a=1.0)
    assert finn["viz"]["size"] == pytest.approx(5 * 2 ** 0.5)
    edge = H.edges[xml_id(author("chelsea finn")), xml_id(author("dorsa sadigh"))]
    assert (edge["weight"], edge["fractional_weight"], edge["papers"]) == (2.0, 0.108824, "2401.12963 2405.12213")
    assert edge["spells"] == [("2024-01-24", "2024-01-24"), ("2024-05-21", "2024-05-21")]
    for n, d in H.nodes(data=True):
        assert d["spells"], n
    for u, v, d in H.edges(data=True):
        assert d["spells"], (u, v)


def test_gexf_declares_the_timeline(built):
    root = etree.parse(str(built / "coauthors.gexf")).getroot()
    graph = root.find("{http://www.gexf.net/1.2draft}graph")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    assert (graph.get("start"), graph.get("end")) == ("2023-12-15", "2024-05-21")
    titles = [(a.getparent().get("class"), a.get("title")) for a in root.iter("{*}attribute")]
    assert len(titles) == len(set(titles))
    assert ("node", "label") not in titles and ("edge", "weight") not in titles


def test_spells_are_runs_of_consecutive_days():
    assert spells("2024-02-28 2024-02-29 2024-03-01 2024-03-03 2024-02-28") == [
        ("2024-02-28", "2024-03-01"), ("2024-03-03", "2024-03-03")]


def test_node_ids_are_the_same_in_every_file_and_decode_to_keys(built):
    gexf_ids = {n.get("id") for n in etree.parse(str(built / "coauthors.gexf")).getroot().iter("{*}node")}
    assert gexf_ids == set(nx.read_graphml(built / "coauthors.graphml"))
    for key in ("author:rémi o'brien", "topic:a_b c", "author:김철수", "paper:2401.12945", "author:·5F"):
        assert from_xml_id(xml_id(key)) == key


# --- --min-papers ----------------------------------------------------------------------------

def test_min_papers_filters_the_coauthor_exports_only(G, tmp_path):
    result = run_kg("build", SEEDS, "--out", tmp_path, "--min-papers", "2")
    assert result.exit_code == 0, result.output
    prolific = {xml_id(n) for n, d in G.nodes(data=True) if d["type"] == "author" and d["paper_count"] >= 2}
    assert 0 < len(prolific) < 508
    coauthors = nx.read_graphml(tmp_path / "coauthors.graphml")
    assert set(coauthors) == prolific
    assert all(coauthors.nodes[n]["paper_count"] >= 2 for n in coauthors)
    assert set(nx.read_gexf(tmp_path / "coauthors.gexf")) == prolific
    everything = nx.read_graphml(tmp_path / "graph.graphml")
    assert sum(1 for _, t in everything.nodes(data="type") if t == "author") == 508
    assert f"{508 - len(prolific)} author(s) with fewer than 2 papers left out of the co-author exports" in result.output
    # the metrics are those of the whole network, not of the filtered one
    finn = coauthors.nodes[xml_id(author("chelsea finn"))]
    assert (finn["degree"], finn["community"]) == (33, G.nodes[author("chelsea finn")]["community"])
    assert check_graphml(tmp_path / "coauthors.graphml") == [] and check_gexf(tmp_path / "coauthors.gexf") == []


def test_min_papers_is_documented_and_checked(tmp_path):
    result = run_kg("build", "--help")
    assert "--min-papers" in result.output
    bad = run_kg("build", SEEDS, "--out", tmp_path, "--min-papers", "0")
    assert bad.exit_code == 2


# --- hostile text through every export -------------------------------------------------------

HOSTILE_DIGEST = (
    "## Daily Papers (2024-03-14)\n\n"
    "### [Ti\x08tle \x0cwith & <b>bold</b> \"double\" 'single' 한국어 제목](https://arxiv.org/abs/2403.00001)\n\n"
    "Vote: 3\n\n"
    "Authors: Kim \"Ace\" O'Neil, Bo & Co <x>, 김철수, Ann\x0cLee, Zed\x08Two\n\n"
    "- 요약 & <i>\n\n"
    "### [Second <paper> & \"more\"](https://arxiv.org/abs/2403.00002)\n\n"
    "Authors: 김철수, Bo & Co <x>\n\n- 둘\n"
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-gephi")
    (folder / "d.md").write_text(HOSTILE_DIGEST, encoding="utf-8")
    out = folder / "out"
    result = run_kg("build", folder, "--out", out)
    assert result.exit_code == 0, result.output
    return out, graph_of_corpus(load_corpus([folder]))


def test_hostile_text_through_every_export(hostile):
    igraph = pytest.importorskip("igraph")
    out, G = hostile
    labels = {xml_id(n): d["label"] for n, d in G.nodes(data=True)}
    assert "김철수" in labels.values() and 'Kim "Ace" O\'Neil' in labels.values() and "Bo & Co <x>" in labels.values()
    assert any("\\btle \\fwith & <b>bold</b>" in label for label in labels.values())
    for export in EXPORTS:
        name = export.name
        path = out / name
        assert path.stat().st_size > 0, name
        if export.format == "graphml":
            assert check_graphml(path) == [], name
            for n, d in nx.read_graphml(path).nodes(data=True):
                assert d["label"] == labels[n], name
            i = igraph.Graph.Read_GraphML(str(path))
            assert sorted(i.vs["label"]) == sorted(d["label"] for d in nx.read_graphml(path).nodes.values())
        elif export.format == "gexf":
            assert check_gexf(path) == [], name
            for n, d in nx.read_gexf(path).nodes(data=True):
                assert d["label"] == labels[n], name
        elif export.format in ("turtle", "void", "vocab"):
            Graph().parse(path, format="turtle")
        elif export.format == "html":
            page = path.read_text(encoding="utf-8")
            assert "<b>bold</b>" not in page and "Bo & Co <x>" not in page  # only as JSON data
            nodes, _ = json.JSONDecoder().raw_decode(page, page.index("nodeData = ") + len("nodeData = "))
            assert {node["label"] for node in nodes} == \
                {d["label"] for _, d in G.nodes(data=True) if d["type"] == "author"}
    rdf = Graph().parse(out / "graph.ttl", format="turtle")
    names = {str(o) for o in rdf.objects(None, URIRef("http://xmlns.com/foaf/0.1/name"))}
    assert {"김철수", 'Kim "Ace" O\'Neil', "Bo & Co <x>"} <= names


def test_xml_illegal_characters_are_dropped_by_the_writers():
    G = nx.Graph()
    G.add_node("author:a\x01b", label="Ann\x08\x0c & <Lee> \"q\" 한\ufffe", paper_count=1, community=0,
               dates="2024-01-01")
    G.add_node("author:c", label="C", paper_count=1, community=25, dates="2024-01-02")
    G.add_edge("author:a\x01b", "author:c", weight=1, note="x\x0by", dates="2024-01-01 2024-01-02")
    gexf = "".join(generate_gexf(G)).encode()
    graphml = "".join(generate_graphml(G)).encode()
    for data in (gexf, graphml):
        etree.fromstring(data)  # well-formed XML 1.0
    assert nx.read_gexf(io.BytesIO(gexf)).nodes[xml_id("author:a\x01b")]["label"] == \
        'Ann & <Lee> "q" 한'
    assert nx.read_graphml(io.BytesIO(graphml)).edges[xml_id("author:a\x01b"), "author:c"]["note"] == "xy"


def test_writers_refuse_values_gephi_cannot_hold():
    G = nx.Graph()
    G.add_node("a", label="A", tags=["x", "y"])
    with pytest.raises(TypeError, match="does not support attribute 'tags' of type list"):
        "".join(generate_graphml(G))
    with pytest.raises(TypeError, match="does not support attribute 'tags' of type list"):
        "".join(generate_gexf(G))
    G.nodes["a"]["tags"] = None
    with pytest.raises(TypeError, match="NoneType"):
        "".join(generate_gexf(G))
