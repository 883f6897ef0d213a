"""kg: a knowledge graph of research-paper digests (papers, authors, dates, topics).

The pipeline, one module per stage::

    parse (Markdown -> Digest) -> identity (-> Corpus) -> topics -> graph (networkx)
    -> export.turtle / export.graphml / export.html

The names below are imported on first use (PEP 562), so that `kg --help` or
`kg query` does not load networkx and the stages.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: Each public name and the module that defines it.
_FROM = {
    **dict.fromkeys(["BuildReport", "BuildSettings", "ExportSettings", "Progress", "TextProgress", "build",
                     "build_graph", "graph_of_corpus", "topics_of_paths"], ".builder"),
    **dict.fromkeys(["ExportError", "InputWarning", "KgError", "ParseError"], ".errors"),
    "write_exports": ".export",
    "coauthor_graph": ".graph",
    **dict.fromkeys(["name_key", "resolve"], ".identity"),
    **dict.fromkeys(["parse_digest", "read_digest"], ".parse"),
    "load_corpus": ".pipeline",
    **dict.fromkeys(["Author", "Corpus", "Digest", "Entry", "Paper"], ".records"),
}

__all__ = ["__version__", *_FROM]


def __getattr__(name: str):
    if name not in _FROM:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(importlib.import_module(_FROM[name], __name__), name)
    globals()[name] = value  # once
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
