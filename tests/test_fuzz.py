"""Random digests never raise, and never lose a well-formed paper (tests/fuzzing.py has the grammar)."""

from __future__ import annotations

import random

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_kg
from fuzzing import check, digest


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=2**32))
def test_random_digests_parse_without_loss(seed):
    check(seed, exports=seed % 4 == 0)  # a quarter also read every export back (all of them: fuzzing.py)


@settings(max_examples=8, deadline=None)
@given(st.integers(min_value=0, max_value=2**32))
def test_random_digests_reach_every_export(tmp_path_factory, seed):
    folder = tmp_path_factory.mktemp("fuzz")
    text, expected = digest(random.Random(seed))
    (folder / "d.md").write_bytes(text.encode("utf-8"))
    result = run_kg("build", folder, "--out", folder / "out")
    assert "Traceback" not in result.output
    if not expected:
        return
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(folder / "out" / "graph.graphml")
    assert expected <= {d["arxiv_id"] for _, d in graph.nodes(data=True) if d["type"] == "paper"}
    turtle = (folder / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert all(f'"{pid}"' in turtle for pid in expected)
