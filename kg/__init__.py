"""kg: a knowledge graph of research-paper digests (papers, authors, dates, topics).

The pipeline, one module per stage::

    parse (Markdown -> Digest) -> identity (-> Corpus) -> topics -> graph (networkx)
    -> export.turtle / export.graphml / export.html
"""

__version__ = "0.1.0"

from .build import (BuildReport, BuildSettings, ExportSettings, Progress, TextProgress, build, build_graph,
                    graph_of_corpus, topics_of_paths)
from .errors import ExportError, InputWarning, KgError, ParseError
from .export import write_exports
from .graph import coauthor_graph
from .identity import name_key, resolve
from .parse import parse_digest, read_digest
from .pipeline import load_corpus
from .records import Author, Corpus, Digest, Entry, Paper

__all__ = [
    "__version__", "KgError", "ParseError", "ExportError", "InputWarning",
    "Entry", "Digest", "Author", "Paper", "Corpus",
    "build_graph", "write_exports", "build", "BuildSettings", "ExportSettings", "BuildReport", "Progress", "TextProgress",
    "parse_digest", "read_digest", "name_key", "resolve", "load_corpus", "graph_of_corpus", "coauthor_graph",
    "topics_of_paths",
]
