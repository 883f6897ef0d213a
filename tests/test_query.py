"""The shipped SPARQL queries: exact answers on the seeds, the same on Oxigraph and rdflib."""

from __future__ import annotations

import random

import pytest

from conftest import run_kg
from kg.query import load_graph, named_queries, substitute

PARAMS = {
    "coauthors": {"name": "Chelsea Finn"},
    "author-papers": {"name": "chelsea finn"},
    "paper-authors": {"arxiv": "2401.12945"},
    "papers-of-date": {"date": "2024-01-24"},
    "authors-of-date": {"date": "2024-01-24"},
    "topic-papers": {"topic": "Diffusion Model"},
    "artifact-papers": {"name": "llama"},
    "introduced-artifacts": {"date": "2024-01-24"},
    "first-collaborations": {"date": "2024-05-21"},
    "rising-topics": {"date": "2024-01-24"},
}
NO_ROWS_ON_THE_SEEDS = {"first-collaborations"}  # every pair's first date brings a new author there (test_news.py)


@pytest.fixture(scope="module")
def engines(built):
    return {engine: load_graph(built / "graph.ttl", engine) for engine in ("oxigraph", "rdflib")}


def values(engines, name, engine="oxigraph"):
    """Rows of a shipped query as plain strings ('' for unbound)."""
    query = named_queries()[name]
    _, rows = engines[engine].select(query.text, PARAMS.get(name, {}))
    return [tuple("" if t is None else t.value for t in row) for row in rows]


def rows_of_turtle(tmp_path, ttl: str, name: str, engine: str, **params) -> list[tuple]:
    """Rows of a shipped query on a graph written for the test, as plain strings."""
    (tmp_path / "graph.ttl").write_text(ttl, encoding="utf-8")
    _, rows = load_graph(tmp_path / "graph.ttl", engine).select(named_queries()[name].text, params)
    return [tuple(t.value for t in row) for row in rows]


def test_every_shipped_query_has_params_and_an_example():
    for q in named_queries().values():
        assert q.description and f"--name {q.name}" in q.text, q.name
        assert set(q.params) == set(PARAMS.get(q.name, {})), q.name


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_same_rows_on_oxigraph_and_rdflib(engines, name):
    query = named_queries()[name]
    ox = engines["oxigraph"].select(query.text, PARAMS.get(name, {}))
    rdf = engines["rdflib"].select(query.text, PARAMS.get(name, {}))
    assert ox == rdf
    assert bool(ox[1]) != (name in NO_ROWS_ON_THE_SEEDS), f"{name} returns no rows on the seeds"


def test_coauthors_of_chelsea_finn(engines):
    rows = values(engines, "coauthors")
    assert len(rows) == 33
    assert [(r[0], r[1]) for r in rows[:5]] == [
        ("Dorsa Sadigh", "2"), ("Pannag Sanketi", "2"), ("Quan Vuong", "2"), ("Sergey Levine", "2"),
        ("Alex Irpan", "1")]
    assert rows[0][2:] == ("2024-01-24", "2024-05-21")


def test_authors_of_lumiere_in_order(engines):
    assert values(engines, "paper-authors") == [(str(i), n) for i, n in enumerate([
        "Hila Chefer", "Tali Dekel", "Tomer Michaeli", "Deqing Sun", "Oliver Wang", "Roni Paiss",
        "Yuanzhen Li", "Ariel Ephrat", "Junhwa Hur", "Inbar Mosseri", "Omer Tov", "Charles Herrmann",
        "Shiran Zada", "Omer Bar-Tal"], start=1)]


def test_author_papers_in_date_order(engines):
    assert values(engines, "author-papers") == [
        ("2024-01-24", "2401.12963", "14",
         "AutoRT: Embodied Foundation Models for Large Scale Orchestration of Robotic Agents"),
        ("2024-05-21", "2405.12213", "8", "Octo: An Open-Source Generalist Robot Policy"),
    ]


def test_papers_naming_llama_newest_first(engines):
    assert [(r[0], r[1], r[2], r[3]) for r in values(engines, "artifact-papers")] == [
        ("2024-03-14", "2403.07918", "mentions", "Llama 2"), ("2024-01-24", "2401.12522", "mentions", "Llama 2"),
        ("2024-01-19", "2401.10020", "mentions", "Llama 2"), ("2023-12-15", "2312.08688", "mentions", "Llama 2")]


def test_artifacts_introduced_on_a_date(engines):
    rows = values(engines, "introduced-artifacts")
    assert [r[0] for r in rows] == ["AutoRT", "BiTA", "GALA", "Lumiere", "Meta-Prompting", "Orion-14B"]
    assert rows[3][1:] == ("2401.12945", "Lumiere: A Space-Time Diffusion Model for Video Generation", "0")


def test_top_authors(engines):
    rows = values(engines, "top-authors")
    assert rows == [  # only eight authors have two papers
        ("Chelsea Finn", "2", "33"), ("Dorsa Sadigh", "2", "33"), ("Pannag Sanketi", "2", "33"),
        ("Quan Vuong", "2", "33"), ("Sergey Levine", "2", "33"), ("Deqing Sun", "2", "22"),
        ("Yuanzhen Li", "2", "22"), ("Yan Wang", "2", "18")]


def test_strongest_collaborations(engines):
    rows = values(engines, "strongest-collaborations")
    assert len(rows) == 11  # the pairs with two shared papers; none has more
    assert {r[2] for r in rows} == {"2"}
    assert ("Deqing Sun", "Yuanzhen Li", "2", "2024-01-19", "2024-01-24") in rows
    assert rows[0] == ("Chelsea Finn", "Dorsa Sadigh", "2", "2024-01-24", "2024-05-21")


def test_papers_and_authors_of_a_date(engines):
    papers = values(engines, "papers-of-date")
    assert len(papers) == 10
    assert papers[0] == ("2401.12945", "38", "14", "Hila Chefer",
                         "Lumiere: A Space-Time Diffusion Model for Video Generation")
    authors = values(engines, "authors-of-date")
    assert len(authors) == sum(int(p[2]) for p in papers) == 85


def test_topic_papers(engines):
    rows = values(engines, "topic-papers")
    assert len(rows) == 12  # "Diffusion Model", any case: the concept also holds 확산 모델 and DM
    assert rows[0] == ("2024-05-21", "2405.11473", "FIFO-Diffusion: Generating Infinite Videos from Text without Training")
    assert ("2023-12-15", "2312.09256",
            "LIME: Localized Image Editing via Attention Regularization in Diffusion Models") in rows


def test_topics_by_month(engines):
    rows = values(engines, "topics-by-month")
    assert rows[:4] == [("2023-12", "large language model", "8"), ("2023-12", "diffusion model", "6"),
                        ("2023-12", "agent", "4"), ("2023-12", "text-to-image", "4")]
    assert all(int(r[2]) >= 2 for r in rows)


def test_first_authors(engines):
    rows = values(engines, "first-authors")
    assert len(rows) == 20 and {r[1] for r in rows} == {"1"}
    assert rows == sorted(rows)


def test_parameters_are_escaped_not_injected():
    query = "SELECT ?x WHERE { ?x foaf:name ?name }"
    hostile = 'x" } ; DROP ALL ; #\n'
    assert substitute(query, {"name": hostile}) == (
        'SELECT ?x WHERE { ?x foaf:name "x\\" } ; DROP ALL ; #\\n"'
        '^^<http://www.w3.org/2001/XMLSchema#string> }')
    assert substitute("?names ?name", {"name": "a"}).startswith("?names ")


def test_cli_named_query_with_param(built):
    result = run_kg("query", built / "graph.ttl", "--name", "coauthors", "--param", "name=Chelsea Finn")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "(33 rows)"


def test_cli_list(built):
    result = run_kg("query", "--list")
    assert result.exit_code == 0
    for name in named_queries():
        assert name in result.output
    assert "name=…" in result.output


def test_cli_missing_param_is_a_usage_error(built):
    result = run_kg("query", built / "graph.ttl", "--name", "coauthors")
    assert result.exit_code == 2
    assert "needs --param name=" in result.output


def test_cli_rdflib_engine(built):
    result = run_kg("query", built / "graph.ttl", "-n", "paper-authors", "-p", "arxiv=2401.12945",
                    "--engine", "rdflib", "--format", "csv")
    assert result.output.splitlines()[:2] == ["position,author", "1,Hila Chefer"]


@pytest.mark.parametrize("name, param, as_written, other_case", [
    ("coauthors", "name", "Chelsea Finn", "CHELSEA finn"),
    ("author-papers", "name", "Chelsea Finn", "chelsea finn"),
    ("artifact-papers", "name", "LLaMA", "llama"),
    ("topic-papers", "topic", "diffusion model", "Diffusion Model"),
    ("topic-papers", "topic", "텍스트-이미지 모델", "텍스트-이미지 모델".upper()),  # a Korean prefLabel: @ko
])
def test_a_name_as_written_and_in_another_case_give_the_same_rows(engines, name, param, as_written, other_case):
    # The queries find a name as written at once and read every name only for another case.
    query = named_queries()[name]
    for graph in engines.values():
        exact = graph.select(query.text, {param: as_written})
        assert exact[1] and exact == graph.select(query.text, {param: other_case})


PREFIXES = ["@prefix kg: <https://example.org/kg/ontology#> .", "@prefix foaf: <http://xmlns.com/foaf/0.1/> ."]


def ranked_at_random():
    """(number, count) of 35 things written in shuffled order (IRI order is not the order written):
    three of four papers, 22 of two, ten of one; and the 20 a top 20 holds, (-count, number) in order:
    the three, then the first 17 of two by number."""
    counts = [4] * 3 + [2] * 22 + [1] * 10
    order = list(range(len(counts)))
    random.Random(1).shuffle(order)
    return list(zip(order, counts)), sorted((-n, i) for i, n in zip(order, counts) if n >= 2)[:20]


def test_strongest_collaborations_break_ties_at_the_20th_count_by_iri(tmp_path):
    pairs, expected = ranked_at_random()
    lines = list(PREFIXES)
    for i, n in pairs:
        lines.append(f"<urn:c:{i:02}> kg:member <urn:p:{i:02}a>, <urn:p:{i:02}b> ; kg:sharedPaperCount {n} ; "
                     f'kg:firstDate "2024-01-01" ; kg:lastDate "2024-02-01" .')
        lines += [f'<urn:p:{i:02}{x}> foaf:name "P{i:02}{x}" .' for x in "ab"]
    for engine in ("oxigraph", "rdflib"):
        rows = rows_of_turtle(tmp_path, "\n".join(lines), "strongest-collaborations", engine)
        assert [(r[0], int(r[2])) for r in rows] == [(f"P{i:02}a", -n) for n, i in expected], engine


def test_top_authors_break_ties_at_the_20th_count_by_iri(tmp_path):
    people, expected = ranked_at_random()
    lines = PREFIXES + [f'<urn:p:{i:02}> foaf:name "P{i:02}" ; kg:paperCount {n} .' for i, n in people]
    for engine in ("oxigraph", "rdflib"):
        rows = rows_of_turtle(tmp_path, "\n".join(lines), "top-authors", engine)
        assert [(r[0], int(r[1])) for r in rows] == [(f"P{i:02}", -n) for n, i in expected], engine


def test_rising_topics_count_a_paper_featured_again_as_earlier_not_new(tmp_path):
    # p1 is featured on day 1 and again on day 3: on day 3 it is an earlier paper of topic T, not a new one.
    ttl = """@prefix schema: <https://schema.org/> . @prefix kg: <https://example.org/kg/ontology#> .
    @prefix dcterms: <http://purl.org/dc/terms/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <urn:d1> a schema:PublicationIssue ; schema:datePublished "2024-01-01"^^xsd:date .
    <urn:d2> a schema:PublicationIssue ; schema:datePublished "2024-01-02"^^xsd:date .
    <urn:d3> a schema:PublicationIssue ; schema:datePublished "2024-01-03"^^xsd:date .
    <urn:T> skos:prefLabel "t"@en . <urn:U> skos:prefLabel "u"@en .
    <urn:p1> kg:featuredIn <urn:d1>, <urn:d3> ; dcterms:subject <urn:T>, <urn:U> .
    <urn:p2> kg:featuredIn <urn:d2> ; dcterms:subject <urn:U> .
    <urn:p3> kg:featuredIn <urn:d3> ; dcterms:subject <urn:T> .
    <urn:p4> kg:featuredIn <urn:d3> ; dcterms:subject <urn:T> .
    """
    for engine in ("oxigraph", "rdflib"):
        assert rows_of_turtle(tmp_path, ttl, "rising-topics", engine, date="2024-01-03") == [("t", "2", "0.5")], engine


def test_topics_by_month_count_a_paper_featured_twice_in_a_month_once(tmp_path):
    # p1 is featured on two days of January: T has two papers that month, not three; U one (left out).
    ttl = """@prefix schema: <https://schema.org/> . @prefix kg: <https://example.org/kg/ontology#> .
    @prefix dcterms: <http://purl.org/dc/terms/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <urn:d1> schema:datePublished "2024-01-01"^^xsd:date . <urn:d2> schema:datePublished "2024-01-02"^^xsd:date .
    <urn:d3> schema:datePublished "2024-01-03"^^xsd:date .
    <urn:T> skos:prefLabel "t"@en . <urn:U> skos:prefLabel "u"@en .
    <urn:p1> kg:featuredIn <urn:d1>, <urn:d3> ; dcterms:subject <urn:T>, <urn:U> .
    <urn:p2> kg:featuredIn <urn:d2> ; dcterms:subject <urn:T> .
    """
    for engine in ("oxigraph", "rdflib"):
        assert rows_of_turtle(tmp_path, ttl, "topics-by-month", engine) == [("2024-01", "t", "2")], engine
