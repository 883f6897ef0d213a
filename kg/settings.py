"""Every option of `kg build`, with its default: one light module, read by the stages and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .namespaces import DEFAULT_BASE

__all__ = ["BuildSettings", "ExportSettings", "MAX_COAUTHORS", "MIN_AUTHOR_PAPERS", "PER_PAPER", "MIN_PAPERS",
           "HTML_MAX_NODES", "HTML_MAX_LINKS"]

#: Papers with more authors add no co-authorship edges (VOSviewer's default cut-off).
MAX_COAUTHORS = 25
#: Authors with fewer papers are left out of the co-author exports (VOSviewer's threshold).
MIN_AUTHOR_PAPERS = 1
#: Topic concepts kept per paper, best first.
PER_PAPER = 8
#: A topic named in no title needs this many papers to become a node.
MIN_PAPERS = 2
#: Authors (topics on the topic map) drawn by default: vis-network stays responsive up to a few thousand nodes.
HTML_MAX_NODES = 2000
#: Links drawn by default, the strongest (VOSviewer's default too); an author's all when selected.
HTML_MAX_LINKS = 1000


@dataclass(frozen=True)
class ExportSettings:
    """What the co-author exports show: `kg build`'s --min-papers, --html-max-nodes, --since, --until,
    --html-max-links."""

    min_papers: int = MIN_AUTHOR_PAPERS  # coauthors.graphml, coauthors.gexf, coauthors.html
    html_max_nodes: int = HTML_MAX_NODES  # coauthors.html shows the authors with most papers
    since: str | None = None  # coauthors.html: papers featured on or after (YYYY-MM-DD)
    until: str | None = None
    html_max_links: int = HTML_MAX_LINKS  # coauthors.html draws the strongest links until one selects an author


@dataclass(frozen=True)
class BuildSettings:
    """Every option of `kg build` (`kg build --help` says what each does)."""

    base_iri: str = DEFAULT_BASE
    max_coauthors: int = MAX_COAUTHORS
    topics_per_paper: int = PER_PAPER
    min_topic_papers: int = MIN_PAPERS
    #: Aliases CSV files; None: `aliases.csv` at the top of an input folder, if there is one.
    aliases: tuple[Path, ...] | None = None
    #: Thesaurus TSV files; None: `thesaurus.tsv` at the top of an input folder, if there is one.
    thesaurus: tuple[Path, ...] | None = None
    strict: bool = False  # any input warning fails the build, nothing written
    exports: ExportSettings = field(default_factory=ExportSettings)
