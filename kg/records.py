"""Typed records passed between the pipeline's stages.

`parse` yields `Digest`s of `Entry`s (a paper as one digest lists it);
`identity` turns them into a `Corpus` of `Paper`s and `Author`s.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .errors import InputWarning

__all__ = ["Entry", "Digest", "Author", "Featuring", "Paper", "Corpus"]


@dataclass(frozen=True)
class Entry:
    """One paper as one digest lists it: fields exactly as written."""

    arxiv_id: str
    title: str
    url: str
    date: dt.date
    authors: tuple[str, ...] = ()
    votes: int | None = None  # None: no `Vote:` line or `Vote: -`
    media: tuple[str, ...] = ()  # absolute, checked IRIs (`kg.iri.web_link`), as all links here
    summary: tuple[str, ...] = ()
    links: tuple[str, ...] = ()  # the summary's links, in order
    source: str = ""
    line: int = 0


@dataclass(frozen=True)
class Digest:
    """One `## Daily Papers (date)` section of a file."""

    date: dt.date
    source: str
    line: int
    entries: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class Author:
    """A person or an organization (a `... Team`), keyed by normalized name."""

    key: str
    name: str
    is_organization: bool = False
    alt_names: tuple[str, ...] = ()  # other spellings merged in by an aliases file, sorted


@dataclass(frozen=True, order=True)
class Featuring:
    """Where a digest featured a paper: its date, file and line."""

    date: dt.date
    source: str
    line: int


@dataclass(frozen=True)
class Paper:
    """A paper once, however many digests featured it."""

    arxiv_id: str
    title: str
    url: str
    featured: tuple[Featuring, ...]  # sorted: the first is where the paper was first seen
    authors: tuple[str, ...]  # author keys, digest order, 1-based position = index + 1
    votes: int | None
    media: tuple[str, ...]
    summary: tuple[str, ...]
    links: tuple[str, ...] = ()  # URLs found in the summary, in order
    code: tuple[str, ...] = ()  # GitHub repositories among them, canonical form

    @property
    def dates(self) -> tuple[dt.date, ...]:
        return tuple(sorted({f.date for f in self.featured}))

    @property
    def source(self) -> str:
        return self.featured[0].source

    @property
    def line(self) -> int:
        return self.featured[0].line


@dataclass
class Corpus:
    """Everything the input says, with identities resolved."""

    papers: dict[str, Paper] = field(default_factory=dict)
    authors: dict[str, Author] = field(default_factory=dict)
    files: int = 0
    warnings: list[InputWarning] = field(default_factory=list)

    @property
    def dates(self) -> list[dt.date]:
        return sorted({d for p in self.papers.values() for d in p.dates})
