"""Markdown digests -> `Digest` records.

Every variant of ../shared/FORMAT.md is handled here, each where its line kind is
read: the header (variant 11), the paper heading (16), media lines (3), `Vote:` (4),
`Authors:` (1, 5) and summary bullets (13). Fields are kept exactly as written;
cleaning and identity belong to `kg.identity`.

Faults that spoil a whole file (not UTF-8, binary, empty, no header) raise
`ParseError`; faults that spoil one line are returned as `InputWarning`s and the
rest of the file is kept.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .errors import InputWarning, ParseError
from .records import Digest, Entry

__all__ = ["read_digest", "parse_digest", "find_digest_files", "display_path", "split_authors", "arxiv_id_from_url"]

DIGEST_SUFFIXES = {".md", ".markdown", ".txt"}
#: No line of a real digest comes near this; a longer one is damage, not data.
MAX_LINE = 100_000

HEADER = re.compile(r"^##\s+Daily Papers\s*\((?P<date>[^)]*)\)\s*$", re.IGNORECASE)
HEADING = re.compile(r"^###(?!#)\s*(?P<rest>.*?)\s*$")
# Greedy title: the URL is the last `](...)` on the line, so brackets in titles survive.
HEADING_LINK = re.compile(r"^\[(?P<title>.*)\]\(\s*(?P<url>[^\s()]*)\s*\)$")
ARXIV_URL = re.compile(
    r"^https?://(?:www\.|export\.)?(?:arxiv\.org/(?:abs|pdf)|huggingface\.co/papers)/"
    r"(?P<id>\d{4}\.\d{4,5}|[a-z][a-z.\-]*/\d{7})(?:v\d+)?(?:\.pdf)?/?(?:[?#].*)?$",
    re.IGNORECASE,
)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
VOTE = re.compile(r"^Vote:\s*(?P<value>.*?)\s*$", re.IGNORECASE)
AUTHORS = re.compile(r"^Authors:\s*(?P<value>.*?)\s*$", re.IGNORECASE)
IMAGE = re.compile(r"^!\[[^\]]*\]\((?P<url>[^\s)]+)\)")
VIDEO_LINK = re.compile(r"^\[Watch Video\]\((?P<url>[^\s)]+)\)", re.IGNORECASE)
VIDEO_TAG = re.compile(r"^(?:<div>\s*)?<video\b[^>]*?\bsrc=(?P<q>[\"'])(?P<url>.*?)(?P=q)", re.IGNORECASE)
BULLET = re.compile(r"^\s*[-*+]\s+")
QUOTED_SEPARATOR = re.compile(r"""(?<=['"])\s*,\s*(?=['"])""")


def find_digest_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named on the command line, and digest files (.md, .txt) under folders.

    Hidden files and folders are skipped; the result is sorted so that the same
    folder always gives the same order, and paths are shown as `display_path`
    gives them, so a file has one name in warnings and exports.
    """
    found: set[Path] = set()
    for path in map(display_path, paths):
        if path.is_dir():
            found.update(
                p for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in DIGEST_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            found.add(path)
    return sorted(found)


def display_path(path: str | Path) -> Path:
    """`path` relative to the working folder when it lies inside it, else as given.

    So `seeds/` and `/abs/checkout/seeds/` name the same files the same way, and
    exports do not depend on where the checkout lives.
    """
    path = Path(path)
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):
        return path


def read_digest(path: str | Path, cache=None) -> tuple[list[Digest], list[InputWarning]]:
    """Read one digest file; `ParseError` if the file as a whole is unreadable.

    With a `kg.cache.BuildCache`, a file whose content the last build parsed is not parsed again.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read file: {exc.strerror}", str(path)) from None
    if cache is None:
        return parse_bytes(data, str(path))
    result = cache.parse(str(path), data, lambda d: parse_or_error(d, str(path)))
    if isinstance(result, ParseError):
        raise result
    return result


def parse_bytes(data: bytes, source: str) -> tuple[list[Digest], list[InputWarning]]:
    return parse_digest(decode_digest(data, source), source)


def parse_or_error(data: bytes, source: str):
    """The parse, or the `ParseError` that refused the file (so that is cached too)."""
    try:
        return parse_bytes(data, source)
    except ParseError as exc:
        return exc


CONTROL_BYTES = bytes(range(0x09)) + bytes(range(0x0e, 0x20))


def looks_binary(sample: bytes) -> bool:
    """More than a tenth control bytes: an image or archive, not text with a stray `\\x00`."""
    return bool(sample) and sum(sample.count(b) for b in CONTROL_BYTES) > len(sample) // 10


def decode_digest(data: bytes, source: str) -> str:
    """UTF-8 text (a BOM is dropped); anything else is refused with the reason."""
    if looks_binary(data[:8192]):
        raise ParseError("binary file (control bytes), not a Markdown digest", source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        guess = ""
        try:
            data.decode("cp949")
            guess = " (it decodes as CP949/EUC-KR Korean: re-save it as UTF-8)"
        except UnicodeDecodeError:
            pass
        raise ParseError(f"not UTF-8: invalid byte 0x{data[exc.start]:02x}{guess}", source, line) from None


@dataclass
class _Section:
    """A header being read: its date (None if invalid) and its entries so far."""

    date: dt.date | None
    line: int
    entries: list[Entry] = field(default_factory=list)


@dataclass
class _Block:
    """The lines of one paper, from its heading to the next heading."""

    arxiv_id: str
    title: str
    url: str
    line: int
    authors: list[str] = field(default_factory=list)
    votes: int | None = None
    media: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)


def parse_digest(text: str, source: str = "<string>") -> tuple[list[Digest], list[InputWarning]]:
    """Parse a digest's text into one `Digest` per header, plus line warnings.

    Examples
    --------
    >>> text = "## Daily Papers (2024-01-24)\\n### [T](https://arxiv.org/abs/2401.12945)\\nAuthors: A, B\\n"
    >>> digests, warnings = parse_digest(text)
    >>> digests[0].entries[0].authors
    ('A', 'B')
    """
    if not text.strip():
        raise ParseError("empty file", source)
    warnings: list[InputWarning] = []
    sections: list[_Section] = []
    block: _Block | None = None
    skipping = False  # inside a paper that could not be kept

    def warn(line: int, message: str) -> None:
        warnings.append(InputWarning(source, line, message))

    def close_block() -> None:
        nonlocal block
        if block is not None:
            section = sections[-1]
            section.entries.append(
                Entry(
                    arxiv_id=block.arxiv_id, title=block.title, url=block.url,
                    date=section.date, authors=tuple(block.authors), votes=block.votes,
                    media=tuple(dict.fromkeys(block.media)), summary=tuple(block.summary),
                    source=source, line=block.line,
                )
            )
        block = None

    # Only \n ends a line: str.splitlines() would also split at \f or \v left by bad escaping.
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip()
        if not line.strip():
            continue
        if len(line) > MAX_LINE:
            warn(number, f"line of {len(line):,} characters skipped (longer than {MAX_LINE:,})")
            continue
        if header := HEADER.match(line):
            close_block()
            skipping = False
            sections.append(_Section(parse_date(header["date"], source, number, warn), number))
            continue
        if heading := HEADING.match(line):
            close_block()
            skipping = True
            if not sections:
                warn(number, "paper skipped: it comes before any '## Daily Papers (YYYY-MM-DD)' header")
            elif sections[-1].date is None:
                warn(number, f"paper skipped: its header (line {sections[-1].line}) has no valid date")
            elif (parsed := parse_heading(heading["rest"], source, number, warn)) is not None:
                block = _Block(*parsed, line=number)
                skipping = False
            continue
        if block is None:
            if not skipping:
                warn(number, "text outside any paper ignored")
            continue
        read_paper_line(block, line, source, number, warn)
    close_block()

    if not sections:
        raise ParseError("no '## Daily Papers (YYYY-MM-DD)' header: not a digest", source, 1)
    digests = [
        Digest(date=s.date, source=source, line=s.line, entries=tuple(s.entries))
        for s in sections if s.date is not None
    ]
    return digests, warnings


def parse_date(text: str, source: str, line: int, warn) -> dt.date | None:
    # fromisoformat alone would also take `20240105` and `2024-W03-3` on Python 3.11+.
    try:
        if not ISO_DATE.fullmatch(text.strip()):
            raise ValueError(text)
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        warn(line, f"invalid date {text.strip()!r} in header (expected a real YYYY-MM-DD)")
        return None


def parse_heading(rest: str, source: str, line: int, warn) -> tuple[str, str, str] | None:
    """(arXiv id, title, URL) of a `### [title](url)` heading, or None with a warning."""
    link = HEADING_LINK.match(rest)
    if link is None:
        warn(line, "paper skipped: heading has no '[title](url)' link")
        return None
    url = link["url"]
    arxiv_id = arxiv_id_from_url(url)
    if arxiv_id is None:
        warn(line, f"paper skipped: no arXiv id in URL {url!r}")
        return None
    return arxiv_id, link["title"].strip(), url


def arxiv_id_from_url(url: str) -> str | None:
    """The arXiv id (without version) of an arXiv or Hugging Face paper URL.

    >>> arxiv_id_from_url("https://arxiv.org/abs/2401.12945v2")
    '2401.12945'
    """
    match = ARXIV_URL.match(url.strip())
    return match["id"] if match else None


def read_paper_line(block: _Block, line: str, source: str, number: int, warn) -> None:
    """File one line of a paper under media, votes, authors or summary."""
    stripped = line.strip()
    if media := IMAGE.match(stripped) or VIDEO_LINK.match(stripped) or VIDEO_TAG.match(stripped):
        block.media.append(media["url"])
    elif vote := VOTE.match(stripped):
        block.votes = parse_vote(vote["value"], number, warn)
    elif authors := AUTHORS.match(stripped):
        block.authors = split_authors(authors["value"])
        if not block.authors:
            warn(number, f"paper {block.arxiv_id} has an empty author list")
    else:
        block.summary.append(BULLET.sub("", line, count=1).strip())


def parse_vote(value: str, line: int, warn) -> int | None:
    if value.isdigit():
        return int(value)
    if value not in ("-", ""):
        warn(line, f"unknown vote {value!r} kept as unknown")
    return None


def split_authors(value: str) -> list[str]:
    """Author names in order, from `A, B` or a Python list `['A', "O'B"]`.

    >>> split_authors("['Ann Lee', \\"Tim O'Neil\\", 'Bo']")
    ['Ann Lee', "Tim O'Neil", 'Bo']
    >>> split_authors("Hila Chefer, Tali Dekel")
    ['Hila Chefer', 'Tali Dekel']
    """
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        try:
            names = ast.literal_eval(value)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            names = None
        if isinstance(names, list) and all(isinstance(n, str) for n in names):
            return [n.strip() for n in names if n.strip()]
        # Quotes the script did not escape (`'O'Neil'`): split between quoted items.
        inner = value[1:-1].strip()
        names = (n.strip().strip("'\"").strip() for n in QUOTED_SEPARATOR.split(inner))
        return [n for n in names if n]
    return [n.strip() for n in value.split(",") if n.strip()]
