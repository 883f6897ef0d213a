"""Export formats, by name, and the atomic writing of a whole build.

Each format is a function `write(G, binary_file)` in its own module, imported on
first use (pyvis and rdflib are only loaded when their format is written).
"""

from __future__ import annotations

import functools
import importlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Protocol

import networkx as nx

from ..runtime import FORKED, Executor, JobList, gc_paused
from ..errors import ExportError, KgError, WorkerError
from ..graph import coauthor_graph, topic_graph
from ..settings import ExportSettings
from . import turtle

__all__ = ["EXPORTS", "Export", "ExportSettings", "exports_help", "write_exports", "coauthor_view", "topic_view",
           "Completion"]


class Completion(Protocol):
    """What a graph still lacks while its exports are started (its topics, being extracted)."""

    def ready(self) -> bool:
        """Whether `complete` would not wait."""

    def complete(self) -> None:
        """Add what is lacking to the graph, waiting for it if need be."""


class NotCompleted(Exception):
    def __init__(self, error: KgError):
        self.error = error


def complete(completion: Completion) -> None:
    try:
        completion.complete()
    except KgError as exc:
        raise NotCompleted(exc) from None


def coauthor_view(G: nx.Graph, settings: ExportSettings = ExportSettings()) -> nx.Graph:
    """The co-author network of the Gephi exports: authors with at least `min_papers` papers."""
    return coauthor_graph(G, min_papers=settings.min_papers)


def topic_view(G: nx.Graph, settings: ExportSettings = ExportSettings()) -> nx.Graph:
    """The topic network of topics.graphml (no setting changes it)."""
    return topic_graph(G)


@dataclass(frozen=True)
class Export:
    """One file of a build: what it holds, how it is written, and when it can be."""

    name: str
    writer: str  # "module:function", imported when first written: function(graph, binary file, ...)
    about: str  # one line, for `kg build --help`
    view: Callable[[nx.Graph, ExportSettings], nx.Graph] | None = None  # the part of the graph it holds
    needs_topics: bool = True  # False: begun while the topics are still extracted
    parts: tuple[turtle.Part, ...] = ()  # written in parts, by both processes, then joined
    from_statistics: bool = False  # written last, from the statistics of the parts joined (void.ttl)
    takes_settings: bool = False  # the writer takes the `ExportSettings`
    cost: int = 0  # jobs are taken costliest first, so both processes end together

    @property
    def format(self) -> str:
        return self.writer.partition(":")[0].rpartition(".")[2]

    def writer_function(self, settings: ExportSettings) -> Callable:
        module, _, function = self.writer.partition(":")
        write = getattr(importlib.import_module(module), function)
        return functools.partial(write, settings=settings) if self.takes_settings else write


#: Every file `kg build` writes, in the order it reports them. The costs rank the files
#: by their writing time on large archives (docs/performance.md); graph.ttl's parts come
#: after the files of their group that take as long, so that they fill the gaps at the end.
EXPORTS: tuple[Export, ...] = (
    Export("graph.ttl", "kg.export.turtle:write_part", "RDF/Turtle, for SPARQL", parts=turtle.PARTS, cost=5),
    Export("void.ttl", "kg.export.void:write_void", "VoID statistics of graph.ttl", from_statistics=True),
    Export("ontology.ttl", "kg.export.vocab:write_ontology", "the kg: vocabulary", needs_topics=False, cost=2),
    Export("shapes.ttl", "kg.export.vocab:write_shapes", "SHACL shapes graph.ttl conforms to", needs_topics=False,
           cost=1),
    Export("graph.graphml", "kg.export.graphml:write_graphml", "everything, for Gephi", cost=8),
    Export("coauthors.graphml", "kg.export.graphml:write_graphml", "the co-author network, for Gephi",
           view=coauthor_view, needs_topics=False, cost=6),
    Export("topics.graphml", "kg.export.graphml:write_graphml", "topics linked by shared papers", view=topic_view,
           cost=6),
    Export("coauthors.gexf", "kg.export.gexf:write_gexf", "the co-author network with a timeline, for Gephi",
           view=coauthor_view, needs_topics=False, cost=7),
    Export("coauthors.html", "kg.export.html:write_html", "the co-author network in a browser, offline",
           needs_topics=False, takes_settings=True, cost=4),
    Export("topics.html", "kg.export.html:write_topic_map", "the topic network in a browser, offline",
           takes_settings=True, cost=7),
    Export("report.html", "kg.export.report:write_report", "an overview: main information, trends, what is new",
           cost=9),  # begun first once the topics are in: matplotlib's import and six charts
)


def exports_help() -> str:
    """The files a build writes, one line each (`kg build --help`)."""
    return "\n".join(f"{e.name}: {e.about}" for e in EXPORTS)


@gc_paused()
def write_exports(G: nx.Graph, out_dir: str | Path, settings: ExportSettings = ExportSettings(),
                  progress: Callable[[str], None] = lambda _: None,
                  completion: Completion | None = None, executor: Executor = FORKED) -> list[Path]:
    """Write every export of `G` into `out_dir`, all or nothing.

    Each file is written to a temporary file in `out_dir` and fsynced; only when
    all are written are they renamed over the old ones, so a failed or killed
    build leaves the previous exports complete.

    Two processes share the writing, each taking the next file (or part of
    graph.ttl) from one list (`write_in_two_processes`). With a `completion`
    (the graph's topics, still being extracted), the files that need no topics
    are begun meanwhile.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(out)
    temporaries: dict[str, Path] = {}
    parts: dict[turtle.Part, Path] = {}
    try:
        for export in EXPORTS:
            temporaries[export.name] = temporary(out, export.name)
            for part in export.parts:
                parts[part] = temporary(out, export.name)
        jobs = export_jobs(temporaries, parts, settings)
        statistics = write_in_two_processes(G, jobs, completion, progress, executor)
        join_parts(G, parts, statistics, temporaries, settings)
        for name, tmp in temporaries.items():
            os.replace(tmp, out / name)
        fsync_dir(out)
    except NotCompleted as failed:
        raise failed.error from None  # not an export's fault: as it is
    except (OSError, ExportError, WorkerError) as exc:
        raise ExportError(f"cannot write exports to {out}: {exc}") from None
    finally:
        for tmp in [*temporaries.values(), *parts.values()]:
            tmp.unlink(missing_ok=True)
    return [out / export.name for export in EXPORTS]


def temporary(out: Path, name: str) -> Path:
    """An empty file beside `name`, with the mode a new file gets (mkstemp makes it private)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~current_umask())
    return Path(tmp)


@dataclass
class Job:
    """One export file, or one part of graph.ttl, to write into its temporary file."""

    name: str
    path: Path
    write: Callable[[nx.Graph, BinaryIO], object]
    view: Callable[[nx.Graph], nx.Graph] | None = None
    needs_topics: bool = True
    part: turtle.Part | None = None

    def run(self, G: nx.Graph, views: dict, progress: Callable[[str], None]) -> dict:
        """Write the file; a part of graph.ttl gives its statistics, as {part: statistics}."""
        what = self.name + (f" ({self.part})" if self.part else "")
        progress(f"writing {what}")
        try:
            if self.view and self.view not in views:  # a view written in two formats is made once
                views[self.view] = self.view(G)
            with open(self.path, "wb") as file:
                result = self.write(views[self.view] if self.view else G, file)
                if not self.part:
                    file.flush()
                    os.fsync(file.fileno())
        except OSError:
            raise  # says which file itself
        except Exception as exc:  # noqa: BLE001 - a writer's fault, named with its file
            raise ExportError.at(what, exc) from None
        return {self.part: result} if self.part else {}


def export_jobs(temporaries: dict[str, Path], parts: dict[turtle.Part, Path], settings: ExportSettings) -> list[Job]:
    """Every file or part to write, costliest first; not the files made from parts (`join_parts`)."""
    # One bound view per view function: a view written in two formats is made once.
    views = {e.view: functools.partial(e.view, settings=settings) for e in EXPORTS if e.view}
    jobs = []
    for export in sorted(EXPORTS, key=lambda e: -e.cost):
        if export.from_statistics:
            continue
        write = export.writer_function(settings)
        if export.parts:
            jobs += [Job(export.name, parts[part], functools.partial(write, part=part),
                         needs_topics=part.needs_topics, part=part) for part in export.parts]
        else:
            jobs.append(Job(export.name, temporaries[export.name], write, views.get(export.view), export.needs_topics))
    return jobs


def write_in_two_processes(G: nx.Graph, jobs: list[Job], completion: Completion | None,
                           progress: Callable[[str], None], executor: Executor = FORKED) -> dict:
    """Run the jobs in this process and a forked one; the statistics of the graph.ttl parts.

    With a `completion`, the topics are still being extracted by another process:
    until they are ready this process alone writes the files that need none (so the
    extraction keeps the other core), then completes the graph and forks the second
    process, and both take the rest.
    """
    views: dict = {}  # a view written in two formats is made once (per process)
    statistics: dict = {}
    # Stable sort: those needing no topics first, each group longest first.
    with JobList(sorted(jobs, key=lambda job: job.needs_topics)) as todo:
        first = None
        while completion is not None and not completion.ready() and (first := todo.take()) is not None:
            if first.needs_topics:
                break
            statistics.update(first.run(G, views, progress))
            first = None
        if completion is not None:
            complete(completion)
        with executor.background(lambda: run_jobs(G, todo, progress, {}), "export process") as helper:
            if first is not None:
                statistics.update(first.run(G, views, progress))
            statistics.update(run_jobs(G, todo, progress, views))
            statistics.update(helper.wait())
    return statistics


def run_jobs(G: nx.Graph, todo: JobList, progress: Callable[[str], None], views: dict) -> dict:
    """Take jobs from `todo` until none is left; the statistics of the graph.ttl parts written."""
    done = {}
    while (job := todo.take()) is not None:
        done.update(job.run(G, views, progress))
    return done


def join_parts(G: nx.Graph, parts: dict[turtle.Part, Path], statistics: dict, temporaries: dict[str, Path],
               settings: ExportSettings) -> None:
    """The files written in parts (graph.ttl), then those made from their statistics (void.ttl)."""
    whole = []
    for export in (e for e in EXPORTS if e.parts):
        readers = [(open(parts[part], "rb"), statistics[part]) for part in export.parts]

        def join(G: nx.Graph, file: BinaryIO) -> None:
            whole.append(turtle.join_parts(readers, file))
        try:
            Job(export.name, temporaries[export.name], join).run(G, {}, lambda _: None)
        finally:
            for reader, _ in readers:
                reader.close()
    for export in (e for e in EXPORTS if e.from_statistics):
        write = functools.partial(export.writer_function(settings), stats=whole[0])
        Job(export.name, temporaries[export.name], write).run(G, {}, lambda _: None)


def remove_stale_temporaries(out: Path) -> None:
    """Temporary files a killed build left behind (never the exports themselves)."""
    for export in EXPORTS:
        for stale in out.glob(f".{export.name}.*.tmp"):
            stale.unlink(missing_ok=True)


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
