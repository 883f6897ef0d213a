"""What is new on a date: its papers, first-time authors, first collaborations, new and rising topics.

Computed from the graph alone (`kg.graph`), so it works on a fresh build or on an
exports folder's graph.graphml: `kg news` prints it for a chat, `report.html` shows it.

    >>> import kg
    >>> news = news_of(kg.build_graph(["seeds"]), "2024-01-24")   # doctest: +SKIP
    >>> print(news_markdown(news))                                   # doctest: +SKIP
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from fractions import Fraction

import networkx as nx

from .errors import ArgumentError
from .graph import nodes_of

__all__ = ["News", "NewPaper", "news_of", "news_markdown", "news_json", "dates_of"]

#: A topic is rising on a date when it has at least this many papers that day and at least
#: RISING_RATIO times its mean per earlier date.
RISING_MIN_PAPERS = 2
RISING_RATIO = 2.0


@dataclass(frozen=True)
class NewPaper:
    arxiv_id: str
    title: str
    votes: int | None
    authors: tuple[str, ...]  # names, in order
    first_time: bool  # first featured on this date (not featured again)


@dataclass
class News:
    """What a date brought, each list in a stable order (most votes, then name)."""

    date: str
    papers: list[NewPaper] = field(default_factory=list)
    new_authors: list[str] = field(default_factory=list)  # first featured on this date
    first_collaborations: list[tuple[str, str]] = field(default_factory=list)  # both authors seen before
    new_topics: list[str] = field(default_factory=list)  # no earlier paper has them
    rising_topics: list[tuple[str, int, float]] = field(default_factory=list)  # (topic, papers today, mean before)
    new_artifacts: list[str] = field(default_factory=list)  # introduced by this date's papers


def dates_of(G: nx.Graph) -> list[str]:
    """The digest dates of the graph, oldest first."""
    return sorted(d["label"] for _, d in nodes_of(G, "date"))


def news_of(G: nx.Graph, date: str | None = None) -> News:
    """What is new on `date` (YYYY-MM-DD; default the last date); `ArgumentError` if it has no digest."""
    dates = dates_of(G)
    date = date or (dates[-1] if dates else "")
    if date not in dates:
        raise ArgumentError(f"no digest on {date}" + (f" (dates: {dates[0]} to {dates[-1]})" if dates else ""))
    news = News(date)
    label = {n: d["label"] for n, d in G.nodes(data=True)}
    kind = {n: d["type"] for n, d in G.nodes(data=True)}
    papers = [(n, d) for n, d in nodes_of(G, "paper") if date in d["dates"].split()]
    for n, d in sorted(papers, key=lambda nd: (-(nd[1].get("votes") or 0), nd[1]["arxiv_id"])):
        authors = sorted(((e["position"], label[a]) for a, e in G[n].items() if e["type"] == "authorship"))
        news.papers.append(NewPaper(d["arxiv_id"], d["label"], d.get("votes"), tuple(name for _, name in authors),
                                    d["first_date"] == date))
        news.new_artifacts += sorted(label[a] for a, e in G[n].items() if e["type"] == "introduces")
    authors = nodes_of(G, "author")
    news.new_authors = sorted(d["label"] for _, d in authors if d["first_date"] == date)
    first_date = {n: d["first_date"] for n, d in authors}
    # A pair first together on `date` shares one of its papers: only their authors' links are read.
    today = {a for n, _ in papers for a, e in G[n].items() if e["type"] == "authorship" and first_date[a] < date}
    news.first_collaborations = sorted(
        tuple(sorted((label[u], label[v]))) for u in today for v, e in G[u].items()
        if v in today and u < v and e["type"] == "coauthor" and e["first_date"] == date)
    news.new_topics, news.rising_topics = topic_news(G, date, dates, kind, label)
    return news


def topic_news(G: nx.Graph, date: str, dates: list[str], kind: dict, label: dict) -> tuple[list, list]:
    """Topics no earlier paper has, and topics with more papers on `date` than usual."""
    per_date: dict[str, Counter] = defaultdict(Counter)  # topic -> papers per date (first featured)
    for n, d in nodes_of(G, "paper"):
        for t in G[n]:
            if kind[t] == "topic":
                per_date[t][d["first_date"]] += 1
    earlier = dates[:dates.index(date)]
    new, rising = [], []
    for t, counts in per_date.items():
        today = counts[date]
        before = sum(n for d, n in counts.items() if d < date)  # ISO dates: the `earlier` ones
        if today and not before:
            new.append(label[t])
        elif today >= RISING_MIN_PAPERS and earlier and today >= RISING_RATIO * before / len(earlier):
            rising.append((label[t], today, cents(Fraction(before, len(earlier)))))
    return sorted(new), sorted(rising, key=lambda r: (-r[1], r[0]))


def cents(x: Fraction) -> float:
    """`x` to two decimals, halves up: SPARQL's ROUND, so the rising-topics query gives the same figure."""
    return math.floor(x * 100 + Fraction(1, 2)) / 100


def news_markdown(news: News, limit: int = 20) -> str:
    """The news as Markdown for a chat: counts first, then the lists (each cut at `limit`)."""
    def names(items: list[str]) -> str:
        shown = ", ".join(items[:limit])
        return shown + (f", and {len(items) - limit} more" if len(items) > limit else "")

    lines = [f"## What is new on {news.date}", "",
             f"{len(news.papers)} papers, {len(news.new_authors)} first-time authors, "
             f"{len(news.first_collaborations)} first collaborations, {len(news.new_topics)} new topics", "",
             "### Papers"]
    for p in news.papers[:limit]:
        votes = f" ({p.votes} votes)" if p.votes is not None else ""
        again = "" if p.first_time else " (featured again)"
        lines.append(f"- [{p.title}](https://arxiv.org/abs/{p.arxiv_id}){votes}{again}: {names(list(p.authors))}")
    if len(news.papers) > limit:
        lines.append(f"- and {len(news.papers) - limit} more")
    sections = [("First-time authors", news.new_authors),
                ("First collaborations", [f"{a} & {b}" for a, b in news.first_collaborations]),
                ("New topics", news.new_topics),
                ("Rising topics", [f"{t} ({n} papers, {m} a day before)" for t, n, m in news.rising_topics]),
                ("Introduced", news.new_artifacts)]
    for title, items in sections:
        if items:
            lines += ["", f"### {title}", names(items)]
    return "\n".join(lines) + "\n"


def news_json(news: News) -> str:
    return json.dumps(asdict(news), ensure_ascii=False, indent=2) + "\n"
