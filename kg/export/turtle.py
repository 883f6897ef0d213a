"""RDF triples -> Turtle, through Oxigraph's serializer (rdflib's pure-Python one takes minutes
on an archive), counting what VoID says of them on the way.

A build writes graph.ttl in `PARTS`, each a whole run of subjects, in two processes,
and joins them (`write_part`, `join_parts`): the same bytes as `write_turtle`.
"""

from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import dataclass, field
from typing import BinaryIO, Callable, Iterator

import networkx as nx

from ..errors import ExportError
from .rdf import PARTS, RDF, Part, Triple, part_triples, prefixes, triples

__all__ = ["Statistics", "count_triples", "write_turtle", "generate_turtle", "write_part", "join_parts", "PARTS", "Part"]


@dataclass
class Statistics:
    """What VoID says of the triples: per property and per class counts, subjects.

    Subjects are counted as runs of triples with one subject, which `triples`
    guarantees are distinct: no set of millions of IRIs.
    """

    properties: Counter = field(default_factory=Counter)
    classes: Counter = field(default_factory=Counter)
    subjects: int = 0
    typed: int = 0  # subjects with an rdf:type

    def count(self, stream: Iterator[Triple]) -> Iterator[Triple]:
        properties, classes, rdf_type = self.properties, self.classes, RDF.type  # local: once per triple
        last = typed = None
        for triple in stream:
            s, p, o = triple
            properties[p] += 1
            if s != last:
                self.subjects += 1
                last = s
            if p == rdf_type:
                classes[o] += 1
                if typed != s:
                    self.typed += 1
                    typed = s
            yield triple

    def add(self, other: Statistics) -> None:
        """Count `other`'s triples too (of other subjects: a `Part` never shares one)."""
        self.properties.update(other.properties)
        self.classes.update(other.classes)
        self.subjects += other.subjects
        self.typed += other.typed


def count_triples(G: nx.Graph) -> Statistics:
    """The statistics of `G`'s triples, without writing them (`write_turtle` returns them too)."""
    stats = Statistics()
    for _ in stats.count(triples(G)):
        pass
    return stats


class Terms(dict):
    """Oxigraph terms made once per key."""

    def __init__(self, make: Callable):
        super().__init__()
        self.make = make

    def __missing__(self, key):
        term = self[key] = self.make(key)
        return term


def oxigraph_triples(stream: Iterator[Triple]):
    """The triples as Oxigraph terms.

    Making the terms is the costly part of writing graph.ttl, not serializing them: consecutive
    triples share their subject's term, and the vocabulary's terms are made once.
    """
    import pyoxigraph as ox

    named, literal, triple = ox.NamedNode, ox.Literal, ox.Triple
    vocabulary = Terms(named)  # predicates, classes, datatypes
    typed = Terms(lambda o: literal(o.value, datatype=vocabulary[o.datatype]))  # counts, dates: few values
    subject_iri = subject = s = None
    try:
        for s, p, o in stream:
            if s != subject_iri:
                subject_iri, subject = s, named(s)
            if isinstance(o, str):
                obj = vocabulary[o] if p == RDF.type else named(o)
            elif o.language:
                obj = literal(o.value, language=o.language)
            elif o.datatype:
                obj = typed[o]
            else:
                obj = literal(o.value)
            yield triple(subject, vocabulary[p], obj)
    except Exception as exc:  # noqa: BLE001 - named with the subject being written
        raise ExportError.at(f"<{s}>" if s else "the first triple", exc) from None


def serialize(G: nx.Graph, stream: Iterator[Triple], file: BinaryIO) -> Statistics:
    """Triples as Turtle with the graph's prefixes, counted on the way."""
    import pyoxigraph as ox

    stats = Statistics()
    ox.serialize(oxigraph_triples(stats.count(stream)), file, format=ox.RdfFormat.TURTLE, prefixes=prefixes(G))
    return stats


def generate_turtle(G: nx.Graph) -> bytes:
    """The graph as Turtle bytes (UTF-8)."""
    import io

    buffer = io.BytesIO()
    write_turtle(G, buffer)
    return buffer.getvalue()


def write_turtle(G: nx.Graph, file: BinaryIO) -> Statistics:
    """graph.ttl in one go; its statistics (for `kg.export.void`)."""
    return serialize(G, triples(G), file)


def write_part(G: nx.Graph, file: BinaryIO, part: Part) -> Statistics:
    """One part of graph.ttl, as a Turtle file of its own (`join_parts` makes the whole)."""
    return serialize(G, part_triples(G, part), file)


def join_parts(parts: list[tuple[BinaryIO, Statistics]], file: BinaryIO) -> Statistics:
    """graph.ttl from its parts, written in `PARTS` order: each part but the first
    without its prefix lines; their statistics, summed, are the whole's."""
    total = Statistics()
    for i, (part, stats) in enumerate(parts):
        if i:
            skip_prefixes(part)
        shutil.copyfileobj(part, file, 1 << 24)
        total.add(stats)
    return total


def skip_prefixes(file: BinaryIO) -> None:
    """Past the `@prefix` lines a Turtle file begins with."""
    start = file.tell()
    for line in iter(file.readline, b""):
        if not line.startswith(b"@prefix "):
            break
        start += len(line)
    file.seek(start)

