"""A VoID description of graph.ttl: size, classes, properties and vocabularies used."""

from __future__ import annotations

from collections import Counter
from typing import BinaryIO

import networkx as nx
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, VOID

from ..namespaces import KG_ONTOLOGY
from .turtle import IRIs, PREFIXES, base_iri, to_rdf

__all__ = ["void_description", "write_void"]

ONTOLOGY = URIRef(KG_ONTOLOGY.rstrip("#"))


def void_description(G: nx.Graph) -> Graph:
    """VoID statistics of the Turtle export of `G` (counted on the same rdflib graph)."""
    data = to_rdf(G)
    iris = IRIs(base_iri(G))
    ns = Namespace(f"{iris.ns}void/")
    dataset = ns["dataset"]
    void = Graph()
    for prefix, namespace in {**PREFIXES, "void": VOID}.items():
        void.bind(prefix, namespace, override=True)

    classes = Counter(o for o in data.objects(None, RDF.type))
    properties = Counter(p for p in data.predicates())
    typed = {s for s in data.subjects(RDF.type, None)}
    dates = sorted(d for _, d in G.nodes(data="date") if d)

    void.add((dataset, RDF.type, VOID.Dataset))
    void.add((dataset, DCTERMS.title, Literal("Hugging Face Daily Papers knowledge graph", lang="en")))
    void.add((dataset, DCTERMS.description, Literal(
        "Papers, authors, daily issues and topic terms of Hugging Face Daily Papers digests, "
        "with ordered authorship and co-authorship.", lang="en")))
    if dates:
        void.add((dataset, DCTERMS.temporal, Literal(f"{dates[0]}/{dates[-1]}")))
    void.add((dataset, VOID.triples, Literal(len(data), datatype=XSD.integer)))
    void.add((dataset, VOID.entities, Literal(len(typed), datatype=XSD.integer)))
    void.add((dataset, VOID.distinctSubjects, Literal(len(set(data.subjects())), datatype=XSD.integer)))
    void.add((dataset, VOID.classes, Literal(len(classes), datatype=XSD.integer)))
    void.add((dataset, VOID.properties, Literal(len(properties), datatype=XSD.integer)))
    void.add((dataset, VOID.uriSpace, Literal(str(iris.ns))))
    for vocabulary in [*(URIRef(str(n)) for p, n in PREFIXES.items() if p != "kg"), ONTOLOGY]:
        if any(str(t).startswith(str(vocabulary).rstrip("#/")) for t in (*classes, *properties)):
            void.add((dataset, VOID.vocabulary, vocabulary))
    for cls, count in sorted(classes.items()):
        part = ns[f"class/{data.qname(cls).replace(':', '_')}"]
        void.add((dataset, VOID.classPartition, part))
        void.add((part, VOID["class"], cls))
        void.add((part, VOID.entities, Literal(count, datatype=XSD.integer)))
    for prop, count in sorted(properties.items()):
        part = ns[f"property/{data.qname(prop).replace(':', '_')}"]
        void.add((dataset, VOID.propertyPartition, part))
        void.add((part, VOID.property, prop))
        void.add((part, VOID.triples, Literal(count, datatype=XSD.integer)))
    first_paper = next((n for n, t in G.nodes(data="type") if t == "paper"), None)
    if first_paper:
        void.add((dataset, VOID.exampleResource, iris.node(first_paper)))
    return void


def write_void(G: nx.Graph, file: BinaryIO) -> None:
    file.write(void_description(G).serialize(format="turtle", encoding="utf-8"))
