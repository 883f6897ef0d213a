"""Network measures that Gephi users sort, size and colour by: graph -> graph with metrics.

The stage between `kg.graph` and the exports. `add_metrics` adds, in place (the
author measures are `add_author_metrics`, which needs no topics: `kg build` runs
it while a second process extracts them; the topic ones `add_topic_metrics`):

=======================  ====================================================================
author nodes             on the co-author network (`coauthor_graph`, before `--min-papers`):
                         `degree` (distinct co-authors), `weighted_degree` (sum of the full
                         counts), `betweenness` (normalized, on hops), `community` (Leiden)
topic nodes              on the topic co-occurrence network (`topic_graph`): `paper_count`,
                         `degree`, `weighted_degree`, `community` (Leiden)
paper nodes              have their dates, `votes` and `author_count` from `kg.graph` already
graph                    `author_communities`, `topic_communities`, `betweenness_method`
=======================  ====================================================================

Everything is deterministic: Leiden runs with a fixed seed on a graph built in
sorted order, community ids are renumbered by size (0 is the largest) and then by
smallest member, betweenness is exact up to `EXACT_BETWEENNESS_MAX_NODES` nodes and
otherwise estimated from 100 to 500 sources (`betweenness_samples`) drawn with the
same seed, and floats are rounded.

Betweenness is networkx's definition and sampling (`nx.betweenness_centrality`
with `k` and `seed` picks the same sources and gives the same values), computed by
igraph: on the co-author network of a 5,000-paper archive (24,000 authors, 175,000
pairs) 500 sources take about 0.8 s (the numpy batched search kg had before took
2.3 s; networkx's pure-Python loop takes about 16 s for 100). Communities are
igraph's Leiden on modularity (what VOSviewer clusters with).
"""

from __future__ import annotations

import random
from collections import Counter
from typing import Hashable, Iterable, Sequence

import networkx as nx

from .graph import coauthor_graph, edge_list, topic_graph

__all__ = ["add_metrics", "add_author_metrics", "add_topic_metrics", "communities", "betweenness", "SEED",
           "EXACT_BETWEENNESS_MAX_NODES", "BETWEENNESS_SAMPLES"]

#: The seed of Leiden and of the betweenness sample.
SEED = 42
#: Betweenness is exact up to this many authors, sampled above.
EXACT_BETWEENNESS_MAX_NODES = 5000
#: Number of source nodes of the betweenness estimate on larger networks, at most:
BETWEENNESS_SAMPLES = 500
#: ... and at least; between them, as many as keep sources x edges within the budget
#: (a breadth-first search per source costs about as much as the edges).
MIN_BETWEENNESS_SAMPLES = 100
BETWEENNESS_BUDGET = 100_000_000
#: Betweenness values are rounded to this many decimals.
BETWEENNESS_DIGITS = 10
#: Passes of Leiden: most of the gain is in the first two (docs/performance.md).
LEIDEN_ITERATIONS = 2


def betweenness_samples(edges: int) -> int:
    """Sources of the betweenness estimate: 500 on the co-author network of 5,000 papers
    (175,000 pairs), fewer on larger ones so the estimate's time stops growing with
    the square of the archive (Brandes and Pich 2007: a hundred pivots rank the
    main brokers well).

    >>> [betweenness_samples(m) for m in (175_000, 870_000, 3_500_000)]
    [500, 114, 100]
    """
    return max(MIN_BETWEENNESS_SAMPLES, min(BETWEENNESS_SAMPLES, BETWEENNESS_BUDGET // max(edges, 1)))


def add_metrics(G: nx.Graph, seed: int = SEED) -> nx.Graph:
    """Add the author and topic measures to `G` (in place); returns `G`.

    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> for name in "abc":
    ...     G.add_node(f"author:{name}", type="author", label=name, paper_count=1)
    >>> G.add_edge("author:a", "author:b", type="coauthor", weight=2, fractional_weight=2.0)
    >>> G.add_edge("author:b", "author:c", type="coauthor", weight=1, fractional_weight=0.5)
    >>> _ = add_metrics(G)
    >>> {k: G.nodes["author:b"][k] for k in ("degree", "weighted_degree", "betweenness", "community")}
    {'degree': 2, 'weighted_degree': 3, 'betweenness': 1.0, 'community': 0}
    """
    add_author_metrics(G, seed)
    add_topic_metrics(G, seed)
    return G


def add_author_metrics(G: nx.Graph, seed: int = SEED) -> None:
    """The author measures, on the co-author network of `G` (which may have no topics yet)."""
    network = coauthor_graph(G)  # a view of G: nothing copied
    authors = list(network)
    nodes = sorted(authors)
    pairs = edge_list(network)
    g, fractional = igraph_of(nodes, pairs, "fractional_weight")  # one igraph graph for both measures
    author_community = leiden(g, nodes, fractional, seed)
    sources = None
    if len(authors) > EXACT_BETWEENNESS_MAX_NODES:
        k = betweenness_samples(len(pairs))
        sources = random.Random(seed).sample(authors, k)
        G.graph["betweenness_method"] = f"estimated from {k} sources sampled with seed {seed}"
    else:
        G.graph["betweenness_method"] = "exact"
    between = brandes(g, nodes, sources)
    degree, weighted_degree = Counter(), Counter()
    for u, v, d in pairs:
        degree[u] += 1
        degree[v] += 1
        weighted_degree[u] += d["weight"]
        weighted_degree[v] += d["weight"]
    for n in authors:
        G.nodes[n].update(
            degree=degree[n],
            weighted_degree=weighted_degree[n],
            betweenness=round(between[n], BETWEENNESS_DIGITS),
            community=author_community[n],
        )
    G.graph["author_communities"] = len(set(author_community.values()))


def add_topic_metrics(G: nx.Graph, seed: int = SEED) -> None:
    """The topic measures, on the topic co-occurrence network of `G`."""
    topics = topic_graph(G)
    topic_community = communities(topics, weight="weight", seed=seed)
    paper_count = {n: sum(1 for m in G[n] if G.nodes[m]["type"] == "paper") for n in topics}
    degree, weighted_degree = topics.degree, topics.degree(weight="weight")
    for n in topics:
        attrs = G.nodes[n]
        attrs.setdefault("paper_count", paper_count[n])
        attrs.update(degree=degree[n], weighted_degree=weighted_degree[n], community=topic_community[n])
    G.graph["topic_communities"] = len(set(topic_community.values()))


def communities(H: nx.Graph, weight: str = "weight", seed: int = SEED) -> dict[Hashable, int]:
    """Leiden communities of `H` as node -> id: 0 the largest, ties by smallest member.

    Every node gets an id; a node without edges is a community of its own.
    igraph's Leiden (`community_leiden`) optimizing modularity, seeded, on the nodes
    and edges in sorted order. Leiden (Traag, Waltman and van Eck 2019) is Louvain
    with a refinement step that keeps every community connected; faster than either
    Louvain, for a higher modularity (docs/performance.md).

    >>> H = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y")])
    >>> H.add_node("z")
    >>> communities(H)
    {'a': 0, 'b': 0, 'c': 0, 'x': 1, 'y': 1, 'z': 2}
    """
    nodes = sorted(H)
    g, weights = to_igraph(H, nodes, weight)
    ids = leiden(g, nodes, weights, seed)
    return {n: ids[n] for n in H}


def leiden(g, nodes: list, weights: list | None, seed: int) -> dict[Hashable, int]:
    """`communities` of igraph graph `g` whose vertex i is `nodes[i]` (sorted), as node -> id."""
    if g.ecount() == 0:
        found: Iterable[Iterable[int]] = ([i] for i in range(len(nodes)))
    else:
        found = seeded(seed, lambda: g.community_leiden(objective_function="modularity", weights=weights,
                                                        n_iterations=LEIDEN_ITERATIONS))
    # Members as sorted node lists: indices follow the sorted nodes.
    ranked = sorted(([nodes[i] for i in sorted(c)] for c in found),
                    key=lambda members: (-len(members), members[0]))
    return {n: i for i, members in enumerate(ranked) for n in members}


def seeded(seed: int, run):
    """`run()` with igraph's random numbers drawn from `random.Random(seed)`, then igraph's default back."""
    import igraph

    igraph.set_random_number_generator(random.Random(seed))
    try:
        return run()
    finally:
        igraph.set_random_number_generator(random)


def to_igraph(H: nx.Graph, nodes: Sequence[Hashable], weight: str | None = None):
    """`H` as an igraph graph whose vertex i is `nodes[i]`, edges in sorted order, and
    the edges' `weight` values (1 where missing; None without `weight`)."""
    return igraph_of(nodes, edge_list(H), weight)


def igraph_of(nodes: Sequence[Hashable], edges: Iterable[tuple], weight: str | None = None):
    """The igraph graph of `edges` (u, v, attributes) whose vertex i is `nodes[i]`, edges in
    sorted order, and the edges' `weight` values (1 where missing; None without `weight`)."""
    import igraph

    index = {n: i for i, n in enumerate(nodes)}
    indexed = []
    for u, v, d in edges:
        i, j = index[u], index[v]
        indexed.append((min(i, j), max(i, j), d.get(weight, 1) if weight else 1))
    indexed.sort()
    g = igraph.Graph(n=len(nodes), edges=[(i, j) for i, j, _ in indexed])
    return g, ([w for _, _, w in indexed] if weight else None)


def betweenness(H: nx.Graph, sources: Sequence[Hashable] | None = None) -> dict[Hashable, float]:
    """Normalized betweenness of every node of undirected, unweighted `H`.

    With `sources=None`, exact; otherwise estimated from those sources only
    (every other node a target), scaled as networkx scales a sample, so
    `betweenness(H, random.Random(s).sample(list(H), k))` equals
    `nx.betweenness_centrality(H, k=k, seed=s)` (to about 1e-16).

    igraph's Brandes (`Graph.betweenness`, with `sources` for the sample) gives
    half the summed dependencies on an undirected graph; they are doubled and
    scaled here as networkx scales them.

    >>> betweenness(nx.path_graph(4))
    {0: 0.0, 1: 0.6666666666666666, 2: 0.6666666666666666, 3: 0.0}
    """
    nodes = list(H)
    return brandes(to_igraph(H, nodes)[0], nodes, sources)


def brandes(g, nodes: list, sources: Sequence[Hashable] | None = None) -> dict[Hashable, float]:
    """`betweenness` of igraph graph `g` whose vertex i is `nodes[i]`, as node -> value."""
    n = len(nodes)
    if n < 3:
        return dict.fromkeys(nodes, 0.0)
    if sources is None:
        half = g.betweenness(directed=False)
        scale = [1 / ((n - 1) * (n - 2))] * n
    else:
        index = {v: i for i, v in enumerate(nodes)}
        chosen = [index[s] for s in sources]
        half = g.betweenness(sources=chosen, directed=False)
        # networkx's sample scaling (endpoints excluded): a source cannot count itself.
        k = len(chosen)
        scale = [1 / (k * (n - 2))] * n
        for i in chosen:
            scale[i] = 1 / ((k - 1) * (n - 2)) if k > 1 else float("nan")
    return {v: 2 * h * s for v, h, s in zip(nodes, half, scale)}
