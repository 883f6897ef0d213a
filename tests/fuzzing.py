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


def paper(rng: random.Random, arxiv_id: str) -> tuple[list[str], str]:
    """The lines of one paper, and the id it is listed under."""
    title = text(rng, 60).replace("\n", " ")
    lines = [f"### [{title}](https://arxiv.org/abs/{arxiv_id})"]
    if rng.random() < 0.5:
        lines.append(rng.choice(["![](https://x.org/a.png)", "[Watch Video](https://x.org/v.mp4)",
                                 "<div><video controls src=\"https://x.org/v.mp4\"></video></div>",
                                 "<video src='https://x.org/v.mp4'></video>"]))
    if rng.random() < 0.7:
        lines.append(f"Vote: {rng.choice([str(rng.randint(0, 500)), '-', text(rng, 5)])}")
    if rng.random() < 0.8:
        names = [name(rng) for _ in range(rng.choice([0, 1, 3, 8, 30, 1000]))]
        if rng.random() < 0.3:
            lines.append("Authors: [" + ", ".join(repr(n) for n in names) + "]")
        else:
            lines.append("Authors: " + ", ".join(names))
    lines += [f"- {text(rng, 80)}" for _ in range(rng.randint(0, 5))]
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


def check(seed: int) -> None:
    """Parse and resolve one random digest: no exception escapes, no expected paper is lost."""
    from kg.errors import ParseError
    from kg.graph import build_graph
    from kg.identity import resolve
    from kg.parse import parse_digest
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
    build_graph(corpus, Topics())


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
