"""`kg news` (kg/news.py): what a date brought, checked against a count made here from the raw
seeds with a few regular expressions, not by the parser under test."""

from __future__ import annotations

import ast
import itertools
import json
import re
import unicodedata

import pytest

from conftest import SEEDS, run_kg
from kg.errors import ArgumentError
from kg.graph import MAX_COAUTHORS
from kg.news import news_of

DATE = "2024-01-24"


def raw_seeds() -> list[tuple[str, str, list[str]]]:
    """(date, arXiv id, author names) of every heading of the seeds, in file order."""
    found = []
    for path in sorted(SEEDS.iterdir()):
        date = None
        for line in path.read_text(encoding="utf-8").split("\n"):
            if header := re.match(r"## Daily Papers \((\d{4}-\d\d-\d\d)\)", line):
                date = header[1]
            elif heading := re.match(r"### \[.*\]\((\S+)\)\s*$", line):
                found.append([date, re.search(r"\d{4}\.\d{4,5}", heading[1])[0], []])
            elif (authors := re.match(r"Authors:\s*(.*)", line)) and found and not found[-1][2]:
                value = authors[1].strip()
                names = ast.literal_eval(value) if value.startswith("[") else value.split(",")
                key = lambda name: " ".join(unicodedata.normalize("NFC", name).split())  # noqa: E731
                found[-1][2] = list(dict.fromkeys(key(n) for n in names if n.strip() not in ("", "+")))
    return [tuple(f) for f in found]


def expected_news(date: str) -> tuple[set[str], set[str], set[tuple[str, str]]]:
    """Papers of `date`, authors first seen on it, and pairs first together on it who were both seen before."""
    rows = raw_seeds()
    before = [r for r in rows if r[0] < date]
    today = [r for r in rows if r[0] == date]
    seen = {name.casefold() for _, _, names in before for name in names}
    pairs_before = {frozenset((a.casefold(), b.casefold())) for _, _, names in before if len(names) <= MAX_COAUTHORS
                    for a, b in itertools.combinations(names, 2)}
    papers = {arxiv for _, arxiv, _ in today}
    new_authors = {name for _, _, names in today for name in names if name.casefold() not in seen}
    first = {tuple(sorted((a, b))) for _, _, names in today if len(names) <= MAX_COAUTHORS
             for a, b in itertools.combinations(names, 2)
             if a.casefold() in seen and b.casefold() in seen and frozenset((a.casefold(), b.casefold())) not in pairs_before}
    return papers, new_authors, first


@pytest.mark.parametrize("date", ["2024-01-19", DATE, "2024-05-21"])
def test_news_equals_an_independent_count(seed_graph, date):
    news = news_of(seed_graph, date)
    papers, new_authors, first = expected_news(date)
    assert {p.arxiv_id for p in news.papers} == papers
    assert set(news.new_authors) == new_authors and len(news.new_authors) == len(new_authors)
    assert set(news.first_collaborations) == first


def test_first_collaborations_of_authors_seen_before(seed_graph):
    """Chelsea Finn and Dorsa Sadigh first wrote together on 2024-01-24 (AutoRT), both new that day:
    not a first collaboration of authors already in the archive; on 2024-05-21 (Octo) they are not new."""
    assert ("Chelsea Finn", "Dorsa Sadigh") not in news_of(seed_graph, DATE).first_collaborations
    assert len(news_of(seed_graph, DATE).new_authors) == 83
    assert news_of(seed_graph, "2024-05-21").first_collaborations == news_of(seed_graph).first_collaborations


@pytest.mark.parametrize("date", ["2024-01-19", DATE, "2024-05-21"])
def test_the_rising_topics_query_agrees(seed_graph, built, date):
    from kg.query import named_queries, run_query

    _, rows = run_query(built / "graph.ttl", named_queries()["rising-topics"].text, {"date": date})
    assert [(t.value, int(n.value), float(m.value)) for t, n, m in rows] == news_of(seed_graph, date).rising_topics
    if date == DATE:
        assert news_of(seed_graph, date).rising_topics == [("foundation model", 2, 0.5), ("multilingual", 2, 0.5)]


def test_kg_news_prints_markdown_and_json(built):
    markdown = run_kg("news", built, "--date", DATE)
    assert markdown.exit_code == 0, markdown.output
    assert markdown.output.startswith(f"## What is new on {DATE}\n\n10 papers, 83 first-time authors")
    assert "- [Lumiere: A Space-Time Diffusion Model for Video Generation](https://arxiv.org/abs/2401.12945)" \
        in markdown.output
    assert "### Introduced\nLumiere, Meta-Prompting, Orion-14B, BiTA, AutoRT, GALA" in markdown.output
    data = json.loads(run_kg("news", built, "--date", DATE, "--format", "json").output)
    assert (data["date"], len(data["papers"]), data["papers"][0]["authors"][0]) == (DATE, 10, "Hila Chefer")
    # From the digests themselves, the same news.
    assert run_kg("news", SEEDS, "--date", DATE).output == markdown.output


def test_a_date_without_a_digest_is_a_usage_error(built, seed_graph):
    result = run_kg("news", built, "--date", "2023-01-01")
    assert result.exit_code == 2 and "no digest on 2023-01-01 (dates: 2023-12-15 to 2024-05-21)" in result.output
    with pytest.raises(ArgumentError):
        news_of(seed_graph, "2023-01-01")


TWO_DAYS = """## Daily Papers (2024-02-01)

### [First Paper](https://arxiv.org/abs/2402.00001)
Authors: Ann Lee, Bo Chen
- 요약

### [Second Paper](https://arxiv.org/abs/2402.00002)
Authors: Cy Diaz, Di Fox
- 요약

## Daily Papers (2024-02-02)

### [Third Paper](https://arxiv.org/abs/2402.00003)
Authors: Ann Lee, Cy Diaz, Eve Gray
- 요약

### [Fourth Paper](https://arxiv.org/abs/2402.00004)
Authors: Bo Chen, Ann Lee
- 요약
"""


def test_a_first_collaboration_is_of_two_authors_already_seen(digest_dir):
    from kg.builder import graph_of_corpus
    from kg.pipeline import load_corpus

    digest_dir("d.md", TWO_DAYS)
    news = news_of(graph_of_corpus(load_corpus([digest_dir.dir])))
    assert news.date == "2024-02-02" and news.new_authors == ["Eve Gray"]
    assert news.first_collaborations == [("Ann Lee", "Cy Diaz")]  # not Ann & Bo again, not Eve, who is new


def test_the_first_collaborations_query_agrees(digest_dir, tmp_path):
    from kg.query import named_queries, run_query

    digest_dir("d.md", TWO_DAYS)
    assert run_kg("build", digest_dir.dir, "--out", tmp_path / "out").exit_code == 0
    _, rows = run_query(tmp_path / "out" / "graph.ttl", named_queries()["first-collaborations"].text,
                        {"date": "2024-02-02"})
    assert [(a.value, b.value) for a, b in rows] == [("Ann Lee", "Cy Diaz")]


def test_means_round_half_up_as_sparql_does():
    from fractions import Fraction

    from kg.news import cents

    assert (cents(Fraction(1, 8)), cents(Fraction(5, 8)), cents(Fraction(1, 3)), cents(Fraction(4))) == (0.13, 0.63, 0.33, 4.0)
