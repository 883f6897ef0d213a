"""The co-author network -> one self-contained HTML page (pyvis + vis-network).

pyvis builds the page's data and renders it, but through kg's own template
(`kg/templates/coauthors.html.j2`): pyvis's stock template links Bootstrap from a
CDN and prints the heading unescaped. vis-network's JavaScript and CSS are inlined
from the files pyvis ships, so the page works offline. Text from the digests only
reaches the page as JSON data (`tojson` escapes `<`, `>`, `&`, `'`) and is shown
with `textContent`, never parsed as markup.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import BinaryIO

import networkx as nx

from ..graph import coauthor_graph

__all__ = ["write_html", "generate_html", "coauthor_page_data"]

PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
           "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#86bcb6"]
OTHER_COLOR = "#9aa5b1"
TOP_COAUTHORS = 5

OPTIONS = {
    "autoResize": True,
    "layout": {"randomSeed": 7, "improvedLayout": False},
    "nodes": {
        "shape": "dot",
        "scaling": {"min": 6, "max": 24, "label": {"enabled": True, "min": 10, "max": 22, "drawThreshold": 7}},
        "font": {"face": "system-ui, sans-serif"},
        "borderWidth": 1,
    },
    "edges": {
        "color": {"color": "#b8c2cc", "highlight": "#333333", "hover": "#333333"},
        "smooth": False,
        "scaling": {"min": 1, "max": 8},
    },
    "physics": {
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -40, "springLength": 70, "avoidOverlap": 0.3},
        "stabilization": {"enabled": True, "iterations": 600, "updateInterval": 25, "fit": True},
    },
    "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True, "navigationButtons": False},
}


def component_colors(H: nx.Graph) -> dict[str, str]:
    """A colour per connected component, the largest ones first; the rest grey."""
    components = sorted(nx.connected_components(H), key=lambda c: (-len(c), min(c)))
    colors = {}
    for rank, component in enumerate(components):
        color = PALETTE[rank] if rank < len(PALETTE) and len(component) > 1 else OTHER_COLOR
        colors.update(dict.fromkeys(component, color))
    return colors


def coauthor_page_data(G: nx.Graph) -> tuple[list[dict], list[dict], dict]:
    """vis-network nodes and edges of the co-author network, and page facts."""
    H = coauthor_graph(G)
    papers_of = defaultdict(list)
    for u, v, d in G.edges(data=True):
        if d["type"] == "authorship":
            paper, author = (u, v) if G.nodes[u]["type"] == "paper" else (v, u)
            p = G.nodes[paper]
            papers_of[author].append([p["arxiv_id"], p["label"], p["first_date"]])
    colors = component_colors(H)
    nodes = []
    for n, d in H.nodes(data=True):
        neighbours = sorted(H[n].items(), key=lambda item: (-item[1]["weight"], H.nodes[item[0]]["label"]))
        nodes.append({
            "id": n,
            "label": d["label"],
            "value": d["paper_count"],
            "color": colors[n],
            "papers": sorted(papers_of[n], key=lambda p: (p[2], p[0])),
            "coauthors": [[H.nodes[m]["label"], e["weight"]] for m, e in neighbours[:TOP_COAUTHORS]],
            "degree": len(neighbours),
        })
    edges = [
        {"from": u, "to": v, "value": d["weight"], "title": f"{d['weight']} shared paper(s)"}
        for u, v, d in H.edges(data=True)
    ]
    dates = sorted(d["date"] for _, d in G.nodes(data=True) if d["type"] == "date")
    facts = {
        "authors": H.number_of_nodes(),
        "pairs": H.number_of_edges(),
        "papers": sum(1 for _, d in G.nodes(data=True) if d["type"] == "paper"),
        "first_date": dates[0] if dates else "",
        "last_date": dates[-1] if dates else "",
        "source": G.graph.get("source", ""),
    }
    return nodes, edges, facts


def generate_html(G: nx.Graph) -> str:
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader
    import pyvis
    from pyvis.network import Network

    nodes, edges, facts = coauthor_page_data(G)
    heading = (f"Co-author network: {facts['authors']} authors, {facts['pairs']} co-author pairs, "
               f"{facts['papers']} papers, {facts['first_date']} to {facts['last_date']}")
    net = Network(height="100%", width="100%", heading=heading, cdn_resources="in_line")
    # Set the data directly: pyvis's add_edge checks each new edge against all earlier ones.
    net.nodes, net.edges = nodes, edges
    net.node_ids = [n["id"] for n in nodes]
    net.options = OPTIONS
    pyvis_templates = Path(pyvis.__file__).parent / "templates"
    net.templateEnv = Environment(
        loader=ChoiceLoader([PackageLoader("kg", "templates"), FileSystemLoader(str(pyvis_templates))]),
        autoescape=True,
    )
    net.templateEnv.globals["facts"] = facts
    net.path = "coauthors.html.j2"
    return net.generate_html(name="coauthors.html")


def write_html(G: nx.Graph, file: BinaryIO) -> None:
    file.write(generate_html(G).encode("utf-8"))
