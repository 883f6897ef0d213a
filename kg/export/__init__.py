"""Export formats, by name, and the atomic writing of a whole build.

Each format is a function `write(G, binary_file)` in its own module, imported on
first use (pyvis and rdflib are only loaded when their format is written).
"""

from __future__ import annotations

import importlib
import os
import tempfile
from pathlib import Path
from typing import Callable

import networkx as nx

from ..background import in_background
from ..errors import ExportError, WorkerError
from ..graph import MIN_AUTHOR_PAPERS, coauthor_graph, topic_graph

__all__ = ["FORMATS", "EXPORTS", "get_writer", "write_exports", "coauthor_view"]

FORMATS = {
    "turtle": "kg.export.turtle:write_turtle",
    "void": "kg.export.void:write_void",
    "ontology": "kg.export.vocab:write_ontology",
    "shapes": "kg.export.vocab:write_shapes",
    "graphml": "kg.export.graphml:write_graphml",
    "gexf": "kg.export.gexf:write_gexf",
    "html": "kg.export.html:write_html",
}
#: Written by a second process, the rest by this one: graph.ttl is the longest file to
#: write (25,000 papers: 29.5 s, against 24 s for all the Gephi and HTML files).
SECOND_PROCESS = {"graph.ttl", "void.ttl", "ontology.ttl", "shapes.ttl"}


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
    """Write every export into `out_dir`, all or nothing.

    Each file is written to a temporary file in `out_dir` and fsynced; only when
    all are written are they renamed over the old ones, so a failed or killed
    build leaves the previous exports complete.

    A forked process writes the RDF files while this one writes the Gephi files and
    the HTML, on two cores.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(out)
    temporaries: dict[str, Path] = {}
    try:
        for name, _, _ in EXPORTS:
            temporaries[name] = temporary(out, name)
        second = [export for export in EXPORTS if export[0] in SECOND_PROCESS]
        rest = [export for export in EXPORTS if export[0] not in SECOND_PROCESS]
        with in_background(lambda: write_files(G, second, temporaries), "export process") as worker:
            progress(f"writing {', '.join(name for name, _, _ in second)}")
            write_files(G, rest, temporaries, progress)
            worker.wait()
        for name, tmp in temporaries.items():
            os.replace(tmp, out / name)
        fsync_dir(out)
    except (OSError, ExportError, WorkerError) as exc:
        raise ExportError(f"cannot write exports to {out}: {exc}") from None
    finally:
        for tmp in temporaries.values():
            tmp.unlink(missing_ok=True)
    return [out / name for name, _, _ in EXPORTS]


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
