"""What the GraphML and GEXF writers share (`kg.export.xmltext`): node ids, escaping of hostile
text, values Gephi cannot hold."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest
from lxml import etree
from rdflib import Graph, URIRef

from conftest import run_kg
from kg.builder import graph_of_corpus
from kg.export import EXPORTS
from kg.export.gexf import generate_gexf
from kg.export.graphml import generate_graphml
from kg.export.xmltext import from_xml_id, xml_id
from kg.pipeline import load_corpus
from xml_schemas import check_gexf, check_graphml


def test_node_ids_are_the_same_in_every_file_and_decode_to_keys(built):
    gexf_ids = {n.get("id") for n in etree.parse(str(built / "coauthors.gexf")).getroot().iter("{*}node")}
    assert gexf_ids == set(nx.read_graphml(built / "coauthors.graphml"))
    for key in ("author:rémi o'brien", "topic:a_b c", "author:김철수", "paper:2401.12945", "author:·5F"):
        assert from_xml_id(xml_id(key)) == key


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
            kind = "author" if name == "coauthors.html" else "topic"
            assert {node["label"] for node in nodes} == \
                {d["label"] for _, d in G.nodes(data=True) if d["type"] == kind}, name
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
