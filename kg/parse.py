"""Markdown digests -> `Digest` records.

Every variant of ../shared/FORMAT.md is handled here, each where its line kind is
read: the header (variant 11), the paper heading (16), media lines (3; also
`[Watch Video]url` with no parentheses, which FORMAT.md does not list), `Vote:` (4),
`Authors:` (1, 5) and summary bullets (13, 15). Text fields are kept exactly as
written; cleaning and identity belong to `kg.identity`.

Links are read as the site renders them (docs/format.md, "Links"), and each goes
through `kg.iri.web_link`: a media line's site-relative URL (`![](/avatars/….svg)`,
a variant FORMAT.md does not list) is on https://huggingface.co/; a summary's
`[text](url)` links to `url`, and bare URLs stop where the text around them
resumes. A link that cannot be an IRI is dropped with a warning, and the paper kept.

Faults that spoil a whole file (not UTF-8, binary, empty, no header) raise
`ParseError`; faults that spoil one line are returned as `InputWarning`s and the
rest of the file is kept.
"""

from __future__ import annotations

import ast
import datetime as dt
import html
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .errors import InputWarning, ParseError
from .iri import InvalidLink, arxiv_page, find_links, web_link
from .records import Digest, Entry

__all__ = ["read_digest", "parse_digest", "find_digest_files", "input_root", "source_name", "split_authors",
           "arxiv_id_from_url"]

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
VIDEO_LINK = re.compile(r"^\[Watch Video\](?:\((?P<url>[^\s)]+)\)|(?P<bare>https?://\S+))", re.IGNORECASE)
VIDEO_TAG = re.compile(r"^(?:<div>\s*)?<video\b[^>]*?\bsrc=(?P<q>[\"'])(?P<url>.*?)(?P=q)", re.IGNORECASE)
BULLET = re.compile(r"^\s*[-*+]\s+")
QUOTED_SEPARATOR = re.compile(r"""(?<=['"])\s*,\s*(?=['"])""")


def find_digest_files(paths: Iterable[str | Path]) -> dict[Path, str]:
    """Files named on the command line, and digest files (.md, .txt) under folders,
    each with its `source_name`, in the order of those names.

    Hidden files and folders are skipped, so a folder always gives the same files in
    the same order.
    """
    given = [Path(p) for p in paths]
    found: set[Path] = set()
    for path in given:
        if path.is_dir():
            found.update(
                p for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in DIGEST_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            found.add(path)
    root = input_root(given)
    names = {path: source_name(path, root) for path in found}
    return dict(sorted(names.items(), key=lambda item: (item[1], str(item[0]))))


def input_root(paths: list[Path]) -> str:
    """The folder the files read are named from: the one that holds every input given.

    So a folder's files are named from the folder's name on (`paper_logs/2023-11-20.md`
    for `kg build ~/archive/paper_logs`), a file given by its name.
    """
    folders = [os.path.dirname(os.path.abspath(p)) for p in paths]
    return os.path.commonpath(folders) if folders else os.path.abspath(".")


def source_name(path: Path, root: str) -> str:
    """How exports and warnings name a file: its path from `root` (`input_root`), so
    the same files give the same exports wherever they sit; printable, `/`-separated.

    >>> source_name(Path("/home/me/paper_logs/2023-11-20.md"), "/home/me")
    'paper_logs/2023-11-20.md'
    """
    name = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
    # A name of bytes that are not UTF-8 (`surrogateescape`d) or of control characters
    # is shown with U+FFFD for them: no export can hold them.
    name = os.fsencode(name).decode("utf-8", "replace")
    return "".join(c if c.isprintable() else "\ufffd" for c in name)


def read_digest(path: str | Path, cache=None, source: str | None = None) -> tuple[list[Digest], list[InputWarning]]:
    """Read one digest file, named `source` (default: its path) in its records and warnings;
    `ParseError` if the file as a whole is unreadable.

    With a `kg.cache.BuildCache`, a file whose content the last build parsed is not parsed again.
    """
    path = Path(path)
    source = str(path) if source is None else source
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read file: {exc.strerror}", source) from None
    if cache is None:
        return parse_bytes(data, source)
    result = cache.parse(source, data, lambda d: parse_or_error(d, source))
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
    links: list[str] = field(default_factory=list)


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
                    links=tuple(dict.fromkeys(block.links)), source=source, line=block.line,
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
    try:
        url = web_link(url)
    except InvalidLink as exc:  # the id is enough: the paper keeps its arXiv page
        warn(line, f"link dropped: {exc}; the paper links to its arXiv page")
        url = arxiv_page(arxiv_id)
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
    if media := IMAGE.match(stripped) or VIDEO_LINK.match(stripped):
        add_link(block.media, media["url"] or media["bare"], number, warn)
    elif video := VIDEO_TAG.match(stripped):
        add_link(block.media, html.unescape(video["url"]), number, warn)  # an HTML attribute: `&amp;` is `&`
    elif vote := VOTE.match(stripped):
        block.votes = parse_vote(vote["value"], number, warn)
    elif authors := AUTHORS.match(stripped):
        block.authors = split_authors(authors["value"])
        if not block.authors:
            warn(number, f"paper {block.arxiv_id} has an empty author list")
    else:
        block.summary.append(text := BULLET.sub("", line, count=1).strip())
        for url in find_links(text):
            add_link(block.links, url, number, warn)


def add_link(links: list[str], url: str, line: int, warn) -> None:
    try:
        links.append(web_link(url))
    except InvalidLink as exc:
        warn(line, f"link dropped: {exc}")


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
