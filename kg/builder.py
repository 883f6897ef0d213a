"""`kg build` as a library: digest files and settings in, a graph and its exports out.

    >>> import kg
    >>> G = kg.build_graph(["seeds"])                          # doctest: +SKIP
    >>> report = kg.build(["seeds"], "exports")                 # doctest: +SKIP

`build_graph` gives the graph the exports are written from; `build` writes them too
and reports what it did. Both go through `graph_being_built`, the one orchestration
of the stages (the `kg` command only maps its options to `BuildSettings` and prints).
"""

from __future__ import annotations

import contextlib
import functools
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, TextIO

import networkx as nx

from .aliases import AliasReport
from .cache import BuildCache
from .errors import InputWarning, KgError
from .export import write_exports
from .graph import coauthor_graph, summarize
from .parse import find_digest_files
from .pipeline import (ALIASES_FILE, THESAURUS_FILE, JoiningTopics, extracting_topics, files_at_top,
                       graph_without_topics, load_corpus, merge_aliases)
from .records import Corpus
from .runtime import FORKED, SERIAL, Executor, gc_paused
from .settings import BuildSettings, ExportSettings
from .topics import Topics, extract_topics, load_thesaurus

__all__ = ["BuildSettings", "ExportSettings", "BuildReport", "Progress", "TextProgress", "build", "build_graph",
           "graph_of_corpus", "graph_being_built", "describe_input", "topics_of_paths", "built_or_read_graph", "CACHE_FOLDER"]

#: Parsed files and analysed summaries, kept beside the exports for the next build.
CACHE_FOLDER = ".kg-cache"


class Progress:
    """What a build tells as it goes; this one tells nothing (override what you show)."""

    def files(self, done: int, total: int) -> None:
        """`done` of `total` digest files read."""

    def warning(self, warning: InputWarning) -> None:
        """Something in the input skipped or repaired (all are known before the graph is built)."""

    def stage(self, message: str) -> None:
        """A stage begins, or an export file is being written."""


class TextProgress(Progress):
    """Progress printed to `stream` (e.g. `sys.stderr`): warnings, and unless `quiet` each stage
    and a file counter (on a terminal in place, else a line every 100 files)."""

    def __init__(self, stream: TextIO, quiet: bool = False):
        self.stream, self.quiet = stream, quiet

    def print(self, text: str, end: str = "\n") -> None:
        self.stream.write(text + end)
        self.stream.flush()

    def files(self, done: int, total: int) -> None:
        if self.quiet:
            return
        if self.stream.isatty():
            self.print(f"\rreading digests {done}/{total}", end="\n" if done == total else "")
        elif done % 100 == 0 or done == total and total >= 100:
            self.print(f"read {done}/{total} files")

    def warning(self, warning: InputWarning) -> None:
        self.print(f"warning: {warning}")

    def stage(self, message: str) -> None:
        if not self.quiet:
            self.print(message)


@dataclass
class BuildReport:
    """What `build` read and wrote."""

    files: int
    counts: dict[str, int]  # papers, authors, ... (`kg.graph.summarize`)
    warnings: list[InputWarning]
    written: list[Path]
    seconds: float
    aliases: list[Path]
    aliases_merged: int
    aliases_undecided: int
    thesauri: list[Path]
    hyperauthored_papers: int  # above --max-coauthors: authorships kept, no co-author pairs
    authors_left_out: int  # below --min-papers, out of the co-author exports
    settings: BuildSettings

    def summary(self) -> list[str]:
        """The lines `kg build` prints."""
        width = max(map(len, self.counts))
        lines = [f"kg build: {self.files} files read in {self.seconds:.1f}s"]
        lines += [f"  {name:<{width}}  {value:>8,}" for name, value in self.counts.items()]
        lines.append(f"  {'warnings':<{width}}  {len(self.warnings):>8,}")
        if self.aliases:
            lines.append(f"{self.aliases_merged:,} author name(s) merged by {', '.join(map(str, self.aliases))}; "
                         f"{self.aliases_undecided:,} alias suggestion(s) undecided")
        elif self.aliases_undecided:
            lines.append(f"{self.aliases_undecided:,} alias suggestion(s) undecided: see `kg aliases suggest`")
        if self.thesauri:
            lines.append(f"topic thesaurus: {', '.join(map(str, self.thesauri))} over the shipped glossary")
        if self.hyperauthored_papers:
            lines.append(f"{self.hyperauthored_papers:,} paper(s) with more than {self.settings.max_coauthors} "
                         "authors kept their authorships but add no co-author pairs (--max-coauthors)")
        if self.settings.exports.min_papers > 1:
            lines.append(f"{self.authors_left_out:,} author(s) with fewer than {self.settings.exports.min_papers} "
                         "papers left out of the co-author exports (--min-papers)")
        lines.append("wrote " + ", ".join(str(p) for p in self.written))
        return lines


@dataclass
class _Building:
    """A graph without its topics yet, and what completes it."""

    G: nx.Graph
    topics: JoiningTopics
    corpus_files: int
    warnings: list[InputWarning]
    aliases: list[Path]
    alias_report: AliasReport
    thesauri: list[Path]


def describe_input(paths: Iterable[str | Path]) -> str:
    """`seeds (5 files)`: the folder all files read share, named as exports name files."""
    files = list(find_digest_files(paths).values())
    common = os.path.commonpath(files) if files else ""
    return f"{common or '.'} ({len(files)} file{'s' if len(files) != 1 else ''})"


@contextlib.contextmanager
def graph_being_built(records: Callable[[], Corpus], settings: BuildSettings, progress: Progress,
                      cache: BuildCache, aliases: list[Path], thesauri: list[Path], source: str = "",
                      executor: Executor = FORKED) -> Iterator[_Building]:
    """The graph of the corpus `records()` gives, with its aliases merged, while its topics are
    extracted in another process: the block gets the graph without topics and what joins them
    (`topics.complete()`). The corpus is read here, not passed, so that nothing keeps it while
    the block writes the exports.

    Raises `KgError` for a corpus without papers, or with warnings under `settings.strict`.
    """
    thesaurus = load_thesaurus(thesauri)
    corpus = records()
    # The topics need no author identities, graph or co-author exports: extracted meanwhile.
    with extracting_topics(corpus.papers.values(), settings.topics_per_paper, settings.min_topic_papers, cache,
                           thesaurus, executor) as extraction:
        corpus, alias_report = merge_aliases(corpus, aliases)
        for warning in corpus.warnings:
            progress.warning(warning)
        if not corpus.papers:
            raise KgError(f"no papers found in {source or 'the input'}; nothing written")
        if settings.strict and corpus.warnings:
            raise KgError(f"{len(corpus.warnings)} warning(s) and --strict: nothing written")
        progress.stage("analysing the summaries, building the graph and its network metrics")
        G = graph_without_topics(corpus, source=source, base_iri=settings.base_iri,
                                 max_coauthors=settings.max_coauthors)
        building = _Building(G, JoiningTopics(G, extraction), corpus.files, corpus.warnings, aliases,
                             alias_report, thesauri)
        del corpus  # need not stay in memory while the exports are written
        yield building


def input_files(paths: Iterable[str | Path], given: tuple[Path, ...] | None, name: str) -> list[Path]:
    return list(given) if given is not None else files_at_top(paths, name)


def graph_of_paths(paths: list[str | Path], settings: BuildSettings, progress: Progress, cache: BuildCache,
                   executor: Executor):
    """`graph_being_built` for the digests under `paths`, with the aliases and thesaurus files they hold."""
    return graph_being_built(functools.partial(load_corpus, paths, progress.files, cache), settings, progress,
                             cache, input_files(paths, settings.aliases, ALIASES_FILE),
                             input_files(paths, settings.thesaurus, THESAURUS_FILE), describe_input(paths), executor)


@gc_paused()
def build_graph(paths: Iterable[str | Path], settings: BuildSettings = BuildSettings(),
                progress: Progress = Progress(), cache: BuildCache | None = None,
                executor: Executor = FORKED) -> nx.Graph:
    """The knowledge graph of the digests under `paths`: the graph `build` writes the exports from.

    Input problems are warnings (`progress.warning`), as in `build`.
    """
    cache = cache if cache is not None else BuildCache()
    with graph_of_paths(list(paths), settings, progress, cache, executor) as building:
        building.topics.complete()
        return building.G


@gc_paused()
def graph_of_corpus(corpus: Corpus, settings: BuildSettings = BuildSettings(), source: str = "",
                    executor: Executor = FORKED) -> nx.Graph:
    """The knowledge graph of records already read (no aliases or thesaurus files)."""
    with graph_being_built(lambda: corpus, settings, Progress(), BuildCache(), [], [], source, executor) as building:
        building.topics.complete()
        return building.G


def built_or_read_graph(paths: Iterable[str | Path]) -> nx.Graph:
    """The graph of an exports folder (its graph.graphml, read back) or of digests (built as `build_graph`)."""
    paths = [Path(p) for p in paths]
    if len(paths) == 1 and (paths[0] / "graph.graphml").is_file():
        try:
            return nx.read_graphml(paths[0] / "graph.graphml")
        except Exception as exc:  # noqa: BLE001 - a damaged export is one line
            raise KgError(f"{paths[0] / 'graph.graphml'}: cannot read it ({exc})") from None
    return build_graph(paths, executor=SERIAL)


def topics_of_paths(paths: Iterable[str | Path], thesaurus: tuple[Path, ...] | None = None) -> tuple[Topics, int]:
    """The topic concepts of the digests under `paths` (what `kg topics` prints), and how many papers they hold."""
    paths = list(paths)
    corpus = load_corpus(paths)
    found = extract_topics(corpus.papers.values(), thesaurus=load_thesaurus(input_files(paths, thesaurus, THESAURUS_FILE)))
    return found, len(corpus.papers)


# A batch whose objects (records, graph, analyses) live to its end: the cyclic garbage
# collector would only walk them again and again; reference counting still frees the rest.
@gc_paused()
def build(paths: Iterable[str | Path], out: str | Path, settings: BuildSettings = BuildSettings(),
          progress: Progress = Progress(), executor: Executor = FORKED) -> BuildReport:
    """Build the graph of the digests under `paths` and write every export into `out`, all or
    nothing; parsed files and analyses are kept in `out/.kg-cache/` for the next build.

    Raises `KgError` (a `ParseError` for a malformed aliases or thesaurus file) when
    nothing is written. `executor` (`kg.runtime.SERIAL`: one process) says where the
    second process's work runs.
    """
    started = time.perf_counter()
    # Imported here, igraph's import frames hold nothing; imported by the metrics stage with
    # the collector paused, their reference cycles kept its edge lists alive.
    import igraph  # noqa: F401
    with graph_of_paths(list(paths), settings, progress, BuildCache(Path(out) / CACHE_FOLDER), executor) as building:
        written = write_exports(building.G, out, settings.exports, progress=progress.stage,
                                completion=building.topics, executor=executor)
    G = building.G
    counts = summarize(G)
    min_papers = settings.exports.min_papers
    left_out = 0 if min_papers <= 1 else counts["authors"] - coauthor_graph(G, min_papers).number_of_nodes()
    return BuildReport(
        files=building.corpus_files, counts=counts, warnings=building.warnings, written=written,
        seconds=time.perf_counter() - started, aliases=building.aliases,
        aliases_merged=building.alias_report.merged, aliases_undecided=building.alias_report.undecided,
        thesauri=building.thesauri, hyperauthored_papers=G.graph["hyperauthored_papers"],
        authors_left_out=left_out, settings=settings)
