"""Corpus + topics -> one networkx graph; every export reads only this graph.

Node ids are typed strings (`paper:2401.12945`, `author:hila chefer`,
`date:2024-01-24`, `topic:video generation`). Every node has `type` and `label`,
every edge `type` and a numeric `weight`. Lists are flattened to strings: URLs and
arXiv ids space-separated, file paths (`sources`) and summary bullets one a line.
All attribute values are scalars (str, int, float, bool), as GraphML and GEXF
require, and a missing value is left out, never `None`. Nodes and edges are added
in sorted order so exports are deterministic. The co-author edges of one paper
share one read-only attribute dict (`SharedAttributes`).

`coauthor_graph` and `topic_graph` are the views that the co-author and topic
exports write; `kg.metrics` adds the network measures to the nodes.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from typing import Callable, Iterable, Iterator, TypeVar

import networkx as nx

from .records import Corpus
from .settings import MAX_COAUTHORS, MIN_AUTHOR_PAPERS
from .topics import Topics

__all__ = ["build_graph", "add_topics", "coauthor_graph", "topic_graph", "node_id", "edge_list",
           "SharedAttributes", "once_per_shared_dict", "each_shared_dict_once",
           "NODE_TYPES", "EDGE_TYPES", "MAX_COAUTHORS", "MIN_AUTHOR_PAPERS", "summarize", "nodes_of"]

NODE_TYPES = ("paper", "author", "date", "topic", "artifact")
EDGE_TYPES = ("authorship", "coauthor", "featured", "topic", "introduces", "mentions")
#: Fractional weights are rounded to this many decimals, so they print the same everywhere.
FRACTION_DIGITS = 6


def nodes_of(G: nx.Graph, kind: str) -> list[tuple[str, dict]]:
    """The nodes of one type (`paper`, `author`, ...) with their attributes, in the graph's order."""
    return [(n, d) for n, d in G.nodes(data=True) if d["type"] == kind]


def node_id(kind: str, key: str) -> str:
    """The graph's id of a node: its type, a colon, its key.

    >>> node_id("paper", "2401.12945")
    'paper:2401.12945'
    """
    return f"{kind}:{key}"


def build_graph(corpus: Corpus, topics: Topics | None = None,
                max_coauthors: int = MAX_COAUTHORS) -> nx.Graph:
    """The knowledge graph: papers, authors, dates, topics and their links.

    Without `topics`, everything but the topics, which `add_topics` adds later
    (to the same graph as `build_graph(corpus, topics)`, in the same order).

    A paper with more than `max_coauthors` authors (0: no limit) keeps all its
    authorships but adds no co-authorship edges: one 600-author paper would
    otherwise add 180,000 pairs that say little about who works with whom.
    """
    G = nx.Graph(name="kg", max_coauthors=max_coauthors)
    days = paper_days(corpus)
    add_dates(G, corpus)
    add_papers(G, corpus, days)
    add_authors(G, corpus, days)
    add_authorships(G, corpus)
    G.graph["hyperauthored_papers"] = add_coauthorships(G, corpus, max_coauthors, days)
    if topics is not None:
        add_topics(G, topics)
    return G


def paper_days(corpus: Corpus) -> dict[str, tuple[str, ...]]:
    """Each paper's dates as sorted ISO strings, computed once (`Paper.dates` sorts on every call).

    ISO dates sort as the dates do, so sets of them are sorted as strings below.
    """
    return {arxiv_id: tuple(d.isoformat() for d in paper.dates) for arxiv_id, paper in corpus.papers.items()}


def add_dates(G: nx.Graph, corpus: Corpus) -> None:
    papers = defaultdict(set)
    sources = defaultdict(set)
    for paper in corpus.papers.values():
        for f in paper.featured:
            papers[f.date].add(paper.arxiv_id)
            sources[f.date].add(f.source)
    for day in sorted(papers):
        G.add_node(node_id("date", day.isoformat()), type="date", label=day.isoformat(),
                   date=day.isoformat(), paper_count=len(papers[day]),
                   sources="\n".join(sorted(sources[day])))


def add_papers(G: nx.Graph, corpus: Corpus, days: dict[str, tuple[str, ...]]) -> None:
    for paper in corpus.papers.values():
        dates = days[paper.arxiv_id]
        attrs = dict(
            type="paper", label=paper.title, arxiv_id=paper.arxiv_id, url=paper.url,
            first_date=dates[0],
            dates=" ".join(dates),
            author_count=len(paper.authors),
            media=" ".join(paper.media),
            summary="\n".join(paper.summary),
            links=" ".join(paper.links),
            code=" ".join(paper.code),
            sources="\n".join(f"{f.source}:{f.line}" for f in paper.featured),
        )
        if paper.votes is not None:
            attrs["votes"] = paper.votes
        G.add_node(node_id("paper", paper.arxiv_id), **attrs)
        for day in dates:
            G.add_edge(node_id("paper", paper.arxiv_id), node_id("date", day), type="featured", weight=1)


def add_authors(G: nx.Graph, corpus: Corpus, days: dict[str, tuple[str, ...]]) -> None:
    papers_of = defaultdict(list)
    for paper in corpus.papers.values():
        for key in paper.authors:
            papers_of[key].append(paper.arxiv_id)
    for key, author in corpus.authors.items():
        papers = papers_of[key]
        dates = sorted({d for p in papers for d in days[p]})
        G.add_node(
            node_id("author", key), type="author", label=author.name,
            kind="organization" if author.is_organization else "person",
            paper_count=len(papers), first_date=dates[0], last_date=dates[-1],
            dates=" ".join(dates),
        )
        if author.alt_names:  # other spellings merged by an aliases file, one a line
            G.nodes[node_id("author", key)]["alt_names"] = "\n".join(author.alt_names)


def topic_id(concept_key: str) -> str:
    """`en:diffusion model` -> `topic:diffusion model`; Korean-only concepts keep their Hangul key."""
    return node_id("topic", concept_key.partition(":")[2])


def add_topics(G: nx.Graph, topics: Topics) -> None:
    """Topic concepts with their labels; paper-topic edges weighted by the paper's score for the topic."""
    for key, concept in topics.concepts.items():
        korean = [label for label, language in concept.alt_labels if language == "ko"]
        G.add_node(topic_id(key), type="topic", label=concept.label, language=concept.language,
                   label_ko=concept.label if concept.language == "ko" else (korean[0] if korean else ""),
                   alt_labels="\n".join(f"{label}@{language}" for label, language in concept.alt_labels),
                   paper_count=concept.papers)
    for arxiv_id, assigned in sorted(topics.assigned.items()):
        for key, score in assigned:
            G.add_edge(node_id("paper", arxiv_id), topic_id(key), type="topic", weight=score)
    add_artifacts(G, topics)


def add_artifacts(G: nx.Graph, topics: Topics) -> None:
    """Named models, datasets and systems; a paper introduces or mentions each."""
    for key, artifact in topics.artifacts.items():
        G.add_node(node_id("artifact", key), type="artifact", label=artifact.label, kind=artifact.kind,
                   paper_count=artifact.papers,
                   version_of=node_id("artifact", artifact.version_of) if artifact.version_of else "")
    for key, artifact in topics.artifacts.items():
        for relation, papers in (("introduces", artifact.introduced_by), ("mentions", artifact.mentioned_by)):
            for arxiv_id in papers:
                G.add_edge(node_id("paper", arxiv_id), node_id("artifact", key), type=relation, weight=1)


def add_authorships(G: nx.Graph, corpus: Corpus) -> None:
    G.add_edges_from((node_id("paper", paper.arxiv_id), node_id("author", key),
                      {"type": "authorship", "weight": 1, "position": position})
                     for paper in corpus.papers.values()
                     for position, key in enumerate(paper.authors, start=1))


def add_coauthorships(G: nx.Graph, corpus: Corpus, max_coauthors: int,
                      days: dict[str, tuple[str, ...]]) -> int:
    """One undirected edge per pair of authors, weighted by both counting methods.

    `weight` is full counting (the number of shared papers); `fractional_weight`
    is fractional counting: a paper with n authors adds 1/(n-1) to each of its
    pairs, so every co-authored paper adds 1 to each author's weighted degree
    however many authors it has. A paper above `max_coauthors` is marked
    `hyperauthored` and adds no pairs. Returns the number of such papers.
    """
    # A pair is the number rank(a) * n + rank(b) of its two authors' ranks in key order,
    # a < b: millions of them sort as numbers, in the order of the key pairs.
    keys = sorted(corpus.authors)
    rank, n = {key: i for i, key in enumerate(keys)}, len(keys)
    shared = defaultdict(list)
    # All pairs of a paper have the same attributes: one read-only dict per paper, which
    # its pairs share (a dict per edge costs a fifth more peak memory: docs/performance.md).
    one_paper = {}
    left_out = 0
    for paper in corpus.papers.values():
        hyperauthored = bool(max_coauthors) and len(paper.authors) > max_coauthors
        G.nodes[node_id("paper", paper.arxiv_id)]["hyperauthored"] = hyperauthored
        if hyperauthored:
            left_out += 1
            continue
        for a, b in itertools.combinations(sorted(rank[key] for key in paper.authors), 2):
            shared[a * n + b].append(paper)
        if len(paper.authors) > 1:
            one_paper[paper.arxiv_id] = SharedAttributes(coauthor_attributes([paper], days))
    ids = [node_id("author", key) for key in keys]
    adjacency = G._adj  # what add_edges_from fills, but without copying each edge's attributes
    for pair, papers in sorted(shared.items()):
        a, b = divmod(pair, n)
        u, v = ids[a], ids[b]
        adjacency[u][v] = adjacency[v][u] = (
            one_paper[papers[0].arxiv_id] if len(papers) == 1 else coauthor_attributes(papers, days))
    return left_out


class SharedAttributes(dict):
    """The attributes of the co-author edges of one paper, one dict for all of them.

    Read-only, so that changing one edge cannot silently change the others. To change
    one, give it a dict of its own: `attrs = dict(G[u][v])`, `G.remove_edge(u, v)`,
    `G.add_edge(u, v, **attrs)`.
    """

    def _read_only(self, *args, **kwargs):
        raise TypeError("the co-author edges of one paper share this attribute dict: "
                        "remove the edge and add it with attributes of its own to change one")

    __setitem__ = __delitem__ = __ior__ = update = setdefault = pop = popitem = clear = _read_only

    def __reduce__(self):  # pickled as a dict would be, rebuilt without __setitem__
        return SharedAttributes, (dict(self),)


T = TypeVar("T")


def once_per_shared_dict(make: Callable[[dict], T]) -> Callable[[dict], T]:
    """`make(d)`, made once for each dict that edges share (`SharedAttributes`: the
    co-author pairs of one paper), every time for any other dict."""
    made: dict[int, T] = {}  # by id: the shared dicts live in the graph while it is written

    def made_once(d: dict) -> T:
        if type(d) is not SharedAttributes:
            return make(d)
        if id(d) not in made:
            made[id(d)] = make(d)
        return made[id(d)]
    return made_once


def each_shared_dict_once(records: Iterable[dict]) -> Iterator[dict]:
    """`records`, with each dict that edges share (`SharedAttributes`) only the first time."""
    seen: set[int] = set()
    for d in records:
        if type(d) is SharedAttributes:
            if id(d) in seen:
                continue
            seen.add(id(d))
        yield d


def coauthor_attributes(papers: list, days: dict[str, tuple[str, ...]]) -> dict:
    """The attributes of the co-author edge of two authors who share `papers`, in paper order."""
    dates = sorted({d for p in papers for d in days[p.arxiv_id]})
    return {
        "type": "coauthor", "weight": len(papers),
        "fractional_weight": fractional_count(len(p.authors) for p in papers),
        "papers": " ".join(p.arxiv_id for p in papers),
        "first_date": dates[0], "last_date": dates[-1], "dates": " ".join(dates),
    }


def fractional_count(author_counts: Iterable[int]) -> float:
    """The fractional weight of a pair: 1/(n-1) for each shared paper with n authors.

    Summed exactly (`math.fsum`) and rounded to `FRACTION_DIGITS` decimals, so the
    value does not depend on the order of the papers.

    >>> fractional_count([21, 18])  # 1/20 + 1/17
    0.108824
    """
    return round(math.fsum(1 / (n - 1) for n in author_counts), FRACTION_DIGITS)


def coauthor_graph(G: nx.Graph, min_papers: int = MIN_AUTHOR_PAPERS) -> nx.Graph:
    """The author-only co-authorship network (authors without co-authors included).

    Authors with fewer than `min_papers` papers are left out, with their edges.
    A read-only view of `G` (its node and edge dicts, nothing copied), with its own
    graph attributes; nodes in `G`'s order.
    """
    kept = {n for n, d in G.nodes(data=True) if d["type"] == "author" and d["paper_count"] >= min_papers}
    # A filter function, not networkx's `show_nodes` set: with a set smaller than half
    # the graph a view iterates the set, whose order changes with PYTHONHASHSEED.
    # Author-author edges are the co-author edges.
    H = nx.subgraph_view(G, filter_node=kept.__contains__)
    H.graph = {"name": "coauthors", "min_papers": min_papers}
    if "max_coauthors" in G.graph:
        H.graph["max_coauthors"] = G.graph["max_coauthors"]
    return H


def edge_list(G: nx.Graph) -> list[tuple]:
    """`list(G.edges(data=True))` of an undirected graph, in the same order, in half the time.

    Read from `G.adjacency()` as networkx's edge view does, without the view's
    per-edge function calls: each edge once, from the first of its ends in node order.

    >>> edge_list(nx.Graph([(1, 2), (2, 3), (3, 3)])) == list(nx.Graph([(1, 2), (2, 3), (3, 3)]).edges(data=True))
    True
    >>> view = nx.subgraph_view(nx.Graph([(1, 2), (2, 3), (3, 4), (4, 1), (2, 2)]), filter_node=lambda n: n != 3)
    >>> edge_list(view) == list(view.edges(data=True))
    True
    >>> small = nx.path_graph(list("abcdefgh")).subgraph("dcb")
    >>> edge_list(small) == list(small.edges(data=True))
    True
    """
    if G.is_directed() or G.is_multigraph():
        return list(G.edges(data=True))
    seen: set = set()
    edges = []
    keep, base = getattr(G, "_NODE_OK", None), getattr(G, "_graph", None)
    if (keep is not None and base is not None and getattr(G, "_EDGE_OK", None) is nx.filters.no_filter
            and not isinstance(keep, nx.filters.show_nodes)):
        # A view with a node filter function (`coauthor_graph`): its base graph's adjacency,
        # filtered here; through the view's nested filters it took 5 times as long. (Not a
        # `G.subgraph(nodes)` view: with few nodes it walks them as a set, in another order.)
        for u, neighbours in base.adjacency():
            if keep(u):
                for v, d in neighbours.items():
                    if v not in seen and keep(v):
                        edges.append((u, v, d))
                seen.add(u)
        return edges
    for u, neighbours in G.adjacency():
        for v, d in neighbours.items():
            if v not in seen:
                edges.append((u, v, d))
        seen.add(u)
    return edges


def topic_graph(G: nx.Graph) -> nx.Graph:
    """The topic co-occurrence network: two topics are linked when papers share them.

    An edge's `weight` is the number of papers that have both topics, `papers`
    their arXiv ids. Topics of no shared paper are included, unlinked.
    """
    H = nx.Graph(name="topics")
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if d["type"] == "topic")
    topics_of = defaultdict(list)  # sorted below: the order found does not matter
    adjacency = G.adj
    for topic in H:
        for paper, d in adjacency[topic].items():
            if d["type"] == "topic":
                topics_of[paper].append(topic)
    shared = defaultdict(list)
    for paper in sorted(topics_of):
        for pair in itertools.combinations(sorted(topics_of[paper]), 2):
            shared[pair].append(G.nodes[paper]["arxiv_id"])
    for (a, b), papers in sorted(shared.items()):
        H.add_edge(a, b, type="cooccurrence", weight=len(papers), papers=" ".join(papers))
    return H


def summarize(G: nx.Graph) -> dict[str, int]:
    """Counts of what the graph holds, by node and edge type."""
    counts = {"papers": 0, "authors": 0, "dates": 0, "topics": 0, "artifacts": 0, "authorships": 0,
              "coauthor pairs": 0, "paper-date links": 0, "paper-topic links": 0, "paper-artifact links": 0}
    node_names = {"paper": "papers", "author": "authors", "date": "dates", "topic": "topics", "artifact": "artifacts"}
    edge_names = {"authorship": "authorships", "featured": "paper-date links", "topic": "paper-topic links",
                  "introduces": "paper-artifact links", "mentions": "paper-artifact links"}
    for node, kind in G.nodes(data="type"):
        counts[node_names[kind]] += 1
        if kind == "paper":  # every edge but a co-author pair has a paper at one end: read from there
            for e in G.adj[node].values():
                counts[edge_names[e["type"]]] += 1
    counts["coauthor pairs"] = G.number_of_edges() - sum(counts[name] for name in set(edge_names.values()))
    return counts
