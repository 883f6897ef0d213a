"""Export formats, by name, and the atomic writing of a whole build.

Each format is a function `write(G, binary_file)` in its own module, imported on
first use (pyvis and rdflib are only loaded when their format is written).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Iterator

import networkx as nx

from ..background import in_background
from ..errors import ExportError, WorkerError
from ..graph import MIN_AUTHOR_PAPERS, coauthor_graph, topic_graph

__all__ = ["FORMATS", "EXPORTS", "NEED_NO_TOPICS", "get_writer", "write_exports", "ExportFolder", "coauthor_view"]

FORMATS = {
    "turtle": "kg.export.turtle:write_turtle",
    "void": "kg.export.void:write_void",
    "ontology": "kg.export.vocab:write_ontology",
    "shapes": "kg.export.vocab:write_shapes",
    "graphml": "kg.export.graphml:write_graphml",
    "gexf": "kg.export.gexf:write_gexf",
    "html": "kg.export.html:write_html",
}
#: Written by a second process, the other files by this one: about as much work on each
#: side once the page is written (100,000 papers: 107 s of RDF against 107 s of GraphML and GEXF).
SECOND_PROCESS = {"graph.ttl", "void.ttl", "ontology.ttl", "shapes.ttl"}
#: What `kg build` writes while the topics are extracted (the page shows no topics).
NEED_NO_TOPICS = ["coauthors.html"]


def coauthor_view(G: nx.Graph) -> nx.Graph:
    """The co-author network of the Gephi exports: authors with at least `min_papers` papers."""
    return coauthor_graph(G, min_papers=G.graph.get("min_papers", MIN_AUTHOR_PAPERS))


# (file name, format, view of the graph written)
EXPORTS: list[tuple[str, str, Callable[[nx.Graph], nx.Graph] | None]] = [
    ("graph.ttl", "turtle", None),
    ("void.ttl", "void", None),
    ("ontology.ttl", "ontology", None),
    ("shapes.ttl", "shapes", None),
    ("graph.graphml", "graphml", None),
    ("coauthors.graphml", "graphml", coauthor_view),
    ("topics.graphml", "graphml", topic_graph),
    ("coauthors.gexf", "gexf", coauthor_view),
    ("coauthors.html", "html", None),
]


def get_writer(name: str) -> Callable:
    module, _, func = FORMATS[name].partition(":")
    return getattr(importlib.import_module(module), func)


def write_exports(G: nx.Graph, out_dir: str | Path, progress: Callable[[str], None] = lambda _: None) -> list[Path]:
    """Write every export into `out_dir`, all or nothing (see `ExportFolder`)."""
    with ExportFolder(out_dir) as folder:
        folder.write_rest(G, progress)
        return folder.commit()


class ExportFolder:
    """A build's exports, written in any order and replaced all at once.

    Each file is written to a temporary file in the folder and fsynced; `commit`
    renames them over the old ones only when all are written, so a failed or killed
    build leaves the previous exports complete. `kg build` writes the page, which
    needs no topics, while the topics are extracted (`write`), then the rest on two
    cores (`write_rest`).
    """

    def __init__(self, out_dir: str | Path):
        self.out = Path(out_dir)
        self.temporaries: dict[str, Path] = {}
        self.written: set[str] = set()

    def __enter__(self) -> "ExportFolder":
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            remove_stale_temporaries(self.out)
            for name, _, _ in EXPORTS:
                self.temporaries[name] = temporary(self.out, name)
        except OSError as exc:
            self.__exit__()
            raise ExportError(f"cannot write exports to {self.out}: {exc}") from None
        return self

    def __exit__(self, *exc_info) -> None:
        for tmp in self.temporaries.values():
            tmp.unlink(missing_ok=True)

    def write(self, G: nx.Graph, names: Iterable[str], progress: Callable[[str], None] = lambda _: None) -> None:
        """Write these exports of `G`, in this process."""
        exports = [export for export in EXPORTS if export[0] in set(names) - self.written]
        with self.failing_as_export_error():
            write_files(G, exports, self.temporaries, progress)
        self.written.update(name for name, _, _ in exports)

    def write_rest(self, G: nx.Graph, progress: Callable[[str], None] = lambda _: None) -> None:
        """Write the exports not written yet: the RDF files by a forked process, the others by this one."""
        rest = [export for export in EXPORTS if export[0] not in self.written]
        second = [export for export in rest if export[0] in SECOND_PROCESS]
        first = [export for export in rest if export[0] not in SECOND_PROCESS]
        with self.failing_as_export_error():
            with in_background(lambda: write_files(G, second, self.temporaries), "export process") as worker:
                progress(f"writing {', '.join(name for name, _, _ in second)}")
                write_files(G, first, self.temporaries, progress)
                worker.wait()
        self.written.update(name for name, _, _ in rest)

    def commit(self) -> list[Path]:
        """Rename every export over the old one; all must be written."""
        missing = [name for name, _, _ in EXPORTS if name not in self.written]
        if missing:
            raise ExportError(f"cannot write exports to {self.out}: {', '.join(missing)} not written")
        with self.failing_as_export_error():
            for name, tmp in self.temporaries.items():
                os.replace(tmp, self.out / name)
            fsync_dir(self.out)
        return [self.out / name for name, _, _ in EXPORTS]

    @contextlib.contextmanager
    def failing_as_export_error(self) -> Iterator[None]:
        try:
            yield
        except (OSError, ExportError, WorkerError) as exc:
            raise ExportError(f"cannot write exports to {self.out}: {exc}") from None


def temporary(out: Path, name: str) -> Path:
    """An empty file beside `name`, with the mode a new file gets (mkstemp makes it private)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~current_umask())
    return Path(tmp)


def write_files(G: nx.Graph, exports: list, temporaries: dict[str, Path],
                progress: Callable[[str], None] = lambda _: None) -> None:
    views: dict[Callable, nx.Graph] = {}  # a view written in two formats is made once
    for name, fmt, view in exports:
        progress(f"writing {name}")
        if view and view not in views:
            views[view] = view(G)
        with open(temporaries[name], "wb") as file:
            get_writer(fmt)(views[view] if view else G, file)
            file.flush()
            os.fsync(file.fileno())


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
