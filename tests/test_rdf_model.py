"""The RDF dataset as a whole: SHACL shapes, VoID, IRIs, and exact round trips of text."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, VOID

from conftest import run_kg

pyshacl = pytest.importorskip("pyshacl")
SCHEMA = Namespace("https://schema.org/")
KG = Namespace("https://example.org/kg/ontology#")
BASE = "https://example.org/kg/"


def load(path) -> Graph:
    return Graph().parse(path, format="turtle")


@pytest.fixture(scope="module")
def rdf(built) -> Graph:
    return load(built / "graph.ttl")


@pytest.fixture(scope="module")
def shapes(built) -> Graph:
    return load(built / "shapes.ttl")


def validate(data: Graph, shapes: Graph, ontology: Graph | None = None, focus: list | None = None):
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, focus_nodes=focus)
    return conforms, text


def test_seed_graph_conforms_to_shapes(rdf, shapes, built):
    conforms, text = validate(rdf, shapes, load(built / "ontology.ttl"))
    assert conforms, text


def test_void_conforms_and_counts(built, rdf, shapes):
    void = load(built / "void.ttl")
    conforms, text = validate(void, shapes)
    assert conforms, text
    dataset = URIRef(BASE + "void/dataset")
    assert void.value(dataset, VOID.triples).toPython() == len(rdf)
    assert void.value(dataset, VOID.distinctSubjects).toPython() == len(set(rdf.subjects()))
    assert void.value(dataset, VOID.entities).toPython() == len(set(rdf.subjects(RDF.type)))
    classes = {void.value(p, VOID["class"]): void.value(p, VOID.entities).toPython()
               for p in void.objects(dataset, VOID.classPartition)}
    assert classes[SCHEMA.ScholarlyArticle] == 58
    assert classes[SCHEMA.Person] + classes[SCHEMA.Organization] == 508
    assert classes[KG.Authorship] == 516
    assert classes[KG.Collaboration] == 2728
    assert classes == dict(Counter(rdf.objects(None, RDF.type)))
    vocabularies = set(map(str, void.objects(dataset, VOID.vocabulary)))
    assert {"https://schema.org/", "http://purl.org/dc/terms/", "http://xmlns.com/foaf/0.1/",
            "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/ns/prov#"} <= vocabularies


def test_each_subject_comes_in_one_run_so_void_counts_runs(tmp_path):
    """VoID counts subjects as runs of triples; a file of two dates once split its source's."""
    from conftest import FIXTURES
    out = tmp_path / "out"
    assert run_kg("build", FIXTURES / "variants", "--out", out, "-q").exit_code == 0
    void = load(out / "void.ttl")
    rdf = load(out / "graph.ttl")
    dataset = URIRef(BASE + "void/dataset")
    assert void.value(dataset, VOID.distinctSubjects).toPython() == len(set(rdf.subjects()))
    assert void.value(dataset, VOID.entities).toPython() == len(set(rdf.subjects(RDF.type)))
    two_dates = next(s for s in rdf.subjects(DCTERMS.date, None) if str(s).endswith("/12_same_paper_two_dates.md"))
    assert sorted(map(str, rdf.objects(two_dates, DCTERMS.date))) == ["2024-04-10", "2024-04-11"]


def test_ontology_documents_every_kg_term(built, rdf):
    ontology = load(built / "ontology.ttl")
    used = {t for triple in rdf for t in triple if isinstance(t, URIRef) and str(t).startswith(str(KG))}
    for term in used:
        assert ontology.value(term, URIRef("http://www.w3.org/2000/01/rdf-schema#label")), term
        assert ontology.value(term, URIRef("http://www.w3.org/2000/01/rdf-schema#comment")), term


GRAPH_WIDE = URIRef("https://example.org/kg/shapes#graph")  # the target of the graph-wide SPARQL constraints
COLLABORATION = URIRef(BASE + "collaboration/chelsea_finn/dorsa_sadigh")


@pytest.mark.parametrize("break_graph, focus, message", [
    (lambda g, p: g.remove((p, DCTERMS.title, None)), "paper", "dcterms:title"),
    (lambda g, p: g.add((p, SCHEMA.upvoteCount, Literal("many"))), "paper", "upvoteCount"),
    (lambda g, p: g.remove((URIRef(BASE + "author/dorsa_sadigh"), KG.coAuthor, None)), GRAPH_WIDE,
     "kg:coAuthor must be stated in both directions"),
    (lambda g, p: g.set((URIRef(BASE + "paper/2401.12945/author/3"), SCHEMA.position, Literal(99))), GRAPH_WIDE,
     "authorship positions"),
    (lambda g, p: g.remove((COLLABORATION, KG.sharedPaper, URIRef(BASE + "paper/2405.12213"))), GRAPH_WIDE,
     "kg:sharedPaperCount"),
    (lambda g, p: g.set((COLLABORATION, KG.fractionalPaperCount, Literal(Decimal("2.5")))), COLLABORATION,
     "LessThanOrEquals"),
    (lambda g, p: g.set((URIRef(BASE + "author/chelsea_finn"), KG.paperCount, Literal(7))), GRAPH_WIDE,
     "kg:paperCount of an author"),
    (lambda g, p: g.remove((None, SCHEMA.author, URIRef(BASE + "author/chelsea_finn"))), GRAPH_WIDE,
     "kg:paperCount of an author"),  # a count for an author of no paper
    (lambda g, p: g.remove((URIRef(BASE + "author/chelsea_finn"), KG.paperCount, None)),
     URIRef(BASE + "author/chelsea_finn"), "paperCount"),
])
def test_broken_graph_does_not_conform(rdf, shapes, break_graph, focus, message):
    paper = URIRef(BASE + "paper/2401.12945")
    broken = Graph()
    for triple in rdf:
        broken.add(triple)
    break_graph(broken, paper)
    # Only the broken resource is validated: the whole graph's conformance has its own test.
    conforms, text = validate(broken, shapes, focus=[paper if focus == "paper" else focus])
    assert not conforms
    assert message in text


HOSTILE = {
    "title": 'Quotes "double" and \'single\', a back\\slash, \\n not a newline: $\\nabla^2$DFT & <b>',
    "authors": ['Tim "The Tool" O\'Neil', "Back\\Slash", "Amélie Héliou", "김철수", "Remi Munos", "Rémi Munos",
                "Sercan O. Arik", "Sercan O Arik", "Samuel Rota Bulò", "Samuel Rota-Bulò", "a_b", "a b"],
    "summary": ["줄 하나 \"인용\"", "둘째 줄 \\ 백슬래시 https://github.com/a/b에서"],
}


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    authors = "[" + ", ".join(repr(a) for a in HOSTILE["authors"]) + "]"
    (folder / "d.md").write_text(
        "## Daily Papers (2024-02-29)\n\n"
        f"### [{HOSTILE['title']}](https://arxiv.org/abs/2402.00001)\n\n"
        f"Vote: 1\n\nAuthors: {authors}\n\n" + "".join(f"- {s}\n" for s in HOSTILE["summary"]),
        encoding="utf-8")
    out = folder / "out"
    result = run_kg("build", folder, "--out", out)
    assert result.exit_code == 0, result.output
    return out


def test_text_round_trips_exactly_through_rdflib_and_oxigraph(hostile_build):
    pyoxigraph = pytest.importorskip("pyoxigraph")
    path = hostile_build / "graph.ttl"
    g = load(path)
    paper = URIRef(BASE + "paper/2402.00001")
    assert str(g.value(paper, DCTERMS.title)) == HOSTILE["title"]
    assert str(g.value(paper, DCTERMS.abstract)) == "\n".join(HOSTILE["summary"])
    names = sorted(str(n) for n in g.objects(None, FOAF.name))
    assert names == sorted(HOSTILE["authors"])
    assert list(g.objects(paper, SCHEMA.codeRepository)) == [URIRef("https://github.com/a/b")]

    store = pyoxigraph.Store()
    store.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(g)
    ox_names = sorted(s["n"].value for s in store.query(
        "SELECT ?n WHERE { ?a <http://xmlns.com/foaf/0.1/name> ?n }"))
    assert ox_names == names
    [title] = list(store.query(f"SELECT ?t WHERE {{ <{paper}> <http://purl.org/dc/terms/title> ?t }}"))
    assert title["t"].value == HOSTILE["title"]


def test_names_differing_by_accents_or_punctuation_get_distinct_valid_iris(hostile_build):
    g = load(hostile_build / "graph.ttl")
    people = set(g.subjects(FOAF.name, None))
    assert len(people) == len(HOSTILE["authors"])  # no two names share an IRI
    for iri in people:
        assert str(iri).startswith(BASE + "author/")
        assert not any(c in str(iri) for c in ' <>"{}|\\^`'), iri
    by_name = {str(g.value(p, FOAF.name)): str(p) for p in people}
    assert by_name["Rémi Munos"] == BASE + "author/rémi_munos"
    assert by_name["a_b"] == BASE + "author/a%5Fb"


def test_hostile_build_conforms(hostile_build, shapes):
    conforms, text = validate(load(hostile_build / "graph.ttl"), shapes)
    assert conforms, text


def test_base_iri_option(tmp_path, seeds_dir):
    out = tmp_path / "out"
    result = run_kg("build", seeds_dir, "--out", out, "--base-iri", "https://data.example.net/hf/")
    assert result.exit_code == 0, result.output
    g = load(out / "graph.ttl")
    assert (URIRef("https://data.example.net/hf/paper/2401.12945"), RDF.type, SCHEMA.ScholarlyArticle) in g
    assert not any(str(s).startswith(BASE) for s in g.subjects())
    bad = run_kg("build", seeds_dir, "--out", out, "--base-iri", "not an iri")
    assert bad.exit_code == 2 and "--base-iri" in bad.output
