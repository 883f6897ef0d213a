"""The RDF namespaces kg writes and queries with, in one place (plain strings: no rdflib import)."""

__all__ = ["NAMESPACES", "KG_ONTOLOGY", "DEFAULT_BASE"]

#: Where minted IRIs live unless `kg build --base-iri` says otherwise.
DEFAULT_BASE = "https://example.org/kg/"
#: The project's own vocabulary (kg/vocab/ontology.ttl); fixed whatever the base IRI.
KG_ONTOLOGY = "https://example.org/kg/ontology#"

NAMESPACES = {
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "void": "http://rdfs.org/ns/void#",
    "kg": KG_ONTOLOGY,
}
