"""`kg build` as a library (kg/builder.py): the graph a notebook gets is the graph the exports are written from."""

from __future__ import annotations

import re

import networkx as nx

import kg
import kg.export
from conftest import SEEDS, run_kg
from kg.export.graphml import generate_graphml
from kg.runtime import SERIAL


def test_build_graph_is_the_graph_kg_build_wrote(built, monkeypatch):
    monkeypatch.chdir(SEEDS.parent)  # `kg build seeds` names its input `seeds`, as here
    G = kg.build_graph(["seeds"])
    written = (built / "graph.graphml").read_bytes()
    assert "".join(generate_graphml(G)).encode("utf-8") == written
    read = nx.read_graphml(built / "graph.graphml")
    assert read.number_of_nodes() == G.number_of_nodes() == 58 + 508 + 5 + 169 + 47
    authorships = sorted((e["position"], a) for a, e in G["paper:2401.12945"].items() if e["type"] == "authorship")
    assert [a for _, a in authorships][:3] == ["author:hila chefer", "author:tali dekel", "author:tomer michaeli"]


def test_build_writes_every_export_and_reports(tmp_path, monkeypatch):
    monkeypatch.chdir(SEEDS.parent)
    messages = []

    class Recording(kg.Progress):
        def stage(self, message):
            messages.append(message)

    # In one process, so that every message reaches this Progress (a second process tells its own copy).
    report = kg.build(["seeds"], tmp_path, kg.BuildSettings(exports=kg.ExportSettings(min_papers=2)), Recording(),
                      executor=SERIAL)
    assert report.files == 5 and report.warnings == []
    assert report.counts["papers"] == 58 and report.counts["authors"] == 508
    assert [p.name for p in report.written] == [e.name for e in kg.export.EXPORTS]
    assert all(p.is_file() for p in report.written)
    kept = nx.read_graphml(tmp_path / "coauthors.graphml").number_of_nodes()
    assert report.authors_left_out == 508 - kept > 0
    assert {f"writing {e.name}" for e in kg.export.EXPORTS if not e.parts and not e.from_statistics} <= set(messages)


def test_the_cli_prints_what_the_library_reports(tmp_path):
    result = run_kg("build", SEEDS, "--out", tmp_path, "--min-papers", "2")
    assert result.exit_code == 0, result.output
    assert re.search(r"^  papers +58$", result.output, re.MULTILINE)
    assert re.search(r"^  artifacts +47$", result.output, re.MULTILINE)
    assert "author(s) with fewer than 2 papers left out of the co-author exports" in result.output


def test_the_export_table_is_what_a_build_writes(built):
    """Each file written is a row of kg.export.EXPORTS, and each row is written; --help lists them all."""
    from kg.export import EXPORTS

    written = sorted(p.name for p in built.iterdir() if not p.name.startswith("."))
    assert written == sorted(e.name for e in EXPORTS)
    assert [e.format for e in EXPORTS] == ["turtle", "void", "vocab", "vocab", "graphml", "graphml", "graphml",
                                           "gexf", "html", "html", "report"]
    help_text = run_kg("build", "--help").output
    assert all(f"{e.name}: {e.about}" in help_text for e in EXPORTS)
