"""Random digests from the format's grammar, with mutations; shared by the fuzz test and
`python tests/fuzzing.py N` (the long run)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

ALPHABET = ("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.:;?!&%'\"()[]{}<>/\\$-_+*#"
            "éüñçøßłč 한국어논문모델학습 ∑π×→ \t\x08\x0c\x00\x1b\u200b\u2028\ufeff")


def text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, n)))


def name(rng: random.Random) -> str:
    return rng.choice(["Ann Lee", "Bo Chen", "Rémi Munos", "Tim O'Neil", "Xianyu", "+", "Gemma Team",
                       "Amélie Héliou", text(rng, 12)])


def url(rng: random.Random) -> str:
    """A URL as summaries and media lines hold them: absolute, relative, odd or broken."""
    path = rng.choice(["a.png", "v.mp4", "repo", "avatars/e4f6.svg", "p/(x)", "a b.png", "파일.png", "x%zz",
                       "a|b", "ends.", "q?x=<y>&z=\"1\"", "", text(rng, 8).replace("\n", "")])
    return rng.choice([f"https://x.org/{path}", f"http://例え.jp/{path}", f"/{path}", f"//cdn.x.org/{path}",
                       f"https://github.com/o/{path}", "https://", "javascript:alert(1)", "mailto:a@b.org",
                       f"ftp://x.org/{path}", path])


def markdown(rng: random.Random) -> str:
    """A piece of summary Markdown of the kinds real summaries hold."""
    u = url(rng)
    return rng.choice([
        f"[{u}]({u})", f"[{text(rng, 10)}]({u})", f"[[{text(rng, 5)}] {text(rng, 5)}]({u})",
        f'[t]({u} "제목")', f"[t](<{u}>)", f"![{text(rng, 5)}]({u})", f"[Watch Video]({u})",
        f'<video src="{u}"></video>', f"<a href='{u}'>{text(rng, 5)}</a>", f"`{u}`", f"<{u}>",
        f"{u}에서", f"({u}).", f"({u}", f"{u})", f"**{u}**", text(rng, 20),
    ])


def bullet(rng: random.Random) -> str:
    return " ".join(rng.choice([text(rng, 30), markdown(rng)]) for _ in range(rng.randint(1, 4)))


def paper(rng: random.Random, arxiv_id: str) -> tuple[list[str], str]:
    """The lines of one paper, and the id it is listed under."""
    title = text(rng, 60).replace("\n", " ")
    tail = rng.choice(["", "", "", "v2", "?x=<y>", "#a|b", "/"])
    lines = [f"### [{title}](https://{rng.choice(['arxiv.org/abs', 'huggingface.co/papers'])}/{arxiv_id}{tail})"]
    if rng.random() < 0.5:
        u = url(rng)
        lines.append(rng.choice([f"![]({u})", f"[Watch Video]({u})",
                                 f"<div><video controls src=\"{u}\"></video></div>",
                                 f"<video src='{u}'></video>"]))
    if rng.random() < 0.7:
        lines.append(f"Vote: {rng.choice([str(rng.randint(0, 500)), '-', text(rng, 5)])}")
    if rng.random() < 0.8:
        names = [name(rng) for _ in range(rng.choice([0, 1, 3, 8, 30, 1000]))]
        if rng.random() < 0.3:
            lines.append("Authors: [" + ", ".join(repr(n) for n in names) + "]")
        else:
            lines.append("Authors: " + ", ".join(names))
    lines += [f"{rng.choice(['- ', '  - ', '1. ', ''])}{bullet(rng)}" for _ in range(rng.randint(0, 5))]
    return lines, arxiv_id


def digest(rng: random.Random) -> tuple[str, set[str]]:
    """A digest's text and the arXiv ids of its well-formed papers (under a valid header)."""
    lines: list[str] = []
    expected: set[str] = set()
    for h in range(rng.randint(1, 3)):
        valid = rng.random() < 0.9
        lines.append(f"## Daily Papers ({'2024-03-%02d' % rng.randint(1, 28) if valid else '2024-02-30'})")
        for _ in range(rng.randint(0, 6)):
            arxiv_id = f"24{rng.randint(1, 12):02d}.{rng.randint(0, 99999):05d}"
            paper_lines, pid = paper(rng, arxiv_id)
            lines += paper_lines
            if valid:
                expected.add(pid)
    # Mutations: only on lines that are not a header or a paper heading, so the papers
    # expected stay well-formed.
    for _ in range(rng.randint(0, 4)):
        i = rng.randrange(len(lines))
        if lines[i].startswith("#"):
            continue
        lines[i] = rng.choice([lines[i][: rng.randint(0, len(lines[i]))], lines[i] + "[[((", text(rng, 40),
                               "x" * rng.choice([10, 10_000, 200_000]), "", "## not a header"])
    separator = rng.choice(["\n", "\n\n", "\r\n"])
    return separator.join(lines) + separator, expected


def check(seed: int, exports: bool = True) -> None:
    """Parse and resolve one random digest: no exception escapes, no expected paper is lost;
    with `exports`, every export of its graph reads back, and every IRI of its Turtle is one
    that Oxigraph and rdflib load."""
    from kg.errors import ParseError
    from kg.identity import resolve
    from kg.parse import parse_digest
    from kg.pipeline import graph_without_topics, join_topics
    from kg.topics import Topics

    rng = random.Random(seed)
    source, expected = digest(rng)
    try:
        digests, warnings = parse_digest(source, f"fuzz-{seed}.md")
    except ParseError:
        assert not expected, f"seed {seed}: whole file refused but it has papers"
        return
    corpus = resolve(digests, 1, warnings)
    assert expected <= set(corpus.papers), f"seed {seed}: lost {sorted(expected - set(corpus.papers))}"
    if not corpus.papers:
        return
    G = graph_without_topics(corpus)
    join_topics(G, Topics())
    if exports:
        read_back(G, seed)


def read_back(G, seed: int) -> None:
    import io

    import networkx as nx
    import pyoxigraph as ox
    import rdflib

    from kg.export import coauthor_view
    from kg.export.gexf import generate_gexf
    from kg.export.graphml import generate_graphml
    from kg.export.turtle import generate_turtle

    turtle = generate_turtle(G)
    triples = list(ox.parse(turtle, format=ox.RdfFormat.TURTLE))  # every IRI: an RFC 3987 IRI
    assert len(rdflib.Graph().parse(data=turtle, format="turtle")) == len(set(triples)), f"seed {seed}"
    for graph in (G, coauthor_view(G)):
        assert nx.read_graphml(io.BytesIO("".join(generate_graphml(graph)).encode("utf-8"))).number_of_nodes() \
            == graph.number_of_nodes(), f"seed {seed}"
    gexf = nx.read_gexf(io.BytesIO("".join(generate_gexf(coauthor_view(G))).encode("utf-8")))
    assert gexf.number_of_nodes() == coauthor_view(G).number_of_nodes(), f"seed {seed}"


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    failures = 0
    for seed in range(n):
        try:
            check(seed)
        except Exception as exc:  # report and go on: the count is the result
            failures += 1
            print(f"seed {seed}: {type(exc).__name__}: {exc}"[:300])
    print(f"{n:,} random digests: {failures} failures (unhandled exceptions or lost papers)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
