"""The graph -> RDF triples: which triples each node becomes (where a triple is written).

`triples(G)` yields every triple once, subject by subject: the dates, papers, authors,
topics and artifacts (`PARTS`), each in the graph's (sorted) order; IRIs are `str` (all made by
`kg.iri`), literals `Lit`. `kg.export.turtle` serializes them; `to_rdf` gives them as an
rdflib `Graph`, for library users and for the tests that check both agree.

Which triples each node of the graph becomes (docs/rdf.md has the full mapping):

=================  ==========================================================
paper              schema:ScholarlyArticle; dcterms:title @en; schema:identifier;
                   schema:url; schema:upvoteCount; schema:thumbnailUrl / schema:video;
                   dcterms:abstract @ko; schema:codeRepository; rdfs:seeAlso;
                   prov:wasDerivedFrom the digest file(s); kg:featuredIn each date;
                   dcterms:subject each topic; schema:author each author, and
                   prov:qualifiedAttribution -> a kg:Authorship node (a
                   prov:Attribution): prov:agent, schema:position (1-based)
author             schema:Person + foaf:Person (schema:Organization +
                   foaf:Organization for a team); foaf:name; kg:paperCount; kg:coAuthor each
                   co-author, and per pair a kg:Collaboration node: kg:member x2,
                   kg:sharedPaperCount, kg:fractionalPaperCount, kg:sharedPaper,
                   kg:firstDate, kg:lastDate
date               schema:PublicationIssue of the schema:Periodical; schema:datePublished
                   xsd:date; prov:wasDerivedFrom its file(s), each a prov:Entity
topic              skos:Concept in a skos:ConceptScheme; skos:prefLabel @en (or @ko),
                   skos:altLabel @en (acronyms) / @ko; skos:related the topics it
                   shares at least two papers with
artifact           kg:Artifact (+ schema:Dataset / schema:SoftwareApplication when the
                   text says which); rdfs:label; dcterms:isVersionOf its family;
                   papers kg:introduces it (their title's name) or schema:mentions it
=================  ==========================================================
"""

from __future__ import annotations

import functools
import itertools
from collections import Counter
from dataclasses import dataclass
from typing import Iterator, NamedTuple

import networkx as nx

from ..iri import IRIs, arxiv_page
from ..namespaces import DEFAULT_BASE, KG_ONTOLOGY, NAMESPACES

__all__ = ["Lit", "Triple", "triples", "part_triples", "to_rdf", "prefixes", "base_iri", "DEFAULT_BASE", "KG", "SCHEMA",
           "RDF", "PREFIXES", "Part", "PARTS"]


class Vocabulary:
    """The terms of one namespace as plain `str`: `SCHEMA.author` is its IRI.

    Not rdflib's `Namespace`: each lookup there builds and checks a new `URIRef`.
    """

    def __init__(self, namespace: str):
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):  # not a term: copy, pickle and friends probing
            raise AttributeError(name)
        term = self._namespace + name
        setattr(self, name, term)  # the next lookup is an ordinary attribute
        return term


KG = Vocabulary(KG_ONTOLOGY)
SCHEMA, DCTERMS, FOAF, SKOS, PROV, RDF, RDFS, XSD = (
    Vocabulary(NAMESPACES[p]) for p in ("schema", "dcterms", "foaf", "skos", "prov", "rdf", "rdfs", "xsd"))
PREFIXES = {p: NAMESPACES[p] for p in ("schema", "dcterms", "foaf", "skos", "prov", "rdfs", "xsd", "kg")}
VIDEO_SUFFIXES = (".mp4", ".webm", ".mov", ".qt", ".m4v")
MIN_SHARED_FOR_RELATED = 2


class Lit(NamedTuple):
    """A literal: its lexical form, and a datatype IRI or a language tag (or neither: xsd:string)."""

    value: str
    datatype: str | None = None
    language: str | None = None


# Counts, dates and shares repeat in hundreds of thousands of triples: each made once.
@functools.lru_cache(maxsize=1 << 16)
def integer(n: int) -> Lit:
    return Lit(str(n), XSD.integer)


@functools.lru_cache(maxsize=1 << 16)
def date(d: str) -> Lit:
    return Lit(d, XSD.date)


@functools.lru_cache(maxsize=1 << 16)
def decimal(x: float, digits: int = 6) -> Lit:
    """An xsd:decimal in canonical form (never an exponent).

    >>> decimal(0.108824).value, decimal(1.0).value, decimal(1e-06).value
    ('0.108824', '1.0', '0.000001')
    """
    text = f"{x:.{digits}f}".rstrip("0")
    return Lit(text + "0" if text.endswith(".") else text, XSD.decimal)


Triple = tuple[str, str, "str | Lit"]


def base_iri(G: nx.Graph) -> str:
    return G.graph.get("base_iri", DEFAULT_BASE)


def triples(G: nx.Graph) -> Iterator[Triple]:
    """Every triple of the graph's RDF form, each once, grouped by subject.

    Each subject's triples come in one run, never split, so counting the runs
    counts the distinct subjects (`Statistics`) without keeping millions of IRIs.
    """
    for part in PARTS:
        yield from part_triples(G, part)


@dataclass(frozen=True)
class Part:
    """A run of graph.ttl: the nodes of one type (a `share` of them: the `index`-th of `of`).

    Parts serialized apart and joined in `PARTS` order give the same file as the whole
    (each holds whole subjects), so they can be written by two processes.
    """

    type: str
    index: int = 0
    of: int = 1

    @property
    def needs_topics(self) -> bool:
        return self.type in ("paper", "topic", "artifact")  # dcterms:subject, kg:introduces; what topics found

    def __str__(self) -> str:
        return f"{self.type}s" + (f" {self.index + 1}/{self.of}" if self.of > 1 else "")


#: Authors hold most triples (their kg:Collaboration nodes), and need no topics:
#: in shares, two processes can write them while the topics are extracted.
AUTHOR_SHARES = 4
PARTS = (Part("date"), Part("paper"), *(Part("author", i, AUTHOR_SHARES) for i in range(AUTHOR_SHARES)),
         Part("topic"), Part("artifact"))


def part_triples(G: nx.Graph, part: Part) -> Iterator[Triple]:
    """The triples of one part, in the graph's order (the first part begins with the schemes)."""
    iris = IRIs(base_iri(G))
    nodes = [(node, data) for node, data in G.nodes(data=True) if data["type"] == part.type]
    if part == PARTS[0]:
        unknown = sorted({kind for _, kind in G.nodes(data="type")} - {p.type for p in PARTS})
        if unknown:
            raise ValueError(f"Turtle export does not know node type {unknown[0]!r}")
        yield from schemes(iris)
    if part.type == "date":
        source_dates = sources_of_dates(G)
        for node, data in nodes:
            yield from issue(iris, node, data, source_dates)
    elif part.type == "paper":
        for node, data in nodes:
            yield from paper(G, iris, node, data)
    elif part.type == "author":
        for node, data in nodes[part.index * len(nodes) // part.of:(part.index + 1) * len(nodes) // part.of]:
            yield from author(G, iris, node, data)
    elif part.type == "topic":
        related = topic_relations(G)
        for node, data in nodes:
            yield from topic(iris, node, data, related.get(node, ()))
    elif part.type == "artifact":
        for node, data in nodes:
            yield from artifact(iris, node, data)


def schemes(iris: IRIs) -> Iterator[Triple]:
    yield iris.periodical, RDF.type, SCHEMA.Periodical
    yield iris.periodical, SCHEMA.name, Lit("Hugging Face Daily Papers", language="en")
    yield iris.periodical, SCHEMA.url, "https://huggingface.co/papers"
    yield iris.topics, RDF.type, SKOS.ConceptScheme
    yield iris.topics, SKOS.prefLabel, Lit("Topic terms of the papers", language="en")


def paper(G: nx.Graph, iris: IRIs, node: str, d: dict) -> Iterator[Triple]:
    s = iris.node(node)
    yield s, RDF.type, SCHEMA.ScholarlyArticle
    yield s, DCTERMS.title, Lit(d["label"], language="en")
    yield s, SCHEMA.identifier, Lit(d["arxiv_id"])
    yield s, SCHEMA.url, arxiv_page(d["arxiv_id"])
    if "votes" in d:
        yield s, SCHEMA.upvoteCount, integer(d["votes"])
    for url in d["media"].split():
        yield s, SCHEMA.video if url.lower().endswith(VIDEO_SUFFIXES) else SCHEMA.thumbnailUrl, url
    if d["summary"]:
        yield s, DCTERMS.abstract, Lit(d["summary"], language="ko")
    code = d["code"].split()
    for url in code:
        yield s, SCHEMA.codeRepository, url
    for url in d["links"].split():
        if url not in code:
            yield s, RDFS.seeAlso, url
    for source in dict.fromkeys(line.rpartition(":")[0] for line in d["sources"].splitlines()):
        yield s, PROV.wasDerivedFrom, iris.source(source)
    authorships = []
    for other, e in G[node].items():
        kind = e["type"]
        if kind == "featured":
            yield s, KG.featuredIn, iris.node(other)
        elif kind == "topic":
            yield s, DCTERMS.subject, iris.node(other)
        elif kind == "introduces":
            yield s, KG.introduces, iris.node(other)
        elif kind == "mentions":
            yield s, SCHEMA.mentions, iris.node(other)
        elif kind == "authorship":
            yield s, SCHEMA.author, iris.node(other)
            a = iris.authorship(node, e["position"])
            yield s, PROV.qualifiedAttribution, a
            authorships.append((a, other, e["position"]))
    for a, other, position in authorships:
        yield a, RDF.type, KG.Authorship
        yield a, RDF.type, PROV.Attribution
        yield a, PROV.agent, iris.node(other)
        yield a, SCHEMA.position, integer(position)


def author(G: nx.Graph, iris: IRIs, node: str, d: dict) -> Iterator[Triple]:
    s = iris.node(node)
    if d["kind"] == "organization":
        yield s, RDF.type, SCHEMA.Organization
        yield s, RDF.type, FOAF.Organization
    else:
        yield s, RDF.type, SCHEMA.Person
        yield s, RDF.type, FOAF.Person
    yield s, FOAF.name, Lit(d["label"])
    yield s, KG.paperCount, integer(d["paper_count"])  # derived, as dblp's numberOfCreators: rankings read one number
    for alt in d.get("alt_names", "").splitlines():  # spellings merged by an aliases file
        yield s, SCHEMA.alternateName, Lit(alt)
        yield s, SKOS.altLabel, Lit(alt)
    pairs = [(other, e) for other, e in G[node].items() if e["type"] == "coauthor"]
    for other, _ in pairs:
        yield s, KG.coAuthor, iris.node(other)
    for other, e in pairs:
        if node < other:  # each pair once, from its first member
            yield from collaboration(iris, node, other, e)


def collaboration(iris: IRIs, a: str, b: str, d: dict) -> Iterator[Triple]:
    c = iris.collaboration(a, b)
    yield c, RDF.type, KG.Collaboration
    yield c, KG.member, iris.node(a)
    yield c, KG.member, iris.node(b)
    yield c, KG.sharedPaperCount, integer(d["weight"])
    yield c, KG.fractionalPaperCount, decimal(d["fractional_weight"])
    for arxiv_id in d["papers"].split():
        yield c, KG.sharedPaper, iris.node(f"paper:{arxiv_id}")
    yield c, KG.firstDate, date(d["first_date"])
    yield c, KG.lastDate, date(d["last_date"])


def issue(iris: IRIs, node: str, d: dict, source_dates: dict[str, list[str]]) -> Iterator[Triple]:
    """A date's issue, then each digest file it is the first date of, with all the file's dates."""
    s = iris.node(node)
    yield s, RDF.type, SCHEMA.PublicationIssue
    yield s, SCHEMA.isPartOf, iris.periodical
    yield s, SCHEMA.datePublished, date(d["date"])
    yield s, RDFS.label, Lit(f"Daily Papers {d['date']}", language="en")
    paths = d["sources"].splitlines()
    for path in paths:
        yield s, PROV.wasDerivedFrom, iris.source(path)
    for path in paths:
        dates = source_dates[path]
        if dates[0] == d["date"]:
            source = iris.source(path)
            yield source, RDF.type, PROV.Entity
            yield source, RDFS.label, Lit(path)
            for day in dates:
                yield source, DCTERMS.date, date(day)


def sources_of_dates(G: nx.Graph) -> dict[str, list[str]]:
    """Digest file -> its dates, in the graph's (sorted) order."""
    dates: dict[str, list[str]] = {}
    for _, d in G.nodes(data=True):
        if d["type"] == "date":
            for path in d["sources"].splitlines():
                dates.setdefault(path, []).append(d["date"])
    return dates


def topic(iris: IRIs, node: str, d: dict, related: list[str]) -> Iterator[Triple]:
    s = iris.node(node)
    yield s, RDF.type, SKOS.Concept
    yield s, SKOS.inScheme, iris.topics
    yield s, SKOS.prefLabel, Lit(d["label"], language=d["language"])
    for alt in d["alt_labels"].splitlines():
        label, _, language = alt.rpartition("@")
        yield s, SKOS.altLabel, Lit(label, language=language)
    for other in related:
        yield s, SKOS.related, iris.node(other)


ARTIFACT_CLASSES = {"dataset": SCHEMA.Dataset, "software": SCHEMA.SoftwareApplication}


def artifact(iris: IRIs, node: str, d: dict) -> Iterator[Triple]:
    s = iris.node(node)
    yield s, RDF.type, KG.Artifact
    if d["kind"] in ARTIFACT_CLASSES:
        yield s, RDF.type, ARTIFACT_CLASSES[d["kind"]]
    yield s, RDFS.label, Lit(d["label"])
    if d["version_of"]:
        yield s, DCTERMS.isVersionOf, iris.node(d["version_of"])


def topic_relations(G: nx.Graph) -> dict[str, list[str]]:
    """Topics sharing at least MIN_SHARED_FOR_RELATED papers, each way (skos:related)."""
    shared: Counter = Counter()
    for node, kind in G.nodes(data="type"):
        if kind == "paper":
            shared.update(itertools.combinations(sorted(t for t in G[node] if G.nodes[t]["type"] == "topic"), 2))
    related: dict[str, list[str]] = {}
    for (a, b), count in sorted(shared.items()):
        if count >= MIN_SHARED_FOR_RELATED:
            related.setdefault(a, []).append(b)
            related.setdefault(b, []).append(a)
    return {t: sorted(others) for t, others in related.items()}


def prefixes(G: nx.Graph) -> dict[str, str]:
    iris = IRIs(base_iri(G))
    return {**PREFIXES, **{kind: f"{iris.base}{kind}/" for kind in ("paper", "author", "date", "topic", "artifact")}}


def to_rdf(G: nx.Graph):
    """The same triples as an rdflib `Graph`."""
    from rdflib import Graph, Literal, URIRef

    rdf = Graph()
    for prefix, namespace in prefixes(G).items():
        rdf.bind(prefix, namespace, override=True)
    for s, p, o in triples(G):
        obj = URIRef(o) if isinstance(o, str) else Literal(
            o.value, lang=o.language, datatype=URIRef(o.datatype) if o.datatype else None)
        rdf.add((URIRef(s), URIRef(p), obj))
    return rdf
