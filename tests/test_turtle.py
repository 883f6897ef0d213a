"""graph.ttl read back by independent readers: rdflib's SPARQL engine and Oxigraph."""

from __future__ import annotations

import pytest
from rdflib import XSD, Graph, Literal

PREFIXES = """
PREFIX schema: <https://schema.org/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX kg: <https://example.org/kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


@pytest.fixture(scope="module")
def rdf(built) -> Graph:
    g = Graph()
    g.parse(built / "graph.ttl", format="turtle")
    return g


def select(rdf: Graph, query: str) -> list[tuple]:
    return [tuple(row) for row in rdf.query(PREFIXES + query)]


def count(rdf: Graph, where: str) -> int:
    [(n,)] = select(rdf, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
    return int(n)


def test_seed_counts(rdf):
    assert count(rdf, "?p a schema:ScholarlyArticle") == 58
    assert count(rdf, "?d a schema:PublicationIssue") == 5
    assert count(rdf, "{ ?a a schema:Person } UNION { ?a a schema:Organization }") == 508
    assert count(rdf, "?a a schema:Organization") == 2
    assert count(rdf, "?p schema:author ?a") == 516
    assert count(rdf, "?p prov:qualifiedAttribution ?s . ?s prov:agent ?a ; schema:position ?i") == 516
    assert count(rdf, "?c a kg:Collaboration") == 2728
    assert count(rdf, "?c a kg:Collaboration ; kg:sharedPaperCount 2") == 11
    assert count(rdf, "?a kg:coAuthor ?b") == 2 * 2728  # stated both ways
    assert count(rdf, "?p dcterms:subject ?t . ?t a skos:Concept") == 296
    assert count(rdf, "?a a kg:Artifact") == 47
    assert count(rdf, "?p kg:introduces ?a") == 39 and count(rdf, "?p schema:mentions ?a . ?a a kg:Artifact") == 21


def test_artifacts_introduced_and_mentioned(rdf):
    """Lumiere is what 2401.12945 introduces; GPT-4, CLIP and LLaMA (as Llama 2 and its versions) are
    mentioned by several papers; the named query follows versions to their family."""
    [(lumiere,)] = select(rdf, 'SELECT ?l WHERE { ?p schema:identifier "2401.12945" ; kg:introduces ?a . ?a rdfs:label ?l }')
    assert str(lumiere) == "Lumiere"
    mentioned = {str(label): int(n) for label, n in select(rdf, """
        SELECT ?label (COUNT(DISTINCT ?p) AS ?n) WHERE {
          ?a rdfs:label ?label . ?v dcterms:isVersionOf* ?a . ?p schema:mentions ?v } GROUP BY ?label""")}
    assert (mentioned["GPT-4"], mentioned["CLIP"], mentioned["LLaMA"]) == (6, 3, 4)
    kinds = {str(label): str(kind) for label, kind in select(rdf, """
        SELECT ?label ?kind WHERE { ?a a kg:Artifact, ?kind ; rdfs:label ?label FILTER(?kind != kg:Artifact) }""")}
    assert (kinds["MT-Bench"], kinds["OpenRLHF"]) == ("https://schema.org/Dataset", "https://schema.org/SoftwareApplication")


def test_first_author_of_lumiere(rdf):
    rows = select(rdf, """
        SELECT ?name WHERE {
          ?p schema:identifier "2401.12945" ; prov:qualifiedAttribution ?s .
          ?s schema:position 1 ; prov:agent/foaf:name ?name .
        }""")
    assert rows == [(Literal("Hila Chefer"),)]


def test_authors_in_order(rdf):
    rows = select(rdf, """
        SELECT ?i ?name WHERE {
          ?p schema:identifier "2312.09187" ; prov:qualifiedAttribution ?s .
          ?s schema:position ?i ; prov:agent/foaf:name ?name .
        } ORDER BY ?i""")
    assert [int(i) for i, _ in rows] == list(range(1, 23))
    assert str(rows[0][1]) == "Kate Baumli"
    assert str(rows[-1][1]) == "Yannick Schroecker"  # the trailing `+` is not a person


def test_single_token_author(rdf):
    rows = select(rdf, """
        SELECT ?name WHERE { ?p schema:identifier "2405.11143" ; schema:author/foaf:name ?name }""")
    assert (Literal("Xianyu"),) in rows


def test_chelsea_finn_has_33_coauthors(rdf):
    rows = select(rdf, """
        SELECT DISTINCT ?other WHERE { ?a foaf:name "Chelsea Finn" ; kg:coAuthor ?other }""")
    assert len(rows) == 33


def test_typed_literals_and_languages(rdf):
    dates = select(rdf, "SELECT ?d WHERE { ?i a schema:PublicationIssue ; schema:datePublished ?d }")
    assert all(d.datatype == XSD.date for (d,) in dates)
    assert sorted(str(d) for (d,) in dates) == [
        "2023-12-15", "2024-01-19", "2024-01-24", "2024-03-14", "2024-05-21"]
    votes = select(rdf, 'SELECT ?v WHERE { ?p schema:identifier "2401.12945" ; schema:upvoteCount ?v }')
    assert votes == [(Literal(38, datatype=XSD.integer),)]
    [(abstract,)] = select(rdf, 'SELECT ?a WHERE { ?p schema:identifier "2401.12945" ; dcterms:abstract ?a }')
    assert abstract.language == "ko" and "Lumiere" in abstract
    [(title,)] = select(rdf, 'SELECT ?t WHERE { ?p schema:identifier "2401.12945" ; dcterms:title ?t }')
    assert title.language == "en"


def test_stable_iris(rdf):
    rows = select(rdf, 'SELECT ?p WHERE { ?p schema:identifier "2401.12945" }')
    assert [str(p) for (p,) in rows] == ["https://example.org/kg/paper/2401.12945"]


def test_oxigraph_reads_the_same_triples(built, rdf):
    pyoxigraph = pytest.importorskip("pyoxigraph")
    store = pyoxigraph.Store()
    store.bulk_load(path=str(built / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(rdf)
    [row] = list(store.query(PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { ?c a kg:Collaboration }"))
    assert int(row["n"].value) == 2728


def test_oxigraph_serializer_writes_the_same_graph_as_rdflib(built, rdf, seed_graph):
    """graph.ttl is serialized by Oxigraph; it must be the graph rdflib builds from the same triples."""
    from rdflib.compare import graph_diff, to_isomorphic

    from kg.export.rdf import to_rdf, triples
    G = seed_graph
    expected = to_rdf(G)
    emitted = sum(1 for _ in triples(G))
    assert emitted == len(expected) == len(rdf)  # every triple written once
    if to_isomorphic(expected) != to_isomorphic(rdf):
        _, only_expected, only_written = graph_diff(to_isomorphic(expected), to_isomorphic(rdf))
        raise AssertionError(f"differ: {sorted(only_expected)[:5]} vs {sorted(only_written)[:5]}")


def test_graph_ttl_written_in_parts_is_the_whole_file_with_the_whole_statistics(seed_graph):
    """The build writes graph.ttl in parts, in two processes, and joins them (kg.export)."""
    import io

    from kg.export import turtle
    G = seed_graph
    whole = turtle.generate_turtle(G)
    counted = turtle.count_triples(G)
    parts = []
    for part in reversed(turtle.PARTS):  # the order they are written in does not matter
        file = io.BytesIO()
        parts.insert(0, (file, turtle.write_part(G, file, part)))
        file.seek(0)
    assert len(parts) == 8 and all(file.getvalue() for file, _ in parts)
    joined = io.BytesIO()
    assert turtle.join_parts(parts, joined) == counted == turtle.write_turtle(G, io.BytesIO())
    assert joined.getvalue() == whole
    assert counted.subjects == 4038 and sum(counted.properties.values()) == 34205  # as void.ttl says
