"""English candidates: key phrases of titles and of the English runs of summaries, and acronyms."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from .terms import HAS_LETTER, MAX_WORDS, WORD, Candidate, english_display, english_key, is_acronym, word_list

# A period breaks a phrase, but not one between digits: `GPT-3.5`, `BitNet b1.58`, `Llama-3.1-8B` stay whole.
PHRASE_BREAK = re.compile(r"[:;,!?()\[\]{}\"“”‘’|/&+=<>*#]|(?<!\d)\.|\.(?!\d)|\s[-–—]\s|\$[^$]*\$|https?://\S+")


def english_terms(text: str) -> Iterator[Candidate]:
    """English terms of a title or an English run: phrases, their head-final sub-phrases, acronyms.

    >>> [c.display for c in english_terms("Lumiere: A Space-Time Diffusion Model for Video Generation")]
    ['lumiere', 'space-time diffusion model', 'diffusion model', 'video generation']
    """
    stop = word_list("stopwords.en.txt")
    for fragment in PHRASE_BREAK.split(text):
        phrase: list[str] = []
        for word in WORD.findall(fragment) + [""]:
            if word and word.casefold() not in stop and HAS_LETTER.search(word):
                phrase.append(word)
                continue
            yield from phrase_terms(phrase)
            phrase = []


TITLE_NAME = re.compile(r"\s*([A-Z][a-z]+[0-9]*)\s*:")


def title_terms(title: str) -> list[Candidate]:
    """`english_terms` of a title; a capitalized word before its colon is the paper's name, spelled as written.

    >>> [c.surface for c in title_terms("Lumiere: A Space-Time Diffusion Model for Video Generation")][:2]
    ['Lumiere', '']
    """
    terms = list(english_terms(title))
    if (name := TITLE_NAME.match(title)) and terms and terms[0].display == name[1].lower():
        terms[0] = terms[0]._replace(surface=name[1])
    return terms


@lru_cache(maxsize=1 << 18)
def english_run_terms(run: str) -> tuple[Candidate, ...]:
    """`english_terms` of an English run of a summary; the same runs recur across papers."""
    return tuple(english_terms(run))


#: Words in -ly that are nouns, which may end a term ("Butterfly", "Assembly").
NOUNS_IN_LY = frozenset({"anomaly", "assembly", "butterfly", "family", "italy", "monopoly", "reply", "supply"})


def is_adverb(word: str) -> bool:
    """`Reliably` at the end of "Language Models Scale Reliably": an adverb, not part of a term.

    Only a phrase's last word is tested: in front, an -ly word belongs to the term
    ("Weakly Supervised Learning", "Fully Sharded Data Parallel").
    """
    last = word.lower().split("-")[-1]
    return last.endswith("ly") and len(last) > 4 and last not in NOUNS_IN_LY


def is_leading_verb(word: str) -> bool:
    """`Customizing` in "Customizing Text-to-Video Generation": a verb, not part of the term."""
    last = word.lower().split("-")[-1]
    return last.endswith("ing") and last not in word_list("noun-ing.en.txt")


def phrase_terms(phrase: list[str]) -> Iterator[Candidate]:
    """A phrase of content words as terms: itself (at most MAX_WORDS), and its tails of two words or more."""
    while phrase and is_leading_verb(phrase[0]):
        phrase = phrase[1:]
    while phrase and is_adverb(phrase[-1]):
        phrase = phrase[:-1]
    if not phrase:
        return
    words = phrase[-MAX_WORDS:]
    for start in range(len(words)):
        tail = words[start:]
        if start and len(tail) < 2:
            break
        yield Candidate("en:" + english_key(tail), english_display(tail))
    for i, word in enumerate(phrase):
        for acronym in acronyms_in(word, whole=i < len(phrase) - 1):
            yield Candidate("en:" + english_key([acronym]), english_display([acronym]))


#: Last parts of a hyphenated modifier whose first part is a term: `LLM-based`, `CLIP-style`.
MODIFIER_ENDS = frozenset({"centric", "driven", "style", "like", "free", "aware", "level", "specific", "only", "agnostic",
                           "friendly", "compatible", "native", "scale", "size", "sized"})


def acronyms_in(word: str, whole: bool = True) -> list[str]:
    """The acronym a word is (if `whole`), or the one a hyphenated modifier is made of: `LLM-based`, `FP6-Centric`.

    Not inside a name: `MT-Bench`, `FIFO-Diffusion`.

    >>> [acronyms_in(w) for w in ("FP6-Centric", "LLM-Driven", "GPT-4", "MT-Bench", "Text-to-3D")]
    [['FP6'], ['LLM'], ['GPT-4'], [], []]
    """
    if is_acronym(word):
        return [word] if whole else []
    first, _, rest = word.partition("-")
    last = rest.rpartition("-")[2].lower()
    if rest and is_acronym(first) and (last.endswith("ed") or last in MODIFIER_ENDS):
        return [first]
    return []


