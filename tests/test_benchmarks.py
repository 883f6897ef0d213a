"""The benchmark scripts keep working: a smoke run at a small size (figures are not asserted)."""

from __future__ import annotations

import filecmp
import subprocess
import sys

from conftest import ROOT
from kg.export import EXPORTS

BENCH = ROOT / "benchmarks"


def run(*args) -> str:
    return subprocess.run([sys.executable, *map(str, args)], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout


def test_make_corpus_is_deterministic_and_parses_cleanly(tmp_path):
    run(BENCH / "make_corpus.py", 300, "--out", tmp_path / "a")
    run(BENCH / "make_corpus.py", 300, "--out", tmp_path / "b")
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files and files == sorted(p.name for p in (tmp_path / "b").iterdir())
    assert filecmp.cmpfiles(tmp_path / "a", tmp_path / "b", files, shallow=False)[0] == files
    from kg.pipeline import load_corpus
    corpus = load_corpus([tmp_path / "a"])
    assert len(corpus.papers) == 300 and corpus.warnings == []


def test_run_benchmark_smoke(tmp_path):
    out = run(BENCH / "run.py", "seeds", "--sizes", 40, 80, "--runs", 1, "--work", tmp_path)
    assert out.startswith("seeds: 58 papers (")  # a folder of real digests first
    assert "40 synthetic: 40 papers" in out and "scaling 40 -> 80" in out


def test_incremental_benchmark_smoke(tmp_path):
    out = run(BENCH / "incremental.py", "--papers", 80, "--work", tmp_path)
    n = len(EXPORTS)
    assert "80 papers, adding" in out and f"exports byte-identical: {n} of {n}" in out


def test_calibration_benchmark_smoke(tmp_path):
    out = run(BENCH / "calibration.py", "seeds", "--runs", 1, "--work", tmp_path)
    papers = next(line.split() for line in out.splitlines() if line.split()[:1] == ["papers"])
    assert papers == ["papers", "58", "58", "1.00"]  # a synthetic archive as big as the folder
    assert "stage, seconds (median of 1)" in out and "graph.ttl" in out and "within 20%" in out
