"""Topic bursts by month: Kleinberg's two-state automaton, batched form (Kleinberg 2002, §4).

Each month t has d_t papers, r_t of them on the topic. The base state emits the topic at
its overall rate p0 = Σr / Σd; the burst state at s·p0. The cheapest state sequence
(Viterbi) pays -log of each month's binomial likelihood and γ·ln(n) to enter the burst
state; a run of burst states is a burst, weighed by how much cheaper the burst state
made those months.

    >>> bursts_of([0, 1, 0, 9, 10, 1], [20, 20, 20, 20, 20, 20])
    [(3, 4, 8.2)]
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import networkx as nx

from .graph import nodes_of

__all__ = ["bursts_of", "topic_bursts", "monthly_counts", "S", "GAMMA"]

S = 2.0  # the burst state's rate, in multiples of the base rate
GAMMA = 1.0  # the cost of entering the burst state, in units of ln(months)


def cost(r: int, d: int, p: float) -> float:
    """-log of the binomial likelihood of r topic papers among d at rate p (the constant term dropped)."""
    p = min(max(p, 1e-9), 1 - 1e-9)
    return -(r * math.log(p) + (d - r) * math.log(1 - p))


def bursts_of(r: list[int], d: list[int], s: float = S, gamma: float = GAMMA) -> list[tuple[int, int, float]]:
    """(first month, last month, weight) of each burst of the series `r` out of `d`."""
    n, total_r, total_d = len(r), sum(r), sum(d)
    if not n or not total_r or total_r == total_d:
        return []
    rates = (total_r / total_d, min(s * total_r / total_d, 0.9999))
    up = gamma * math.log(n)
    best = [0.0, up]  # cheapest cost so far, ending in each state
    back: list[tuple[int, int]] = []
    for rt, dt in zip(r, d):
        emit = [cost(rt, dt, rates[0]), cost(rt, dt, rates[1])]
        came0 = min((best[0], 0), (best[1], 1))  # going down is free
        came1 = min((best[0] + up, 0), (best[1], 1))
        back.append((came0[1], came1[1]))
        best = [came0[0] + emit[0], came1[0] + emit[1]]
    state = 0 if best[0] <= best[1] else 1
    states = []
    for t in range(n - 1, -1, -1):
        states.append(state)
        state = back[t][state]
    states.reverse()
    found, start = [], None
    for t, q in enumerate(states + [0]):
        if q and start is None:
            start = t
        elif not q and start is not None:
            weight = sum(cost(r[u], d[u], rates[0]) - cost(r[u], d[u], rates[1]) for u in range(start, t))
            found.append((start, t - 1, round(weight, 1)))
            start = None
    return found


def monthly_counts(G: nx.Graph) -> tuple[list[str], Counter, dict[str, Counter]]:
    """Months (YYYY-MM, sorted), papers per month and each topic's papers per month, each
    paper counted in the month it was first featured."""
    month_of = {p: d["first_date"][:7] for p, d in nodes_of(G, "paper")}
    per_topic: dict[str, Counter] = defaultdict(Counter)
    for t, d in nodes_of(G, "topic"):
        per_topic[d["label"]].update(month_of[p] for p in G[t] if p in month_of)
    return sorted(set(month_of.values())), Counter(month_of.values()), per_topic


def topic_bursts(G: nx.Graph, limit: int = 15) -> list[tuple[str, str, str, float]]:
    """(topic, first month, last month, weight) of the strongest bursts of the graph's topics."""
    months, papers, per_topic = monthly_counts(G)
    found = []
    for topic, counts in per_topic.items():
        if sum(counts.values()) < 3:  # a burst needs a few papers to be told from chance
            continue
        for first, last, weight in bursts_of([counts[m] for m in months], [papers[m] for m in months]):
            found.append((topic, months[first], months[last], weight))
    return sorted(found, key=lambda b: (-b[3], b[0], b[1]))[:limit]
