"""The GraphML exports (`kg.export.graphml`): graph.graphml and coauthors.graphml read back by
networkx and igraph, the GraphML schema rules (tests/xml_schemas.py), topics.graphml's weights."""

from __future__ import annotations

import itertools
from collections import Counter

import networkx as nx
import pytest
from lxml import etree

from conftest import run_kg
from kg.export import EXPORTS
from kg.export.xmltext import xml_id
from kg.graph import EDGE_TYPES, NODE_TYPES, coauthor_graph, topic_graph
from xml_schemas import check_graphml

GRAPHML_FILES = [e.name for e in EXPORTS if e.format == "graphml"]


@pytest.fixture(scope="module")


def graph(built) -> nx.Graph:
    return nx.read_graphml(built / "graph.graphml")


@pytest.fixture(scope="module")


def coauthors(built) -> nx.Graph:
    return nx.read_graphml(built / "coauthors.graphml")


def test_node_and_edge_types(graph):
    assert Counter(t for _, t in graph.nodes(data="type")) == {
        "paper": 58, "author": 508, "date": 5, "topic": 169, "artifact": 47}
    assert Counter(t for _, _, t in graph.edges(data="type")) == {
        "authorship": 516, "coauthor": 2728, "featured": 58, "topic": 296,
        "introduces": 39, "mentions": 21}


def test_every_node_has_label_and_type(graph):
    for node, data in graph.nodes(data=True):
        assert data.get("label") and data.get("type") in NODE_TYPES, node


def test_every_edge_has_type_and_numeric_weight(graph):
    for u, v, data in graph.edges(data=True):
        assert data.get("type") in EDGE_TYPES, (u, v)
        assert isinstance(data.get("weight"), (int, float)), (u, v)


def test_authorship_positions(graph):
    paper = "paper:2401.12945"
    authors = sorted((d["position"], graph.nodes[a]["label"])
                     for _, a, d in graph.edges(paper, data=True) if d["type"] == "authorship")
    assert authors[0] == (1, "Hila Chefer")
    assert [p for p, _ in authors] == list(range(1, 15))
    assert graph.nodes["paper:2312.09187"]["author_count"] == 22


def test_coauthor_network(coauthors):
    assert coauthors.number_of_nodes() == 508
    assert coauthors.number_of_edges() == 2728
    assert Counter(w for _, _, w in coauthors.edges(data="weight")) == {1: 2717, 2: 11}
    finn = "author:chelsea_finn"  # GraphML ids are name tokens: a space is `_`
    assert coauthors.nodes[finn]["label"] == "Chelsea Finn"
    assert coauthors.degree(finn) == 33
    assert {d["type"] for _, d in coauthors.nodes(data=True)} == {"author"}


def test_coauthor_edge_lists_its_papers(coauthors):
    weight2 = [(u, v, d) for u, v, d in coauthors.edges(data=True) if d["weight"] == 2]
    for u, v, d in weight2:
        assert len(d["papers"].split()) == 2
        assert d["first_date"] <= d["last_date"]


def test_xml_declares_each_key_once_with_one_type(built):
    for name in ("graph.graphml", "coauthors.graphml"):
        root = etree.parse(str(built / name)).getroot()
        keys = [(k.get("for"), k.get("attr.name")) for k in root.iter("{*}key")]
        assert len(keys) == len(set(keys)), name


def test_control_character_in_title_still_gives_readable_graphml(digest_dir, tmp_path):
    digest_dir("d.md", "## Daily Papers (2024-03-14)\n\n"
               "### [SOTOPIA-$\x08eta$: \x0crac and \x01 bell](https://arxiv.org/abs/2403.08715)\n\n"
               "Authors: Ann Lee, Bo Chen\n\n- 요약\n")
    out = tmp_path / "out"
    result = run_kg("build", digest_dir.dir, "--out", out)
    assert result.exit_code == 0, result.output
    G = nx.read_graphml(out / "graph.graphml")
    assert G.nodes["paper:2403.08715"]["label"] == "SOTOPIA-$\\beta$: \\frac and bell"


def test_igraph_reads_both_files(built):
    igraph = pytest.importorskip("igraph")
    coauthors = igraph.Graph.Read_GraphML(str(built / "coauthors.graphml"))
    assert (coauthors.vcount(), coauthors.ecount()) == (508, 2728)
    everything = igraph.Graph.Read_GraphML(str(built / "graph.graphml"))
    assert (everything.vcount(), everything.ecount()) == (58 + 508 + 5 + 169 + 47, 516 + 2728 + 58 + 296 + 39 + 21)


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


@pytest.mark.parametrize("name", GRAPHML_FILES)


def test_graphml_follows_the_schema(built, name):
    assert check_graphml(built / name) == []


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


def test_graphml_reads_back_in_networkx_and_igraph(built, seed_graph, name):
    igraph = pytest.importorskip("igraph")
    H = nx.read_graphml(built / name)
    view = {"graph.graphml": seed_graph, "coauthors.graphml": coauthor_graph(seed_graph), "topics.graphml": topic_graph(seed_graph)}[name]
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
