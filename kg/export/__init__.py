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

from ..runtime import JobList, gc_paused, in_background
from ..errors import ExportError, KgError, WorkerError
from ..graph import MIN_AUTHOR_PAPERS, coauthor_graph, topic_graph
from . import turtle
from .html import HTML_MAX_NODES

__all__ = ["FORMATS", "EXPORTS", "ExportSettings", "get_writer", "write_exports", "coauthor_view", "Completion"]


@dataclass(frozen=True)
class ExportSettings:
    """What the co-author exports show: `kg build`'s --min-papers, --html-max-nodes, --since, --until."""

    min_papers: int = MIN_AUTHOR_PAPERS  # coauthors.graphml, coauthors.gexf, coauthors.html
    html_max_nodes: int = HTML_MAX_NODES  # coauthors.html shows the authors with most papers
    since: str | None = None  # coauthors.html: papers featured on or after (YYYY-MM-DD)
    until: str | None = None

FORMATS = {
    "turtle": "kg.export.turtle:write_turtle",
    "void": "kg.export.void:write_void",
    "ontology": "kg.export.vocab:write_ontology",
    "shapes": "kg.export.vocab:write_shapes",
    "graphml": "kg.export.graphml:write_graphml",
    "gexf": "kg.export.gexf:write_gexf",
    "html": "kg.export.html:write_html",
}
#: What can be written before the graph has its topics: the co-author network and the
#: vocabulary files (graph.ttl's parts say for themselves: `turtle.Part.needs_topics`).
WITHOUT_TOPICS = {"ontology.ttl", "shapes.ttl", "coauthors.graphml", "coauthors.gexf", "coauthors.html"}


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


# (file name, format, view of the graph written)
EXPORTS: list[tuple[str, str, Callable[[nx.Graph, ExportSettings], nx.Graph] | None]] = [
    ("graph.ttl", "turtle", None),
    ("void.ttl", "void", None),
    ("ontology.ttl", "ontology", None),
    ("shapes.ttl", "shapes", None),
    ("graph.graphml", "graphml", None),
    ("coauthors.graphml", "graphml", coauthor_view),
    ("topics.graphml", "graphml", topic_view),
    ("coauthors.gexf", "gexf", coauthor_view),
    ("coauthors.html", "html", None),
]


def get_writer(name: str) -> Callable:
    module, _, func = FORMATS[name].partition(":")
    return getattr(importlib.import_module(module), func)


@gc_paused()
def write_exports(G: nx.Graph, out_dir: str | Path, settings: ExportSettings = ExportSettings(),
                  progress: Callable[[str], None] = lambda _: None,
                  completion: Completion | None = None) -> list[Path]:
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
        for name, _, _ in EXPORTS:
            temporaries[name] = temporary(out, name)
        for part in turtle.PARTS:
            parts[part] = temporary(out, "graph.ttl")
        jobs = export_jobs(temporaries, parts, settings)
        statistics = write_in_two_processes(G, jobs, completion, progress)
        assemble_turtle(G, parts, statistics, temporaries)
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
    return [out / name for name, _, _ in EXPORTS]


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


#: The order jobs are taken in: the longest first, so that the two processes end
#: together (100,000 papers: graph.graphml and coauthors.gexf ~28 s each).
JOB_ORDER = ["graph.graphml", "coauthors.gexf", "coauthors.graphml", "graph.ttl", "coauthors.html",
             "topics.graphml", "ontology.ttl", "shapes.ttl"]


def export_jobs(temporaries: dict[str, Path], parts: dict[turtle.Part, Path], settings: ExportSettings) -> list[Job]:
    """Every file to write, but graph.ttl (in parts) and void.ttl (`assemble_turtle` makes both)."""
    # One bound view per view function: a view written in two formats is made once.
    views = {view: functools.partial(view, settings=settings) for _, _, view in EXPORTS if view}
    formats = {name: (fmt, views.get(view)) for name, fmt, view in EXPORTS}
    jobs = []
    for name in JOB_ORDER:
        if name == "graph.ttl":
            jobs += [Job(name, parts[part], functools.partial(turtle.write_part, part=part),
                         needs_topics=part.needs_topics, part=part) for part in turtle.PARTS]
        else:
            fmt, view = formats[name]
            write = functools.partial(get_writer(fmt), settings=settings) if fmt == "html" else get_writer(fmt)
            jobs.append(Job(name, temporaries[name], write, view, name not in WITHOUT_TOPICS))
    return jobs


def write_in_two_processes(G: nx.Graph, jobs: list[Job], completion: Completion | None,
                           progress: Callable[[str], None]) -> dict:
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
        with in_background(lambda: run_jobs(G, todo, progress, {}), "export process") as helper:
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


def assemble_turtle(G: nx.Graph, parts: dict[turtle.Part, Path], statistics: dict, temporaries: dict[str, Path]) -> None:
    """graph.ttl from its parts, then void.ttl from their statistics."""
    readers = [(open(parts[part], "rb"), statistics[part]) for part in turtle.PARTS]
    whole = []

    def join(G: nx.Graph, file: BinaryIO) -> None:
        whole.append(turtle.join_parts(readers, file))
    try:
        Job("graph.ttl", temporaries["graph.ttl"], join).run(G, {}, lambda _: None)
    finally:
        for reader, _ in readers:
            reader.close()
    Job("void.ttl", temporaries["void.ttl"], functools.partial(get_writer("void"), stats=whole[0])).run(
        G, {}, lambda _: None)


def remove_stale_temporaries(out: Path) -> None:
    """Temporary files a killed build left behind (never the exports themselves)."""
    for name, _, _ in EXPORTS:
        for stale in out.glob(f".{name}.*.tmp"):
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
