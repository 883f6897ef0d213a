"""Author aliases (identity stage): spelling variants of one person, suggested with
evidence and merged only on the user's word.

`suggest_aliases(corpus)` finds names that are probably one person and says why;
`write_aliases` writes them as the CSV a person reviews
(`canonical,variant,score,evidence,decision`); `read_aliases` reads it back and
`apply_aliases` merges the rows marked `merge` into one author, right after
`identity.resolve`, so every export sees one author.

Evidence classes, each a normalization that makes the two names equal:

=============  =============================================  ============
class          example                                        decision
=============  =============================================  ============
quotes         ``Sam "Jr" Lee`` / ``Sam Jr Lee``              merge
accents        ``Rémi Munos`` / ``Remi Munos``                merge
initials       ``Sercan O. Arik`` / ``Sercan O Arik``         merge
punctuation    ``Samuel Rota Bulò`` / ``Samuel Rota-Bulò``    merge
spacing        ``Jun Yan Zhu`` / ``Junyan Zhu``               merge
umlaut         ``Oleg Mürk`` / ``Oleg Murk``                  merge with a shared co-author, else
               (``Lü`` / ``Lu``: often two family names)      (empty)
order          ``Wei Yang`` / ``Yang Wei``, only with shared  merge
               co-authors
=============  =============================================  ============

An umlaut or a word order is evidence only with a shared co-author: `Lü` and `Lu`
can be two people, but two spellings that wrote with the same person are one.

Candidates are blocked by a folded key (no all-pairs comparison), so suggesting
is linear in the number of authors.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

from .errors import InputWarning, ParseError, read_input_text
from .identity import name_key, person_name
from .records import Author, Corpus, Paper

__all__ = ["Suggestion", "AliasRow", "AliasError", "AliasReport", "suggest_aliases", "generate_aliases",
           "write_aliases", "read_aliases", "apply_aliases", "HEADER", "SAFE", "DECISIONS"]

HEADER = ("canonical", "variant", "score", "evidence", "decision")
DECISIONS = ("merge", "split", "")
#: Evidence classes whose variants are one person unless shown otherwise.
SAFE = frozenset({"quotes", "accents", "initials", "punctuation", "spacing"})
#: Classes whose variants are one person when the two names share a co-author.
WITH_COAUTHOR = SAFE | {"umlaut", "order"}
#: What each class costs a pair's score (1.0: identical once folded).
PENALTY = {"quotes": 0.01, "initials": 0.02, "accents": 0.03, "punctuation": 0.04, "spacing": 0.08,
           "umlaut": 0.4, "order": 0.6}
CLASSES = tuple(PENALTY)  # in the order evidence is listed

QUOTES = re.compile("[\"'`´‘’‚‛“”„‟«»]")
PUNCTUATION = re.compile(r"[\-‐‑‒–—―,;:·_/]")
# Letters that Unicode does not decompose into a base letter and a mark.
LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ß": "ss",
                         "æ": "ae", "œ": "oe", "þ": "th"})
DIAERESIS = "\u0308"


def fold(name: str, skip: str = "") -> str:
    """`name` case folded with every class's normalization applied, except `skip`'s.

    >>> fold("Samuel Rota-Bulò")
    'samuelrotabulo'
    >>> fold("Sercan O. Arik"), fold("Lucas Brown") == fold("Luca S. Brown")
    ('sercan|o|arik', False)
    >>> fold("Lü Wei"), fold("Lü Wei", skip="umlaut")
    ('luwei', 'lüwei')
    """
    text = unicodedata.normalize("NFC", name.casefold())
    if skip != "quotes":
        text = QUOTES.sub("", text)
    if skip != "initials":
        text = text.replace(".", " ")
    if skip != "punctuation":
        text = PUNCTUATION.sub(" ", text)
    text = without_marks(text, skip)
    tokens = text.split()
    return " ".join(tokens) if skip == "spacing" else unspaced(tokens)


def without_marks(text: str, skip: str = "") -> str:
    """`text` without accents and umlauts and with `LETTERS` spelled out, except `skip`'s class."""
    if text.isascii():  # no marks, no letters to spell out: most names
        return text
    marks = []
    for ch in unicodedata.normalize("NFD", text):
        if not unicodedata.combining(ch):
            marks.append(ch)
        elif ch == DIAERESIS:
            if skip == "umlaut":
                marks.append(ch)
        elif skip == "accents":
            marks.append(ch)
    text = unicodedata.normalize("NFC", "".join(marks))
    return text if skip == "accents" else text.translate(LETTERS)


def unspaced(words: list[str]) -> str:
    """`fold` of a name from its words folded with `skip="spacing"`."""
    # An initial stays a word of its own: `Luca S. Brown` is not `Lucas Brown`.
    return "".join(f"|{t}|" if len(t) == 1 else t for t in words)


def tokens(name: str) -> tuple[str, ...]:
    """The name's words, every class folded: sorted, the blocking key for word order."""
    return tuple(sorted(fold(name, skip="spacing").split()))


def family_name_first(a: str, b: str) -> bool:
    """Whether `b` is `a` with its last word moved first, or its first word moved last.

    >>> family_name_first("Wei Yang", "Yang Wei"), family_name_first("In-Jin Lee", "Jin-in Lee")
    (True, False)
    """
    x, y = fold(a, skip="spacing").split(), fold(b, skip="spacing").split()
    return len(x) > 1 and (y == x[-1:] + x[:-1] or y == x[1:] + x[:1])


def evidence_classes(a: str, b: str) -> list[str]:
    """The classes without which `a` and `b` would not fold to one name.

    >>> evidence_classes("Sercan O. Arik", "Sercan O Arik")
    ['initials']
    >>> evidence_classes("Rémi Munos", "Remi-Munos")
    ['accents', 'punctuation']
    """
    return [c for c in CLASSES if c != "order" and fold(a, skip=c) != fold(b, skip=c)]


@dataclass(frozen=True, order=True)
class Suggestion:
    """Two names that are probably one person: `variant` would merge into `canonical`."""

    canonical: str
    variant: str
    score: float
    evidence: tuple[str, ...]  # classes, then `coauthors=N` when they share co-authors
    decision: str  # "merge" (safe classes only) or "" (a person decides)


def suggest_aliases(corpus: Corpus) -> list[Suggestion]:
    """Groups of author names that are probably one person, best evidence first per group.

    Names that fold to one key (accents, punctuation, initials, quotes, spacing,
    umlauts) are suggested; names that differ only in word order (family name
    first) only when they share a co-author. The canonical name of a group is the
    spelling on most papers, then the one with most diacritics, then most periods
    (initials written `O.`), then the first
    in sort order. Sorted by canonical, then variant.
    """
    papers_of: dict[str, list[Paper]] = defaultdict(list)
    for paper in corpus.papers.values():
        for key in paper.authors:
            papers_of[key].append(paper)

    @functools.cache
    def coauthors(key: str) -> frozenset[str]:  # asked only of names in a group
        return frozenset(k for paper in papers_of[key] for k in paper.authors) - {key}

    by_fold: dict[str, list[Author]] = defaultdict(list)
    words_of: dict[str, list[str]] = {}  # key -> `tokens` of its name, unsorted: each name folded once
    for author in corpus.authors.values():
        words_of[author.key] = fold(author.name, skip="spacing").split()
        if folded := unspaced(words_of[author.key]):
            by_fold[folded].append(author)

    def rank(author: Author):
        accents = sum(1 for ch in unicodedata.normalize("NFD", author.name) if unicodedata.combining(ch))
        return (-len(papers_of[author.key]), -accents, -author.name.count("."), author.name, author.key)

    suggestions = []
    group_of: dict[str, Author] = {}  # key -> canonical of its fold group
    for group in by_fold.values():
        if len(group) > 1:
            group.sort(key=rank)
        canonical = group[0]
        for author in group:
            group_of[author.key] = canonical
        for variant in group[1:]:
            classes = evidence_classes(canonical.name, variant.name) or ["spacing"]
            shared = len(coauthors(canonical.key) & coauthors(variant.key))
            suggestions.append(suggestion(canonical, variant, classes, shared))
    # Word order: among the canonical names of fold groups, those with the same words.
    by_words: dict[tuple[str, ...], list[Author]] = defaultdict(list)
    for canonical in {a.key: a for a in group_of.values()}.values():
        words = tuple(sorted(words_of[canonical.key]))
        if len(words) > 1:
            by_words[words].append(canonical)
    for group in by_words.values():
        if len(group) < 2:
            continue
        group.sort(key=rank)
        canonical = group[0]
        for variant in group[1:]:
            shared = len(coauthors(canonical.key) & coauthors(variant.key))
            if shared and family_name_first(canonical.name, variant.name):
                classes = ["order"] + evidence_classes(" ".join(tokens(canonical.name)),
                                                       " ".join(tokens(variant.name)))
                suggestions.append(suggestion(canonical, variant, classes, shared))
    return sorted(suggestions, key=lambda s: (s.canonical.casefold(), s.canonical, s.variant.casefold(), s.variant))


def suggestion(canonical: Author, variant: Author, classes: list[str], shared: int) -> Suggestion:
    score = 1.0 - sum(PENALTY[c] for c in classes) + min(shared, 5) * 0.04
    evidence = tuple(classes) + ((f"coauthors={shared}",) if shared else ())
    decision = "merge" if set(classes) <= SAFE or shared and set(classes) <= WITH_COAUTHOR else ""
    return Suggestion(canonical.name, variant.name, round(min(score, 1.0), 2), evidence, decision)


def generate_aliases(suggestions: Iterable[Suggestion]) -> str:
    """The review CSV: a header, then one row per suggestion, `\\n` line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for s in suggestions:
        writer.writerow([s.canonical, s.variant, f"{s.score:.2f}", ";".join(s.evidence), s.decision])
    return out.getvalue()


def write_aliases(suggestions: Iterable[Suggestion], path: str | Path) -> None:
    Path(path).write_text(generate_aliases(suggestions), encoding="utf-8")


class AliasError(ParseError):
    """An aliases file that cannot be used, with the line of the fault."""


@dataclass(frozen=True)
class AliasRow:
    canonical: str
    variant: str
    decision: str
    source: str
    line: int


def read_aliases(path: str | Path) -> list[AliasRow]:
    """The rows of an aliases file; a malformed row raises `AliasError` naming its line.

    Blank lines and lines starting with `#` are skipped; the header is optional.
    """
    source = str(path)
    text = read_input_text(path, AliasError, "aliases file")
    rows = []
    reader = csv.reader(io.StringIO(text))
    try:
        for fields in reader:
            line = reader.line_num
            if not fields or not "".join(fields).strip() or fields[0].lstrip().startswith("#"):
                continue
            if tuple(f.strip().casefold() for f in fields) == HEADER:
                continue
            if len(fields) != len(HEADER):
                raise AliasError(f"expected {len(HEADER)} fields ({','.join(HEADER)}), got {len(fields)}",
                                 source, line)
            canonical, variant, score, _, decision = (f.strip() for f in fields)
            decision = decision.casefold()
            if decision not in DECISIONS:
                raise AliasError(f"decision must be merge, split or empty, not {fields[4].strip()!r}", source, line)
            if not person_name(canonical) or not person_name(variant):
                raise AliasError("canonical and variant names must not be empty", source, line)
            if score:
                try:
                    float(score)
                except ValueError:
                    raise AliasError(f"score must be a number, not {score!r}", source, line) from None
            rows.append(AliasRow(person_name(canonical), person_name(variant), decision, source, line))
    except csv.Error as exc:
        raise AliasError(f"not CSV: {exc}", source, reader.line_num) from None
    return rows


@dataclass
class AliasReport:
    """What an aliases file did to a corpus."""

    merged: int = 0  # author names merged into another
    split: int = 0  # pairs the file keeps apart
    undecided: int = 0  # suggestions the file does not decide (set by the caller)
    split_pairs: set[frozenset[str]] = None  # name keys of the pairs kept apart

    def __post_init__(self):
        if self.split_pairs is None:
            self.split_pairs = set()


def apply_aliases(corpus: Corpus, rows: Iterable[AliasRow]) -> tuple[Corpus, AliasReport]:
    """The corpus with every `merge` row's variant folded into its canonical author.

    The canonical author keeps its key and takes the row's canonical spelling as
    its name; the variants' spellings become its `alt_names`. A paper listing both
    keeps one authorship, at the first position. A name not in the corpus is a
    warning (the row is ignored); `split` rows are kept apart, also against merges
    that would join them through other rows.
    """
    report = AliasReport()
    warnings = list(corpus.warnings)
    target: dict[str, str] = {}
    display: dict[str, str] = {}
    merges = []
    for row in rows:
        keys = (name_key(row.canonical), name_key(row.variant))
        unknown = [n for n, k in zip((row.canonical, row.variant), keys) if k not in corpus.authors]
        if unknown:
            warnings.append(InputWarning(row.source, row.line, "aliases: no author named "
                                         + " or ".join(map(repr, unknown)) + "; row ignored"))
            continue
        if row.decision == "split":
            report.split_pairs.add(frozenset(keys))
        elif row.decision == "merge" and keys[0] != keys[1]:
            merges.append((row, keys))
    report.split = len(report.split_pairs)

    def root(key: str) -> str:
        seen = set()
        while key in target and key not in seen:
            seen.add(key)
            key = target[key]
        return key

    members: dict[str, set[str]] = {}  # root -> every key merged into it, itself included
    for row, (canonical, variant) in merges:
        a, b = root(canonical), root(variant)
        if a == b:
            continue
        members_a, members_b = members.get(a, {a}), members.get(b, {b})
        if any(frozenset((x, y)) in report.split_pairs for x in members_a for y in members_b):
            warnings.append(InputWarning(row.source, row.line, f"aliases: merging {row.variant!r} into "
                                         f"{row.canonical!r} would join names marked split; row ignored"))
            continue
        target[b] = a
        members[a] = members_a | members.pop(b, {b})
        display.setdefault(a, row.canonical)
    if not target:
        return replace(corpus, warnings=sorted(warnings)), report
    groups: dict[str, list[str]] = defaultdict(list)
    for key in target:
        groups[root(key)].append(key)
    authors = {}
    for key, author in corpus.authors.items():
        if key in target:
            continue
        if key in groups:
            name = display.get(key, author.name)
            alt = [corpus.authors[k].name for k in sorted(groups[key])]
            if name != author.name:
                alt.append(author.name)
            author = Author(key=key, name=name, is_organization=author.is_organization,
                            alt_names=tuple(sorted(set(alt) - {name})))
        authors[key] = author
    papers = {}
    for arxiv_id, paper in corpus.papers.items():
        keys = tuple(dict.fromkeys(root(k) for k in paper.authors))
        papers[arxiv_id] = paper if keys == paper.authors else replace(paper, authors=keys)
    report.merged = len(target)
    return replace(corpus, papers=papers, authors=authors, warnings=sorted(warnings)), report
