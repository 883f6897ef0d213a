"""Topic terms from English titles: a first, simple key-phrase extraction.

A title is cut into candidate phrases at punctuation and stop words (the RAKE
idea); each phrase of up to four words is a term, its last word singularized, so
"Diffusion Models" and "diffusion model" are one topic.
"""

from __future__ import annotations

import re
from typing import Iterable

from .records import Paper

__all__ = ["title_terms", "extract_topics", "STOP_WORDS"]

STOP_WORDS = frozenset("""
a about above across after against all along an and any are as at be based being
beyond between both but by can do does for from has have how in into is it its
just less make makes making more most new no non not of off on one only or our
over per so some such than that the their them then there these this those
through to toward towards two under up upon using via vs we what when where which
while who why will with within without you your
approach approaches analysis case comprehensive effective efficient empirical
framework frameworks improving large-scale method methods model-based novel
paper results scalable simple study studies survey technique techniques
understanding better beyond enhancing evaluating exploring leveraging
learning-based meets really revisiting rethinking achieving attaining
helping listens picture second seconds scale worth
""".split())

PHRASE_BREAK = re.compile(r"[:;,.!?()\[\]{}\"“”‘’|/&]|\s[-–—]\s|\$[^$]*\$")
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9+\-'.]*[A-Za-z0-9+]|[A-Za-z]")
HAS_LETTER = re.compile(r"[a-z]")
MAX_WORDS = 4
NOUN_ING = frozenset({"scaling", "learning", "reasoning", "training", "editing", "modeling", "understanding"})
INVARIANT = ("ss", "us", "is", "ics", "ous")


def singular(word: str) -> str:
    """`models` -> `model`, `LLMs` -> `LLM`; leaves `loss`, `focus`, `physics`."""
    lower = word.lower()
    if len(word) <= 3 or lower.endswith(INVARIANT) or not lower.endswith("s"):
        return word
    if lower.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1]


def is_leading_verb(word: str) -> bool:
    """`Extending` in "Extending Context Window": a verb, not part of the term."""
    lower = word.lower()
    return lower.endswith("ing") and lower not in NOUN_ING


def title_terms(title: str) -> list[str]:
    """Topic terms of one title, in title order, lower case.

    >>> title_terms("Lumiere: A Space-Time Diffusion Model for Video Generation")
    ['lumiere', 'space-time diffusion model', 'video generation']
    """
    terms: list[str] = []
    for fragment in PHRASE_BREAK.split(title):
        phrase: list[str] = []
        for word in WORD.findall(fragment) + [""]:
            if word and word.lower() not in STOP_WORDS and not word.isdigit():
                phrase.append(word)
                continue
            if phrase and is_leading_verb(phrase[0]) and len(phrase) > 1:
                phrase = phrase[1:]
            if phrase:
                words = phrase[-MAX_WORDS:]
                words[-1] = singular(words[-1])
                term = " ".join(words).lower()
                if len(term) > 1 and HAS_LETTER.search(term) and term not in terms:
                    terms.append(term)
            phrase = []
    return terms


def extract_topics(papers: Iterable[Paper]) -> dict[str, tuple[str, ...]]:
    """Topic terms of every paper, keyed by arXiv id."""
    return {p.arxiv_id: tuple(title_terms(p.title)) for p in papers}
