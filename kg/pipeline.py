"""The whole pipeline in order: files -> digests -> corpus -> topics -> graph -> metrics -> exports.

(`extracting_topics` runs topic extraction in a second process while the author
identities, the graph, the co-author metrics and the exports that need no topics
are made; the topics join the graph after: `JoiningTopics`.)
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import networkx as nx

from .aliases import AliasReport, apply_aliases, read_aliases, suggest_aliases
from .runtime import FORKED, Child, Executor, InTurn
from .cache import BuildCache
from .errors import InputWarning, ParseError, WorkerError
from .graph import MAX_COAUTHORS, add_topics, build_graph
from .identity import name_key, resolve
from .metrics import add_author_metrics, add_topic_metrics
from .parse import find_digest_files, read_digest
from .records import Corpus, Digest, Paper
from .topics import MIN_PAPERS, PER_PAPER, Thesaurus, Topics, extract_topics

__all__ = ["load_corpus", "files_at_top", "merge_aliases", "extracting_topics", "graph_without_topics",
           "join_topics", "TopicExtraction", "JoiningTopics", "ALIASES_FILE", "THESAURUS_FILE"]

#: Files of these names at the top of an input folder are applied by `kg build`.
ALIASES_FILE = "aliases.csv"
THESAURUS_FILE = "thesaurus.tsv"


def load_corpus(paths: Iterable[str | Path], progress: Callable[[int, int], None] = lambda i, n: None,
                cache: BuildCache | None = None) -> Corpus:
    """Read every digest under `paths`; a file that cannot be read becomes a warning."""
    files = find_digest_files(paths)
    digests: list[Digest] = []
    warnings: list[InputWarning] = []
    for i, (path, source) in enumerate(files.items(), start=1):
        try:
            found, file_warnings = read_digest(path, cache, source)
        except ParseError as exc:
            warnings.append(InputWarning(exc.path, exc.line or 0, f"file skipped: {exc.message}"))
        else:
            digests.extend(found)
            warnings.extend(file_warnings)
        progress(i, len(files))
    return resolve(digests, files=len(files), warnings=warnings)


def files_at_top(paths: Iterable[str | Path], name: str) -> list[Path]:
    """The files called `name` at the top of the input folders, in input order."""
    found = [Path(p) / name for p in paths if Path(p).is_dir()]
    return list(dict.fromkeys(f for f in found if f.is_file()))


def merge_aliases(corpus: Corpus, files: Iterable[str | Path]) -> tuple[Corpus, AliasReport]:
    """The corpus with the `merge` rows of the aliases files applied (identity stage).

    The report counts the names merged and the suggestions the files leave
    undecided (neither merged nor marked `split`). Raises `AliasError` for a
    malformed row; a name not in the corpus is a warning.
    """
    rows = [row for f in files for row in read_aliases(f)]
    corpus, report = apply_aliases(corpus, rows)
    report.undecided = sum(1 for s in suggest_aliases(corpus)
                           if frozenset((name_key(s.canonical), name_key(s.variant))) not in report.split_pairs)
    return corpus, report


@contextlib.contextmanager
def extracting_topics(papers: Iterable[Paper], per_paper: int = PER_PAPER, min_papers: int = MIN_PAPERS,
                      cache: BuildCache | None = None, thesaurus: Thesaurus | None = None,
                      executor: Executor = FORKED) -> Iterator[TopicExtraction]:
    """Topic extraction running for the time of the block.

    The Korean analysis of the summaries (the slow part) runs in a second process
    (`executor`), so that the block (author identities,
    the graph, its co-author metrics, the exports that need no topics) uses the
    other core. It keeps what it analysed in `cache` and saves it there; only the
    topics come back.
    """
    papers = list(papers)
    cache = cache if cache is not None else BuildCache()

    def topics_of_papers() -> Topics:
        topics = extract_topics(papers, per_paper=per_paper, min_papers=min_papers, cache=cache, thesaurus=thesaurus)
        cache.save()  # by the process that analysed: the other's copy of the cache lacks it
        return topics

    with executor.background(topics_of_papers, "topic extraction process") as worker:
        if isinstance(worker, Child):  # it has its copy: the records need not stay here during the exports
            del papers, cache
        yield TopicExtraction(worker)


class TopicExtraction:
    """Topics being extracted: `wait` for them, or ask whether they are `ready`."""

    def __init__(self, worker: Child | InTurn):
        self.worker = worker

    def ready(self) -> bool:
        return self.worker.ready()

    def wait(self) -> Topics:
        try:
            return self.worker.wait()
        except WorkerError as exc:
            raise WorkerError(f"cannot extract the topics: {exc}") from None


@dataclass
class JoiningTopics:
    """The topics of a graph built without them, joined once extracted (`write_exports`' completion)."""

    G: nx.Graph
    extraction: TopicExtraction

    def ready(self) -> bool:
        return self.extraction.ready()

    def complete(self) -> None:
        join_topics(self.G, self.extraction.wait())


def graph_without_topics(corpus: Corpus, source: str = "", base_iri: str | None = None,
                         max_coauthors: int = MAX_COAUTHORS) -> nx.Graph:
    """The graph and its co-author metrics: all but the topics (`join_topics`)."""
    G = build_graph(corpus, max_coauthors=max_coauthors)
    add_author_metrics(G)
    if source:
        G.graph["source"] = source
    if base_iri:
        G.graph["base_iri"] = base_iri
    return G


def join_topics(G: nx.Graph, topics: Topics) -> None:
    """The topic concepts, their paper links and their metrics."""
    add_topics(G, topics)
    add_topic_metrics(G)
