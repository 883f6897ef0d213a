"""A VoID description of graph.ttl: size, classes, properties and vocabularies used."""

from __future__ import annotations

from typing import BinaryIO

import networkx as nx
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, VOID

from ..namespaces import KG_ONTOLOGY
from ..iri import IRIs
from .rdf import PREFIXES, base_iri
from .turtle import Statistics, count_triples

__all__ = ["void_description", "write_void"]

ONTOLOGY = URIRef(KG_ONTOLOGY.rstrip("#"))


def void_description(G: nx.Graph, stats: Statistics | None = None) -> Graph:
    """VoID of the Turtle export of `G`, whose `stats` the Turtle writer returned (else counted here)."""
    iris = IRIs(base_iri(G))
    ns = Namespace(f"{iris.base}void/")
    dataset = ns["dataset"]
    void = Graph()
    for prefix, namespace in {**PREFIXES, "void": VOID}.items():
        void.bind(prefix, namespace, override=True)

    stats = count_triples(G) if stats is None else stats
    classes, properties, typed, subjects = stats.classes, stats.properties, stats.typed, stats.subjects
    count = sum(properties.values())
    dates = sorted(d for _, d in G.nodes(data="date") if d)

    void.add((dataset, RDF.type, VOID.Dataset))
    void.add((dataset, DCTERMS.title, Literal("Hugging Face Daily Papers knowledge graph", lang="en")))
    void.add((dataset, DCTERMS.description, Literal(
        "Papers, authors, daily issues and topic terms of Hugging Face Daily Papers digests, "
        "with ordered authorship and co-authorship.", lang="en")))
    if dates:
        void.add((dataset, DCTERMS.temporal, Literal(f"{dates[0]}/{dates[-1]}")))
    void.add((dataset, VOID.triples, Literal(count, datatype=XSD.integer)))
    void.add((dataset, VOID.entities, Literal(typed, datatype=XSD.integer)))
    void.add((dataset, VOID.distinctSubjects, Literal(subjects, datatype=XSD.integer)))
    void.add((dataset, VOID.classes, Literal(len(classes), datatype=XSD.integer)))
    void.add((dataset, VOID.properties, Literal(len(properties), datatype=XSD.integer)))
    void.add((dataset, VOID.uriSpace, Literal(iris.base)))
    for vocabulary in [*(n for p, n in PREFIXES.items() if p != "kg"), str(ONTOLOGY)]:
        if any(t.startswith(vocabulary.rstrip("#/")) for t in (*classes, *properties)):
            void.add((dataset, VOID.vocabulary, URIRef(vocabulary)))
    for cls, n in sorted(classes.items()):
        part = ns[f"class/{void.qname(URIRef(cls)).replace(':', '_')}"]
        void.add((dataset, VOID.classPartition, part))
        void.add((part, VOID["class"], URIRef(cls)))
        void.add((part, VOID.entities, Literal(n, datatype=XSD.integer)))
    for prop, n in sorted(properties.items()):
        part = ns[f"property/{void.qname(URIRef(prop)).replace(':', '_')}"]
        void.add((dataset, VOID.propertyPartition, part))
        void.add((part, VOID.property, URIRef(prop)))
        void.add((part, VOID.triples, Literal(n, datatype=XSD.integer)))
    first_paper = next((n for n, t in G.nodes(data="type") if t == "paper"), None)
    if first_paper:
        void.add((dataset, VOID.exampleResource, URIRef(iris.node(first_paper))))
    return void


def write_void(G: nx.Graph, file: BinaryIO, stats: Statistics | None = None) -> None:
    file.write(void_description(G, stats).serialize(format="turtle", encoding="utf-8"))
