"""The topic thesaurus: the shipped glossary and the user's term<TAB>concept files (as VOSviewer's)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Iterable

from ..errors import ParseError, read_input_text
from .terms import HANGUL, HAS_LETTER, WORD, Candidate, compact, english_key, korean_key, singular, words_of


class ThesaurusError(ParseError):
    """A thesaurus file that cannot be used, with the line of the fault."""


def term_key(term: str) -> str:
    """The key a candidate spelt `term` has: `미세 조정` -> `ko:미세조정`, `Text-to-Image` -> `en:text to image`."""
    if HANGUL.search(term):
        return korean_key(term.split())
    return "en:" + english_key(WORD.findall(term))


@dataclass
class Thesaurus:
    """Terms and the concepts they stand for, as in VOSviewer's thesaurus files.

    A row `term<TAB>concept` makes a term of either language (`미세 조정`,
    `finetuning`) the concept (`fine-tuning`), whose spelling there becomes its
    prefLabel; an empty concept drops the term. `kg/data/glossary.tsv` ships the
    field's common terms; a user's file is read after it, so its rows win.
    """

    concepts: dict[str, str] = field(default_factory=dict)  # term key (also without spaces) -> concept key
    labels: dict[str, str] = field(default_factory=dict)  # concept key -> prefLabel
    _spotted: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict, repr=False)

    def add(self, term: str, concept: str) -> None:
        self._spotted.clear()
        key, target = term_key(term), term_key(concept) if concept else ""
        for k in (key, compact(key)):
            self.concepts[k] = target
        if concept:
            self.labels[target] = concept
            # A concept stands for itself, unless an earlier row sent it on; if that
            # leads back here (`large language model<TAB>LLM` after `LLM<TAB>large
            # language model`), the newest row wins.
            leads_back = target != key and self.concept(target) in (key, None)
            for k in (target, compact(target)):
                if leads_back:
                    self.concepts[k] = target
                else:
                    self.concepts.setdefault(k, target)

    def concept(self, key: str) -> str | None:
        """The concept of a term key, "" for a dropped term, None for a term not in the thesaurus.

        Rows chain: a user's `fine-tuning<TAB>finetuning` also takes the shipped
        `파인튜닝<TAB>fine-tuning` there, and an empty concept drops its terms too.
        """
        found, seen = self._lookup(key), set()
        while found and found not in seen:
            seen.add(found)
            further = self._lookup(found)
            if further is None or further == found:
                break
            found = further
        return found

    def _lookup(self, key: str) -> str | None:
        found = self.concepts.get(key)
        return found if found is not None else self.concepts.get(compact(key))

    def spotted(self, candidate: Candidate) -> list[tuple[str, str]]:
        """Thesaurus terms inside a longer candidate, longest first and not overlapping: (concept, surface).

        "text-to-3D generation" also gives `text-to-3D`, `모델 양자화` also gives `양자화`.
        """
        memo = (candidate.key, candidate.display)
        if memo not in self._spotted:
            self._spotted[memo] = self._find_inside(candidate)
        return self._spotted[memo]

    def _find_inside(self, candidate: Candidate) -> list[tuple[str, str]]:
        korean = candidate.key.startswith("ko:")
        words = candidate.display.split() if korean else words_of(candidate.key)
        taken = [False] * len(words)
        found = []
        for length in range(len(words) - 1, 0, -1):
            for start in range(len(words) - length + 1):
                if any(taken[start:start + length]):
                    continue
                part = words[start:start + length]
                key = korean_key(part) if korean else "en:" + " ".join(part[:-1] + [singular(part[-1])])
                concept = self.concept(key)
                if concept:
                    found.append((concept, " ".join(part) if korean else self.labels.get(concept, key[3:])))
                    taken[start:start + length] = [True] * length
        return found


#: Header lines skipped: this one, and VOSviewer's.
HEADERS = (["term", "concept"], ["label", "replace by"])


def read_thesaurus(path) -> list[tuple[str, str]]:
    """The (term, concept) rows of a thesaurus file: UTF-8, tab-separated, header `term<TAB>concept`.

    Blank lines and `#` comments are skipped; a malformed row raises `ThesaurusError` naming its line.
    """
    source = str(path)
    text = read_input_text(path, ThesaurusError, "thesaurus")
    rows = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if [f.casefold() for f in fields] in HEADERS:
            continue
        if len(fields) > 2:
            raise ThesaurusError(f"expected term<TAB>concept, got {len(fields)} fields", source, number)
        term, concept = fields[0], fields[1] if len(fields) > 1 else ""
        for what, value in (("term", term), ("concept", concept)):
            if (value or what == "term") and not HAS_LETTER.search(value):
                raise ThesaurusError(f"the {what} has no Latin or Hangul letter: {value!r}", source, number)
        if HANGUL.search(term) and re.search(r"[A-Za-z]", term):
            raise ThesaurusError(f"the term mixes Hangul and Latin letters, which no term found in a "
                                 f"text does: {term!r}", source, number)
        rows.append((term, concept))
    return rows


@cache
def shipped_glossary() -> tuple[tuple[str, str], ...]:
    return tuple(read_thesaurus(resources.files("kg") / "data" / "glossary.tsv"))


def load_thesaurus(files: Iterable = ()) -> Thesaurus:
    """The shipped glossary, then each file's rows over it."""
    thesaurus = Thesaurus()
    for rows in [shipped_glossary(), *(read_thesaurus(f) for f in files)]:
        for term, concept in rows:
            thesaurus.add(term, concept)
    return thesaurus

