"""The graph of the seeds (`kg.graph`, `kg.metrics`): co-author weights worked out by hand
(full and fractional counting), the cap removing exactly the pairs of the papers above it,
deterministic communities, betweenness as networkx defines it, and the co-author view of
`--min-papers`."""

from __future__ import annotations

import itertools
import random
from collections import Counter

import networkx as nx
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import XSD

from conftest import SEEDS, author, run_kg
from kg.builder import BuildSettings, graph_of_corpus
from kg.export.xmltext import xml_id
from kg.graph import coauthor_graph, node_id, topic_graph
from kg.metrics import betweenness
from xml_schemas import check_gexf, check_graphml

KG = Namespace("https://example.org/kg/ontology#")
BASE = "https://example.org/kg/"


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


# --- counting methods -----------------------------------------------------------------------


@pytest.mark.parametrize("a, b, papers, fractional", PAIRS)


def test_full_and_fractional_weights_by_hand(seed_graph, built, a, b, papers, fractional):
    edge = seed_graph.edges[author(a), author(b)]
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


def test_fractional_counting_gives_each_paper_one_unit(seed_graph, seed_corpus):
    """Summed over an author's edges, fractional weights count their co-authored papers."""
    for key in ("chelsea finn", "hila chefer", "deqing sun"):
        papers = [p for p in seed_corpus.papers.values() if key in p.authors and len(p.authors) > 1]
        total = sum(d["fractional_weight"] for _, _, d in seed_graph.edges(author(key), data=True) if d["type"] == "coauthor")
        assert total == pytest.approx(len(papers), abs=1e-4)


# --- the cap on hyper-authored papers --------------------------------------------------------


def expected_pairs(seed_corpus, cap: int) -> Counter:
    pairs = Counter()
    for paper in seed_corpus.papers.values():
        if not cap or len(paper.authors) <= cap:
            pairs.update(itertools.combinations(sorted(paper.authors), 2))
    return pairs


def coauthor_pairs(seed_graph) -> Counter:
    return Counter({tuple(sorted((u.partition(":")[2], v.partition(":")[2]))): d["weight"]
                    for u, v, d in seed_graph.edges(data=True) if d["type"] == "coauthor"})


def test_the_pairs_of_one_paper_share_one_read_only_attribute_dict(seed_graph):
    import copy
    import pickle

    paper = "paper:2401.12945"  # Lumiere: its pairs share only it
    authors = [a for a, d in seed_graph[paper].items() if d["type"] == "authorship"]
    one = {id(seed_graph[a][b]) for a, b in itertools.combinations(authors, 2) if seed_graph[a][b]["weight"] == 1}
    assert len(one) == 1 and seed_graph[authors[0]][authors[1]]["papers"] == "2401.12945"
    with pytest.raises(TypeError, match="share this attribute dict"):
        seed_graph[authors[0]][authors[1]]["weight"] = 5
    with pytest.raises(TypeError):
        seed_graph.add_edge(authors[0], authors[1], weight=5)
    # A copy, a pickle and a deep copy have dicts of their own, with the same attributes.
    H = seed_graph.copy()
    H[authors[0]][authors[1]]["weight"] = 5
    assert seed_graph[authors[0]][authors[1]]["weight"] == 1 and seed_graph[authors[1]][authors[2]]["weight"] == 1
    for again in (pickle.loads(pickle.dumps(seed_graph)), copy.deepcopy(seed_graph)):
        assert dict(again[authors[0]][authors[1]]) == dict(seed_graph[authors[0]][authors[1]])


def test_cap_removes_exactly_the_coauthor_edges_of_papers_above_it(seed_corpus):
    uncapped = graph_of_corpus(seed_corpus, BuildSettings(max_coauthors=0))
    capped = graph_of_corpus(seed_corpus, BuildSettings(max_coauthors=20))
    # The seeds have one paper with 21 authors and four with 22.
    above = {p.arxiv_id for p in seed_corpus.papers.values() if len(p.authors) > 20}
    assert above == {"2401.12963", "2312.09187", "2403.07918", "2403.08295", "2403.08540"}
    assert capped.graph["hyperauthored_papers"] == 5 and uncapped.graph["hyperauthored_papers"] == 0
    assert coauthor_pairs(uncapped) == expected_pairs(seed_corpus, 0)
    assert coauthor_pairs(capped) == expected_pairs(seed_corpus, 20)
    removed = coauthor_pairs(uncapped) - coauthor_pairs(capped)
    only_above = Counter()
    for arxiv_id in above:
        only_above.update(itertools.combinations(sorted(seed_corpus.papers[arxiv_id].authors), 2))
    assert removed == only_above
    for arxiv_id in above:  # authorships stay
        paper = node_id("paper", arxiv_id)
        assert capped.nodes[paper]["hyperauthored"] is True
        assert sum(1 for _, _, t in capped.edges(paper, data="type") if t == "authorship") == \
            len(seed_corpus.papers[arxiv_id].authors)
    assert not any(d["hyperauthored"] for n, d in uncapped.nodes(data=True) if d["type"] == "paper")
    # Chelsea Finn and Dorsa Sadigh keep only the 18-author paper, whose pairs weigh 1/17.
    edge = capped.edges[author("chelsea finn"), author("dorsa sadigh")]
    assert (edge["weight"], edge["fractional_weight"], edge["papers"]) == (1, round(1 / 17, 6), "2405.12213")


def test_cap_summary_line(tmp_path):
    result = run_kg("build", SEEDS, "--out", tmp_path, "--max-coauthors", "20")
    assert result.exit_code == 0, result.output
    assert "5 paper(s) with more than 20 authors kept their authorships but add no co-author pairs" in result.output


# --- metrics ---------------------------------------------------------------------------------


def test_author_metrics(seed_graph):
    finn = seed_graph.nodes[author("chelsea finn")]
    # 33 distinct co-authors, 4 of them on both of her papers.
    assert (finn["degree"], finn["weighted_degree"], finn["paper_count"]) == (33, 37, 2)
    H = coauthor_graph(seed_graph)
    exact = nx.betweenness_centrality(H)
    for n in H:
        d = seed_graph.nodes[n]
        assert d["degree"] == H.degree(n)
        assert d["betweenness"] == pytest.approx(exact[n], abs=1e-9)
    assert seed_graph.graph["betweenness_method"] == "exact"
    assert max(H, key=lambda n: seed_graph.nodes[n]["betweenness"]) == max(exact, key=exact.get)


def test_sampled_betweenness_is_networkx_sampled_betweenness(seed_graph):
    H = coauthor_graph(seed_graph)
    ours = betweenness(H, random.Random(7).sample(list(H), 40))
    theirs = nx.betweenness_centrality(H, k=40, seed=7)
    assert ours == pytest.approx(theirs, abs=1e-12)


def test_betweenness_on_a_disconnected_graph_matches_networkx():
    H = nx.disjoint_union(nx.karate_club_graph(), nx.path_graph(5))
    H.add_node(99)
    assert betweenness(H) == pytest.approx(nx.betweenness_centrality(H), abs=1e-12)


def test_community_ids_identical_across_two_runs(seed_corpus, seed_graph):
    again = graph_of_corpus(seed_corpus)
    for kind in ("author", "topic"):
        first = {n: d["community"] for n, d in seed_graph.nodes(data=True) if d["type"] == kind}
        second = {n: d["community"] for n, d in again.nodes(data=True) if d["type"] == kind}
        assert first == second
        sizes = Counter(first.values())
        assert sorted(sizes) == list(range(len(sizes)))  # ids 0..k-1
        assert [sizes[i] for i in range(len(sizes))] == sorted(sizes.values(), reverse=True)  # 0 the largest
    assert seed_graph.graph["author_communities"] == len(set(d["community"] for _, d in seed_graph.nodes(data=True)
                                                     if d["type"] == "author"))


def test_louvain_communities_are_within_connected_components(seed_graph):
    H = coauthor_graph(seed_graph)
    for component in nx.connected_components(H):
        others = {seed_graph.nodes[n]["community"] for n in H if n not in component}
        assert not {seed_graph.nodes[n]["community"] for n in component} & others


def test_topic_metrics(seed_graph):
    T = topic_graph(seed_graph)
    for n in T:
        d = seed_graph.nodes[n]
        assert d["paper_count"] == sum(1 for m in seed_graph[n] if seed_graph.nodes[m]["type"] == "paper")
        assert d["degree"] == T.degree(n) and isinstance(d["community"], int)


def test_every_attribute_is_a_scalar(seed_graph):
    values = [v for _, d in seed_graph.nodes(data=True) for v in d.values()]
    values += [v for _, _, d in seed_graph.edges(data=True) for v in d.values()]
    values += list(seed_graph.graph.values())
    assert {type(v) for v in values} <= {str, int, float, bool}


def test_paper_attributes(seed_graph):
    paper = seed_graph.nodes[node_id("paper", "2401.12945")]
    assert (paper["author_count"], paper["first_date"], paper["hyperauthored"]) == (14, "2024-01-24", False)
    assert isinstance(paper["votes"], int)


# --- --min-papers ----------------------------------------------------------------------------


def test_min_papers_filters_the_coauthor_exports_only(seed_graph, tmp_path):
    result = run_kg("build", SEEDS, "--out", tmp_path, "--min-papers", "2")
    assert result.exit_code == 0, result.output
    prolific = {xml_id(n) for n, d in seed_graph.nodes(data=True) if d["type"] == "author" and d["paper_count"] >= 2}
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
    assert (finn["degree"], finn["community"]) == (33, seed_graph.nodes[author("chelsea finn")]["community"])
    assert check_graphml(tmp_path / "coauthors.graphml") == [] and check_gexf(tmp_path / "coauthors.gexf") == []


def test_min_papers_is_documented_and_checked(tmp_path):
    result = run_kg("build", "--help")
    assert "--min-papers" in result.output
    bad = run_kg("build", SEEDS, "--out", tmp_path, "--min-papers", "0")
    assert bad.exit_code == 2
