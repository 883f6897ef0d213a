"""`kg query` on the build's Oxigraph store on disk (`kg.store`): loaded once per build, shared with `kg serve`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.query import OxigraphGraph, load_graph, named_queries
from kg.store import STORE_FOLDER, store_path
from test_query import PARAMS
from test_serve import free_port, select, start_serve, stop

ROOT = Path(__file__).resolve().parent.parent
ADDED = '\n<urn:kg:test> <urn:kg:p> "changed" .\n'


def kg_query(exports: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m kg query EXPORTS/graph.ttl ARGS` in its own process, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "kg", "query", str(exports / "graph.ttl"), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def stores(exports: Path) -> list[str]:
    return sorted(p.name for p in (exports / STORE_FOLDER).iterdir() if p.is_dir())


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_the_store_answers_as_the_file_loaded_in_memory(built, name):
    query = named_queries()[name]
    stored = load_graph(built / "graph.ttl").select(query.text, PARAMS.get(name, {}))
    assert stored == OxigraphGraph(built / "graph.ttl").select(query.text, PARAMS.get(name, {}))


def test_loaded_once_then_reused(exports):
    first = kg_query(exports, "--name", "coauthors", "--param", "name=Chelsea Finn")
    assert first.returncode == 0, first.stderr
    assert "into the store" in first.stderr and first.stdout.splitlines()[-1] == "(33 rows)"
    again = kg_query(exports, "--name", "coauthors", "--param", "name=Chelsea Finn")
    assert again.returncode == 0 and again.stderr == "" and again.stdout == first.stdout
    assert store_path(exports) == (exports / STORE_FOLDER / stores(exports)[0], True)


def test_a_new_build_gets_a_new_store_and_the_old_one_goes(exports):
    old, _ = store_path(exports)
    with (exports / "graph.ttl").open("a", encoding="utf-8") as f:
        f.write(ADDED)
    done = kg_query(exports, 'SELECT ?o WHERE { <urn:kg:test> <urn:kg:p> ?o }')
    assert done.returncode == 0 and "into the store" in done.stderr
    assert done.stdout.splitlines()[2] == "changed"
    assert not old.exists() and len(stores(exports)) == 1


def test_beside_a_running_serve(exports):
    port = free_port()
    process, _ = start_serve(exports, port)
    try:
        served, _ = store_path(exports)
        done = kg_query(exports, "--name", "coauthors", "--param", "name=Chelsea Finn")
        assert done.returncode == 0 and done.stderr == "", done.stderr
        assert done.stdout.splitlines()[-1] == "(33 rows)"
        # A new build while the server runs: the query loads a new store, the served one stays.
        with (exports / "graph.ttl").open("a", encoding="utf-8") as f:
            f.write(ADDED)
        done = kg_query(exports, 'SELECT ?o WHERE { <urn:kg:test> <urn:kg:p> ?o }')
        assert done.returncode == 0 and done.stdout.splitlines()[2] == "changed"
        assert served.exists() and len(stores(exports)) == 2
        rows = select(f"http://127.0.0.1:{port}/query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert int(rows[0]["n"]["value"]) > 33_000
    finally:
        code, err = stop(process)
    assert code == 0, err


def test_a_truncated_store_is_loaded_again_with_a_clear_line(exports):
    path, _ = store_path(exports)
    for file in path.iterdir():
        if file.name.startswith("MANIFEST") or file.suffix == ".sst":
            file.write_bytes(b"")
    done = kg_query(exports, "--name", "paper-authors", "--param", "arxiv=2401.12945")
    assert done.returncode == 0, done.stderr
    assert f"the store {path} is damaged" in done.stderr and "Traceback" not in done.stderr
    assert done.stdout.splitlines()[2].split() == ["1", "Hila", "Chefer"]


def test_a_store_without_its_files_is_replaced(exports):
    path, _ = store_path(exports)
    (path / "CURRENT").unlink()
    done = kg_query(exports, "--name", "paper-authors", "--param", "arxiv=2401.12945")
    assert done.returncode == 0 and "was incomplete: replaced" in done.stderr, done.stderr
    assert (path / "CURRENT").is_file()


def test_two_queries_at_once_on_a_new_build(exports):
    command = [sys.executable, "-m", "kg", "query", str(exports / "graph.ttl"), "--name", "top-authors"]
    both = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = [process.communicate(timeout=120) for process in both]
    assert [process.returncode for process in both] == [0, 0], outputs
    assert outputs[0][0] == outputs[1][0] and outputs[0][0].splitlines()[-1] == "(8 rows)"
    assert len(stores(exports)) == 1
    assert not [p for p in (exports / STORE_FOLDER).iterdir() if p.name.startswith(".loading")]


def test_explain_prints_the_plan(exports):
    done = kg_query(exports, "--name", "coauthors", "--param", "name=Chelsea Finn", "--explain")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "(33 rows)"
    assert "QuadPattern" in done.stderr or "Join" in done.stderr, done.stderr
    assert len(stores(exports)) == 1  # the copy it ran on is gone


def test_explain_needs_a_build(tmp_path, built):
    shutil.copy(built / "graph.ttl", tmp_path / "other.ttl")
    done = subprocess.run([sys.executable, "-m", "kg", "query", str(tmp_path / "other.ttl"), "--name", "top-authors",
                           "--explain"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "--explain needs the oxigraph engine" in done.stderr


def test_rdflib_engine_keeps_no_store(exports):
    done = kg_query(exports, "--name", "top-authors", "--engine", "rdflib")
    assert done.returncode == 0 and done.stdout.splitlines()[-1] == "(8 rows)"
    assert not (exports / STORE_FOLDER).exists()
