"""The co-author network and the topic network -> self-contained HTML maps (pyvis + vis-network).

pyvis builds the page's data and renders it, but through kg's own template
(`kg/templates/map.html.j2`, both pages): pyvis's stock template links Bootstrap from a
CDN and prints the heading unescaped. vis-network's JavaScript and CSS are inlined
from the files pyvis ships, so the page works offline. Text from the digests only
reaches the page as JSON data (`tojson` escapes `<`, `>`, `&`, `'`) and is shown
with `textContent`, never parsed as markup.

Large networks are cut to a readable view (the authors with most papers, at most
`html_max_nodes`, said on the page) and laid out here, communities apart
(`kg.export.layout`), so the browser has nothing to simulate. As on VOSviewer's maps,
only the `html_max_links` strongest links are drawn until an author is selected, and
the page draws the names of the most prominent authors that fit without overlapping.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import networkx as nx

from ..graph import topic_graph
from ..settings import HTML_MAX_LINKS, HTML_MAX_NODES, MIN_AUTHOR_PAPERS
from .gexf import OTHER_COLOR, PALETTE  # the page's communities in Gephi's colours
from .layout import community_layout

__all__ = ["write_html", "write_topic_map", "generate_html", "coauthor_view", "topic_map_view", "HTML_MAX_NODES",
           "HTML_MAX_LINKS"]


TOP_COAUTHORS = 5
#: What the page calls its nodes and their neighbours: the co-author page and the topic map.
WORDS = {
    "author": {"a": "an author", "many": "authors", "neighbours": "Co-authors", "neighbour": "co-author(s)",
               "overlay": "Average date of an author's papers"},
    "topic": {"a": "a topic", "many": "topics", "neighbours": "Related topics", "neighbour": "related topic(s)",
              "overlay": "Average date of a topic's papers"},
}

OPTIONS = {
    "autoResize": True,
    "layout": {"randomSeed": 7, "improvedLayout": False},
    "nodes": {"shape": "dot", "scaling": {"min": 5, "max": 24}, "borderWidth": 1},
    "edges": {
        "color": {"color": "#b8c2cc", "highlight": "#333333", "hover": "#333333"},
        "smooth": False,
        "scaling": {"min": 1, "max": 8},
    },
    "physics": {"enabled": False},  # laid out here (kg.export.layout)
    "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True},
}


@dataclass
class View:
    """The part of the co-author network a page shows, and what was left out."""

    graph: nx.Graph
    total_authors: int
    total_pairs: int
    papers: dict[str, tuple[str, str]]  # arXiv id -> (title, first date in range)
    note: str


def in_range(dates: str, since: str | None, until: str | None) -> list[str]:
    return [d for d in dates.split() if (not since or d >= since) and (not until or d <= until)]


def coauthor_view(G: nx.Graph, max_nodes: int = HTML_MAX_NODES, min_papers: int = 1,
                  since: str | None = None, until: str | None = None) -> View:
    """Authors with at least `min_papers` papers in [since, until], the `max_nodes` with most papers.

    Read from G's adjacency author by author, not from a list of every edge.
    """
    papers = {}
    arxiv_id = {}  # paper node -> arXiv id, of the papers in range
    for n, d in G.nodes(data=True):
        if d["type"] == "paper" and (dates := in_range(d["dates"], since, until)):
            papers[d["arxiv_id"]] = (d["label"], dates[0])
            arxiv_id[n] = d["arxiv_id"]
    papers_of = defaultdict(list)
    for paper, arxiv in arxiv_id.items():
        for author, d in G[paper].items():
            if d["type"] == "authorship":
                papers_of[author].append(arxiv)
    authors = [n for n, d in G.nodes(data=True) if d["type"] == "author" and d["paper_count"] >= MIN_AUTHOR_PAPERS]
    pair = PairsInRange(papers if since or until else None)
    members = set(authors)
    weighted_degree = {}
    pairs = 0
    for n, neighbours in G.adjacency():  # plain dicts: G[n].items() is a Mapping's, 3 times slower
        if n in members:
            weights = [w for v, d in neighbours.items()
                       if d["type"] == "coauthor" and v in members and (w := pair.weight(d))]
            weighted_degree[n] = sum(weights)
            pairs += len(weights)
    eligible = [n for n in authors if len(papers_of[n]) >= min_papers]
    ranked = sorted(eligible, key=lambda n: (-len(papers_of[n]), -weighted_degree[n], G.nodes[n]["label"], n))
    kept = sorted(ranked[:max_nodes] if max_nodes else ranked)
    view = induced_subgraph(G, coauthor_adjacency(G, kept, pair), kept)
    for n in view:
        view.nodes[n]["shown_papers"] = " ".join(sorted(papers_of[n], key=lambda p: (papers[p][1], p)))
    notes = []
    if since or until:
        notes.append(f"papers featured {since or '…'} to {until or '…'}")
    if min_papers > 1:
        notes.append(f"authors with at least {min_papers} papers")
    if max_nodes and len(ranked) > max_nodes:
        notes.append(f"the {max_nodes:,} authors with most papers of {len(ranked):,} (--html-max-nodes)")
    return View(view, len(authors), pairs // 2, papers, "; ".join(notes))


class PairsInRange:
    """A co-author pair as the page counts it: with `papers` (those in the page's date
    range) only its papers in it, and its weight counts those; a pair with none is out."""

    def __init__(self, papers: dict | None):
        self.papers = papers

    def shared(self, d: dict) -> list[str]:
        return [p for p in d["papers"].split() if p in self.papers]

    def weight(self, d: dict) -> int:
        return d.get("weight", 1) if self.papers is None else len(self.shared(d))

    def attributes(self, d: dict) -> dict | None:
        """G's dict itself (not to change), a new one for a date range, None for a pair out of it."""
        if self.papers is None:
            return d
        shared = self.shared(d)
        return {**d, "weight": len(shared), "papers": " ".join(shared)} if shared else None


def coauthor_adjacency(G: nx.Graph, authors: list[str], pair: PairsInRange) -> dict[str, dict[str, dict]]:
    """Author -> co-author -> edge attributes among `authors`, each in the order of
    `coauthor_graph(G)`'s edge list: co-authors before the author in G's node order,
    in that order, then those after it, in its own adjacency's order."""
    members = set(authors)
    index = {n: i for i, n in enumerate(G) if n in members}
    adjacency: dict[str, dict[str, dict]] = {}
    for u in authors:
        found = [(v, attrs) for v, d in G[u].items()
                 if d["type"] == "coauthor" and v in members and (attrs := pair.attributes(d)) is not None]
        before = sorted((item for item in found if index[item[0]] < index[u]), key=lambda item: index[item[0]])
        adjacency[u] = dict(before + [item for item in found if index[item[0]] >= index[u]])
    return adjacency


def induced_subgraph(G: nx.Graph, adjacency: dict[str, dict[str, dict]], nodes: list) -> nx.Graph:
    """The network of `nodes` (with G's attributes, copied) and their edges in `adjacency`,
    nodes in their order, each edge from its first end.

    Not `nx.Graph(H.subgraph(nodes))`: when `nodes` are fewer than half of H's, its
    view walks them as a set, in an order that changes with PYTHONHASHSEED.
    """
    members = set(nodes)
    done: set = set()
    view = nx.Graph()
    view.add_nodes_from((n, G.nodes[n]) for n in nodes)
    for u in nodes:
        view.add_edges_from((u, v, d) for v, d in adjacency[u].items() if v in members and v not in done)
        done.add(u)
    return view


def communities(H: nx.Graph) -> dict[str, int]:
    """Community of each node: the `community` attribute if the graph has one, else
    Louvain on the shown network (seeded: the same every run); numbered by size."""
    if all("community" in d for _, d in H.nodes(data=True)) and len(H):
        groups = defaultdict(set)
        for n, c in H.nodes(data="community"):
            groups[c].add(n)
        parts = list(groups.values())
    else:
        parts = list(nx.community.louvain_communities(H, weight="weight", seed=7))
    parts.sort(key=lambda c: (-len(c), min(c)))
    return {n: rank for rank, part in enumerate(parts) for n in part}


def page_data(view: View) -> dict:
    """Everything the page's script needs, as plain JSON-able data."""
    H = view.graph
    group = communities(H)
    paper_ids = sorted({p for _, d in H.nodes(data=True) for p in d["shown_papers"].split()},
                       key=lambda p: (view.papers[p][1], p))
    paper_index = {p: i for i, p in enumerate(paper_ids)}
    positions = community_layout(H, group, node_radius(H))
    nodes = []
    for n, d in H.nodes(data=True):
        top = heapq.nsmallest(TOP_COAUTHORS, H[n].items(), key=lambda item: (-item[1]["weight"], H.nodes[item[0]]["label"]))
        shown = d["shown_papers"].split()
        node = {
            "id": n, "label": d["label"], "value": len(shown),
            "color": PALETTE[group[n]] if group[n] < len(PALETTE) else OTHER_COLOR,
            "group": group[n],
            "p": [paper_index[p] for p in shown],
            "c": [[H.nodes[m]["label"], e["weight"]] for m, e in top],
            "degree": len(H[n]),
            "wd": sum(e["weight"] for e in H[n].values()),
            "b": float(f"{d.get('betweenness', 0.0):.4g}"),
            "t": mean_date([view.papers[p][1] for p in shown]),
        }
        if d.get("alt_names"):  # spellings merged by an aliases file: the search finds them too
            node["a"] = d["alt_names"].splitlines()
        node["x"], node["y"] = positions[n]
        nodes.append(node)
    order = {n: i for i, n in enumerate(H)}
    nodes_by_id = {node["id"]: node for node in nodes}
    strongest = sorted(H.edges(data=True), key=lambda e: (-e[2]["weight"], order[e[0]], order[e[1]]))
    edges = []  # strongest first: the page draws the first `max_links`
    for u, v, d in strongest:
        edge = {"from": u, "to": v, "value": d["weight"]}
        shared = sorted(paper_index[p] for p in d["papers"].split() if p in paper_index)
        if shared != sorted(set(nodes_by_id[u]["p"]) & set(nodes_by_id[v]["p"])):
            edge["p"] = shared  # only where the page cannot find them itself (a paper above --max-coauthors)
        edges.append(edge)
    sizes = Counter(group.values())
    legend = []
    for rank in sorted(sizes)[:len(PALETTE)]:
        members = [n for n in H if group[n] == rank]
        lead = max(members, key=lambda n: (len(H.nodes[n]["shown_papers"].split()), H.degree(n), n))
        legend.append({"color": PALETTE[rank], "size": sizes[rank], "lead": H.nodes[lead]["label"]})
    return {"nodes": nodes, "edges": edges, "legend": legend,
            "papers": [[p, view.papers[p][0], view.papers[p][1]] for p in paper_ids]}


def node_radius(H: nx.Graph) -> dict[str, float]:
    """Each author's radius as vis-network draws it (OPTIONS' scaling of papers), plus a margin."""
    papers = {n: len(d["shown_papers"].split()) for n, d in H.nodes(data=True)}
    low, high = min(papers.values(), default=0), max(papers.values(), default=0)
    scaling = OPTIONS["nodes"]["scaling"]
    return {n: 2 + scaling["min"] + (scaling["max"] - scaling["min"]) * ((v - low) / (high - low) if high > low else 0.5)
            for n, v in papers.items()}


def mean_date(dates: list[str]) -> str:
    """The mean of ISO dates, as an ISO date (the overlay colours authors by it)."""
    if not dates:
        return ""
    days = [dt.date.fromisoformat(d).toordinal() for d in dates]
    return dt.date.fromordinal(round(sum(days) / len(days))).isoformat()


def heading(G: nx.Graph, view: View, kind: str) -> tuple[str, str]:
    dates = sorted(d for _, d in G.nodes(data="date") if d)
    span = f"{dates[0]} to {dates[-1]}" if dates else "no dates"
    H = view.graph
    if kind == "topic":
        return (f"Topic map: {len(H):,} topics, {H.number_of_edges():,} links (shared papers), "
                f"{len(view.papers):,} papers, {span}",
                " · ".join(["topics in English, their Korean labels on hover and in search"] +
                           (["showing " + view.note] if view.note else [])))
    title = (f"Co-author network: {len(H):,} authors, {H.number_of_edges():,} co-author pairs, "
             f"{len(view.papers):,} papers, {span}")
    details = [f"input: {G.graph['source']}"] if G.graph.get("source") else []
    details.append(f"whole network: {view.total_authors:,} authors, {view.total_pairs:,} pairs")
    if G.graph.get("max_coauthors"):
        details.append(f"papers with more than {G.graph['max_coauthors']} authors add no pairs")
    if view.note:
        details.append("showing " + view.note)
    return title, " · ".join(details)


def topic_map_view(G: nx.Graph, max_nodes: int = HTML_MAX_NODES) -> View:
    """The topic network of topics.graphml, the `max_nodes` topics with most papers, each with
    its papers; the Korean label an alternative name."""
    whole = topic_graph(G)
    ranked = sorted(whole, key=lambda t: (-whole.nodes[t]["paper_count"], whole.nodes[t]["label"], t))
    kept = set(ranked[:max_nodes] if max_nodes else ranked)
    H = nx.Graph()  # its own attribute dicts: what is set here does not reach G
    H.add_nodes_from((t, dict(d)) for t, d in whole.nodes(data=True) if t in kept)
    H.add_edges_from((u, v, d) for u, v, d in whole.edges(data=True) if u in kept and v in kept)
    papers = {}
    for t in H:
        found = [G.nodes[p] for p in G[t] if G.nodes[p]["type"] == "paper"]
        for d in found:
            papers[d["arxiv_id"]] = (d["label"], d["first_date"])
        H.nodes[t]["shown_papers"] = " ".join(sorted((d["arxiv_id"] for d in found), key=lambda p: (papers[p][1], p)))
        H.nodes[t]["alt_names"] = H.nodes[t].get("label_ko", "")
    note = f"the {max_nodes:,} topics with most papers of {len(whole):,} (--html-max-nodes)" if len(whole) > len(H) else ""
    return View(H, len(whole), whole.number_of_edges(), papers, note)


def generate_html(G: nx.Graph, settings=None, kind: str = "author") -> str:
    """The map of `G`'s co-author network (`kind` "author"; `settings`, `kg.export.ExportSettings`,
    say which part) or of its topics ("topic")."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader
    import pyvis
    from pyvis.network import Network

    if kind == "topic":
        view = topic_map_view(G, HTML_MAX_NODES if settings is None else settings.html_max_nodes)
    else:
        view = coauthor_view(G) if settings is None else coauthor_view(
            G, max_nodes=settings.html_max_nodes, min_papers=settings.min_papers,
            since=settings.since, until=settings.until)
    data = page_data(view)
    title, details = heading(G, view, kind)
    net = Network(height="100%", width="100%", heading=title, cdn_resources="in_line")
    # Set the data directly: pyvis's add_edge checks each new edge against all earlier ones.
    net.nodes, net.edges = data["nodes"], data["edges"]
    net.node_ids = [n["id"] for n in data["nodes"]]
    net.options = OPTIONS
    pyvis_templates = Path(pyvis.__file__).parent / "templates"
    net.templateEnv = Environment(
        loader=ChoiceLoader([PackageLoader("kg", "templates"), FileSystemLoader(str(pyvis_templates))]),
        autoescape=True,
    )
    max_links = HTML_MAX_LINKS if settings is None else settings.html_max_links
    net.templateEnv.globals.update(details=details, papers=data["papers"], legend=data["legend"],
                                   max_links=max_links or len(data["edges"]), words=WORDS[kind], kind=kind)
    net.path = "map.html.j2"
    return net.generate_html(name=f"{kind}s.html")


def write_html(G: nx.Graph, file: BinaryIO, settings=None) -> None:
    file.write(generate_html(G, settings).encode("utf-8"))


def write_topic_map(G: nx.Graph, file: BinaryIO, settings=None) -> None:
    file.write(generate_html(G, settings, kind="topic").encode("utf-8"))
