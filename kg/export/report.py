"""report.html: an overview of the archive, as bibliometrix's "main information" and trends.

One offline file: tables readable without JavaScript, charts drawn by matplotlib as inline
SVG (no script, nothing fetched), each downloadable as SVG and its data as CSV. The
figures come from the graph alone, so they can be checked against graph.ttl
(`kg query --name papers-by-month`, `first-collaborations`, ...).
"""

from __future__ import annotations

import base64
import csv
import io
import math
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import resources
from typing import BinaryIO
from urllib.parse import quote

import networkx as nx

from ..graph import coauthor_graph, nodes_of, summarize
from ..news import dates_of, news_of
from ..trends import monthly_counts, topic_bursts

__all__ = ["write_report", "generate_report", "main_information", "lotka_exponent"]

TOP = 20  # rows of the ranked tables
TREND_TOPICS = 8


@dataclass
class Chart:
    """A figure: its inline SVG, and its data for the CSV link."""

    title: str
    svg: str
    header: tuple[str, ...]
    rows: list[tuple]

    @property
    def svg_link(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode("utf-8")).decode("ascii")

    @property
    def csv_link(self) -> str:
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerows([self.header, *self.rows])
        return "data:text/csv;charset=utf-8," + quote(text.getvalue())


def main_information(G: nx.Graph) -> dict[str, object]:
    """The archive in numbers, as bibliometrix's "main information" (names as shown)."""
    counts = summarize(G)
    dates = dates_of(G)
    per_paper = [d["author_count"] for _, d in nodes_of(G, "paper")]
    multi = [n for n in per_paper if n > 1]
    coauthors = [d["degree"] for _, d in nodes_of(G, "author")]  # co-authors (kg.metrics)
    return {
        "date range": f"{dates[0]} to {dates[-1]}" if dates else "",
        "daily digests (dates)": counts["dates"],
        "papers": counts["papers"],
        "authors": counts["authors"],
        "authorships": counts["authorships"],
        "authors per paper (mean)": round(statistics.fmean(per_paper), 2) if per_paper else 0,
        "authors per paper (median)": statistics.median(per_paper) if per_paper else 0,
        "authors per paper (max)": max(per_paper, default=0),
        "single-author papers": per_paper.count(1),
        f"papers above the co-author cap ({G.graph.get('max_coauthors', '')})": G.graph.get("hyperauthored_papers", 0),
        "co-authors per author (mean)": round(statistics.fmean(coauthors), 2) if coauthors else 0,
        # bibliometrix: authors of multi-authored papers / multi-authored papers
        "collaboration index": round(sum(multi) / len(multi), 2) if multi else 0,
        "topics": counts["topics"],
        "artifacts": counts["artifacts"],
    }


def lotka_exponent(papers_per_author: list[int]) -> tuple[list[tuple[int, int]], float]:
    """(papers, authors with that many) and Lotka's exponent: the least-squares slope of
    log(authors) against log(papers), negated (about 2 in Lotka's data).

    >>> lotka_exponent([1, 1, 1, 1, 2])
    ([(1, 4), (2, 1)], 2.0)
    """
    counts = sorted(Counter(papers_per_author).items())
    if len(counts) < 2:
        return counts, 0.0
    xs = [math.log(x) for x, _ in counts]
    ys = [math.log(y) for _, y in counts]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return counts, round(-slope, 3)


def figure(title: str, draw, width: float = 7.0, height: float = 2.6, bottom: float = 0.32) -> str:
    """An SVG of a matplotlib figure `draw(axes)` fills; deterministic (no dates, fixed ids)."""
    from matplotlib.figure import Figure  # only the report needs matplotlib: imported when it is written

    fig = Figure(figsize=(width, height))
    # Fixed margins: tight_layout measures every label and took a third of the report's time.
    fig.subplots_adjust(left=0.62 / width, right=0.98, top=1 - 0.3 / height, bottom=bottom)
    axes = fig.add_subplot()
    draw(axes)
    axes.set_title(title, fontsize=10, loc="left")
    axes.spines[["top", "right"]].set_visible(False)
    svg = io.StringIO()
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    text = svg.getvalue()
    return text[text.index("<svg"):]  # inline: without the XML declaration and doctype


def charts(G: nx.Graph) -> dict[str, Chart]:
    import matplotlib
    matplotlib.rcParams["svg.hashsalt"] = "kg"  # the same element ids in every build
    matplotlib.rcParams["svg.fonttype"] = "none"  # text as text: small, searchable

    months, papers_per_month, per_topic = monthly_counts(G)
    per_date = sorted((d["label"], d["paper_count"]) for _, d in nodes_of(G, "date"))
    per_month = [(m, papers_per_month[m]) for m in months]
    votes = [d["votes"] for _, d in nodes_of(G, "paper") if "votes" in d]
    found: dict[str, Chart] = {}
    found["papers per date"] = Chart("Papers per date", figure(
        # One step outline, not a bar per digest: hundreds of bars took a third of the report's time.
        "Papers per daily digest", lambda ax: (ax.stairs([n for _, n in per_date], [i - 0.5 for i in range(len(per_date) + 1)],
                                                         fill=True, color="#486581"),
                                               date_ticks(ax, [d for d, _ in per_date]))),
        ("date", "papers"), per_date)
    found["papers per month"] = Chart("Papers per month", figure(
        "Papers per month (first featured)",
        lambda ax: (ax.bar([m for m, _ in per_month], [n for _, n in per_month], color="#486581"),
                    ax.tick_params(axis="x", labelrotation=90, labelsize=7))),
        ("month", "papers"), per_month)
    bins = Counter(min(v // 10 * 10, 200) for v in votes)
    found["votes"] = Chart("Votes", figure(
        "Papers by votes (bins of 10; 200: 200 or more)",
        lambda ax: ax.bar([b for b in sorted(bins)], [bins[b] for b in sorted(bins)], width=8, color="#627d98"),
        bottom=0.15),
        ("votes from", "papers"), sorted(bins.items()))
    counts, exponent = lotka_exponent([d["paper_count"] for _, d in nodes_of(G, "author")])
    found["lotka"] = Chart(f"Lotka's law (exponent {exponent})", figure(
        f"Authors by papers (log-log), exponent {exponent}",
        lambda ax: (ax.loglog([x for x, _ in counts], [y for _, y in counts], "o", color="#d64545"),
                    ax.set_xlabel("papers"), ax.set_ylabel("authors")), width=4.5, height=3, bottom=0.17),
        ("papers", "authors"), counts)
    degrees = Counter(d["degree"] for _, d in nodes_of(G, "author"))
    found["degrees"] = Chart("Co-authors per author", figure(
        "Authors by number of co-authors (log-log)",
        lambda ax: (ax.loglog([k for k in sorted(degrees) if k], [degrees[k] for k in sorted(degrees) if k], "o",
                              color="#486581"), ax.set_xlabel("co-authors"), ax.set_ylabel("authors")),
        width=4.5, height=3, bottom=0.17), ("co-authors", "authors"), sorted(degrees.items()))
    trends = top_topic_trends(G, per_topic)
    found["trends"] = Chart("Trend topics", figure(
        "Papers per month of the top topics",
        lambda ax: ([ax.plot(months, [series[m] for m in months], marker=".", label=topic)
                     for topic, series in trends.items()],
                    trends and ax.legend(fontsize=7, ncols=2, frameon=False),
                    ax.tick_params(axis="x", labelrotation=90, labelsize=7)),
        height=3.4),
        ("month", *trends), [(m, *(series[m] for series in trends.values())) for m in months])
    return found


def date_ticks(axes, dates: list[str]) -> None:
    """Dates as x labels of bars 0, 1, ...: turned, small, at most about 16 of them."""
    step = max(1, math.ceil(len(dates) / 16))
    axes.set_xticks(range(0, len(dates), step), dates[::step])
    axes.tick_params(axis="x", labelrotation=90, labelsize=7)


def top_topic_trends(G: nx.Graph, per_topic: dict[str, Counter]) -> dict[str, Counter]:
    """The papers per month (`kg.trends.monthly_counts`) of the TREND_TOPICS topics with most papers."""
    top = sorted(nodes_of(G, "topic"), key=lambda nd: (-nd[1]["paper_count"], nd[1]["label"]))[:TREND_TOPICS]
    return {d["label"]: per_topic[d["label"]] for _, d in top}


def top_authors(G: nx.Graph) -> list[dict]:
    first = Counter(a for p, _ in nodes_of(G, "paper") for a, e in G[p].items()
                    if e["type"] == "authorship" and e["position"] == 1)
    rows = [{"name": d["label"], "papers": d["paper_count"], "first": first[a], "coauthors": d.get("degree", 0),
             "betweenness": d.get("betweenness", 0.0), "community": d.get("community", "")}
            for a, d in nodes_of(G, "author")]
    return sorted(rows, key=lambda r: (-r["papers"], -r["coauthors"], r["name"]))[:TOP]


def network_summary(G: nx.Graph) -> dict[str, object]:
    authors = nodes_of(G, "author")
    components = sorted((len(c) for c in nx.connected_components(coauthor_graph(G))), reverse=True)
    community = {a: d["community"] for a, d in authors if "community" in d}
    topics_of: dict[object, Counter] = defaultdict(Counter)
    for p, _ in nodes_of(G, "paper"):  # each paper's topics count once for each community among its authors
        neighbours = G[p]
        topics = [G.nodes[t]["label"] for t, e in neighbours.items() if e["type"] == "topic"]
        for c in {community[a] for a, e in neighbours.items() if e["type"] == "authorship" and a in community}:
            topics_of[c].update(topics)
    sizes = Counter(community.values())
    spread = Counter(t for counts in topics_of.values() for t in counts)  # communities that have each topic
    def distinctive(c) -> list[str]:  # most papers, weighted by how few communities share the topic (TF-IDF)
        score = {t: n * math.log(1 + len(topics_of) / spread[t]) for t, n in topics_of[c].items()}
        return sorted(score, key=lambda t: (-score[t], t))[:3]
    return {
        "components": len(components),
        "largest": components[0] if components else 0,
        "largest share": round(components[0] / len(authors), 3) if authors else 0,
        "by betweenness": sorted(((d.get("betweenness", 0.0), d["label"]) for _, d in authors), reverse=True)[:10],
        "communities": [(c, n, distinctive(c)) for c, n in sorted(sizes.items(), key=lambda cn: (-cn[1], cn[0]))[:10]],
    }


def top_topics(G: nx.Graph) -> list[dict]:
    topics = sorted(nodes_of(G, "topic"), key=lambda nd: (-nd[1]["paper_count"], nd[1]["label"]))[:TOP]
    return [{"label": d["label"], "korean": d.get("label_ko", ""), "papers": d["paper_count"]} for _, d in topics]


def topic_communities(G: nx.Graph) -> list[dict]:
    """The largest communities of the topic network (two topics or more), with their papers and top terms."""
    members: dict[int, list[tuple[str, dict]]] = defaultdict(list)
    for t, d in nodes_of(G, "topic"):
        if "community" in d:
            members[d["community"]].append((t, d))
    rows = []
    for c, topics in sorted(members.items(), key=lambda ct: (-len(ct[1]), ct[0])):
        if len(topics) < 2 or len(rows) == 10:
            break
        papers = {p for t, _ in topics for p in G[t] if G.nodes[p]["type"] == "paper"}
        top = sorted(topics, key=lambda td: (-td[1]["paper_count"], td[1]["label"]))[:5]
        rows.append({"community": c, "topics": len(topics), "papers": len(papers),
                     "top": [d["label"] for _, d in top]})
    return rows


def generate_report(G: nx.Graph) -> str:
    from jinja2 import Environment

    template = (resources.files("kg") / "templates" / "report.html.j2").read_text(encoding="utf-8")
    environment = Environment(autoescape=True, keep_trailing_newline=True)
    return environment.from_string(template).render(
        info=main_information(G), charts=charts(G), authors=top_authors(G), topics=top_topics(G),
        topic_communities=topic_communities(G),
        network=network_summary(G), news=news_of(G) if nodes_of(G, "date") else None, bursts=topic_bursts(G),
        artifacts=sorted(((d["paper_count"], d["label"]) for _, d in nodes_of(G, "artifact")), key=lambda r: (-r[0], r[1]))[:TOP],
        author_link=lambda name: "coauthors.html#author=" + quote(name))


def write_report(G: nx.Graph, file: BinaryIO) -> None:
    file.write(generate_report(G).encode("utf-8"))
