"""A network -> GEXF 1.2 with a timeline, for Gephi (written by kg, not networkx).

What Gephi needs for its timeline and its appearance panels:

- `<graph mode="dynamic" timeformat="date" start=… end=…>`: without `timeformat`
  Gephi reads dates as numbers and the timeline stays off.
- a node's or edge's `dates` attribute (space-separated ISO dates, as
  `kg.graph` writes them) becomes its spells, one per run of consecutive days
  (`<spell start="2024-01-24" end="2024-01-24"/>`), so the timeline shows an author
  or a collaboration on the days it was featured and the network grows day by day;
- `viz:color` by `community` (20 colours, in order of community size and then
  again; an author alone in a community is grey) and `viz:size` by `paper_count`
  (area in proportion);
- `label` becomes the node's label and `weight` the edge's weight; `type` (the
  same for every node and edge of one network, and a built-in column in Gephi) is
  left out; every other attribute is an `<attvalue>`, declared once with one type
  (`TYPES`; a value of any other type raises `TypeError`);
- node ids are `xml_id` of the keys (`author:chelsea_finn`), as in the GraphML
  exports, so one author is one node when Gephi appends one file to another.

networkx's `write_gexf` would write today's date into `<meta>` (so no two builds
are byte-identical) and needs the spells as lists on the graph; this writer streams
the text itself in node and edge order, strips the characters XML 1.0 forbids and
escapes the rest, so its output is deterministic.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from typing import BinaryIO, Callable, Iterator

import networkx as nx

from ..errors import ExportError
from ..graph import edge_list, once_per_shared_dict
from .xmltext import FORMATTERS, batched, declared_types, number, text, xml_id

__all__ = ["write_gexf", "generate_gexf", "spells", "gexf_types", "PALETTE", "OTHER_COLOR", "TYPES"]

NS = "http://www.gexf.net/1.2draft"
NS_VIZ = "http://www.gexf.net/1.2draft/viz"
SCHEMA_LOCATION = "http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd"

#: Python type -> GEXF attribute type; bool before int, since a bool is an int.
TYPES = ((bool, "boolean"), (int, "long"), (float, "double"), (str, "string"))
#: Attributes written as the element's own XML attributes, as spells, or not at all.
NOT_ATTVALUES = {"label", "weight", "type", "dates"}
#: Colours of communities 0, 1, ... (the largest first), in turn: Tableau 20, dark shades first.
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#59a14f", "#b6992d", "#499894", "#d37295", "#b07aa1",
           "#9d7660", "#79706e", "#a0cbe8", "#ffbe7d", "#ff9d9a", "#8cd17d", "#f1ce63", "#86bcb6",
           "#fabfd2", "#d4a6c8", "#d7b5a6", "#bab0ac"]
OTHER_COLOR = "#c8c8c8"
#: viz:size of a node with one paper; size grows with the square root of paper_count.
SIZE_UNIT = 5.0



def write_gexf(G: nx.Graph, file: BinaryIO) -> None:
    """Write `G` as GEXF 1.2 (UTF-8) to a binary file."""
    for chunk in generate_gexf(G):
        file.write(chunk.encode("utf-8"))


def generate_gexf(G: nx.Graph) -> Iterator[str]:
    """The GEXF text of `G`, in chunks.

    >>> G = nx.Graph()
    >>> G.add_node("a", label="Ann", paper_count=1, community=0, dates="2024-01-24")
    >>> G.add_node("b", label="Bo & Co", paper_count=4, community=1, dates="2024-01-24 2024-01-25")
    >>> G.add_edge("a", "b", weight=1, dates="2024-01-24")
    >>> text = "".join(generate_gexf(G))
    >>> '<spell start="2024-01-24" end="2024-01-25"/>' in text and 'label="Bo &amp; Co"' in text
    True
    >>> nx.read_gexf(__import__("io").BytesIO(text.encode())).nodes["b"]["paper_count"]
    4
    """
    edges = edge_list(G)  # read three times
    node_types = gexf_types(d for _, d in G.nodes(data=True))
    edge_types = gexf_types(d for _, _, d in edges)
    date_lists = ({d.get("dates", "") for _, d in G.nodes(data=True)}
                  | {d.get("dates", "") for _, _, d in edges})  # few distinct ones
    days = sorted({day for dates in date_lists for day in dates.split()})
    bounds = f' start="{days[0]}" end="{days[-1]}"' if days else ""

    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield (f'<gexf xmlns="{NS}" xmlns:viz="{NS_VIZ}" '
           f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           f'xsi:schemaLocation="{SCHEMA_LOCATION}" version="1.2">\n')
    modified = f' lastmodifieddate="{days[-1]}"' if days else ""
    yield f'  <meta{modified}>\n    <creator>kg</creator>\n'
    yield f'    <description>{text(describe(G, len(edges)))}</description>\n  </meta>\n'
    yield f'  <graph defaultedgetype="undirected" mode="dynamic" timeformat="date"{bounds}>\n'
    for kind, types in (("node", node_types), ("edge", edge_types)):
        if types:
            yield f'    <attributes class="{kind}" mode="static">\n'
            for name, gexf_type in types.items():
                yield f'      <attribute id="{text(name)}" title="{text(name)}" type="{gexf_type}"/>\n'
            yield '    </attributes>\n'

    yield f'    <nodes count="{G.number_of_nodes()}">\n'
    ids = {n: xml_id(n) for n in G}
    community_sizes = Counter(d["community"] for _, d in G.nodes(data=True) if "community" in d)

    node_formats, edge_formats = attvalue_formats(node_types), attvalue_formats(edge_types)
    spell_texts: dict[str, str] = {}  # many nodes and edges have the same dates

    def spell_text(d: dict) -> str:
        dates = d.get("dates")
        if dates not in spell_texts:
            spell_texts[dates] = "".join(spell_lines(d))
        return spell_texts[dates]

    def nodes() -> Iterator[str]:  # one string per node
        n = None
        try:
            for n, d in G.nodes(data=True):
                label = f' label="{text(d["label"])}"' if "label" in d else ""
                parts = [f'      <node id="{ids[n]}"{label}>\n', attvalues_text(d, node_formats), spell_text(d)]
                if "community" in d:
                    parts.append(color(d["community"], community_sizes[d["community"]]))
                if "paper_count" in d:
                    parts.append(f'        <viz:size value="{number(SIZE_UNIT * math.sqrt(d["paper_count"]))}"/>\n')
                parts.append('      </node>\n')
                yield "".join(parts)
        except Exception as exc:  # noqa: BLE001 - named with the node or edge being written
            raise ExportError.at(f"node {n!r}", exc) from None

    @once_per_shared_dict
    def edge_text(d: dict) -> tuple[str, str]:  # an edge's weight attribute, and its content
        weight = f' weight="{number(d["weight"])}"' if "weight" in d else ""
        return weight, f'{attvalues_text(d, edge_formats)}{spell_text(d)}'

    def edge_elements() -> Iterator[str]:  # one string per edge
        u = v = None
        try:
            for i, (u, v, d) in enumerate(edges):
                weight, content = edge_text(d)
                yield f'      <edge id="{i}" source="{ids[u]}" target="{ids[v]}"{weight}>\n{content}      </edge>\n'
        except Exception as exc:  # noqa: BLE001 - named with the node or edge being written
            raise ExportError.at(f"edge {u!r} - {v!r}", exc) from None

    yield from batched(nodes())
    yield '    </nodes>\n'
    yield f'    <edges count="{len(edges)}">\n'
    yield from batched(edge_elements())
    yield '    </edges>\n  </graph>\n</gexf>\n'


def gexf_types(records) -> dict[str, str]:
    """One GEXF type per attribute name (see `declared_types`), `NOT_ATTVALUES` left out."""
    return declared_types(records, TYPES, "GEXF", skip=NOT_ATTVALUES)


def attvalue_formats(types: dict[str, str]) -> dict[str, tuple[str, Callable[[object], str]]]:
    """Per declared attribute, in order: its `<attvalue>` start and its type's formatter, made once."""
    return {name: (f'          <attvalue for="{text(name)}" value="', FORMATTERS[gexf_type])
            for name, gexf_type in types.items()}


def attvalues_text(d: dict, formats: dict[str, tuple[str, Callable[[object], str]]]) -> str:
    """The `<attvalues>` of one node or edge, in declaration order ("" if it has none)."""
    values = [f'{start}{format_value(d[name])}"/>\n' for name, (start, format_value) in formats.items()
              if name in d]
    if not values:
        return ""
    return f'        <attvalues>\n{"".join(values)}        </attvalues>\n'


def spells(dates: str) -> list[tuple[str, str]]:
    """(start, end) of each run of consecutive days among space-separated ISO dates.

    >>> spells("2024-01-24 2024-01-25 2024-01-26 2024-03-01")
    [('2024-01-24', '2024-01-26'), ('2024-03-01', '2024-03-01')]
    """
    days = sorted({dt.date.fromisoformat(day) for day in dates.split()})
    runs: list[list[dt.date]] = []
    for day in days:
        if runs and (day - runs[-1][1]).days == 1:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    return [(start.isoformat(), end.isoformat()) for start, end in runs]


def spell_lines(d: dict) -> list[str]:
    if not d.get("dates"):
        return []
    return ['        <spells>\n',
            *(f'          <spell start="{start}" end="{end}"/>\n' for start, end in spells(d["dates"])),
            '        </spells>\n']


def color(community: int, size: int) -> str:
    hex_color = PALETTE[community % len(PALETTE)] if size > 1 else OTHER_COLOR
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return f'        <viz:color r="{r}" g="{g}" b="{b}"/>\n'


def describe(G: nx.Graph, edges: int) -> str:
    """`<meta>`'s description; `edges` counted by the caller (a view of `G` counts its own slowly)."""
    parts = [f"{G.graph.get('name') or 'network'}: {G.number_of_nodes()} nodes, {edges} edges"]
    if G.graph.get("min_papers", 1) > 1:
        parts.append(f"authors with at least {G.graph['min_papers']} papers")
    if G.graph.get("max_coauthors"):
        parts.append(f"papers with more than {G.graph['max_coauthors']} authors add no co-author edges")
    return "; ".join(parts)
