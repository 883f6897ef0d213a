"""The graph -> GraphML for Gephi, valid against the GraphML 1.0 schema.

Gephi takes a node attribute named `label` as the node's label and an edge
attribute named `weight` as its weight; `kg.graph` gives every node and edge both.

Written by kg rather than `networkx.write_graphml`, which gives a node's key as its
id as it is (`author:chelsea finn`: GraphML ids are `xs:NMTOKEN`, without spaces)
and, with readable key ids, the same id to a node and an edge attribute of one
name (key ids must be unique). Here a node's id is `xml_id` of its key
(`author:chelsea_finn`, the same in every export); a key's id is its attribute
name, or `name.node` / `name.edge` when nodes and edges both have it; each
attribute is declared once with one type (`TYPES`; anything else raises
`TypeError`). networkx, igraph and Gephi read the result; `read_graphml` gives
the `xml_id` ids back.
"""

from __future__ import annotations

import re
from typing import BinaryIO, Callable, Iterator

import networkx as nx

from ..errors import ExportError
from ..graph import edge_list, once_per_shared_dict
from .xmltext import FORMATTERS, batched, declared_types, text, xml_id

__all__ = ["write_graphml", "generate_graphml", "TYPES"]

NS = "http://graphml.graphdrawing.org/xmlns"
SCHEMA_LOCATION = "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
#: Python type -> GraphML attr.type, as networkx maps them (bool first: a bool is an int).
TYPES = ((bool, "boolean"), (int, "long"), (float, "double"), (str, "string"))
NAME_TOKEN = re.compile(r"[A-Za-z0-9._:-]+")


def write_graphml(G: nx.Graph, file: BinaryIO) -> None:
    """Write `G` as GraphML (UTF-8) to a binary file."""
    for chunk in generate_graphml(G):
        file.write(chunk.encode("utf-8"))


def generate_graphml(G: nx.Graph) -> Iterator[str]:
    """The GraphML text of `G`, in chunks.

    >>> import io
    >>> G = nx.Graph(name="demo")
    >>> G.add_node("author:ann lee", label="Ann & Lee", papers=2)
    >>> G.add_node("author:bo", label="Bo", papers=1)
    >>> G.add_edge("author:ann lee", "author:bo", weight=1, share=0.5)
    >>> H = nx.read_graphml(io.BytesIO("".join(generate_graphml(G)).encode()))
    >>> sorted(H.nodes(data=True))
    [('author:ann_lee', {'label': 'Ann & Lee', 'papers': 2}), ('author:bo', {'label': 'Bo', 'papers': 1})]
    >>> list(H.edges(data=True))
    [('author:ann_lee', 'author:bo', {'weight': 1, 'share': 0.5})]
    """
    edges = edge_list(G)  # read twice
    domains = {
        "graph": declared_types([G.graph], TYPES, "GraphML"),
        "node": declared_types((d for _, d in G.nodes(data=True)), TYPES, "GraphML"),
        "edge": declared_types((d for _, _, d in edges), TYPES, "GraphML"),
    }
    key_ids = assign_key_ids(domains)

    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield (f'<graphml xmlns="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           f'xsi:schemaLocation="{SCHEMA_LOCATION}">\n')
    for domain, types in domains.items():
        for name, type_name in types.items():
            yield (f'  <key id="{key_ids[domain, name]}" for="{domain}" attr.name="{text(name)}" '
                   f'attr.type="{type_name}"/>\n')
    yield '  <graph edgedefault="undirected">\n'
    yield data_text(G.graph, data_formats(domains["graph"], key_ids, "graph", "    "))

    ids = {n: xml_id(n) for n in G}
    node_formats = data_formats(domains["node"], key_ids, "node", "      ")
    edge_formats = data_formats(domains["edge"], key_ids, "edge", "      ")

    edge_data = once_per_shared_dict(lambda d: data_text(d, edge_formats))

    def elements() -> Iterator[str]:  # one string per node or edge
        n = u = v = None
        try:
            for n, d in G.nodes(data=True):
                yield f'    <node id="{ids[n]}">\n{data_text(d, node_formats)}    </node>\n'
            for u, v, d in edges:
                yield f'    <edge source="{ids[u]}" target="{ids[v]}">\n{edge_data(d)}    </edge>\n'
        except Exception as exc:  # noqa: BLE001 - named with the node or edge being written
            raise ExportError.at(f"edge {u!r} - {v!r}" if u is not None else f"node {n!r}", exc) from None

    yield from batched(elements())
    yield '  </graph>\n</graphml>\n'


def assign_key_ids(domains: dict[str, dict[str, str]]) -> dict[tuple[str, str], str]:
    """A unique key id per (domain, attribute name): the name, or `name.domain` if shared.

    >>> assign_key_ids({"graph": {}, "node": {"type": "string", "label": "string"}, "edge": {"type": "string"}})
    {('node', 'type'): 'type.node', ('node', 'label'): 'label', ('edge', 'type'): 'type.edge'}
    """
    owners: dict[str, int] = {}
    for types in domains.values():
        for name in types:
            owners[name] = owners.get(name, 0) + 1
    ids = {(domain, name): name_token(name if owners[name] == 1 else f"{name}.{domain}")
           for domain, types in domains.items() for name in types}
    if len(set(ids.values())) != len(ids):
        raise ValueError(f"GraphML key ids collide: {sorted(ids.values())}")
    return ids


def name_token(name: str) -> str:
    """`name` if it is an XML name token already, else its `xml_id`."""
    return name if NAME_TOKEN.fullmatch(name) else xml_id(name)


def data_formats(types: dict[str, str], key_ids: dict, domain: str,
                 indent: str) -> dict[str, tuple[str, Callable[[object], str]]]:
    """Per attribute of `domain`: its `<data>` start tag and its declared type's formatter,
    made once rather than for each of a million values."""
    return {name: (f'{indent}<data key="{key_ids[domain, name]}">', FORMATTERS[type_name])
            for name, type_name in types.items()}


def data_text(d: dict, formats: dict[str, tuple[str, Callable[[object], str]]]) -> str:
    """The `<data>` lines of one node's, edge's or graph's attributes, in their order."""
    lines = []
    for name, value in d.items():
        start, format_value = formats[name]
        lines.append(f"{start}{format_value(value)}</data>\n")
    return "".join(lines)
