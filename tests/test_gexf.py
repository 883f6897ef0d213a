"""coauthors.gexf (`kg.export.gexf`): the GEXF schema rules (tests/xml_schemas.py), read back
by networkx, the timeline Gephi plays."""

from __future__ import annotations

import networkx as nx
import pytest
from lxml import etree

from conftest import author
from kg.export import EXPORTS
from kg.export.gexf import PALETTE, spells
from kg.export.xmltext import xml_id
from kg.graph import coauthor_graph
from xml_schemas import check_gexf

GEXF_FILES = [e.name for e in EXPORTS if e.format == "gexf"]


@pytest.mark.parametrize("name", GEXF_FILES)


def test_gexf_follows_the_schema(built, name):
    assert check_gexf(built / name) == []


def test_gexf_reads_back_in_networkx(built, seed_graph):
    H = nx.read_gexf(built / "coauthors.gexf")
    view = coauthor_graph(seed_graph)
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
