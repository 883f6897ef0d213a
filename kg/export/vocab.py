"""The project's ontology and SHACL shapes, copied beside the graph they describe."""

from __future__ import annotations

from importlib import resources
from typing import BinaryIO

import networkx as nx

__all__ = ["write_ontology", "write_shapes", "vocab_file"]


def vocab_file(name: str) -> bytes:
    return (resources.files("kg") / "vocab" / name).read_bytes()


def write_ontology(G: nx.Graph, file: BinaryIO) -> None:
    file.write(vocab_file("ontology.ttl"))


def write_shapes(G: nx.Graph, file: BinaryIO) -> None:
    file.write(vocab_file("shapes.ttl"))
