"""Links from the digests: every class that reaches an IRI, read, resolved and checked in one place.

The real cases (a Markdown link whose text is a URL, site-relative media) are in
`fixtures/variants/17_links.md`; invalid links are written here, one in each field that
becomes an IRI, and each gives one warning while every paper is exported.
"""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from conftest import FIXTURES, run_kg
from kg.errors import ExportError
from kg.export import write_exports
from kg.identity import clean_text
from kg.iri import InvalidLink, IRIs, check_base_iri, find_links, iri_segment, web_link
from kg.parse import parse_digest, read_digest
from kg.builder import graph_of_corpus
from kg.pipeline import load_corpus

LINKS = FIXTURES / "variants" / "17_links.md"


@pytest.mark.parametrize("text, links", [
    ("[https://x.github.io/](https://x.github.io/).", ["https://x.github.io/"]),
    ('[GitHub](https://github.com/o/r "저장소")에서', ["https://github.com/o/r"]),
    ("[t](<https://x.org/a>)", ["https://x.org/a"]),
    (r"[t](https://x.org/a_\(b\))", ["https://x.org/a_(b)"]),
    ("[[nested] text](https://n.org/(x))", ["https://n.org/(x)"]),
    ("![그림](/avatars/a.svg) 본문", ["/avatars/a.svg"]),
    ('<a href="https://x.org/q">x</a>, <https://auto.org/>, `https://code.org/x`',
     ["https://x.org/q", "https://auto.org/", "https://code.org/x"]),
    ("코드는 https://github.com/OFA-Sys/Ditto에서 (https://x.io/a).", ["https://github.com/OFA-Sys/Ditto", "https://x.io/a"]),
    ("[a](https://a.org)[b](https://b.org) https://a.org", ["https://a.org", "https://b.org"]),
    ("[Text](Images) and [x](#anchor)", []),
    ("[x](javascript:alert(1))", ["javascript:alert(1)"]),  # found, then refused by web_link
])
def test_find_links_reads_markdown_and_leaves_no_syntax_in_a_url(text, links):
    assert find_links(text) == links


@pytest.mark.parametrize("url, iri", [
    ("/avatars/e4f6.svg", "https://huggingface.co/avatars/e4f6.svg"),
    ("//cdn.example.org/a.png", "https://cdn.example.org/a.png"),
    ("https://例え.jp/パス", "https://例え.jp/パス"),
    ("https://x.org/ends.", "https://x.org/ends%2E"),
])
def test_web_link_resolves_against_the_site(url, iri):
    assert web_link(url) == iri
    ox.NamedNode(iri)


@pytest.mark.parametrize("url, reason", [
    ("https://x.github.io/](https://x.github.io/)", "Invalid IRI code point ']'"),
    ("https://x.org/a b", "Invalid IRI code point ' '"),
    ("https://x.org/%zz", "percent encoding"),
    ("javascript:alert(1)", "not a web link"),
    ("mailto:a@b.org", "not a web link"),
    ("Images", "not a web link"),
    ("https://", "no host"),
    ("https://[::1/", "invalid IRI"),
    ("https://x.org/a\u2028b", "U\\+2028"),  # valid RFC 3987, but a line break to every reader
    ("https://x.org/a\u00a0b", "U\\+00A0"),
])
def test_web_link_refuses_what_cannot_be_an_iri(url, reason):
    with pytest.raises(InvalidLink, match=reason.replace("[", r"\[").replace("]", r"\]")):
        web_link(url)


def test_minted_iris_never_end_in_a_dot_which_rdflib_cannot_read():
    iris = IRIs("https://example.org/kg/")
    assert iri_segment("andrew favre d. o.") == "andrew_favre_d._o%2E"
    assert iris.source("digests/odd name.") == "https://example.org/kg/source/digests/odd%20name%2E"


def test_real_link_classes_read_without_warnings():
    digests, warnings = read_digest(LINKS)
    assert warnings == []
    media = {e.arxiv_id: e.media for d in digests for e in d.entries}
    links = {e.arxiv_id: e.links for d in digests for e in d.entries}
    assert media == {
        "2406.90017": ("https://huggingface.co/avatars/03707f5ea4e2aa8dc825a9782b00ed85.svg",),
        "2405.90018": ("https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2405.90018.png",),
    }
    assert links == {
        "2406.90017": (),
        "2405.90018": ("https://nianticlabs.github.io/acezero/", "https://github.com/owner/repo",
                       "https://huggingface.co/spaces/owner/demo", "https://example.org/in-code",
                       "https://example.org/in-tag"),
    }


BAD = """## Daily Papers (2024-03-01)

### [Heading URL With A Bad Tail](https://arxiv.org/abs/2403.00001?x=<y>)

Authors: Ann Lee, Bo Chen

- 논문 URL의 꼬리에 IRI가 될 수 없는 글자가 있다.

### [Bad Media](https://arxiv.org/abs/2403.00002)

![](https://x.org/%zz.png)

Authors: Bo Chen, Cy Diaz

- 미디어 URL의 퍼센트 인코딩이 잘못되었다.

### [Script Video](https://arxiv.org/abs/2403.00003)

<video src='javascript:alert(1)'></video>

Authors: Cy Diaz

- 동영상 주소가 웹 링크가 아니다.

### [Bad Summary Link](https://arxiv.org/abs/2403.00004)

Authors: Dee Eng

- 코드는 [여기](https://github.com/o/r|x)에 있고 페이지는 https://ok.example.org/page 이다.

### [A Clean Paper](https://arxiv.org/abs/2403.00005)

![](/avatars/ok.svg)

Authors: Ann Lee

- 문제 없는 논문.
"""


def test_each_invalid_link_is_one_warning_and_its_paper_is_kept():
    digests, warnings = parse_digest(BAD, "bad.md")
    assert [(w.line, w.message.split(":")[0]) for w in warnings] == [
        (3, "link dropped"), (11, "link dropped"), (19, "link dropped"), (29, "link dropped")]
    assert "not a web link" in warnings[2].message and "'|'" in warnings[3].message
    entries = {e.arxiv_id: e for e in digests[0].entries}
    assert sorted(entries) == ["2403.00001", "2403.00002", "2403.00003", "2403.00004", "2403.00005"]
    assert entries["2403.00001"].url == "https://arxiv.org/abs/2403.00001"
    assert entries["2403.00002"].media == entries["2403.00003"].media == ()
    assert entries["2403.00004"].links == ("https://ok.example.org/page",)
    assert entries["2403.00005"].media == ("https://huggingface.co/avatars/ok.svg",)


def test_build_warns_once_per_dropped_link_and_exports_every_paper(digest_dir):
    digest_dir("bad.md", BAD)
    out = digest_dir.dir / "out"
    result = run_kg("build", digest_dir.dir, "--out", out)
    assert result.exit_code == 0, result.output
    folder = digest_dir.dir.name
    dropped = [line for line in result.output.splitlines() if "link dropped" in line]
    assert [line.split(": link dropped")[0] for line in dropped] == [
        f"warning: {folder}/bad.md:{n}" for n in (3, 11, 19, 29)]
    rdf = Graph().parse(out / "graph.ttl", format="turtle")
    papers = {str(s).rsplit("/", 1)[1] for s in rdf.subjects(URIRef("https://schema.org/identifier"), None)}
    assert papers == {f"2403.0000{i}" for i in range(1, 6)}
    graph = nx.read_graphml(out / "graph.graphml")
    assert graph.nodes["paper:2403.00004"]["links"] == "https://ok.example.org/page"

    strict = run_kg("build", digest_dir.dir, "--out", digest_dir.dir / "strict", "--strict")
    assert strict.exit_code == 1 and "4 warning(s) and --strict: nothing written" in strict.output
    assert not (digest_dir.dir / "strict" / "graph.ttl").exists()


@pytest.mark.parametrize("base", ["https://example.org/kg", "not an iri/", "https://exa mple.org/", "https://[/"])
def test_invalid_base_iri_is_a_usage_error_before_any_work(base, tmp_path):
    result = run_kg("build", FIXTURES / "variants", "--out", tmp_path / "out", "--base-iri", base)
    assert result.exit_code == 2
    assert "Invalid value for '--base-iri'" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_check_base_iri_accepts_namespaces():
    assert check_base_iri("https://example.org/kg/") == "https://example.org/kg/"
    assert check_base_iri("urn:x-kg:graph#") == "urn:x-kg:graph#"


def test_lone_surrogates_and_xml_illegal_characters_never_reach_an_export(tmp_path):
    text = ("## Daily Papers (2024-03-01)\n### [Bad \ud800 title \x0b here](https://arxiv.org/abs/2403.00001)\n"
            "Authors: Ann \udfff Lee, Bo\x00 Chen\n- 요약 \ud83d 문장 \ufffe 끝\n")
    digests, _ = parse_digest(text, "surrogates.md")
    assert clean_text("a\ud800b\udfffc") == "abc"
    from kg.identity import resolve
    corpus = resolve(digests, 1)
    G = graph_of_corpus(corpus)
    write_exports(G, tmp_path)
    Graph().parse(tmp_path / "graph.ttl", format="turtle")
    nx.read_graphml(tmp_path / "graph.graphml")
    nx.read_gexf(tmp_path / "coauthors.gexf")
    paper = nx.read_graphml(tmp_path / "graph.graphml").nodes["paper:2403.00001"]
    assert "\ud800" not in paper["label"] and paper["summary"] == "요약  문장  끝"


def test_an_export_that_still_fails_names_its_file_and_node(tmp_path):
    G = graph_of_corpus(load_corpus([LINKS]))
    G.nodes["paper:2405.90018"]["media"] = "https://x.org/a|b"  # past every check: a writer's fault
    with pytest.raises(ExportError) as info:
        write_exports(G, tmp_path)
    message = str(info.value)
    assert "graph.ttl (papers)" in message and "paper/2405.90018" in message and "'|'" in message
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_a_video_tag_source_is_an_html_attribute():
    text = ("## Daily Papers (2024-01-01)\n### [T](https://arxiv.org/abs/2401.00001)\n"
            "<div><video controls src=\"https://x.org/v.mp4?a=1&amp;b=2\" muted></video></div>\n")
    digests, warnings = parse_digest(text)
    assert digests[0].entries[0].media == ("https://x.org/v.mp4?a=1&b=2",) and warnings == []
