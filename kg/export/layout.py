"""Positions for the HTML maps: communities drawn apart, each node within its own.

Fruchterman-Reingold over a whole co-author network draws one grey disc: its
communities overlap in the middle. Here, as VOSviewer's maps read, communities come
first: each community is laid out on its own (igraph's Fruchterman-Reingold, seeded)
inside a disc whose area grows with its size; the discs are placed by a layout of
the network of communities (linked by the co-author weight between them) and pushed
apart until none overlaps another. Deterministic for a seed; a few tenths of a
second for 2,000 authors (docs/performance.md).
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Hashable

import networkx as nx

__all__ = ["community_layout"]

#: A community of n nodes is first laid out over a disc of RADIUS_PER_NODE * sqrt(n) pixels;
#: its disc is the space its nodes then take, plus RADIUS_MIN.
RADIUS_PER_NODE = 30.0
RADIUS_MIN = 12.0
#: Free space between two discs, as a share of their radii.
GAP = 0.25
SEED = 7


def community_layout(H: nx.Graph, group: dict[Hashable, int], size: dict[Hashable, float] | None = None,
                     seed: int = SEED) -> dict[Hashable, tuple[float, float]]:
    """Node -> (x, y) in pixels, rounded to 0.1: communities (`group`) apart, nodes within
    them; no two nodes closer than the sum of their `size` (radius in pixels, default 8)."""
    import numpy as np

    members: dict[int, list] = defaultdict(list)
    for n in H:
        members[group[n]].append(n)
    inside: dict[int, list] = defaultdict(list)  # community -> its edges (unweighted: see unit_disc_layout)
    between: dict[tuple[int, int], float] = defaultdict(float)  # community pair -> weight between
    for u, v, d in H.edges(data=True):
        a, b = group[u], group[v]
        if a == b:
            inside[a].append((u, v))
        else:
            between[min(a, b), max(a, b)] += d.get("weight", 1)
    ids = sorted(members)
    local, radius = {}, {}
    for c in ids:
        nodes = members[c]
        unit = unit_disc_layout(nodes, inside[c], seed)
        scale = RADIUS_PER_NODE * math.sqrt(len(nodes))
        coords = np.array([unit[n] for n in nodes]) * scale
        # Nodes with the same co-authors land on one point: pushed apart until none covers another.
        node_radius = np.array([size[n] if size else 8.0 for n in nodes])
        coords = separate(coords, node_radius, pull=False) if len(nodes) > 1 else coords
        local[c] = dict(zip(nodes, coords))
        radius[c] = float(np.hypot(coords[:, 0], coords[:, 1]).max() + node_radius.max()) + RADIUS_MIN
    centre = disc_centres(ids, radius, between, seed)
    positions = {}
    for c in ids:
        cx, cy = centre[c]
        for n, (x, y) in local[c].items():
            positions[n] = (round(cx + float(x), 1) + 0.0, round(cy + float(y), 1) + 0.0)  # no -0.0
    return positions


def unit_disc_layout(nodes: list, edges: list[tuple[Hashable, Hashable]], seed: int) -> dict[Hashable, tuple[float, float]]:
    """Fruchterman-Reingold positions of one community, centred, within the unit disc."""
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {n: i for i, n in enumerate(nodes)}
    # Unweighted: the many-author papers' cliques, weighted, would collapse to a point.
    coords = seeded_igraph_layout(len(nodes), [(index[u], index[v]) for u, v in edges], [], seed)
    cx = sum(x for x, _ in coords) / len(coords)
    cy = sum(y for _, y in coords) / len(coords)
    radii = sorted(math.hypot(x - cx, y - cy) for x, y in coords)
    reach = radii[int(0.9 * (len(radii) - 1))] or radii[-1] or 1.0
    positions = {}
    for n, (x, y) in zip(nodes, coords):  # the farthest tenth pulled in to the rim
        r = math.hypot(x - cx, y - cy)
        scale = 1 / max(reach, r) if r else 0.0
        positions[n] = ((x - cx) * scale, (y - cy) * scale)
    return positions


def disc_centres(ids: list[int], radius: dict[int, float], between: dict[tuple[int, int], float],
                 seed: int) -> dict[int, tuple[float, float]]:
    """Centres of the communities' discs: a layout of the community network, then overlaps removed."""
    import numpy as np

    if len(ids) <= 1:
        return {c: (0.0, 0.0) for c in ids}
    index = {c: i for i, c in enumerate(ids)}
    pairs = sorted(between)
    coords = np.array(seeded_igraph_layout(len(ids), [(index[a], index[b]) for a, b in pairs],
                                           [math.log1p(between[p]) for p in pairs], seed))
    coords -= coords.mean(axis=0)
    r = np.array([radius[c] for c in ids])
    # Spread to about the area the discs need, then push overlapping discs apart.
    needed = math.sqrt((r ** 2).sum())
    spread = np.percentile(np.hypot(coords[:, 0], coords[:, 1]), 90) or 1.0
    coords *= needed / spread
    coords = separate(coords, r * (1 + GAP))
    return {c: (float(x), float(y)) for c, (x, y) in zip(ids, coords)}


def separate(coords, r, rounds: int = 400, pull: bool = True):
    """Move discs (centres `coords`, radii `r`) apart until none overlaps another; with
    `pull`, drawn gently to the middle meanwhile so that they end packed, not flung out."""
    import numpy as np

    i, j = np.triu_indices(len(coords), k=1)
    apart = np.zeros((len(coords), len(coords), 2))  # a fixed direction for each pair on one point
    angle = 2.399963 * (i * 31 + j)  # the golden angle: directions spread evenly, the same every run
    apart[i, j] = np.stack([np.cos(angle), np.sin(angle)], axis=1)
    apart[j, i] = -apart[i, j]
    for step in range(rounds):
        delta = coords[:, None, :] - coords[None, :, :]
        distance = np.hypot(delta[..., 0], delta[..., 1])
        same = distance < 1e-3
        delta = np.where(same[..., None], apart * 1e-3, delta)
        distance = np.maximum(distance, 1e-3)
        overlap = np.maximum(r[:, None] + r[None, :] - distance, 0.0)
        np.fill_diagonal(overlap, 0.0)
        if overlap.max() < 0.5:  # pixels
            break
        crowd = np.sqrt(np.maximum((overlap > 0).sum(axis=1), 1))[:, None]  # damped: no disc flung out
        coords = coords + (delta * (overlap / distance / 2)[..., None]).sum(axis=1) / crowd
        if pull and step < rounds // 2:
            coords = coords * 0.99
    return coords


def seeded_igraph_layout(n: int, edges: list[tuple[int, int]], weights: list[float], seed: int) -> list:
    """igraph's Fruchterman-Reingold layout of n vertices, the same for the same seed."""
    import igraph

    g = igraph.Graph(n=n, edges=edges)
    igraph.set_random_number_generator(random.Random(seed))
    try:
        return g.layout_fruchterman_reingold(weights=weights or None, niter=200).coords
    finally:
        igraph.set_random_number_generator(random)
