"""kg: a knowledge graph of research-paper digests (papers, authors, dates, topics).

The pipeline, one module per stage::

    parse (Markdown -> Digest) -> identity (-> Corpus) -> topics -> graph (networkx)
    -> export.turtle / export.graphml / export.html
"""

__version__ = "0.1.0"

from .errors import ExportError, InputWarning, KgError, ParseError
from .graph import build_graph, coauthor_graph
from .identity import name_key, resolve
from .parse import parse_digest, read_digest
from .pipeline import corpus_graph, load_corpus
from .records import Author, Corpus, Digest, Entry, Paper

__all__ = [
    "__version__", "KgError", "ParseError", "ExportError", "InputWarning",
    "Entry", "Digest", "Author", "Paper", "Corpus",
    "parse_digest", "read_digest", "name_key", "resolve", "load_corpus",
    "build_graph", "coauthor_graph", "corpus_graph",
]
