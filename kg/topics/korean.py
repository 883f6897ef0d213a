"""Korean candidates and glosses, from Kiwi's analysis of the summaries (the slow part of topic extraction)."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Iterable, Protocol

from .english import english_run_terms
from .terms import (
    HANGUL,
    HAS_LETTER,
    MAX_WORDS,
    WORD,
    Candidate,
    Gloss,
    english_display,
    english_key,
    is_acronym,
    korean_key,
    word_list,
)

NOUN_TAGS = {"NNG", "NNP"}
ENGLISH_TAGS = {"SL", "SN", "SH"}


def korean_terms(tokens, text: str) -> tuple[list[Candidate], list[Candidate], list[Gloss]]:
    """Korean compound nouns, English runs and glosses of one summary, from Kiwi tokens."""
    korean: list[Candidate] = []
    english: list[Candidate] = []
    glosses: list[Gloss] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.tag in NOUN_TAGS or token.tag == "XPN":
            start, (j, nouns) = i, noun_run(tokens, i)
            i = j
            if not nouns:
                continue
            term = korean_candidate(nouns, span(tokens, start, j, text))
            korean.append(term)
            gloss = parenthesis(tokens, i, text)
            if gloss is not None and not HANGUL.search(gloss):
                # `홀로`+`데크(Holodeck)`: the gloss is of the whole word, `홀로데크`
                if (word_start := split_word_start(tokens, start)) is not None:
                    word = text[word_start:tokens[j - 1].start + tokens[j - 1].len]
                    term = korean_candidate([word], word)
                glosses.append(Gloss(term, gloss_items(gloss)))
        elif token.tag in ENGLISH_TAGS:
            j = i
            while j + 1 < len(tokens) and adjacent(tokens[j], tokens[j + 1]) and (
                    tokens[j + 1].tag in ENGLISH_TAGS or (tokens[j + 1].tag == "SO" and tokens[j + 1].form == "-")):
                j += 1
            run = text[token.start:tokens[j].start + tokens[j].len]
            terms = list(english_run_terms(run))
            english.extend(terms)
            i = j + 1
            gloss = parenthesis(tokens, i, text)
            if gloss is not None and terms:
                head = longest_tail(terms)
                if HANGUL.search(gloss):
                    end, nouns = noun_run(tokens, i + 1)
                    if nouns:
                        glosses.append(Gloss(head, [korean_candidate(nouns, span(tokens, i + 1, end, text))]))
                else:
                    glosses.append(Gloss(head, gloss_items(gloss)))
        else:
            i += 1
    return korean, english, glosses


def split_word_start(tokens, i: int) -> int | None:
    """Where the word starts if Kiwi read noun i as the tail of a word glued to other morphemes, else None."""
    k = i
    while k and tokens[k - 1].start + tokens[k - 1].len == tokens[k].start and tokens[k - 1].tag[0] not in "S":
        k -= 1
    return tokens[k].start if k < i and tokens[i - 1].tag not in NOUN_TAGS | {"XPN"} else None


def adjacent(a, b) -> bool:
    return b.start - (a.start + a.len) <= 1


def noun_run(tokens, i: int) -> tuple[int, list[str]]:
    """The nouns of a compound starting at token i, and the index after it.

    A prefix (`대`+`규모`), a suffix (`양자`+`화`) or a hyphen (`시각-언어`) glued to
    a noun makes one word with it; nouns separated by at most a space make a compound.
    """
    nouns: list[str] = []
    j = i
    while j < len(tokens):
        t = tokens[j]
        glued = j > i and tokens[j - 1].start + tokens[j - 1].len == t.start
        if t.tag in NOUN_TAGS or t.tag == "XPN":
            if j > i and not adjacent(tokens[j - 1], t):
                break
            if glued and nouns and (tokens[j - 1].tag == "XPN" or nouns[-1].endswith("-")):
                nouns[-1] += t.form
            else:
                nouns.append(t.form)
        elif t.tag == "XSN" and glued and nouns:
            nouns[-1] += t.form
        elif t.tag == "NNB" and nouns and j + 1 < len(tokens) and tokens[j + 1].tag in NOUN_TAGS:
            nouns.append(t.form)  # a bound noun inside a compound: `문맥 내 학습`
        elif t.tag == "SO" and t.form == "-" and nouns and j + 1 < len(tokens) and tokens[j + 1].tag in NOUN_TAGS:
            nouns[-1] += "-"
        else:
            break
        j += 1
    return max(j, i + 1), nouns[-MAX_WORDS:]


def span(tokens, start: int, end: int, text: str) -> str:
    """The text of tokens start..end-1."""
    return text[tokens[start].start:tokens[end - 1].start + tokens[end - 1].len]


def korean_candidate(nouns: list[str], written: str = "") -> Candidate:
    """A Korean term; generic nouns in front (`기존 트랜스포머`) are not part of it.

    `written` is the text the nouns came from; its end that spells the kept nouns
    is the term's surface (Kiwi may split a word: `스케줄링` -> `스케줄`+`링`).
    """
    return spelled_candidate(tuple(nouns), written)


@lru_cache(maxsize=1 << 16)
def spelled_candidate(nouns: tuple[str, ...], written: str) -> Candidate:
    """`korean_candidate`, once per spelling: the same terms recur across summaries."""
    generic = word_list("generic.ko.txt")
    while len(nouns) > 1 and nouns[0] in generic:
        nouns = nouns[1:]
    display = " ".join(nouns).replace("- ", "-")
    spelled = "".join(nouns)
    surface = next((written[k:].strip() for k in range(len(written))
                    if written[k:].replace(" ", "") == spelled), display)
    return Candidate(korean_key(nouns), display, surface)


def parenthesis(tokens, i: int, text: str) -> str | None:
    """The text inside `( ... )` if token i opens one right after the previous token."""
    if i < len(tokens) and tokens[i].tag == "SSO" and tokens[i].form == "(" and i and adjacent(tokens[i - 1], tokens[i]):
        end = text.find(")", tokens[i].start)
        if end != -1 and end - tokens[i].start <= 120:
            return text[tokens[i].start + 1:end].strip()
    return None


def gloss_items(gloss: str) -> list[Candidate]:
    """`Large Language Models, LLMs` -> the phrase and the acronym, each whole."""
    items = []
    for part in gloss.split(","):
        words = WORD.findall(part)
        if words and len(words) <= 6 and HAS_LETTER.search(part):
            items.append(Candidate("en:" + english_key(words), english_display(words)))
    return items


def longest_tail(terms: list[Candidate]) -> Candidate:
    """Of the terms of one English run, the one right before what follows it."""
    return terms[-1] if len(terms) == 1 else max(
        (t for t in terms if not is_acronym(t.display)), key=lambda t: len(t.key), default=terms[-1])


class Analyzer(Protocol):
    """A Korean morphological analyzer as the term extraction uses it: Kiwi's `tokenize`.

    Each text's tokens carry `form`, `tag` (Sejong tags: NNG, NNP, SL, ...), `start`
    and `len`. `kiwi()` makes the one used by default; a test may pass another.
    """

    def tokenize(self, texts: list[str]) -> Iterable[list]: ...


def kiwi() -> Analyzer:
    """A Kiwi analyzer on Kiwi's own threads (its results do not depend on them).

    Without Kiwi's dictionary of multi-word proper nouns: most of the loading time, for
    place and person names (`허깅 페이스`), not terms of the field; nor its typo dictionary
    (the same analyses of all 1,488 real-sample summaries, 0.3 s less to load). Not kept after the
    analysis: its model is about 150 MB of a build's peak memory.
    """
    from kiwipiepy import Kiwi

    return Kiwi(num_workers=max(2, os.cpu_count() or 1), load_multi_dict=False, load_typo_dict=False)


#: A summary's analysis as `analyse_summaries` gives it: `korean_terms`' result in plain
#: tuples, which the cache pickles twice as fast as named ones.
Analysis = tuple[list[tuple], list[tuple], list[tuple[tuple, list[tuple]]]]


def analyse_summaries(texts: list[str], analyzer: Analyzer | None = None) -> list[Analysis]:
    """Korean terms, English runs and glosses of each summary (the slow part: the analyzer,
    by default a new `kiwi()`, let go after)."""
    if not texts:
        return []
    tokenized = (analyzer or kiwi()).tokenize(texts)
    return [plain(korean_terms(tokens, text)) for text, tokens in zip(texts, tokenized)]


def plain(found: tuple[list[Candidate], list[Candidate], list[Gloss]]) -> Analysis:
    korean, english, glosses = found
    return ([tuple(c) for c in korean], [tuple(c) for c in english],
            [(tuple(g.term), [tuple(c) for c in g.items]) for g in glosses])


def revived(analysis: Analysis) -> tuple[list[Candidate], list[Candidate], list[Gloss]]:
    """`plain`'s inverse."""
    korean, english, glosses = analysis
    make = Candidate._make
    return ([make(c) for c in korean], [make(c) for c in english],
            [Gloss(make(term), [make(c) for c in items]) for term, items in glosses])

