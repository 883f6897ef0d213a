"""What a term is: its key and spelling, the candidates and glosses found in a paper's text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Iterable, NamedTuple

MAX_WORDS = 4
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-'.]*[A-Za-z0-9]|[A-Za-z]")
HAS_LETTER = re.compile(r"[A-Za-z가-힣]")
HANGUL = re.compile(r"[가-힣]")
INVARIANT = ("ss", "us", "is", "ics", "ous", "ness")
SINGULAR_IN_S = frozenset({"alias", "atlas", "bias", "canvas", "chaos", "ethos", "gas", "lens", "news", "series", "species"})
#: Latin and Greek plurals of the field's words, which no suffix rule gives back.
IRREGULAR_PLURALS = {"analyses": "analysis", "hypotheses": "hypothesis", "matrices": "matrix", "vertices": "vertex",
                     "indices": "index", "appendices": "appendix", "simplices": "simplex", "axes": "axis",
                     "theses": "thesis", "syntheses": "synthesis", "diagnoses": "diagnosis", "corpora": "corpus",
                     "phenomena": "phenomenon", "criteria": "criterion", "automata": "automaton"}


@cache
def word_list(name: str) -> frozenset[str]:
    """A stop list shipped in kg/data/ (one or more words a line, `#` comments)."""
    text = (resources.files("kg") / "data" / name).read_text(encoding="utf-8")
    return frozenset(w.casefold() for line in text.splitlines()
                     if not line.startswith("#") for w in line.split())


@cache
def is_acronym(word: str) -> bool:
    """Mostly capitals, in every hyphen-separated part: LLM(s), LoRA, NeRF, GPT-4.

    >>> [is_acronym(w) for w in ("LLMs", "LoRA", "GPT-4", "Model", "RL", "A", "CLIP-Style", "CogAgent")]
    [True, True, True, False, True, False, False, False]
    """
    parts = word.split("-")
    if len(word) > 12 or not any(sum(c.isupper() for c in p) >= 2 for p in parts):
        return False
    return all(p.isdigit() or sum(c.isupper() for c in p) >= max(2, sum(c.islower() for c in p))
               for p in parts if p)


@cache
def display_word(word: str) -> str:
    """Lower case, but acronyms and names with inner capitals keep theirs, part by part.

    >>> [display_word(w) for w in ("Zero-Shot", "Text-to-3D", "CogAgent", "LoRA", "Diffusion")]
    ['zero-shot', 'text-to-3D', 'CogAgent', 'LoRA', 'diffusion']
    """
    if is_acronym(word):
        return word
    return "-".join(p if is_acronym(p) or any(c.isupper() for c in p[1:]) else p.lower()
                    for p in word.split("-"))


def singular(word: str) -> str:
    """`models` -> `model`, `LLMs` -> `LLM`, `studies` -> `study`; `loss`, `physics`, `bias` unchanged.

    >>> [singular(w) for w in ("models", "LLMs", "studies", "bias", "biases", "databases", "loss", "gasps")]
    ['model', 'LLM', 'study', 'bias', 'bias', 'database', 'loss', 'gasp']
    >>> [singular(w) for w in ("Matrices", "analyses", "devices", "hypotheses", "corpora")]
    ['Matrix', 'analysis', 'device', 'hypothesis', 'corpus']
    """
    lower = word.lower()
    if lower in IRREGULAR_PLURALS:  # keeps a capital: "Matrices" -> "Matrix"
        return word[0] + IRREGULAR_PLURALS[lower][1:]
    if is_acronym(word):
        return word[:-1] if word.endswith("s") and not word[-2:-1].islower() else word
    if len(word) <= 3 or lower.endswith(INVARIANT) or not lower.endswith("s") or lower in SINGULAR_IN_S:
        return word
    if lower.endswith("es") and lower[:-2] in SINGULAR_IN_S:  # biases
        return word[:-2]
    if lower.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1]


def english_key(words: Iterable[str]) -> str:
    """The identity of an English term: lower case, hyphens as spaces, last word singular.

    >>> english_key(["Text-to-Video"]) == english_key(["text", "to", "video"])
    True
    >>> english_key(["Large", "Language", "Models"])
    'large language model'
    """
    words = [singular(w) if i == len(words) - 1 or is_acronym(w) else w for i, w in enumerate(words)]
    return " ".join(" ".join(words).replace("-", " ").lower().split())


def english_display(words: list[str]) -> str:
    """How a term is shown: lower case but for acronyms and names (LLM, LoRA, CogAgent)."""
    words = [singular(w) if i == len(words) - 1 or is_acronym(w) else w for i, w in enumerate(words)]
    return " ".join(map(display_word, words))



class Candidate(NamedTuple):  # a tuple, so `plain` keeps it as one
    key: str  # "en:large language model", "ko:대규모언어모델"
    display: str  # Korean: the nouns Kiwi found, spaced ("스케줄 링")
    surface: str = ""  # as the text spells it, the label shown: Korean ("스케줄링"), a title's name ("Zebra")




def korean_key(nouns: list[str]) -> str:
    return "ko:" + "".join(nouns).replace("-", "")


def words_of(key: str) -> list[str]:
    return key.partition(":")[2].split()



class Gloss(NamedTuple):
    """A parenthesis right after a term: `강화 학습(RL)` or `LLM(대규모 언어 모델)`."""

    term: Candidate
    items: list[Candidate]



@dataclass
class PaperTerms:
    title: list[Candidate]
    summary: list[Candidate]



def compact(key: str) -> str:
    """A key without spaces: `en:pre training` and `en:pretraining` are one spelling."""
    return key.replace(" ", "")


