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

import functools
import re
from typing import Iterable

from ..records import Paper
from ..settings import MIN_PAPERS, PER_PAPER
from .alignment import align
from .artifacts import Artifact, artifact_key, find_artifacts
from .english import english_terms, title_terms
from .korean import Analyzer, analyse_summaries, gloss_items, korean_terms, revived
from .ranking import TITLE_WEIGHT, Concept, Topics, rank
from .terms import MAX_WORDS, WORD, Candidate, Gloss, PaperTerms, compact, english_display, english_key
from .thesaurus import Thesaurus, ThesaurusError, load_thesaurus, read_thesaurus, shipped_glossary, term_key

__all__ = ["Concept", "Topics", "Artifact", "find_artifacts", "Thesaurus", "ThesaurusError", "extract_topics", "collect_terms", "align",
           "read_thesaurus", "load_thesaurus", "shipped_glossary", "term_key", "english_terms", "english_key",
           "korean_terms", "analyse_summaries", "Analyzer", "compact", "TITLE_WEIGHT", "PER_PAPER", "MIN_PAPERS", "MAX_DF"]

MAX_DF = 0.5
GLOSS_EN_ACRONYM = re.compile(r"([A-Za-z][A-Za-z\- ]{2,80}?)\s*\(\s*([A-Z][A-Za-z0-9\-]*)\s*\)")


def extract_topics(papers: Iterable[Paper], per_paper: int = PER_PAPER, min_papers: int = MIN_PAPERS,
                   max_df: float = MAX_DF, cache=None, thesaurus: Thesaurus | None = None,
                   analyzer: Analyzer | None = None) -> Topics:
    """Topic concepts of a set of papers, ranked per paper.

    `cache` (a `kg.cache.BuildCache`) keeps each summary's analysis between builds;
    `thesaurus` defaults to the shipped glossary (`load_thesaurus()`), `analyzer` to
    a new Kiwi (`kg.topics.korean.kiwi`).
    """
    papers = list(papers)
    thesaurus = load_thesaurus() if thesaurus is None else thesaurus
    terms, glosses = collect_terms(papers, cache, analyzer)
    artifacts = find_artifacts(papers, min_papers)
    terms = {arxiv_id: without_names(found, artifacts.names) for arxiv_id, found in terms.items()}
    resolve_label = align(terms, glosses, thesaurus)
    topics = rank(papers, terms, resolve_label, thesaurus, per_paper, min_papers, max_df, artifacts.names)
    topics.artifacts = artifacts.nodes
    return topics


def without_names(terms: PaperTerms, names: frozenset[str]) -> PaperTerms:
    """A paper's candidates less the names of artifacts: `Lumiere`, `GPT-4` are not topics."""
    def keep(c: Candidate) -> bool:
        return c.key.startswith("ko:") or artifact_key(c.surface or c.display) not in names
    return PaperTerms([c for c in terms.title if keep(c)], [c for c in terms.summary if keep(c)])



def summary_text(paper: Paper) -> str:
    """What the Korean analysis reads of a paper (and what its cache is keyed by)."""
    return "\n".join(paper.summary)


def collect_terms(papers: list[Paper], cache=None, analyzer: Analyzer | None = None,
                  ) -> tuple[dict[str, PaperTerms], dict[str, list[Gloss]]]:
    """Each paper's candidate terms, and its glosses, by arXiv id."""
    summaries = [summary_text(p) for p in papers]
    analyse = functools.partial(analyse_summaries, analyzer=analyzer) if analyzer else analyse_summaries
    analyses = cache.analyse(summaries, analyse) if cache else analyse(summaries)
    terms: dict[str, PaperTerms] = {}
    glosses: dict[str, list[Gloss]] = {}
    for paper, analysis in zip(papers, analyses):
        korean, english, found = revived(analysis)
        glosses[paper.arxiv_id] = [Gloss(
            Candidate("en:" + english_key(WORD.findall(m[1])[-MAX_WORDS:]),
                      english_display(WORD.findall(m[1])[-MAX_WORDS:])),
            gloss_items(m[2])) for m in GLOSS_EN_ACRONYM.finditer(paper.title)] + found
        terms[paper.arxiv_id] = PaperTerms(title_terms(paper.title), korean + english)
    return terms, glosses

