"""The graph -> RDF (rdflib) -> Turtle.

Which triples each node and edge of the graph becomes (docs/rdf.md has the full
mapping, with examples):

=================  ==========================================================
paper node         schema:ScholarlyArticle; dcterms:title @en; schema:identifier;
                   schema:url; schema:upvoteCount; schema:thumbnailUrl / schema:video;
                   dcterms:abstract @ko; schema:codeRepository; rdfs:seeAlso;
                   prov:wasDerivedFrom the digest file(s)
author node        schema:Person + foaf:Person (schema:Organization +
                   foaf:Organization for a team); foaf:name
date node          schema:PublicationIssue of the kg:dailyPapers schema:Periodical;
                   schema:datePublished xsd:date; prov:wasDerivedFrom its file(s)
digest file        prov:Entity; rdfs:label (its path); dcterms:date
topic node         skos:Concept in a skos:ConceptScheme; skos:prefLabel @en (or @ko),
                   skos:altLabel @en (acronyms) / @ko; skos:related the topics it
                   shares at least two papers with
authorship edge    schema:author (direct), and prov:qualifiedAttribution -> a
                   kg:Authorship node (a prov:Attribution): prov:agent, schema:position
coauthor edge      kg:coAuthor both ways, and a kg:Collaboration node: kg:member x2,
                   kg:sharedPaperCount, kg:sharedPaper, kg:firstDate, kg:lastDate
featured edge      kg:featuredIn the date node
topic edge         dcterms:subject
=================  ==========================================================
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from typing import BinaryIO
from urllib.parse import quote

import networkx as nx
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, SKOS

from ..namespaces import DEFAULT_BASE, KG_ONTOLOGY, NAMESPACES

__all__ = ["to_rdf", "write_turtle", "generate_turtle", "iri_segment", "base_iri",
           "DEFAULT_BASE", "KG", "SCHEMA", "PREFIXES"]

KG = Namespace(KG_ONTOLOGY)
SCHEMA = Namespace(NAMESPACES["schema"])
PREFIXES = {p: Namespace(NAMESPACES[p]) for p in ("schema", "dcterms", "foaf", "skos", "prov", "rdfs", "xsd", "kg")}
VIDEO_SUFFIXES = (".mp4", ".webm", ".mov", ".qt", ".m4v")
# Kept as they are in an IRI path segment (unreserved ASCII and most of Unicode,
# RFC 3987 ucschar); everything else is %-encoded, so slugs never collide.
IRI_UNSAFE = re.compile(r"[^A-Za-z0-9\-.~\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]")


def iri_segment(key: str) -> str:
    """A readable, unambiguous IRI path segment: spaces as `_`, the rest %-encoded.

    >>> iri_segment("amélie héliou")
    'amélie_héliou'
    >>> iri_segment("a_b/c")
    'a%5Fb%2Fc'
    """
    encode = lambda m: "".join(f"%{b:02X}" for b in m[0].encode("utf-8"))  # noqa: E731
    return IRI_UNSAFE.sub(encode, key.replace(" ", "\x00")).replace("%00", "_")


def base_iri(G: nx.Graph) -> str:
    return G.graph.get("base_iri", DEFAULT_BASE)


class IRIs:
    """Stable IRIs for everything in the graph, derived from keys, under one base."""

    def __init__(self, base: str):
        self.ns = Namespace(base)
        self.topics = self.ns["topics"]
        self.periodical = self.ns["daily-papers"]

    def node(self, node: str) -> URIRef:
        kind, _, key = node.partition(":")
        return self.ns[f"{kind}/{iri_segment(key)}"]

    def source(self, path: str) -> URIRef:
        return self.ns["source/" + quote(path.strip("/"), safe="/")]

    def authorship(self, paper: str, position: int) -> URIRef:
        return URIRef(f"{self.node(paper)}/author/{position}")

    def collaboration(self, a: str, b: str) -> URIRef:
        return self.ns[f"collaboration/{iri_segment(a.partition(':')[2])}/{iri_segment(b.partition(':')[2])}"]


@functools.lru_cache(maxsize=1)
def to_rdf(G: nx.Graph) -> Graph:
    """The knowledge graph as an rdflib `Graph` (cached: Turtle and VoID both need it)."""
    iris = IRIs(base_iri(G))
    rdf = Graph()
    for prefix, ns in PREFIXES.items():
        rdf.bind(prefix, ns, override=True)
    for kind in ("paper", "author", "date", "topic"):
        rdf.bind(kind, iris.ns[f"{kind}/"], override=True)
    add_schemes(rdf, iris)
    node_writers = {"paper": add_paper, "author": add_author, "date": add_date, "topic": add_topic}
    for node, data in G.nodes(data=True):
        node_writers[data["type"]](rdf, iris, iris.node(node), data)
    for u, v, data in G.edges(data=True):
        add_edge(rdf, iris, G, u, v, data)
    add_topic_relations(rdf, iris, G)
    return rdf


def add_schemes(rdf: Graph, iris: IRIs) -> None:
    rdf.add((iris.periodical, RDF.type, SCHEMA.Periodical))
    rdf.add((iris.periodical, SCHEMA.name, Literal("Hugging Face Daily Papers", lang="en")))
    rdf.add((iris.periodical, SCHEMA.url, URIRef("https://huggingface.co/papers")))
    rdf.add((iris.topics, RDF.type, SKOS.ConceptScheme))
    rdf.add((iris.topics, SKOS.prefLabel, Literal("Topic terms of the papers", lang="en")))


def add_paper(rdf: Graph, iris: IRIs, s: URIRef, d: dict) -> None:
    rdf.add((s, RDF.type, SCHEMA.ScholarlyArticle))
    rdf.add((s, DCTERMS.title, Literal(d["label"], lang="en")))
    rdf.add((s, SCHEMA.identifier, Literal(d["arxiv_id"])))
    rdf.add((s, SCHEMA.url, URIRef(f"https://arxiv.org/abs/{d['arxiv_id']}")))
    if "votes" in d:
        rdf.add((s, SCHEMA.upvoteCount, Literal(d["votes"], datatype=XSD.integer)))
    for url in d["media"].split():
        kind = SCHEMA.video if url.lower().endswith(VIDEO_SUFFIXES) else SCHEMA.thumbnailUrl
        rdf.add((s, kind, URIRef(url)))
    if d["summary"]:
        rdf.add((s, DCTERMS.abstract, Literal(d["summary"], lang="ko")))
    code = d["code"].split()
    for url in code:
        rdf.add((s, SCHEMA.codeRepository, URIRef(url)))
    for url in d["links"].split():
        if url not in code:
            rdf.add((s, RDFS.seeAlso, URIRef(url)))
    for source in d["sources"].splitlines():
        rdf.add((s, PROV.wasDerivedFrom, iris.source(source.rpartition(":")[0])))


def add_author(rdf: Graph, iris: IRIs, s: URIRef, d: dict) -> None:
    if d["kind"] == "organization":
        rdf.add((s, RDF.type, SCHEMA.Organization))
        rdf.add((s, RDF.type, FOAF.Organization))
    else:
        rdf.add((s, RDF.type, SCHEMA.Person))
        rdf.add((s, RDF.type, FOAF.Person))
    rdf.add((s, FOAF.name, Literal(d["label"])))


def add_date(rdf: Graph, iris: IRIs, s: URIRef, d: dict) -> None:
    day = Literal(d["date"], datatype=XSD.date)
    rdf.add((s, RDF.type, SCHEMA.PublicationIssue))
    rdf.add((s, SCHEMA.isPartOf, iris.periodical))
    rdf.add((s, SCHEMA.datePublished, day))
    rdf.add((s, RDFS.label, Literal(f"Daily Papers {d['date']}", lang="en")))
    for path in d["sources"].splitlines():
        source = iris.source(path)
        rdf.add((s, PROV.wasDerivedFrom, source))
        rdf.add((source, RDF.type, PROV.Entity))
        rdf.add((source, RDFS.label, Literal(path)))
        rdf.add((source, DCTERMS.date, day))


def add_topic(rdf: Graph, iris: IRIs, s: URIRef, d: dict) -> None:
    rdf.add((s, RDF.type, SKOS.Concept))
    rdf.add((s, SKOS.inScheme, iris.topics))
    rdf.add((s, SKOS.prefLabel, Literal(d["label"], lang=d["language"])))
    for alt in d["alt_labels"].splitlines():
        label, _, language = alt.rpartition("@")
        rdf.add((s, SKOS.altLabel, Literal(label, lang=language)))


def add_topic_relations(rdf: Graph, iris: IRIs, G: nx.Graph, min_shared: int = 2) -> None:
    """skos:related between topics that share at least `min_shared` papers (both ways)."""
    shared: Counter = Counter()
    for node, kind in G.nodes(data="type"):
        if kind == "paper":
            topics = sorted(t for t in G[node] if G.nodes[t]["type"] == "topic")
            shared.update(itertools.combinations(topics, 2))
    for (a, b), count in sorted(shared.items()):
        if count >= min_shared:
            rdf.add((iris.node(a), SKOS.related, iris.node(b)))
            rdf.add((iris.node(b), SKOS.related, iris.node(a)))


def add_edge(rdf: Graph, iris: IRIs, G: nx.Graph, u: str, v: str, d: dict) -> None:
    kind = d["type"]
    if kind == "coauthor":
        add_collaboration(rdf, iris, *sorted((u, v)), d)
        return
    # Every other edge links a paper to something: put the paper first.
    paper, other = (u, v) if G.nodes[u]["type"] == "paper" else (v, u)
    p, o = iris.node(paper), iris.node(other)
    if kind == "authorship":
        rdf.add((p, SCHEMA.author, o))
        a = iris.authorship(paper, d["position"])
        rdf.add((p, PROV.qualifiedAttribution, a))
        rdf.add((a, RDF.type, KG.Authorship))
        rdf.add((a, RDF.type, PROV.Attribution))
        rdf.add((a, PROV.agent, o))
        rdf.add((a, SCHEMA.position, Literal(d["position"], datatype=XSD.integer)))
    elif kind == "featured":
        rdf.add((p, KG.featuredIn, o))
    elif kind == "topic":
        rdf.add((p, DCTERMS.subject, o))
    else:
        raise ValueError(f"Turtle export does not know edge type {kind!r}")


def add_collaboration(rdf: Graph, iris: IRIs, a: str, b: str, d: dict) -> None:
    ia, ib = iris.node(a), iris.node(b)
    rdf.add((ia, KG.coAuthor, ib))
    rdf.add((ib, KG.coAuthor, ia))
    c = iris.collaboration(a, b)
    rdf.add((c, RDF.type, KG.Collaboration))
    rdf.add((c, KG.member, ia))
    rdf.add((c, KG.member, ib))
    rdf.add((c, KG.sharedPaperCount, Literal(d["weight"], datatype=XSD.integer)))
    for arxiv_id in d["papers"].split():
        rdf.add((c, KG.sharedPaper, iris.node(f"paper:{arxiv_id}")))
    rdf.add((c, KG.firstDate, Literal(d["first_date"], datatype=XSD.date)))
    rdf.add((c, KG.lastDate, Literal(d["last_date"], datatype=XSD.date)))


def generate_turtle(G: nx.Graph) -> bytes:
    """The graph as Turtle bytes (UTF-8)."""
    return to_rdf(G).serialize(format="turtle", encoding="utf-8")


def write_turtle(G: nx.Graph, file: BinaryIO) -> None:
    file.write(generate_turtle(G))
