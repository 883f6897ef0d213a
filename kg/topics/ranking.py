"""Candidates -> each paper's topics: TF-IDF with priors, near-duplicates dropped, concepts labelled."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ..records import Paper
from .artifacts import Artifact, artifact_key
from .terms import HANGUL, Candidate, PaperTerms, compact, english_display, english_key, is_acronym, word_list, words_of
from .thesaurus import Thesaurus

TITLE_WEIGHT = 3.0
VOCABULARY_WEIGHT = 1.5  # a thesaurus concept of several words
LONE_PHRASE_WEIGHT = 0.4  # a phrase of several words in one paper only
TITLE_WORDING_WEIGHT = 0.25  # ... and only once in its title: the summary never says it
INSIDE_WEIGHT = 0.5  # a thesaurus term inside a longer term: "attention" in "local-global attention"
KOREAN_ONLY_WEIGHT = 0.25  # a Korean term no gloss ties to English: less sure to be a field's term
#: A broad or Korean-only term worth less than one plain mention after its discount: not a topic of the paper.
MIN_SCORE = 1.0
BROAD_WEIGHT = 0.3  # a term of the whole field (kg/data/broad.en.txt) that the paper's title does not say
MODEL_SIZE = re.compile(r"^\d+(\.\d+)?[bmk]$")


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
    """What topic extraction found: concepts, each paper's ranked concepts, and the named artifacts."""

    concepts: dict[str, Concept] = field(default_factory=dict)
    assigned: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)  # arxiv id -> (key, score)
    artifacts: dict[str, Artifact] = field(default_factory=dict)  # by key (`kg.topics.artifacts`)

    def bilingual(self) -> int:
        """How many concepts have labels in both English and Korean."""
        return sum(1 for c in self.concepts.values() if {c.language} | {lang for _, lang in c.alt_labels} >= {"en", "ko"})

    def table(self, limit: int) -> list[str]:
        """The `limit` concepts with most papers, as the lines `kg topics` prints."""
        lines = [f"{'papers':>6}  {'concept':<40} other labels"]
        for c in sorted(self.concepts.values(), key=lambda c: (-c.papers, c.label))[:limit]:
            others = ", ".join(f"{label} ({language})" for label, language in c.alt_labels)
            lines.append(f"{c.papers:>6}  {c.label + ' (' + c.language + ')':<40} {others}".rstrip())
        return lines

    def artifacts_line(self, limit: int) -> str:
        """The `limit` artifacts most papers name, as `kg topics` prints them."""
        named = sorted(self.artifacts.values(), key=lambda a: (-a.papers, a.label))[:limit]
        return (f"{len(self.artifacts)} artifacts (named models, datasets, systems), most named: "
                + ", ".join(f"{a.label} ({a.papers})" for a in named))



@cache
def generic_english() -> frozenset[str]:
    """generic.en.txt as term keys: `easy-to-use` as `easy to use`, `results` as `result`."""
    return frozenset(english_key([w]) for w in word_list("generic.en.txt"))


def is_generic(candidate: Candidate) -> bool:
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


def rank(papers: list[Paper], terms: dict[str, PaperTerms], resolve_label, thesaurus: Thesaurus,
         per_paper: int, min_papers: int, max_df: float, names: frozenset[str] = frozenset()) -> Topics:
    weights: dict[str, Counter] = {}
    surfaces: dict[str, Counter] = defaultdict(Counter)
    in_title: set[str] = set()
    titled: dict[str, set[str]] = {}  # each paper's concepts in its title
    for paper in papers:
        tf = Counter()
        titled[paper.arxiv_id] = own_title = set()
        for weight, candidates in ((TITLE_WEIGHT, terms[paper.arxiv_id].title), (1.0, terms[paper.arxiv_id].summary)):
            for c in candidates:
                language = "ko" if c.key.startswith("ko:") else "en"
                concept = resolve_label(c.key, paper.arxiv_id)
                if not concept or is_generic(c) or (language == "ko" and concept == c.key and " " not in c.display):
                    continue  # a lone Korean noun counts only when a gloss or the thesaurus ties it to a concept
                found = [(concept, c.surface or c.display, 1.0)]
                found += [(inner, surface, INSIDE_WEIGHT) for inner, surface in thesaurus.spotted(c) if inner != concept]
                for concept, surface, share in found:
                    if artifact_key(concept.removeprefix("en:")) in names:
                        continue  # a name the thesaurus spots in a term: `Stable Diffusion` in "stable diffusion xl"
                    tf[concept] += weight * share * (KOREAN_ONLY_WEIGHT if concept.startswith("ko:") else 1.0)
                    surfaces[concept][(surface, language)] += 1
                    if weight == TITLE_WEIGHT:
                        in_title.add(concept)
                        own_title.add(concept)
        weights[paper.arxiv_id] = tf
    df = Counter(k for tf in weights.values() for k in tf)
    n = max(1, len(papers))
    allowed = {k for k, d in df.items()
               if (d >= min_papers or k in in_title or k in thesaurus.labels) and (d / n <= max_df or n < 20)
               and not is_generic(Candidate(k, k.removeprefix("en:").removeprefix("ko:")))}
    words = {k: tuple(words_of(k)) for k in allowed}  # each key split once, not once per paper
    topics = Topics()
    for paper in papers:
        scored = []
        for k, tf in weights[paper.arxiv_id].items():
            if k not in allowed:
                continue
            broad = is_broad(k) and k not in titled[paper.arxiv_id]
            score = (tf * (math.log((n + 1) / (df[k] + 1)) + 1) * prior(k, len(words[k]), df[k], tf, thesaurus)
                     * (BROAD_WEIGHT if broad else 1.0))
            if score >= MIN_SCORE or not (broad or k.startswith("ko:")):
                scored.append((score, k))
        scored.sort(key=lambda sk: (-sk[0], sk[1]))
        topics.assigned[paper.arxiv_id] = tuple(select(scored, df, per_paper, in_title, words))
    used = Counter(k for assigned in topics.assigned.values() for k, _ in assigned)
    for key in sorted(used):
        topics.concepts[key] = make_concept(key, surfaces[key], used[key], thesaurus.labels.get(key))
    return topics


@cache
def broad_english() -> frozenset[str]:
    """broad.en.txt as term keys (a hyphen joins the words of a phrase), compacted."""
    return frozenset(compact(english_key(w.split("-"))) for w in word_list("broad.en.txt"))


def is_broad(key: str) -> bool:
    return compact(key.removeprefix("en:")) in broad_english()


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

