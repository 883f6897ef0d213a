"""The graph -> GraphML for Gephi (networkx's writer).

Gephi takes a node attribute named `label` as the node's label and an edge
attribute named `weight` as its weight; `kg.graph` gives every node and edge both.
"""

from __future__ import annotations

from typing import BinaryIO

import networkx as nx

__all__ = ["write_graphml"]


def write_graphml(G: nx.Graph, file: BinaryIO) -> None:
    # infer_numeric_types: `weight` is an int on most edges, a float score on paper-topic
    # edges; declare it once, as double, rather than by whichever edge comes first.
    nx.write_graphml(G, file, encoding="utf-8", prettyprint=True, named_key_ids=True, infer_numeric_types=True)
