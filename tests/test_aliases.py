"""Author aliases: spelling variants suggested with evidence, merged on the user's word.

Unit tests of `kg.aliases` on a fixture with one pair per evidence class, then the
`kg aliases suggest` and `kg build --aliases` commands end to end.
"""

from __future__ import annotations

import csv
import io
import sys

import networkx as nx
import pytest
import rdflib
from rdflib.namespace import SKOS

from conftest import SEEDS, run_kg
from kg.aliases import SAFE as SAFE_CLASSES
from kg.aliases import AliasError, AliasRow, apply_aliases, fold, read_aliases, suggest_aliases
from kg.export import EXPORTS
from kg.pipeline import load_corpus
from kg.records import Author, Corpus, Paper

SCHEMA = rdflib.Namespace("https://schema.org/")

PAPERS = [  # (arXiv id, authors)
    ("2401.00001", "Rémi Munos, Ann Lee, Bo Chen"),
    ("2401.00002", "Remi Munos, Ann Lee, Cy Dee"),
    ("2401.00003", "Rémi Munos, Ann Lee, Remi Munos"),  # both spellings on one paper
    ("2401.00004", "Samuel Rota Bulò, Ann Lee"),
    ("2401.00005", "Samuel Rota-Bulò, Dan Eve"),
    ("2401.00006", "Sercan O. Arik, Fay Gee"),
    ("2401.00007", "Sercan O Arik, Fay Gee, Gil Hu"),
    ("2401.00008", "Ben O'Neil, Hal Ivy"),
    ("2401.00009", "Ben ONeil, Hal Ivy"),
    ("2401.00010", "Jun Yan Zhu, Ivo Jo"),
    ("2401.00011", "Junyan Zhu, Kai Lo"),
    ("2401.00012", "Xin Lü, Max Ng"),
    ("2401.00013", "Xin Lu, Ned Oz"),
    ("2401.00014", "Wei Yang, Pia Qi"),  # family name first, no shared co-author: not suggested
    ("2401.00015", "Yang Wei, Rex Su"),
    ("2401.00016", "Tao Chen, Lin Mo"),  # family name first, shared co-author: suggested, merge
    ("2401.00017", "Chen Tao, Lin Mo"),
    ("2401.00018", "Luca S. Brown, Sam Ty"),  # an initial is not part of a given name: not suggested
    ("2401.00019", "Lucas Brown, Sam Ty"),
    ("2401.00020", "In-Jin Lee, Uma Vo"),  # words swapped inside a given name: not family name first
    ("2401.00021", "Jin-in Lee, Uma Vo"),
    ("2401.00022", "Oleg Mürk, Tim Ax"),  # an umlaut with a shared co-author: one person
    ("2401.00023", "Oleg Murk, Tim Ax, Val Wu"),
    ("2401.00024", "Michaël Gharbi, Zoe Yu"),  # a French diaeresis, as an umlaut
    ("2401.00025", "Michael Gharbi, Zoe Yu"),
    ("2401.00026", 'Sercan "O. Arik, Fay Gee'),  # a quote left by the source's list syntax: no third spelling
]

EXPECTED = {  # (canonical, variant): (evidence, decision)
    ("Rémi Munos", "Remi Munos"): ("accents;coauthors=1", "merge"),
    ("Samuel Rota Bulò", "Samuel Rota-Bulò"): ("punctuation;coauthors=0", "merge"),
    ("Sercan O. Arik", "Sercan O Arik"): ("initials;coauthors=1", "merge"),
    ("Oleg Mürk", "Oleg Murk"): ("umlaut;coauthors=1", "merge"),
    ("Michaël Gharbi", "Michael Gharbi"): ("umlaut;coauthors=1", "merge"),
    ("Ben O'Neil", "Ben ONeil"): ("quotes;coauthors=1", "merge"),
    ("Jun Yan Zhu", "Junyan Zhu"): ("spacing;coauthors=0", "merge"),
    ("Xin Lü", "Xin Lu"): ("umlaut;coauthors=0", ""),
    ("Chen Tao", "Tao Chen"): ("order;coauthors=1", "merge"),
}


def digest(papers=PAPERS) -> str:
    parts = ["## Daily Papers (2024-01-24)\n"]
    for arxiv_id, authors in papers:
        parts.append(f"### [Paper {arxiv_id}](https://arxiv.org/abs/{arxiv_id})\n\nAuthors: {authors}\n\n"
                     "- 요약.\n")
    return "\n".join(parts)


@pytest.fixture
def variants(digest_dir):
    digest_dir("day.md", digest())
    return digest_dir.dir


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def evidence(s) -> str:
    classes = [e for e in s.evidence if not e.startswith("coauthors=")]
    shared = next((e for e in s.evidence if e.startswith("coauthors=")), "coauthors=0")
    return ";".join(classes + [shared])


# --------------------------------------------------------------------------
# suggest_aliases
# --------------------------------------------------------------------------

def test_fold_keeps_umlaut_apart_only_when_asked():
    assert fold("Xin Lü") == fold("Xin Lu")
    assert fold("Xin Lü", skip="umlaut") != fold("Xin Lu", skip="umlaut")


def test_suggest_finds_each_class_with_its_decision(variants):
    found = suggest_aliases(load_corpus([variants]))
    got = {(s.canonical, s.variant): (evidence(s), s.decision) for s in found}
    assert got == EXPECTED
    assert all(0 < s.score <= 1 for s in found)
    # the safe classes score above the doubtful ones; a shared co-author adds to the score
    assert min(s.score for s in found if set(s.evidence) & {"accents", "initials", "quotes"}) > \
        max(s.score for s in found if not s.decision)
    assert got[("Xin Lü", "Xin Lu")][1] == ""  # an umlaut without a shared co-author stays undecided


def test_stray_quotes_and_brackets_are_not_part_of_a_name(variants):
    from kg.identity import person_name
    assert person_name('Sercan "O. Arik') == "Sercan O. Arik" and person_name("[Ann Lee") == "Ann Lee"
    assert person_name("'Ann Lee'") == "Ann Lee" and person_name("Gerard 't Hooft") == "Gerard 't Hooft"
    assert person_name('Tim "The Tool" Lee') == 'Tim "The Tool" Lee' and person_name("Bo (Bob) Li") == "Bo (Bob) Li"
    names = {a.name for a in load_corpus([variants]).authors.values()}
    assert 'Sercan "O. Arik' not in names and "Sercan O. Arik" in names


def test_order_without_shared_coauthors_is_not_suggested(variants):
    names = {n for s in suggest_aliases(load_corpus([variants])) for n in (s.canonical, s.variant)}
    assert not {"Wei Yang", "Yang Wei", "Luca S. Brown", "Lucas Brown", "In-Jin Lee", "Jin-in Lee"} & names


def test_seeds_have_no_suggestions():
    assert suggest_aliases(load_corpus([SEEDS])) == []


def test_on_the_real_sample_every_pair_with_shared_coauthors_is_merged(real_sample):
    found = suggest_aliases(load_corpus([real_sample]))
    with_coauthors = {(s.canonical, s.variant): s.decision for s in found
                      if any(e.startswith("coauthors=") for e in s.evidence)}
    assert set(with_coauthors.values()) == {"merge"}
    needing_them = {(s.canonical, s.variant, s.evidence) for s in found if not set(s.evidence) & SAFE_CLASSES}
    assert needing_them == {("Ahmet Üstün", "Ahmet Ustun", ("umlaut", "coauthors=1")),
                            ("Li Xiu", "Xiu Li", ("order", "coauthors=1")),
                            ("Oleg Mürk", "Oleg Murk", ("umlaut", "coauthors=20")),
                            ("Pan Zhang", "Zhang Pan", ("order", "coauthors=1"))}
    assert len(found) == 25 and all(s.decision == "merge" for s in found)


def python_calls(function, *args) -> int:
    """How many Python functions `function(*args)` calls: an operation count, the same on every machine."""
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        calls += event == "call"

    sys.setprofile(count)
    try:
        function(*args)
    finally:
        sys.setprofile(None)
    return calls


def names_corpus(n: int) -> Corpus:
    """`n` distinct names, plus n/250 pairs of accent variants, one paper each."""
    names = [f"Name{i:05d} Family{i % 997}" for i in range(n)] \
        + [f"Ré{i} Family" for i in range(n // 250)] + [f"Re{i} Family" for i in range(n // 250)]
    corpus = Corpus()
    for i, name in enumerate(names):
        key = name.casefold()
        corpus.authors[key] = Author(key, name)
        corpus.papers[f"p{i}"] = Paper(f"p{i}", "t", "u", (), (key,), None, (), ())
    return corpus


def test_suggest_scales_by_blocking():
    """Twice the names cost twice the work: names are blocked by their folded form, never compared pairwise."""
    found = suggest_aliases(names_corpus(25_000))
    assert len(found) == 100 and {s.decision for s in found} == {"merge"}
    small, large = python_calls(suggest_aliases, names_corpus(2_500)), python_calls(suggest_aliases, names_corpus(5_000))
    assert 1.9 < large / small < 2.2


# --------------------------------------------------------------------------
# apply_aliases
# --------------------------------------------------------------------------

def test_apply_merges_marked_rows_and_keeps_one_authorship(variants):
    corpus = load_corpus([variants])
    rows = [AliasRow("Rémi Munos", "Remi Munos", "merge", "a.csv", 2),
            AliasRow("Xin Lü", "Xin Lu", "split", "a.csv", 3),
            AliasRow("Chen Tao", "Tao Chen", "", "a.csv", 4)]
    merged, report = apply_aliases(corpus, rows)
    assert report.merged == 1 and report.split == 1
    assert "remi munos" not in merged.authors
    assert merged.authors["rémi munos"].alt_names == ("Remi Munos",)
    assert merged.papers["2401.00002"].authors == ("rémi munos", "ann lee", "cy dee")
    assert merged.papers["2401.00003"].authors == ("rémi munos", "ann lee")
    assert {"xin lü", "xin lu", "tao chen", "chen tao"} <= set(merged.authors)
    assert len(merged.authors) == len(corpus.authors) - 1


def test_apply_chains_and_split_guard(variants):
    corpus = load_corpus([variants])
    rows = [AliasRow("Xin Lü", "Xin Lu", "split", "a.csv", 2),
            AliasRow("Rémi Munos", "Remi Munos", "merge", "a.csv", 3),
            AliasRow("Xin Lu", "Remi Munos", "merge", "a.csv", 4),  # would pull Remi into Xin Lu's group
            AliasRow("Xin Lü", "Rémi Munos", "merge", "a.csv", 5)]  # and then join Lü and Lu: refused
    merged, report = apply_aliases(corpus, rows)
    assert any("marked split" in w.message and w.line == 5 for w in merged.warnings)
    assert {"xin lü", "xin lu"} <= set(merged.authors)


def test_unknown_name_is_a_warning(variants):
    merged, report = apply_aliases(load_corpus([variants]), [AliasRow("Nobody Here", "Remi Munos", "merge", "a.csv", 7)])
    assert report.merged == 0
    assert [str(w) for w in merged.warnings] == ["a.csv:7: aliases: no author named 'Nobody Here'; row ignored"]


@pytest.mark.parametrize("text, line, message", [
    ("canonical,variant,score,evidence,decision\nA,B,1.0,accents\n", 2, "expected 5 fields"),
    ("A,B,1.0,accents,merge\n\nC,D,0.5,umlaut,maybe\n", 3, "decision must be merge, split or empty"),
    ("A,,1.0,accents,merge\n", 1, "must not be empty"),
    ("A,B,high,accents,merge\n", 1, "score must be a number"),
])
def test_malformed_row_names_its_line(tmp_path, text, line, message):
    path = tmp_path / "aliases.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AliasError, match=message) as info:
        read_aliases(path)
    assert info.value.line == line
    assert str(info.value).startswith(f"{path}:{line}: ")


# --------------------------------------------------------------------------
# the commands
# --------------------------------------------------------------------------

def test_cli_suggest_writes_sorted_stable_csv(variants, tmp_path):
    out = tmp_path / "a.csv"
    result = run_kg("aliases", "suggest", variants, "--out", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "canonical,variant,score,evidence,decision"
    rows = rows_of(text)
    assert [(r["canonical"], r["variant"]) for r in rows] == sorted(EXPECTED, key=lambda p: (p[0].casefold(), p[1]))
    assert {(r["canonical"], r["variant"]): r["decision"] for r in rows} == {k: v[1] for k, v in EXPECTED.items()}
    assert run_kg("aliases", "suggest", variants).output == text  # stdout, same bytes


def test_build_with_suggested_file_merges_safe_classes(variants, tmp_path):
    aliases = tmp_path / "aliases.csv"
    assert run_kg("aliases", "suggest", variants, "--out", aliases).exit_code == 0
    out = tmp_path / "out"
    result = run_kg("build", variants, "--out", out, "--aliases", aliases)
    assert result.exit_code == 0, result.output
    assert "8 author name(s) merged by" in result.output
    assert "1 alias suggestion(s) undecided" in result.output
    G = nx.read_graphml(out / "graph.graphml")
    authors = {d["label"]: (n, d) for n, d in G.nodes(data=True) if d["type"] == "author"}
    assert "Remi Munos" not in authors and "Samuel Rota-Bulò" not in authors and "Xin Lu" in authors
    node, data = authors["Rémi Munos"]
    assert data["alt_names"] == "Remi Munos" and data["paper_count"] == 3
    coauthors = {G.nodes[m]["label"] for m in G[node] if G.nodes[m]["type"] == "author"}
    assert coauthors == {"Ann Lee", "Bo Chen", "Cy Dee"}
    ann = authors["Ann Lee"][0]
    assert (G[node][ann]["weight"], G[node][ann]["papers"]) == (3, "2401.00001 2401.00002 2401.00003")
    assert G.number_of_edges() == len({frozenset(e) for e in G.edges()})  # no duplicate edges
    coauthors_file = nx.read_graphml(out / "coauthors.graphml")
    assert coauthors_file.nodes[node]["alt_names"] == "Remi Munos"
    paper = "paper:2401.00003"
    assert sorted(d["position"] for _, _, d in G.edges(paper, data=True) if d["type"] == "authorship") == [1, 2]
    assert all(d["paper_count"] > 0 for _, d in authors.values())
    ttl = rdflib.Graph().parse(out / "graph.ttl")
    person = next(ttl.subjects(SCHEMA.alternateName, rdflib.Literal("Remi Munos")))
    assert set(ttl.objects(person, SKOS.altLabel)) == {rdflib.Literal("Remi Munos")}
    assert (person, rdflib.namespace.FOAF.name, rdflib.Literal("Rémi Munos")) in ttl


def test_aliases_csv_in_input_folder_is_picked_up(variants, tmp_path):
    (variants / "aliases.csv").write_text("canonical,variant,score,evidence,decision\n"
                                          "Xin Lü,Xin Lu,0.64,umlaut,split\n"
                                          "Chen Tao,Tao Chen,0.64,order,merge\n", encoding="utf-8")
    result = run_kg("build", variants, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "1 author name(s) merged by" in result.output
    assert "7 alias suggestion(s) undecided" in result.output  # the ones not in this file
    G = nx.read_graphml(tmp_path / "out" / "graph.graphml")
    labels = {d["label"] for _, d in G.nodes(data=True) if d["type"] == "author"}
    assert {"Xin Lü", "Xin Lu", "Chen Tao"} <= labels and "Tao Chen" not in labels


def test_unknown_name_warns_in_build(variants, tmp_path):
    aliases = tmp_path / "a.csv"
    aliases.write_text("Nobody Here,Remi Munos,1,accents,merge\n", encoding="utf-8")
    result = run_kg("build", variants, "--out", tmp_path / "out", "--aliases", aliases)
    assert result.exit_code == 0
    assert f"warning: {aliases}:1: aliases: no author named 'Nobody Here'; row ignored" in result.output


def test_malformed_file_fails_the_build_with_its_line(variants, tmp_path):
    aliases = tmp_path / "a.csv"
    aliases.write_text("canonical,variant,score,evidence,decision\nRémi Munos,Remi Munos\n", encoding="utf-8")
    result = run_kg("build", variants, "--out", tmp_path / "out", "--aliases", aliases)
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {aliases}:2: expected 5 fields (canonical,variant,score,evidence,decision), got 2"
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_empty_or_absent_file_changes_nothing(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("canonical,variant,score,evidence,decision\n", encoding="utf-8")
    assert run_kg("build", SEEDS, "--out", tmp_path / "a").exit_code == 0
    assert run_kg("build", SEEDS, "--out", tmp_path / "b", "--aliases", empty).exit_code == 0
    for name in (e.name for e in EXPORTS):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_merged_build_conforms_to_shapes(variants, tmp_path):
    pyshacl = pytest.importorskip("pyshacl")
    aliases = tmp_path / "aliases.csv"
    assert run_kg("aliases", "suggest", variants, "--out", aliases).exit_code == 0
    assert run_kg("build", variants, "--out", tmp_path / "out", "--aliases", aliases).exit_code == 0
    data, shapes, ontology = (rdflib.Graph().parse(tmp_path / "out" / name)
                              for name in ("graph.ttl", "shapes.ttl", "ontology.ttl"))
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology)
    assert conforms, text


def test_build_without_file_counts_undecided_suggestions(variants, tmp_path):
    result = run_kg("build", variants, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "9 alias suggestion(s) undecided: see `kg aliases suggest`" in result.output
    result = run_kg("build", SEEDS, "--out", tmp_path / "seeds")
    assert "alias" not in result.output


def merge_rows(n: int) -> tuple[Corpus, list[AliasRow]]:
    """`n` pairs of accent variants, one paper each, and a merge row for each pair."""
    corpus, rows = Corpus(), []
    for i in range(n):
        for name in (f"Ré{i} X", f"Re{i} X"):
            corpus.authors[name.casefold()] = Author(name.casefold(), name)
        corpus.papers[f"p{i}"] = Paper(f"p{i}", "t", "u", (), (f"ré{i} x", f"re{i} x"), None, (), ())
        rows.append(AliasRow(f"Ré{i} X", f"Re{i} X", "merge", "a.csv", i + 1))
    return corpus, rows


def test_apply_scales_with_the_file():
    """Twice the rows cost twice the work: each row's check against split pairs looks at its two groups only."""
    merged, report = apply_aliases(*merge_rows(20_000))
    assert report.merged == 20_000 and len(merged.authors) == 20_000
    assert {p.authors for p in merged.papers.values()} == {(f"ré{i} x",) for i in range(20_000)}
    small, large = python_calls(apply_aliases, *merge_rows(2_000)), python_calls(apply_aliases, *merge_rows(4_000))
    assert 1.9 < large / small < 2.2
