"""Glosses -> one concept per meaning: acronyms to their expansion, Korean terms to English ones."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from .terms import Candidate, Gloss, PaperTerms, compact, is_acronym, korean_key, word_list, words_of
from .thesaurus import Thesaurus


def initials(key: str) -> str:
    return "".join(w[0] for w in key.removeprefix("en:").split())


def acronym_letters(key: str) -> str:
    return re.sub(r"[^a-z]", "", key.removeprefix("en:"))


def matches_initials(acronym: str, phrase: str) -> bool:
    """`llm` ~ `large language model`, `rlhf` ~ `reinforcement learning from human feedback`."""
    letters, words = acronym_letters(acronym), phrase.removeprefix("en:").split()
    content = [w for w in words if w not in word_list("stopwords.en.txt")]
    return letters in ("".join(w[0] for w in words), "".join(w[0] for w in content))


def term_length(c: Candidate) -> int:
    """Words of an English term, letters of an acronym: what a Korean compound's nouns match."""
    return len(acronym_letters(c.key)) if is_acronym(c.display) else len(c.key.split())


#: A single Korean noun that its own paper does not gloss joins the English term the
#: corpus glosses it with only when at least this many papers do, and ...
SINGLE_NOUN_PAPERS = 2
#: ... that term (or an acronym's expansion) has this share of the papers that give one.
AGREEING_SHARE = 2 / 3


def most(votes: Counter | dict, among) -> str:
    """Of `among`, the one with most `votes`; of equals, the first in order."""
    return min(among, key=lambda reading: (-votes[reading], reading))


def dominant(papers: dict[str, int], at_least: int = SINGLE_NOUN_PAPERS) -> str | None:
    """The reading the input agrees on, of readings with the number of papers that give each."""
    if not papers:
        return None
    best = most(papers, papers)
    return best if papers[best] >= at_least and papers[best] >= AGREEING_SHARE * sum(papers.values()) else None


def paper_reading(readings: dict[str, set[str]], votes: Counter, paper: str | None, at_least: int) -> str | None:
    """Of the readings of a term (each with the papers that give it): the one its `paper` gives
    (the most voted if several), else the one the input agrees on (`dominant`), else None."""
    own = [reading for reading, papers in readings.items() if paper in papers]
    if own:
        return most(votes, own)
    return dominant({reading: len(papers) for reading, papers in readings.items()}, at_least)


def align(terms: dict[str, PaperTerms], glosses: dict[str, list[Gloss]], thesaurus: Thesaurus) -> Alignment:
    """A function from any term key to its concept key, learnt from the glosses (`Alignment`)."""
    return Alignment(terms, glosses, thesaurus)


class Alignment:
    """Any term key -> its concept key ("" to drop it), learnt from the glosses of the input.

    A term the thesaurus knows goes to its concept; any other goes where the
    glosses lead, and from there to the thesaurus concept if it names one.

    Each acronym goes to the English phrase it is most often spelled out as (or, if
    never spelled out, the most frequent phrase of the input with its initials);
    each Korean term to the English term it is most often glossed with, a gloss
    counting more when the English has as many words as the Korean has nouns
    (`인간 피드백에서의 강화 학습(RLHF)` glosses the whole phrase, not `강화 학습`).

    A single Korean noun is more ambiguous (`검색` is search, retrieval, OpenSearch):
    it joins what its own paper glosses it with, else what the corpus glosses it with
    only if that is dominant (`SINGLE_NOUN_PAPERS`, `SINGLE_NOUN_SHARE`); else it stays
    Korean.
    """

    def __init__(self, terms: dict[str, PaperTerms], glosses: dict[str, list[Gloss]], thesaurus: Thesaurus):
        self.thesaurus = thesaurus
        self.frequency = Counter(c.key for t in terms.values() for c in t.title + t.summary)
        self.expansions: dict[str, Counter] = defaultdict(Counter)  # acronym -> English phrases
        self.translations: dict[str, Counter] = defaultdict(Counter)  # Korean term -> English terms
        self.glossed_in: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # noun -> term -> papers
        self.spelled_out_in: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # acronym -> ...
        self.initials_of: dict[str, set[str]] = {}  # acronym never spelled out -> the phrases with its initials
        self.paper_keys = {pid: {c.key for c in t.title + t.summary} for pid, t in terms.items()}
        acronyms = {c.key for t in terms.values() for c in t.title + t.summary if is_acronym(c.display)}
        for paper, paper_glosses in glosses.items():
            for gloss in paper_glosses:
                self.learn_gloss([gloss.term, *gloss.items], acronyms, paper)
        self.learn_initials(terms, acronyms)
        # Word by word: `대규모 언어 모델(large language model)` teaches 언어 = language,
        # 모델 = model, so the unglossed `언어 모델` can join `language model` if the input has it.
        self.korean_nouns = {c.key: c.display.split() for t in terms.values() for c in t.summary
                             if c.key.startswith("ko:")}
        self.words: dict[str, Counter] = defaultdict(Counter)
        for gloss in (g for paper_glosses in glosses.values() for g in paper_glosses):
            self.learn_words([gloss.term, *gloss.items])
        # Spelling variants (`pre-training`, `pretraining`) become the most frequent spelling.
        self.spellings: dict[str, str] = {}
        for key, _ in sorted(self.frequency.items(), key=lambda kv: (-kv[1], kv[0])):
            self.spellings.setdefault(compact(key), key)
        self.resolved: dict = {}  # key, or (key, paper) where the paper decided -> concept
        self.asked_paper = False  # whether the resolution under way consulted its paper

    def learn_gloss(self, labels: list[Candidate], acronyms: set[str], paper: str) -> None:
        english = [c for c in labels if c.key.startswith("en:")]
        for a in english:
            if is_acronym(a.display):
                acronyms.add(a.key)
                for p in english:
                    if not is_acronym(p.display) and matches_initials(a.key, p.key):
                        self.expansions[a.key][p.key] += 1
                        self.spelled_out_in[a.key][p.key].add(paper)
        for k in (c for c in labels if c.key.startswith("ko:")):
            nouns = k.display.split()
            for e in english:
                words = term_length(e)
                if len(nouns) == 1 and words >= 3:
                    continue  # `학습(in-context learning)`: the gloss covers words before the noun
                if len(nouns) > words and not is_acronym(e.display):
                    # `오디오 코덱과 확산 모델(diffusion model)` glosses its last two nouns
                    glossed = korean_key(nouns[-words:])
                    self.translations[glossed][e.key] += 1
                else:
                    glossed = k.key
                    self.translations[glossed][e.key] += 1 / (1 + abs(len(nouns) - words))
                self.glossed_in[glossed][e.key].add(paper)

    def learn_initials(self, terms: dict[str, PaperTerms], acronyms: set[str]) -> None:
        """Initials stand in for a gloss only for plain capitals (RL, LLM), not names (PaLM, LoRA)."""
        capitals = {c.key for t in terms.values() for c in t.title + t.summary
                    if is_acronym(c.display) and c.display.removesuffix("s").isupper() and c.display.isalpha()}
        by_initials: dict[str, list[str]] = defaultdict(list)
        for p in self.frequency:
            if p.startswith("en:") and " " in p and p not in acronyms:
                by_initials[initials(p)].append(p)
                content = "".join(w[0] for w in words_of(p) if w not in word_list("stopwords.en.txt"))
                if content != initials(p):
                    by_initials[content].append(p)
        for a in sorted((acronyms & capitals) - self.expansions.keys()):
            spelled = [(self.frequency[p], p) for p in by_initials.get(acronym_letters(a), ())]
            if spelled:
                self.expansions[a][max(spelled)[1]] += 1
                self.initials_of[a] = {p for _, p in spelled}

    def learn_words(self, labels: list[Candidate]) -> None:
        for k in (c for c in labels if c.key.startswith("ko:")):
            nouns = k.display.split()
            for e in (c for c in labels if c.key.startswith("en:") and not is_acronym(c.display)):
                english = words_of(e.key)
                if len(nouns) == len(english) >= 2:
                    for noun, word in zip(nouns, english):
                        self.words[noun.replace("-", "")][word] += 1

    def expand(self, key: str, paper: str | None = None) -> str:
        """An acronym's expansion: in `paper`, the one it spells out, else one the input agrees on
        (`dominant`), else the acronym itself; without a paper, the most frequent."""
        best = self.expansions.get(key)
        if not best:
            return key
        top = most(best, best)
        if paper is None:
            return top
        self.asked_paper = True
        if key in self.spelled_out_in:
            # One paper spelling an acronym out suffices (its letters are checked), if none disagrees.
            found = paper_reading(self.spelled_out_in[key], best, paper, at_least=1)
            if found:
                return found
        elif len(self.initials_of.get(key, ())) == 1:  # the one phrase of the input with its initials
            return top
        # Ambiguous (`IR`: information retrieval, impulse response): what the paper writes, else itself.
        written = [p for p in best if p in self.paper_keys.get(paper, ())]
        return most(best, written) if written else key

    def word_by_word(self, key: str) -> str | None:
        nouns = [n.replace("-", "") for n in self.korean_nouns.get(key, [])]
        if len(nouns) < 2 or not all(n in self.words for n in nouns):
            return None
        english = "en:" + " ".join(min(self.words[n].items(), key=lambda kv: (-kv[1], kv[0]))[0] for n in nouns)
        return english if english in self.frequency else None

    def single_noun_translation(self, key: str, paper: str | None) -> str | None:
        """What a single Korean noun stands for in `paper`: its own gloss, or a dominant one; None: itself."""
        self.asked_paper = True
        return paper_reading(self.glossed_in.get(key, {}), self.translations[key], paper, SINGLE_NOUN_PAPERS)

    def translate(self, key: str, paper: str | None = None) -> str:
        if len(self.korean_nouns.get(key, ())) == 1 and key in self.glossed_in:
            english = self.single_noun_translation(key, paper)
            return self.expand(english, paper) if english else key
        votes = Counter()
        for english, count in self.translations[key].items():
            votes[self.expand(english, paper)] += count
        if not votes:
            composed = self.word_by_word(key)
            return self.expand(composed, paper) if composed else key
        return min(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0]

    def expand_inside(self, key: str, paper: str | None = None) -> str:
        """`modular LLM` -> `modular large language model`; not inside names with numbers (`GPT-4`)."""
        words = words_of(key)
        if len(words) < 2 or any(w.isdigit() for w in words) or not any("en:" + w in self.expansions for w in words):
            return key
        return "en:" + " ".join(self.expand("en:" + w, paper).removeprefix("en:") for w in words)

    def __call__(self, key: str, paper: str | None = None) -> str:
        """The concept of term `key` (as it is used in `paper`, for a single Korean noun)."""
        # Most keys mean the same in every paper; those whose resolution consulted the
        # paper (an acronym, a single Korean noun) are kept per paper.
        if key in self.resolved:
            return self.resolved[key]
        if (key, paper) in self.resolved:
            return self.resolved[key, paper]
        self.asked_paper = False
        spelled = self.spellings.get(compact(key), key)
        known = self.thesaurus.concept(key)
        if known is None:
            learnt = (self.translate(spelled, paper) if spelled.startswith("ko:")
                      else self.expand_inside(self.expand(spelled, paper), paper))
            known = self.thesaurus.concept(learnt)
            known = learnt if known is None else known
        self.resolved[(key, paper) if self.asked_paper else key] = known
        return known
