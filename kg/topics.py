"""Papers -> topic concepts: bilingual term extraction, gloss alignment, TF-IDF ranking.

1. Candidates. English: key phrases of the title and of the English runs inside the
   Korean summary, cut at punctuation and stop words, with their head-final
   sub-phrases ("space-time diffusion model" also gives "diffusion model"), and
   acronyms (LLM, LoRA). Korean: compound nouns found by Kiwi, a real morphological
   analyzer (`kiwipiepy`, whose model ships as a package), so `확산모델` and
   `확산 모델` are one term.
2. Glosses. `강화 학습(RL)`, `대규모 언어 모델(Large Language Models, LLMs)`,
   `LLM(대규모 언어 모델)`, `Large Language Models (LLMs)` align a Korean term,
   an English term and an acronym; counted over the whole input, each Korean term
   and each acronym joins the English term it is most often glossed with.
3. Concepts. One per English term (or per acronym / Korean term left alone), with
   every label it was seen under: `prefLabel` in English, `altLabel`s for acronyms
   and Korean terms.
4. Ranking. TF-IDF over all input papers, title terms weighted up; generic words
   (stop lists of both languages) and concepts in more than `max_df` of the papers
   never become topics; each paper keeps its `per_paper` best concepts that are in
   a title or shared by at least `min_papers` papers.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

from .errors import ParseError
from .records import Paper

__all__ = ["Concept", "Topics", "Thesaurus", "ThesaurusError", "extract_topics", "read_thesaurus",
           "load_thesaurus", "english_terms", "english_key", "korean_terms",
           "TITLE_WEIGHT", "PER_PAPER", "MIN_PAPERS", "MAX_DF"]

TITLE_WEIGHT = 3.0
VOCABULARY_WEIGHT = 1.5  # a thesaurus concept of several words
LONE_PHRASE_WEIGHT = 0.4  # a phrase of several words in one paper only
TITLE_WORDING_WEIGHT = 0.25  # ... and only once in its title: the summary never says it
INSIDE_WEIGHT = 0.5  # a thesaurus term inside a longer term: "attention" in "local-global attention"
KOREAN_ONLY_WEIGHT = 0.5  # a Korean term no gloss ties to English: less sure to be a field's term
PER_PAPER = 8
MIN_PAPERS = 2
MAX_DF = 0.5
MAX_WORDS = 4

PHRASE_BREAK = re.compile(r"[:;,.!?()\[\]{}\"“”‘’|/&+=<>*#]|\s[-–—]\s|\$[^$]*\$|https?://\S+")
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-'.]*[A-Za-z0-9]|[A-Za-z]")
HAS_LETTER = re.compile(r"[A-Za-z가-힣]")
HANGUL = re.compile(r"[가-힣]")
GLOSS_EN_ACRONYM = re.compile(r"([A-Za-z][A-Za-z\- ]{2,80}?)\s*\(\s*([A-Z][A-Za-z0-9\-]*)\s*\)")
MODEL_SIZE = re.compile(r"^\d+(\.\d+)?[bmk]$")
INVARIANT = ("ss", "us", "is", "ics", "ous", "ness")
SINGULAR_IN_S = frozenset({"alias", "atlas", "bias", "canvas", "chaos", "ethos", "gas", "lens", "news", "series", "species"})
#: Latin and Greek plurals of the field's words, which no suffix rule gives back.
IRREGULAR_PLURALS = {"analyses": "analysis", "hypotheses": "hypothesis", "matrices": "matrix", "vertices": "vertex",
                     "indices": "index", "appendices": "appendix", "simplices": "simplex", "axes": "axis",
                     "theses": "thesis", "syntheses": "synthesis", "diagnoses": "diagnosis", "corpora": "corpus",
                     "phenomena": "phenomenon", "criteria": "criterion", "automata": "automaton"}
NOUN_TAGS = {"NNG", "NNP"}
ENGLISH_TAGS = {"SL", "SN", "SH"}


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


class _Candidate(NamedTuple):  # a tuple, so `plain` keeps it as one
    key: str  # "en:large language model", "ko:대규모언어모델"
    display: str  # Korean: the nouns Kiwi found, spaced ("스케줄 링")
    surface: str = ""  # as the text spells it, the label shown: Korean ("스케줄링"), a title's name ("Zebra")


def english_terms(text: str) -> Iterator[_Candidate]:
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


def title_terms(title: str) -> list[_Candidate]:
    """`english_terms` of a title; a capitalized word before its colon is the paper's name, spelled as written.

    >>> [c.surface for c in title_terms("Lumiere: A Space-Time Diffusion Model for Video Generation")][:2]
    ['Lumiere', '']
    """
    terms = list(english_terms(title))
    if (name := TITLE_NAME.match(title)) and terms and terms[0].display == name[1].lower():
        terms[0] = terms[0]._replace(surface=name[1])
    return terms


@lru_cache(maxsize=1 << 18)
def english_run_terms(run: str) -> tuple[_Candidate, ...]:
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


def phrase_terms(phrase: list[str]) -> Iterator[_Candidate]:
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
        yield _Candidate("en:" + english_key(tail), english_display(tail))
    for i, word in enumerate(phrase):
        for acronym in acronyms_in(word, whole=i < len(phrase) - 1):
            yield _Candidate("en:" + english_key([acronym]), english_display([acronym]))


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


def korean_key(nouns: list[str]) -> str:
    return "ko:" + "".join(nouns).replace("-", "")


def words_of(key: str) -> list[str]:
    return key.partition(":")[2].split()


class _Gloss(NamedTuple):
    """A parenthesis right after a term: `강화 학습(RL)` or `LLM(대규모 언어 모델)`."""

    term: _Candidate
    items: list[_Candidate]


def korean_terms(tokens, text: str) -> tuple[list[_Candidate], list[_Candidate], list[_Gloss]]:
    """Korean compound nouns, English runs and glosses of one summary, from Kiwi tokens."""
    korean: list[_Candidate] = []
    english: list[_Candidate] = []
    glosses: list[_Gloss] = []
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
                glosses.append(_Gloss(term, gloss_items(gloss)))
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
                        glosses.append(_Gloss(head, [korean_candidate(nouns, span(tokens, i + 1, end, text))]))
                else:
                    glosses.append(_Gloss(head, gloss_items(gloss)))
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


def korean_candidate(nouns: list[str], written: str = "") -> _Candidate:
    """A Korean term; generic nouns in front (`기존 트랜스포머`) are not part of it.

    `written` is the text the nouns came from; its end that spells the kept nouns
    is the term's surface (Kiwi may split a word: `스케줄링` -> `스케줄`+`링`).
    """
    return spelled_candidate(tuple(nouns), written)


@lru_cache(maxsize=1 << 16)
def spelled_candidate(nouns: tuple[str, ...], written: str) -> _Candidate:
    """`korean_candidate`, once per spelling: the same terms recur across summaries."""
    generic = word_list("generic.ko.txt")
    while len(nouns) > 1 and nouns[0] in generic:
        nouns = nouns[1:]
    display = " ".join(nouns).replace("- ", "-")
    spelled = "".join(nouns)
    surface = next((written[k:].strip() for k in range(len(written))
                    if written[k:].replace(" ", "") == spelled), display)
    return _Candidate(korean_key(nouns), display, surface)


def parenthesis(tokens, i: int, text: str) -> str | None:
    """The text inside `( ... )` if token i opens one right after the previous token."""
    if i < len(tokens) and tokens[i].tag == "SSO" and tokens[i].form == "(" and i and adjacent(tokens[i - 1], tokens[i]):
        end = text.find(")", tokens[i].start)
        if end != -1 and end - tokens[i].start <= 120:
            return text[tokens[i].start + 1:end].strip()
    return None


def gloss_items(gloss: str) -> list[_Candidate]:
    """`Large Language Models, LLMs` -> the phrase and the acronym, each whole."""
    items = []
    for part in gloss.split(","):
        words = WORD.findall(part)
        if words and len(words) <= 6 and HAS_LETTER.search(part):
            items.append(_Candidate("en:" + english_key(words), english_display(words)))
    return items


def longest_tail(terms: list[_Candidate]) -> _Candidate:
    """Of the terms of one English run, the one right before what follows it."""
    return terms[-1] if len(terms) == 1 else max(
        (t for t in terms if not is_acronym(t.display)), key=lambda t: len(t.key), default=terms[-1])


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

    def spotted(self, candidate: _Candidate) -> list[tuple[str, str]]:
        """Thesaurus terms inside a longer candidate, longest first and not overlapping: (concept, surface).

        "text-to-3D generation" also gives `text-to-3D`, `모델 양자화` also gives `양자화`.
        """
        memo = (candidate.key, candidate.display)
        if memo not in self._spotted:
            self._spotted[memo] = self._find_inside(candidate)
        return self._spotted[memo]

    def _find_inside(self, candidate: _Candidate) -> list[tuple[str, str]]:
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
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ThesaurusError(f"cannot read thesaurus: {exc}", source) from None
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


@dataclass(frozen=True)
class Concept:
    """A topic: one meaning, its labels in both languages, how many papers carry it."""

    key: str  # English term key (or acronym, or `ko:` Korean term key)
    label: str  # skos:prefLabel
    language: str  # of `label`: "en" or "ko"
    alt_labels: tuple[tuple[str, str], ...] = ()  # (label, language)
    papers: int = 0


@dataclass
class Topics:
    """What topic extraction found: concepts, and each paper's ranked concepts."""

    concepts: dict[str, Concept] = field(default_factory=dict)
    assigned: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)  # arxiv id -> (key, score)

    def bilingual(self) -> int:
        """How many concepts have labels in both English and Korean."""
        return sum(1 for c in self.concepts.values() if {c.language} | {lang for _, lang in c.alt_labels} >= {"en", "ko"})

    def table(self, limit: int) -> list[str]:
        """The `limit` concepts with most papers, as the lines `kg topics` prints."""
        lines = [f"{'papers':>6}  {'concept':<40} other labels"]
        for c in sorted(self.concepts.values(), key=lambda c: (-c.papers, c.label))[:limit]:
            others = ", ".join(f"{label} ({language})" for label, language in c.alt_labels)
            lines.append(f"{c.papers:>6}  {c.label + ' (' + c.language + ')':<40} {others}")
        return lines


@dataclass
class _PaperTerms:
    title: list[_Candidate]
    summary: list[_Candidate]


def extract_topics(papers: Iterable[Paper], per_paper: int = PER_PAPER, min_papers: int = MIN_PAPERS,
                   max_df: float = MAX_DF, cache=None, thesaurus: Thesaurus | None = None) -> Topics:
    """Topic concepts of a set of papers, ranked per paper.

    `cache` (a `kg.cache.BuildCache`) keeps each summary's analysis between builds;
    `thesaurus` defaults to the shipped glossary (`load_thesaurus()`).
    """
    papers = list(papers)
    thesaurus = load_thesaurus() if thesaurus is None else thesaurus
    terms, glosses = collect_terms(papers, cache)
    resolve_label = align(terms, glosses, thesaurus)
    return rank(papers, terms, resolve_label, thesaurus, per_paper, min_papers, max_df)


def kiwi():
    """A Kiwi analyzer on Kiwi's own threads (its results do not depend on them).

    Without Kiwi's dictionary of multi-word proper nouns from Wikidata: it takes
    1.3 of the 2.2 s the analyzer needs to load, and it finds place and person
    names (`허깅 페이스`), not terms of the field (on the seeds that is its one change).
    Not kept after the analysis: its model is about 150 MB of a build's peak memory.
    """
    from kiwipiepy import Kiwi

    return Kiwi(num_workers=max(2, os.cpu_count() or 1), load_multi_dict=False)


#: A summary's analysis as `analyse_summaries` gives it: `korean_terms`' result in plain
#: tuples, which the cache pickles and unpickles twice as fast as the named ones (5,000
#: analyses: 0.09 and 0.20 s against 0.22 and 0.41 s).
Analysis = tuple[list[tuple], list[tuple], list[tuple[tuple, list[tuple]]]]


def analyse_summaries(texts: list[str]) -> list[Analysis]:
    """Korean terms, English runs and glosses of each summary (the slow part: Kiwi)."""
    if not texts:
        return []
    return [plain(korean_terms(tokens, text)) for text, tokens in zip(texts, kiwi().tokenize(texts))]


def plain(found: tuple[list[_Candidate], list[_Candidate], list[_Gloss]]) -> Analysis:
    korean, english, glosses = found
    return ([tuple(c) for c in korean], [tuple(c) for c in english],
            [(tuple(g.term), [tuple(c) for c in g.items]) for g in glosses])


def revived(analysis: Analysis) -> tuple[list[_Candidate], list[_Candidate], list[_Gloss]]:
    """`plain`'s inverse."""
    korean, english, glosses = analysis
    make = _Candidate._make
    return ([make(c) for c in korean], [make(c) for c in english],
            [_Gloss(make(term), [make(c) for c in items]) for term, items in glosses])


def summary_text(paper: Paper) -> str:
    """What the Korean analysis reads of a paper (and what its cache is keyed by)."""
    return "\n".join(paper.summary)


def collect_terms(papers: list[Paper], cache=None) -> tuple[dict[str, _PaperTerms], list[_Gloss]]:
    summaries = [summary_text(p) for p in papers]
    analyses = cache.analyse(summaries, analyse_summaries) if cache else analyse_summaries(summaries)
    terms: dict[str, _PaperTerms] = {}
    glosses: list[_Gloss] = []
    for paper, analysis in zip(papers, analyses):
        korean, english, found = revived(analysis)
        for m in GLOSS_EN_ACRONYM.finditer(paper.title):
            glosses.append(_Gloss(
                _Candidate("en:" + english_key(WORD.findall(m[1])[-MAX_WORDS:]),
                           english_display(WORD.findall(m[1])[-MAX_WORDS:])),
                gloss_items(m[2])))
        glosses.extend(found)
        terms[paper.arxiv_id] = _PaperTerms(title_terms(paper.title), korean + english)
    return terms, glosses


def initials(key: str) -> str:
    return "".join(w[0] for w in key.removeprefix("en:").split())


def acronym_letters(key: str) -> str:
    return re.sub(r"[^a-z]", "", key.removeprefix("en:"))


def matches_initials(acronym: str, phrase: str) -> bool:
    """`llm` ~ `large language model`, `rlhf` ~ `reinforcement learning from human feedback`."""
    letters, words = acronym_letters(acronym), phrase.removeprefix("en:").split()
    content = [w for w in words if w not in word_list("stopwords.en.txt")]
    return letters in ("".join(w[0] for w in words), "".join(w[0] for w in content))


def compact(key: str) -> str:
    """A key without spaces: `en:pre training` and `en:pretraining` are one spelling."""
    return key.replace(" ", "")


def term_length(c: _Candidate) -> int:
    """Words of an English term, letters of an acronym: what a Korean compound's nouns match."""
    return len(acronym_letters(c.key)) if is_acronym(c.display) else len(c.key.split())


def align(terms: dict[str, _PaperTerms], glosses: list[_Gloss], thesaurus: Thesaurus):
    """A function from any term key to its concept key ("" to drop it), learnt from the glosses.

    A term the thesaurus knows goes to its concept; any other goes where the
    glosses lead, and from there to the thesaurus concept if it names one.

    Each acronym goes to the English phrase it is most often spelled out as (or, if
    never spelled out, the most frequent phrase of the input with its initials);
    each Korean term to the English term it is most often glossed with, a gloss
    counting more when the English has as many words as the Korean has nouns
    (`인간 피드백에서의 강화 학습(RLHF)` glosses the whole phrase, not `강화 학습`).
    """
    frequency = Counter(c.key for t in terms.values() for c in t.title + t.summary)
    expansions: dict[str, Counter] = defaultdict(Counter)
    translations: dict[str, Counter] = defaultdict(Counter)
    acronyms = {c.key for t in terms.values() for c in t.title + t.summary if is_acronym(c.display)}
    for gloss in glosses:
        labels = [gloss.term, *gloss.items]
        english = [c for c in labels if c.key.startswith("en:")]
        for a in english:
            if is_acronym(a.display):
                acronyms.add(a.key)
                for p in english:
                    if not is_acronym(p.display) and matches_initials(a.key, p.key):
                        expansions[a.key][p.key] += 1
        for k in (c for c in labels if c.key.startswith("ko:")):
            nouns = k.display.split()
            for e in english:
                words = term_length(e)
                if len(nouns) == 1 and words >= 3:
                    continue  # `학습(in-context learning)`: the gloss covers words before the noun
                if len(nouns) > words and not is_acronym(e.display):
                    # `오디오 코덱과 확산 모델(diffusion model)` glosses its last two nouns
                    translations[korean_key(nouns[-words:])][e.key] += 1
                else:
                    translations[k.key][e.key] += 1 / (1 + abs(len(nouns) - words))
    # Initials stand in for a gloss only for plain capitals (RL, LLM), not names (PaLM, LoRA).
    capitals = {c.key for t in terms.values() for c in t.title + t.summary
                if is_acronym(c.display) and c.display.removesuffix("s").isupper() and c.display.isalpha()}
    by_initials: dict[str, list[str]] = defaultdict(list)
    for p in frequency:
        if p.startswith("en:") and " " in p and p not in acronyms:
            by_initials[initials(p)].append(p)
            content = "".join(w[0] for w in words_of(p) if w not in word_list("stopwords.en.txt"))
            if content != initials(p):
                by_initials[content].append(p)
    for a in sorted((acronyms & capitals) - expansions.keys()):
        spelled = [(frequency[p], p) for p in by_initials.get(acronym_letters(a), ())]
        if spelled:
            expansions[a][max(spelled)[1]] += 1

    def expand(key: str) -> str:
        best = expansions.get(key)
        return min(best.items(), key=lambda kv: (-kv[1], kv[0]))[0] if best else key

    # Word by word: `대규모 언어 모델(large language model)` teaches 언어 = language,
    # 모델 = model, so the unglossed `언어 모델` can join `language model` if the input has it.
    korean_nouns = {c.key: c.display.split() for t in terms.values() for c in t.summary if c.key.startswith("ko:")}
    words: dict[str, Counter] = defaultdict(Counter)
    for gloss in glosses:
        for k in (c for c in [gloss.term, *gloss.items] if c.key.startswith("ko:")):
            nouns = k.display.split()
            for e in (c for c in [gloss.term, *gloss.items] if c.key.startswith("en:") and not is_acronym(c.display)):
                english = words_of(e.key)
                if len(nouns) == len(english) >= 2:
                    for noun, word in zip(nouns, english):
                        words[noun.replace("-", "")][word] += 1

    def word_by_word(key: str) -> str | None:
        nouns = [n.replace("-", "") for n in korean_nouns.get(key, [])]
        if len(nouns) < 2 or not all(n in words for n in nouns):
            return None
        english = "en:" + " ".join(min(words[n].items(), key=lambda kv: (-kv[1], kv[0]))[0] for n in nouns)
        return english if english in frequency else None

    def translate(key: str) -> str:
        votes = Counter()
        for english, count in translations[key].items():
            votes[expand(english)] += count
        if not votes:
            composed = word_by_word(key)
            return expand(composed) if composed else key
        return min(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0]

    def expand_inside(key: str) -> str:
        """`modular LLM` -> `modular large language model`; not inside names with numbers (`GPT-4`)."""
        words = words_of(key)
        if len(words) < 2 or any(w.isdigit() for w in words) or not any("en:" + w in expansions for w in words):
            return key
        return "en:" + " ".join(expand("en:" + w).removeprefix("en:") for w in words)

    # Spelling variants (`pre-training`, `pretraining`) become the most frequent spelling.
    spellings: dict[str, str] = {}
    for key, _ in sorted(frequency.items(), key=lambda kv: (-kv[1], kv[0])):
        spellings.setdefault(compact(key), key)
    cache_: dict[str, str] = {}

    def resolve_label(key: str) -> str:
        if key not in cache_:
            key_ = spellings.get(compact(key), key)
            known = thesaurus.concept(key)
            if known is None:
                learnt = translate(key_) if key_.startswith("ko:") else expand_inside(expand(key_))
                known = thesaurus.concept(learnt)
                known = learnt if known is None else known
            cache_[key] = known
        return cache_[key]

    return resolve_label


@cache
def generic_english() -> frozenset[str]:
    """generic.en.txt as term keys: `easy-to-use` as `easy to use`, `results` as `result`."""
    return frozenset(english_key([w]) for w in word_list("generic.en.txt"))


def is_generic(candidate: _Candidate) -> bool:
    """Generic words, in either language, and Korean compounds with a generic head."""
    return is_generic_term(candidate.key, candidate.display)


@lru_cache(maxsize=1 << 18)
def is_generic_term(key: str, display: str) -> bool:
    if key.startswith("ko:"):
        nouns = [n.replace("-", "") for n in display.split()]
        generic = word_list("generic.ko.txt")
        return (all(n in generic for n in nouns) or "".join(nouns) in generic or len(key) <= 4
                or (len(nouns) > 1 and nouns[-1] in word_list("generic-head.ko.txt")))
    words = key.removeprefix("en:").split()
    if not words:
        return True
    return (key.removeprefix("en:") in generic_english() or (len(words) == 1 and len(words[0]) < 2)
            or bool(MODEL_SIZE.match(words[0])))


def rank(papers: list[Paper], terms: dict[str, _PaperTerms], resolve_label, thesaurus: Thesaurus,
         per_paper: int, min_papers: int, max_df: float) -> Topics:
    weights: dict[str, Counter] = {}
    surfaces: dict[str, Counter] = defaultdict(Counter)
    in_title: set[str] = set()
    for paper in papers:
        tf = Counter()
        for weight, candidates in ((TITLE_WEIGHT, terms[paper.arxiv_id].title), (1.0, terms[paper.arxiv_id].summary)):
            for c in candidates:
                language = "ko" if c.key.startswith("ko:") else "en"
                concept = resolve_label(c.key)
                if not concept or is_generic(c) or (language == "ko" and concept == c.key and " " not in c.display):
                    continue  # a lone Korean noun counts only when a gloss or the thesaurus ties it to a concept
                found = [(concept, c.surface or c.display, 1.0)]
                found += [(inner, surface, INSIDE_WEIGHT) for inner, surface in thesaurus.spotted(c) if inner != concept]
                for concept, surface, share in found:
                    tf[concept] += weight * share * (KOREAN_ONLY_WEIGHT if concept.startswith("ko:") else 1.0)
                    surfaces[concept][(surface, language)] += 1
                    if weight == TITLE_WEIGHT:
                        in_title.add(concept)
        weights[paper.arxiv_id] = tf
    df = Counter(k for tf in weights.values() for k in tf)
    n = max(1, len(papers))
    allowed = {k for k, d in df.items()
               if (d >= min_papers or k in in_title or k in thesaurus.labels) and (d / n <= max_df or n < 20)
               and not is_generic(_Candidate(k, k.removeprefix("en:").removeprefix("ko:")))}
    words = {k: tuple(words_of(k)) for k in allowed}  # each key split once, not once per paper
    topics = Topics()
    for paper in papers:
        scored = sorted(((tf * (math.log((n + 1) / (df[k] + 1)) + 1) * prior(k, len(words[k]), df[k], tf, thesaurus), k)
                         for k, tf in weights[paper.arxiv_id].items() if k in allowed),
                        key=lambda sk: (-sk[0], sk[1]))
        topics.assigned[paper.arxiv_id] = tuple(select(scored, df, per_paper, in_title, words))
    used = Counter(k for assigned in topics.assigned.values() for k, _ in assigned)
    for key in sorted(used):
        topics.concepts[key] = make_concept(key, surfaces[key], used[key], thesaurus.labels.get(key))
    return topics


def prior(key: str, length: int, df: int, tf: float, thesaurus: Thesaurus) -> float:
    """How likely a term is one a researcher tags papers with, before its counts.

    A thesaurus concept of several words is the field's specific vocabulary (one
    word, `agent`, is broad); a phrase of several words that no other paper uses
    ("diverse generative task") is more often wording than a topic, and even more
    so when the summary never says it ("Pixel Aligned Language Models" ->
    "aligned language model"). Names (one word: `ZeroQuant`, `GPT-4`) are left alone.
    """
    several_words = length > 1
    if key in thesaurus.labels:
        return VOCABULARY_WEIGHT if several_words else 1.0
    if df == 1 and several_words:
        return LONE_PHRASE_WEIGHT * (TITLE_WORDING_WEIGHT if tf == TITLE_WEIGHT else 1.0)
    return 1.0


def select(scored: list[tuple[float, str]], df: Counter, limit: int,
           in_title: frozenset[str] | set[str], words: dict[str, tuple[str, ...]]) -> list[tuple[str, float]]:
    """The best concepts of a paper without near-duplicates (`words`: each key's words).

    A term only this paper has is dropped when it contains, or is contained in, a
    better-ranked term ("space-time diffusion model" after "diffusion model"); one
    that is not in the title also when it overlaps a term other papers share: it
    would add a node that links nothing. A title's own term stays even so ("linear
    attention" although "attention" is shared): it is what the paper is about. A
    shared term inside a better-ranked shared term ("language model" in "large
    language model") is dropped too: the longer one says it already.
    """
    chosen: list[tuple[str, float]] = []
    shared = None  # the words of the paper's shared terms, once a lone term outside the title asks
    for score, key in scored:
        these = words[key]
        if df[key] == 1:
            if any(overlaps(these, words[k]) for k, _ in chosen):
                continue
            if key not in in_title:
                if shared is None:
                    shared = [words[k] for _, k in scored if df[k] > 1]
                if any(overlaps(these, other) for other in shared):
                    continue
        elif any(df[k] > 1 and len(words[k]) > len(these) and overlaps(these, words[k]) for k, _ in chosen):
            continue
        chosen.append((key, round(score, 4)))
        if len(chosen) == limit:
            break
    return chosen


def overlaps(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One word sequence inside the other (and not the same)."""
    if a == b:
        return False
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) == 1:
        return short[0] in long
    return any(long[i:i + len(short)] == short for i in range(len(long) - len(short) + 1))


def make_concept(key: str, surfaces: Counter, papers: int, preferred: str | None = None) -> Concept:
    """Labels of a concept: the thesaurus' spelling or its most frequent English form as prefLabel,
    the other spellings, acronyms and Korean forms as altLabels."""
    def best(language: str, acronym: bool | None = None) -> list[str]:
        forms = [(-n, form) for (form, lang), n in surfaces.items() if lang == language
                 and (acronym is None or is_acronym(form) == acronym)]
        return list(dict.fromkeys(form for _, form in sorted(forms)))

    own = [f for f in best("en") if english_key(f.split()) == key.removeprefix("en:")]
    own.sort(key=str.islower)  # capitals are kept only as a name is written: `Zebra`, `LoRA`
    variants = [f for f in best("en", acronym=False) if f not in own]
    acronyms = [a for a in dict.fromkeys(english_display([f]) for f in best("en", acronym=True)) if a not in own]
    spellings = {}
    for k in best("ko"):  # most frequent first; `양자화`, not also `양 자화`
        spellings.setdefault(compact(k), k)
    korean = list(spellings.values())
    if preferred:
        label, language = preferred, "ko" if HANGUL.search(preferred) else "en"
    elif key.startswith("ko:"):
        label, language = korean[0], "ko"
    elif own:
        label, language = own[0], "en"
    else:
        label, language = (acronyms[0] if acronyms else key.removeprefix("en:")), "en"
    alt = [(f, "en") for f in own + variants[:3] + acronyms] + [(k, "ko") for k in korean[:3]]
    alt = [a for a in dict.fromkeys(alt) if a[0].casefold() != label.casefold()]
    return Concept(key=key, label=label, language=language, alt_labels=tuple(alt), papers=papers)
