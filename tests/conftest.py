"""Shared fixtures: the seeds, and one build of them read back from disk."""

from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.topics.korean
from kg.builder import graph_of_corpus
from kg.cli import cli
from kg.graph import node_id
from kg.pipeline import load_corpus

# One Kiwi model for the whole session: a build loads its own and lets it go (about
# 1 s and 150 MB), which over the suite's many in-process builds costs minutes.
# One per process: a forked child cannot use its parent's (its threads stay behind).
_kiwi = functools.cache(lambda pid: KIWI())
KIWI, kg.topics.korean.kiwi = kg.topics.korean.kiwi, lambda: _kiwi(os.getpid())

# report.html's charts: matplotlib imported once here, not by each in-process build's export process.
import matplotlib.figure  # noqa: E402,F401

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: 101 unmodified digests of the public archive, beside the checkout (never copied into it).
REAL_SAMPLE = ROOT.parent / "shared" / "real-sample" / "digests"


def run_kg(*args: str):
    """Invoke the `kg` CLI in-process; returns click's Result (exit_code, output)."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="session")
def real_sample() -> Path:
    """The real sample's folder; skipped where it is missing, except on CI (CI=true), which must have it."""
    if not REAL_SAMPLE.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{REAL_SAMPLE} is missing: CI must have ../shared beside the checkout", pytrace=False)
        pytest.skip(f"no real sample at {REAL_SAMPLE}")
    return REAL_SAMPLE


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The exports of `kg build seeds/`, written once for the whole session."""
    out = tmp_path_factory.mktemp("exports")
    result = run_kg("build", SEEDS, "--out", out)
    assert result.exit_code == 0, result.output
    return out


def author(key: str) -> str:
    """The graph's node id of the author with name key `key`."""
    return node_id("author", key)


@pytest.fixture
def exports(built, tmp_path) -> Path:
    """A copy of the seeds' RDF exports, so the Oxigraph stores made beside them stay in one test."""
    for name in ("graph.ttl", "void.ttl", "ontology.ttl"):
        shutil.copy(built / name, tmp_path / name)
    return tmp_path


@pytest.fixture(scope="session")
def seed_corpus():
    """The records of seeds/ (read-only: several modules share them)."""
    return load_corpus([SEEDS])


@pytest.fixture(scope="session")
def seed_graph(seed_corpus):
    """The graph of seeds/, as `kg build` makes it (read-only: copy it to change it)."""
    return graph_of_corpus(seed_corpus)


@pytest.fixture
def digest_dir(tmp_path):
    """A folder to write digest files into; `write(name, text)` returns the path."""
    def write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path
    write.dir = tmp_path
    return write
