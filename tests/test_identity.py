"""Identity and cleaning: one person per normalized name, one paper per arXiv id.

Unit tests of `kg.identity` (name_key, author_names, is_organization, clean_text,
resolve), then the counts of the real seeds (tests/conftest.py SEEDS).
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from kg import identity
from kg.identity import author_names, clean_name, clean_text, is_organization, name_key, person_name, resolve
from kg.pipeline import load_corpus
from kg.records import Digest, Entry

NFC = lambda s: unicodedata.normalize("NFC", s)  # noqa: E731
NFD = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731


# --------------------------------------------------------------------------
# name_key
# --------------------------------------------------------------------------

@pytest.mark.parametrize("spelling", [
    NFC("Amélie Héliou"),
    NFD("Amélie Héliou"),
    "Ame\u0301lie He\u0301liou",          # combining accents written by hand
    "  Amélie   Héliou ",                  # spaces around and inside
    "Amélie\tHéliou",                      # tab
    "Amélie\u00a0Héliou",                  # no-break space
    "Amélie\nHéliou",
    "AMÉLIE HÉLIOU",                        # case
    NFD("amélie héliou"),
])
def test_name_key_same_person(spelling):
    assert name_key(spelling) == NFC("amélie héliou")


# Text that is already clean skips the regexes: the result is what the whole cleaning gives.
ANY_TEXT = st.text(st.characters(codec="utf-8") | st.sampled_from("\t\n\r\b\x0c\u00a0\u3000\u2028\ufffe  e\u0301"))


@settings(max_examples=500, deadline=None)
@given(ANY_TEXT)
def test_shortcuts_clean_as_the_whole_cleaning_does(text):
    whole = identity.XML_ILLEGAL.sub("", identity.MANGLED_LATEX.sub(
        lambda m: identity.LATEX_ESCAPES[m[1]], NFC(text)).replace("\t", " ").replace("\r", ""))
    assert clean_text(text) == whole
    assert clean_name(text) == identity.WHITESPACE.sub(" ", whole).strip()
    assert person_name(text) == identity.without_strays(clean_name(identity.WHITESPACE.sub(" ", text)))
    assert name_key(text) == NFC(person_name(text).casefold())


def test_name_key_is_nfc_and_distinguishes_people():
    assert name_key(NFD("Matko Bošnjak")) == NFC("matko bošnjak")
    assert unicodedata.is_normalized("NFC", name_key(NFD("Matko Bošnjak")))
    assert name_key("Xianyu") == "xianyu"
    assert name_key("Tim O'Neil") == "tim o'neil"
    assert name_key("Amelie Heliou") != name_key("Amélie Héliou")   # accents are kept
    assert name_key("Yu Cao") != name_key("Yucao")


def test_clean_name_keeps_case_and_collapses_whitespace():
    assert clean_name(NFD("  Amélie \t Héliou ")) == NFC("Amélie Héliou")
    assert clean_name("Gemma  Team") == "Gemma Team"


def test_person_name_whitespace_is_never_latex():
    """In a title TAB + letter is a mangled `\\t...` command; in a name it is a space."""
    assert clean_name("$\x0crac{1}{2}$\textit") == "$\\frac{1}{2}$\\textit"
    assert person_name("Amélie\tHéliou") == "Amélie Héliou"
    assert person_name("Amélie\x0cHéliou\x0b") == "Amélie Héliou"
    assert person_name(NFD(" Matko\r\nBošnjak ")) == NFC("Matko Bošnjak")
    assert author_names(["Ann\tLee", "Ann Lee", "Bo\nChen"]) == ["Ann Lee", "Bo Chen"]


# --------------------------------------------------------------------------
# author_names
# --------------------------------------------------------------------------

@pytest.mark.parametrize("names, expected", [
    (["A", "A", "B", "B", "B"], ["A", "B"]),                                       # variant 6
    (["Jiaming Han", "Jiaming Han", "Kaixiong Gong"], ["Jiaming Han", "Kaixiong Gong"]),
    (["Ann Lee", "Bo Chen", "Ann Lee"], ["Ann Lee", "Bo Chen"]),                    # not only in a row
    (["Michael Ahn", "+", "Chelsea Finn"], ["Michael Ahn", "Chelsea Finn"]),        # variant 7
    (["+", " + ", "+"], []),
    (["Ann Lee", "", "  ", "Bo Chen"], ["Ann Lee", "Bo Chen"]),
    (["Ann  Lee", "ann lee", "ANN LEE", "Ann\tLee"], ["Ann Lee"]),                              # first spelling kept
    ([NFD("Amélie Héliou"), NFC("Amélie Héliou")], [NFC("Amélie Héliou")]),         # variant 9
    (["Gemma Team", "Morgane Riviere"], ["Gemma Team", "Morgane Riviere"]),         # variant 8: kept
    (["Xianyu"], ["Xianyu"]),
    ([], []),
])
def test_author_names(names, expected):
    assert author_names(names) == expected


def test_author_names_keeps_order_of_a_huge_list():
    names = [f"Author {i:03d}" for i in range(650)]
    assert author_names(names + names[::-1]) == names


# --------------------------------------------------------------------------
# is_organization
# --------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Gemma Team", "Octo Model Team", "The Qwen Team", "gemma team", " Gemma Team "])
def test_is_organization(name):
    assert is_organization(name)


@pytest.mark.parametrize("name", ["Xianyu", "Hila Chefer", "Tim O'Neil", "Steam", "Teamster Jones",
                                  "Team Liu", "Amélie Héliou", "+"])
def test_is_not_organization(name):
    assert not is_organization(name)


# --------------------------------------------------------------------------
# clean_text
# --------------------------------------------------------------------------

@pytest.mark.parametrize("raw, clean", [
    ("$\x08eta$-DPO", "$\\beta$-DPO"),                      # \beta  -> BACKSPACE + eta
    ("$\x0crac{1}{2}$", "$\\frac{1}{2}$"),                   # \frac  -> FORM FEED + rac
    ("\textit{Stable}", "\\textit{Stable}"),                # \textit -> TAB + extit
    ("$\x0bec{v}$", "$\\vec{v}$"),                           # \vec   -> VERTICAL TAB + ec
    ("$\x07lpha$", "$\\alpha$"),                             # \alpha -> BELL + lpha
    ("$\rho$", "$\\rho$"),                                   # \rho   -> CR + ho
    ("SOTOPIA-$π$", "SOTOPIA-$π$"),
    ("$L_2$ loss", "$L_2$ loss"),
    ("LLM×MapReduce", "LLM×MapReduce"),
    ("$\\nabla^2$DFT", "$\\nabla^2$DFT"),                    # a real backslash is untouched
    ("기존 방법\x08.", "기존 방법."),                          # not before a letter: dropped
    ("a\x00b\x01c\x1fd", "abcd"),
    ("x\x0c1", "x1"),
    ("end\x08", "end"),
    ("bad\ufffe\uffffchars", "badchars"),
    ("tab\t1", "tab 1"),
    ("cr\r\n", "cr\n"),
    ("line\nbreak", "line\nbreak"),
    (NFD("Héliou"), NFC("Héliou")),
    ("", ""),
])
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


XML_ILLEGAL = {chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"} | {"\ufffe", "\uffff"}


@pytest.mark.parametrize("code", [*range(0x20), 0x7F, 0x85, 0xFFFE, 0xFFFF])
@pytest.mark.parametrize("after", ["", "a", "1", " ", "\x08"])
def test_clean_text_is_always_legal_xml(code, after):
    text = clean_text(f"x{chr(code)}{after}y")
    assert not XML_ILLEGAL & set(text)
    etree.Element("t").text = text          # lxml refuses any XML-illegal character


# --------------------------------------------------------------------------
# resolve
# --------------------------------------------------------------------------

def make_entry(arxiv_id="2401.00001", title="A Paper", date="2024-01-24", authors=(), votes=None,
               media=(), summary=(), source="a.md", line=3) -> Entry:
    return Entry(arxiv_id=arxiv_id, title=title, url=f"https://arxiv.org/abs/{arxiv_id}",
                 date=dt.date.fromisoformat(date), authors=tuple(authors), votes=votes,
                 media=tuple(media), summary=tuple(summary), source=source, line=line)


def digests_of(*entries: Entry) -> list[Digest]:
    return [Digest(date=e.date, source=e.source, line=1, entries=(e,)) for e in entries]


def test_resolve_one_paper_many_dates_whatever_the_order():
    later = make_entry(date="2024-01-25", votes=40, source="a.md", line=9, authors=["Ann Lee"],
                       media=["m2.png"], summary=["둘째 요약"])
    earlier = make_entry(date="2024-01-24", votes=12, source="z.md", line=3, authors=["Ann Lee"],
                         media=["m1.png"], summary=["첫 요약"])
    for order in ([later, earlier], [earlier, later]):
        corpus = resolve(digests_of(*order), files=2)
        assert corpus.warnings == [] and corpus.files == 2
        [paper] = corpus.papers.values()
        assert paper.dates == (dt.date(2024, 1, 24), dt.date(2024, 1, 25))
        assert (paper.source, paper.line) == ("z.md", 3)     # first featured, not first read
        assert paper.votes == 40
        assert paper.media == ("m1.png", "m2.png")
        assert paper.summary == ("첫 요약",)
        assert corpus.dates == [dt.date(2024, 1, 24), dt.date(2024, 1, 25)]


def test_resolve_authors_found_later_are_used():
    first = make_entry(date="2024-01-24")                               # oldest digest: no Authors line
    second = make_entry(date="2024-01-25", authors=["Ann Lee", "+", "Gemma Team"])
    corpus = resolve(digests_of(first, second))
    assert corpus.warnings == []
    assert corpus.papers["2401.00001"].authors == ("ann lee", "gemma team")
    assert corpus.authors["gemma team"].is_organization


def test_resolve_warns_on_conflicting_authors_and_titles():
    first = make_entry(date="2024-01-24", authors=["Ann Lee", "Bo Chen"], title="A Paper", line=3)
    second = make_entry(date="2024-01-25", authors=["Bo Chen", "Ann Lee"], title="Another Title",
                        source="b.md", line=7)
    corpus = resolve(digests_of(first, second))
    paper = corpus.papers["2401.00001"]
    assert paper.authors == ("ann lee", "bo chen") and paper.title == "A Paper"
    assert [(w.path, w.line) for w in corpus.warnings] == [("b.md", 7), ("b.md", 7)]
    messages = sorted(w.message for w in corpus.warnings)
    assert "different title than at a.md:3" in messages[0]
    assert "other authors than at a.md:3" in messages[1]


def test_resolve_same_authors_in_other_spelling_is_no_conflict():
    first = make_entry(date="2024-01-24", authors=[NFD("Amélie Héliou"), "Bo Chen", "Bo Chen"])
    second = make_entry(date="2024-01-25", authors=[NFC("Amélie Héliou"), "+", "BO CHEN"], title="a paper")
    corpus = resolve(digests_of(first, second))
    assert corpus.warnings == []
    assert corpus.papers["2401.00001"].authors == (NFC("amélie héliou"), "bo chen")
    assert corpus.authors[NFC("amélie héliou")].name == NFC("Amélie Héliou")


def test_resolve_cleans_titles_and_summaries_but_not_urls():
    entry = make_entry(title="  $\x08eta$-DPO:\t Dynamic\n $\x08eta$ ", summary=["\x0crac 요약\x00"])
    paper = resolve(digests_of(entry)).papers["2401.00001"]
    assert paper.title == "$\\beta$-DPO: Dynamic $\\beta$"
    assert paper.summary == ("\\frac 요약",)
    assert paper.url == "https://arxiv.org/abs/2401.00001"


# --------------------------------------------------------------------------
# The real seeds
# --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_corpus(seeds_dir):
    return load_corpus([seeds_dir])


def test_seed_counts(seed_corpus):
    assert seed_corpus.files == 5
    assert seed_corpus.warnings == []
    assert len(seed_corpus.papers) == 58
    assert len(seed_corpus.authors) == 508
    assert sum(len(p.authors) for p in seed_corpus.papers.values()) == 516


def test_seed_papers(seed_corpus):
    papers, authors = seed_corpus.papers, seed_corpus.authors
    lumiere = papers["2401.12945"]
    assert lumiere.title == "Lumiere: A Space-Time Diffusion Model for Video Generation"
    assert authors[lumiere.authors[0]].name == "Hila Chefer"
    assert lumiere.votes == 38 and lumiere.dates == (dt.date(2024, 1, 24),)
    assert len(papers["2312.09187"].authors) == 22
    assert "Xianyu" in [authors[k].name for k in papers["2405.11143"].authors]
    assert authors["xianyu"].name == "Xianyu"


def test_seed_identities(seed_corpus):
    authors = seed_corpus.authors
    assert "+" not in authors
    assert {a.name for a in authors.values() if a.is_organization} == {"Gemma Team", "Octo Model Team"}
    for key, author in authors.items():
        assert key == name_key(author.name)
        assert unicodedata.is_normalized("NFC", author.name)
    for paper in seed_corpus.papers.values():
        assert len(paper.authors) == len(set(paper.authors))
        assert all(key in authors for key in paper.authors)
        for text in (paper.title, *paper.summary):
            assert not XML_ILLEGAL & set(text)
