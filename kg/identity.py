"""Records -> identities: one `Paper` per arXiv id, one `Author` per normalized name.

Also the text cleaning every later stage relies on: Unicode NFC, and control
characters (illegal in XML 1.0) either restored to the LaTeX escape they came from
or dropped.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from .errors import InputWarning
from .records import Author, Corpus, Digest, Entry, Featuring, Paper

__all__ = ["name_key", "clean_name", "person_name", "clean_text", "is_organization", "author_names",
           "code_repository", "resolve"]

PLACEHOLDER_AUTHORS = {"+"}
ORGANIZATION = re.compile(r"\bteam$", re.IGNORECASE)
WHITESPACE = re.compile(r"\s+")
# `\beta` written through a JSON/C escaper arrives as BACKSPACE + "eta": put the
# backslash and letter back when a letter follows.
LATEX_ESCAPES = {"\a": "\\a", "\b": "\\b", "\t": "\\t", "\v": "\\v", "\f": "\\f", "\r": "\\r"}
MANGLED_LATEX = re.compile("([\a\b\t\v\f\r])(?=[A-Za-z])")
# Lone surrogates too: no UTF-8 file has them, but a Python caller's text can, and no
# export format can hold one.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
GITHUB_REPO = re.compile(r"^https?://(?:www\.)?github\.com/([A-Za-z0-9\-_.]+)/([A-Za-z0-9\-_.]+?)(?:\.git)?(?:[/?#].*)?$")


def clean_text(text: str) -> str:
    """NFC text with mangled LaTeX escapes restored and XML-illegal characters dropped.

    >>> clean_text("SOTOPIA-$\\x08eta$")
    'SOTOPIA-$\\\\beta$'
    """
    # Almost every text is already clean: a printable one has no control character.
    if text.isprintable() and unicodedata.is_normalized("NFC", text):
        return text
    text = unicodedata.normalize("NFC", text)
    text = MANGLED_LATEX.sub(lambda m: LATEX_ESCAPES[m[1]], text)
    return XML_ILLEGAL.sub("", text.replace("\t", " ").replace("\r", ""))


def clean_name(name: str) -> str:
    """A name as displayed: clean text with whitespace collapsed."""
    name = clean_text(name)
    if "  " in name or not name.isprintable():  # printable: its only whitespace is " "
        name = WHITESPACE.sub(" ", name)
    return name.strip()


def person_name(name: str) -> str:
    """A person's name as displayed: a tab or line break is a space, not a mangled
    LaTeX escape as in a title (`\\textit`), for names hold no LaTeX; quotes and
    brackets left over from the source's list syntax are dropped.

    >>> person_name("Amélie\\tHéliou"), person_name('Sercan "O. Arik'), person_name("Tim 'Tool' O'Neil")
    ('Amélie Héliou', 'Sercan O. Arik', "Tim 'Tool' O'Neil")
    """
    return without_strays(clean_name(name if name.isprintable() else WHITESPACE.sub(" ", name)))


PAIRS = (("[", "]"), ("(", ")"), ("{", "}"))


def without_strays(name: str) -> str:
    """`name` without the quotes and brackets a list's syntax left in it: an unpaired `"` or
    bracket, and quotes around the whole name or at one end (`'Ann Lee`); an apostrophe
    inside (`O'Neil`) and quotes around a nickname (`Tim "Tool" Lee`) stay."""
    if name.count('"') % 2:
        name = name.replace('"', "")
    for opening, closing in PAIRS:
        if name.count(opening) != name.count(closing):
            name = name.replace(opening, "").replace(closing, "")
    name = name.strip("'\" ")
    return " ".join(name.split()) if "  " in name else name


def name_key(name: str) -> str:
    """The identity of a person: NFC, whitespace collapsed, case folded.

    >>> name_key("Ame\\u0301lie  HÉLIOU") == name_key("Amélie Héliou")
    True
    """
    return key_of_person_name(person_name(name))


def key_of_person_name(name: str) -> str:
    """`name_key` of a name `person_name` has already cleaned."""
    return unicodedata.normalize("NFC", name.casefold())


def is_organization(name: str) -> bool:
    """`Gemma Team`, `Octo Model Team`: organizations that hold authorship."""
    return bool(ORGANIZATION.search(name.strip()))


def author_names(names: Iterable[str]) -> list[str]:
    """Names in order, without the `+` placeholder and without repeats.

    >>> author_names(["A", "A", "+", "B", "b", "B"])
    ['A', 'B']
    """
    return list(authors_by_key(names).values())


def authors_by_key(names: Iterable[str]) -> dict[str, str]:
    """`author_names` by their `name_key`, in order."""
    seen: dict[str, str] = {}
    for name in map(person_name, names):
        if name and name not in PLACEHOLDER_AUTHORS:
            seen.setdefault(key_of_person_name(name), name)
    return seen


def code_repository(url: str) -> str | None:
    """The canonical GitHub repository URL a link points into, if any.

    >>> code_repository("https://github.com/OFA-Sys/Ditto/tree/main/src")
    'https://github.com/OFA-Sys/Ditto'
    """
    match = GITHUB_REPO.match(url)
    if match is None or match[1] in {"orgs", "topics", "features", "about", "sponsors"}:
        return None
    return f"https://github.com/{match[1]}/{match[2]}"


def resolve(digests: Iterable[Digest], files: int = 0, warnings: Iterable[InputWarning] = ()) -> Corpus:
    """Merge every entry into one corpus.

    Entries are taken in (date, file, line) order whatever order the files came
    in, so "first seen" (a display name, a title) is the same on every run.
    """
    corpus = Corpus(files=files, warnings=list(warnings))
    entries = sorted(
        (e for d in digests for e in d.entries),
        key=lambda e: (e.date, e.source, e.line),
    )
    for entry in entries:
        known = corpus.papers.get(entry.arxiv_id)
        names = authors_by_key(entry.authors)
        if known is None:
            paper = new_paper(entry, [register_author(corpus, k, n) for k, n in names.items()])
        elif not known.authors:
            paper = merge_paper(known, entry, [register_author(corpus, k, n) for k, n in names.items()],
                                corpus.warnings)
        else:
            if names and list(names) != list(known.authors):
                corpus.warnings.append(InputWarning(
                    entry.source, entry.line,
                    f"paper {entry.arxiv_id} lists other authors than at {known.source}:{known.line}; "
                    "the first list is kept",
                ))
            paper = merge_paper(known, entry, [], corpus.warnings)
        corpus.papers[entry.arxiv_id] = paper
    corpus.papers = dict(sorted(corpus.papers.items()))
    corpus.authors = dict(sorted(corpus.authors.items()))
    corpus.warnings.sort()
    return corpus


def register_author(corpus: Corpus, key: str, name: str) -> str:
    if key not in corpus.authors:
        corpus.authors[key] = Author(key=key, name=name, is_organization=is_organization(name))
    return key


def new_paper(entry: Entry, author_keys: list[str]) -> Paper:
    return Paper(
        arxiv_id=entry.arxiv_id,
        title=clean_name(entry.title),
        url=entry.url.strip(),
        featured=(featuring(entry),),
        authors=tuple(author_keys),
        votes=entry.votes,
        media=entry.media,
        summary=tuple(clean_text(s) for s in entry.summary),
        **summary_links(entry.links),
    )


def featuring(entry: Entry) -> Featuring:
    return Featuring(entry.date, entry.source, entry.line)


def summary_links(links: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The `links` and `code` fields of a paper whose summary has these links."""
    code = tuple(dict.fromkeys(filter(None, map(code_repository, links))))
    return {"links": links, "code": code}


def merge_paper(known: Paper, entry: Entry, author_keys: list[str], warnings: list[InputWarning]) -> Paper:
    """The same arXiv id featured again: one paper, one more date."""
    title = clean_name(entry.title)
    if title.casefold() != known.title.casefold():
        warnings.append(InputWarning(
            entry.source, entry.line,
            f"paper {entry.arxiv_id} has a different title than at {known.source}:{known.line}; "
            "the first is kept",
        ))
    votes = [v for v in (known.votes, entry.votes) if v is not None]
    summary, links = (known.summary, known.links) if known.summary else (
        tuple(clean_text(s) for s in entry.summary), entry.links)
    return Paper(
        arxiv_id=known.arxiv_id,
        title=known.title,
        url=known.url,
        featured=tuple(sorted(set(known.featured) | {featuring(entry)})),
        authors=known.authors or tuple(author_keys),
        votes=max(votes) if votes else None,
        media=tuple(dict.fromkeys(known.media + entry.media)),
        summary=summary,
        **summary_links(links),
    )
