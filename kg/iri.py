"""Every IRI the exports hold is made here: web links checked, the graph's own minted.

Every URL the digests give (a paper heading's, a media line's, a summary's links)
becomes an IRI of graph.ttl, a value of the Gephi files or a link of a page only
through `web_link`, which resolves it against the site the digests come from and
checks it with Oxigraph's RFC 3987 parser. A link it refuses (`InvalidLink`) is
left out with a warning by the stage that read it. The IRIs `kg` mints itself
(`IRIs`: papers, authors, ...) are a checked `--base-iri` (`check_base_iri`)
plus %-encoded keys (`iri_segment`), valid by construction.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

__all__ = ["SITE", "InvalidLink", "web_link", "arxiv_page", "check_base_iri", "find_links", "iri_segment", "IRIs"]

#: Where the digests come from: a site-relative URL (`/avatars/….svg`) is on this site.
SITE = "https://huggingface.co/"
WEB_SCHEMES = ("http", "https")

# `[text](url)` and `![alt](url)`: the text may hold one level of brackets (`[[x]](u)`); the
# destination is `<…>` or has balanced parentheses, and may be followed by a "title".
MARKDOWN_LINK = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]"
    r"\(\s*(?:<(?P<angled>[^<>\n]*)>|(?P<url>(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+))"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
# A bare URL is ASCII, so Korean particles glued on (`…에서`) end it, and so does any
# delimiter of the text around it: brackets, quotes, `<>`, backquotes, spaces.
BARE_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]+")
URL_TRAILING = ".,;:!?'\"*"
# What a destination must start with to be taken for a link: a scheme, or a path on the site.
LINK_TARGET = re.compile(r"\s*(?:[A-Za-z][A-Za-z0-9+.\-]*:|/)")
MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# Kept as they are in an IRI path segment (unreserved ASCII and most of Unicode,
# RFC 3987 ucschar); everything else is %-encoded, so slugs never collide.
IRI_UNSAFE = re.compile(r"[^A-Za-z0-9\-.~\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]")


class InvalidLink(ValueError):
    """A URL that cannot be an IRI of the exports; `str()` says why."""


def web_link(url: str) -> str:
    """The absolute http(s) IRI `url` stands for, or `InvalidLink` with the reason.

    A site-relative URL is on `SITE`; a protocol-relative one (`//host/…`) is https;
    a final `.` is `%2E`, as in `iri_segment`.

    >>> web_link("/avatars/e4f6.svg")
    'https://huggingface.co/avatars/e4f6.svg'
    >>> web_link("//cdn.example.org/a.png")
    'https://cdn.example.org/a.png'
    >>> web_link("https://x.github.io/](https://x.github.io/)")
    Traceback (most recent call last):
    kg.iri.InvalidLink: invalid IRI: Invalid IRI code point ']'
    """
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    elif url.startswith("/"):
        url = SITE + url.lstrip("/")
    scheme, _, rest = url.partition(":")
    if not rest or scheme.lower() not in WEB_SCHEMES:
        raise InvalidLink(f"not a web link (http or https): {shorten(url)!r}")
    if not url.isprintable():  # RFC 3987 allows U+2028 or U+00A0; the exports separate links by spaces
        odd = next(c for c in url if not c.isprintable())
        raise InvalidLink(f"invisible or space character U+{ord(odd):04X} in {shorten(url)!r}")
    return final_dot_encoded(checked(url, require_host=True))


def arxiv_page(arxiv_id: str) -> str:
    """A paper's arXiv abstract page (the id is one `kg.parse.arxiv_id_from_url` matched)."""
    return f"https://arxiv.org/abs/{arxiv_id}"


def checked(iri: str, require_host: bool = False) -> str:
    import pyoxigraph

    try:
        pyoxigraph.NamedNode(iri)
        host = urlsplit(iri).hostname if require_host else "-"
    except ValueError as exc:  # urlsplit refuses a malformed IPv6 host
        raise InvalidLink(f"invalid IRI: {exc}") from None
    if not host:
        raise InvalidLink(f"no host in {shorten(iri)!r}")
    return iri


def iri_segment(key: str) -> str:
    """A readable, unambiguous IRI path segment: spaces as `_`, the rest %-encoded.

    A final `.` is `%2E` too (the same IRI by RFC 3986 2.3): Turtle writes such a
    local name `author:o\\.`, which rdflib 7 cannot read.

    >>> iri_segment("amélie héliou")
    'amélie_héliou'
    >>> iri_segment("a_b/c")
    'a%5Fb%2Fc'
    >>> iri_segment("andrew favre d. o.")
    'andrew_favre_d._o%2E'
    """
    encode = lambda m: "".join(f"%{b:02X}" for b in m[0].encode("utf-8"))  # noqa: E731
    return final_dot_encoded(IRI_UNSAFE.sub(encode, key.replace(" ", "\x00")).replace("%00", "_"))


def final_dot_encoded(iri: str) -> str:
    return iri[:-1] + "%2E" if iri.endswith(".") else iri


class IRIs:
    """Stable IRIs for everything in the graph, derived from keys, under one base."""

    def __init__(self, base: str):
        self.base = base
        self.topics = base + "topics"
        self.periodical = base + "daily-papers"
        self._segments: dict[str, str] = {}  # node -> its key's segment: an author is named ~100 times
        self._nodes: dict[str, str] = {}

    def segment(self, node: str) -> str:
        segment = self._segments.get(node)
        if segment is None:
            segment = self._segments[node] = iri_segment(node.partition(":")[2])
        return segment

    def node(self, node: str) -> str:
        iri = self._nodes.get(node)
        if iri is None:
            iri = self._nodes[node] = f"{self.base}{node.partition(':')[0]}/{self.segment(node)}"
        return iri

    def source(self, path: str) -> str:
        return self.base + "source/" + final_dot_encoded(quote(path.strip("/"), safe="/"))

    def authorship(self, paper: str, position: int) -> str:
        return f"{self.node(paper)}/author/{position}"

    def collaboration(self, a: str, b: str) -> str:
        return f"{self.base}collaboration/{self.segment(a)}/{self.segment(b)}"


def check_base_iri(value: str) -> str:
    """A base under which keys are minted: an absolute IRI ending in `/` or `#`.

    >>> check_base_iri("https://example.org/kg/")
    'https://example.org/kg/'
    """
    if not value.endswith(("/", "#")):
        raise InvalidLink("an IRI namespace must end in / or #")
    if not re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", value):
        raise InvalidLink("not an absolute IRI: no scheme")
    return checked(value)


def find_links(text: str) -> list[str]:
    """The URLs a line of summary text links to, in order, each once, as written.

    `[text](url)` gives its destination (a URL in its text is not a second link);
    bare URLs lose the punctuation and Korean particles glued on. The links are
    not checked: `web_link` does that.

    >>> find_links("코드는 https://github.com/OFA-Sys/Ditto에서 공개 (https://x.io/a).")
    ['https://github.com/OFA-Sys/Ditto', 'https://x.io/a']
    >>> find_links("페이지: [https://x.github.io/](https://x.github.io/).")
    ['https://x.github.io/']
    """
    links = []
    rest = []  # the text outside Markdown links, where bare URLs are looked for
    start = 0
    for match in MARKDOWN_LINK.finditer(text):
        url = match["angled"] if match["angled"] is not None else MARKDOWN_ESCAPE.sub(r"\1", match["url"])
        if LINK_TARGET.match(url):  # not `[Text](Images)`: words in brackets, not a link
            links.append((match.start(), url))
        rest.append((start, text[start:match.start()]))
        start = match.end()
    rest.append((start, text[start:]))
    for offset, part in rest:
        for bare in BARE_URL.finditer(part):
            url = bare[0]
            while url and (url[-1] in URL_TRAILING or unbalanced_close(url)):
                url = url[:-1]
            if len(url) > len("https://"):
                links.append((offset + bare.start(), url))
    return list(dict.fromkeys(url for _, url in sorted(links) if url.strip()))


def unbalanced_close(url: str) -> bool:
    return url[-1] == ")" and url.count(")") > url.count("(")


def shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
