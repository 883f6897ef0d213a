"""The `kg` command: build summary, bad input, --strict, atomic exports, queries."""

from __future__ import annotations

import dataclasses

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, run_kg
from kg import export

GOOD = ("## Daily Papers (2024-01-24)\n\n### [A Paper](https://arxiv.org/abs/2401.00001)\n\n"
        "Vote: 3\n\nAuthors: Ann Lee, Bo Chen\n\n- 요약\n")
EXPORT_NAMES = [e.name for e in export.EXPORTS]


def snapshot(folder: Path) -> dict[str, bytes]:
    """The exports in a folder (not the build cache)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def summary_counts(output: str) -> dict[str, int]:
    """The `  name   1,234` lines of the build summary."""
    return {m[1]: int(m[2].replace(",", "")) for m in re.finditer(r"^  (\S.*?)\s{2,}([\d,]+)$", output, re.M)}


def test_build_prints_summary(tmp_path):
    result = run_kg("build", SEEDS, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert summary_counts(result.output) == {
        "papers": 58, "authors": 508, "dates": 5, "topics": 169, "artifacts": 47, "authorships": 516,
        "coauthor pairs": 2728, "paper-date links": 58, "paper-topic links": 296, "paper-artifact links": 60,
        "warnings": 0}
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == sorted(EXPORT_NAMES)
    assert (tmp_path / ".kg-cache" / "parsed.pickle").is_file()
    assert (tmp_path / ".kg-cache" / "analyses.pickle").is_file()


BAD_INPUTS = {
    "cp949.md": ("## Daily Papers (2024-01-24)\n\n### [논문](https://arxiv.org/abs/2401.00002)\n".encode("cp949"),
                 "cp949.md:3: file skipped: not UTF-8"),
    "binary.md": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary.md:0: file skipped: binary file"),
    "empty.md": (b"", "empty.md:0: file skipped: empty file"),
    "noheader.md": (b"### [A](https://arxiv.org/abs/2401.00003)\n",
                    "noheader.md:1: file skipped: no '## Daily Papers (YYYY-MM-DD)' header"),
    "baddate.md": (b"## Daily Papers (2024-02-30)\n\n### [A](https://arxiv.org/abs/2401.00004)\n",
                   "baddate.md:1: invalid date '2024-02-30'"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_file_is_a_warning_naming_file_and_line(digest_dir, tmp_path, name):
    data, message = BAD_INPUTS[name]
    digest_dir("good.md", GOOD)
    digest_dir(name, data)
    result = run_kg("build", digest_dir.dir, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert summary_counts(result.output)["papers"] == 1  # the good file is kept


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_strict_fails_and_leaves_previous_exports(digest_dir, tmp_path, name):
    out = tmp_path / "out"
    digest_dir("good.md", GOOD)
    assert run_kg("build", digest_dir.dir, "--out", out).exit_code == 0
    before = snapshot(out)
    digest_dir(name, BAD_INPUTS[name][0])
    result = run_kg("build", digest_dir.dir, "--out", out, "--strict")
    assert result.exit_code == 1
    assert "--strict: nothing written" in result.output
    assert snapshot(out) == before


def test_no_papers_at_all_is_an_error(digest_dir, tmp_path):
    digest_dir("empty.md", b"")
    result = run_kg("build", digest_dir.dir, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "no papers found" in result.output
    assert not (tmp_path / "out").exists()


def disk_full(G, file, **settings):
    """A writer that meets a full disk."""
    file.write(b"partial")
    raise OSError(28, "No space left on device")


def test_failed_export_leaves_previous_exports(digest_dir, tmp_path, monkeypatch):
    out = tmp_path / "out"
    digest_dir("good.md", GOOD)
    assert run_kg("build", digest_dir.dir, "--out", out).exit_code == 0
    before = snapshot(out)
    digest_dir("more.md", GOOD.replace("2401.00001", "2401.00009"))

    monkeypatch.setattr(export, "EXPORTS", tuple(
        dataclasses.replace(e, writer="test_cli:disk_full") if e.name == "coauthors.html" else e
        for e in export.EXPORTS))
    result = run_kg("build", digest_dir.dir, "--out", out)
    assert result.exit_code == 1
    assert "No space left on device" in result.output
    assert snapshot(out) == before  # old files intact, no temporary file left


def test_missing_path_is_a_usage_error(tmp_path):
    result = run_kg("build", tmp_path / "nope")
    assert result.exit_code == 2
    assert "does not exist" in result.output


@pytest.mark.parametrize("args, status, out, err", [
    (["build", "seeds", "--out", "{tmp}"], 0, "wrote {tmp}/graph.ttl", "writing coauthors.html"),
    (["build", "{tmp}/nowhere"], 2, "", "Error: Invalid value for '[PATHS]...'"),
    (["nosuch"], 2, "", "Error: No such command 'nosuch'."),
])
def test_the_command_exits_with_its_status_and_all_its_output(tmp_path, args, status, out, err):
    """`kg` ends with os._exit (no freeing of the graph): output through pipes must still be whole."""
    done = subprocess.run([sys.executable, "-m", "kg", *(a.format(tmp=tmp_path) for a in args)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == status
    assert out.format(tmp=tmp_path) in done.stdout and err in done.stderr
    if status == 0:
        assert done.stdout.rstrip().endswith("report.html")


def test_query_named_coauthors(built):
    result = run_kg("query", built / "graph.ttl", "coauthors", "--param", "name=Chelsea Finn")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()  # stderr may say the store is being loaded
    assert lines[0].split() == ["coauthor", "shared_papers", "first", "last"]
    assert lines[-1] == "(33 rows)"


def test_query_author_papers_by_date(built):
    result = run_kg("query", built / "graph.ttl", "author-papers", "--param", "name=chelsea finn", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = result.stdout.splitlines()
    assert rows[0] == "date,arxiv,position,title"
    assert len(rows) == 1 + 2
    assert [r.split(",")[0] for r in rows[1:]] == sorted(r.split(",")[0] for r in rows[1:])


def test_query_papers_of_date_json(built):
    result = run_kg("query", built / "graph.ttl", "papers-of-date", "--param", "date=2024-01-24", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rows = data["results"]["bindings"]
    assert len(rows) == 10
    assert rows[0]["arxiv"]["value"] == "2401.12945"
    assert rows[0]["first_author"]["value"] == "Hila Chefer"
    assert rows[0]["votes"] == {"type": "literal", "value": "38",
                                "datatype": "http://www.w3.org/2001/XMLSchema#integer"}


def test_query_from_file_and_text(built, tmp_path):
    rq = tmp_path / "n.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://schema.org/ScholarlyArticle> }")
    for q in (str(rq), rq.read_text()):
        result = run_kg("query", built / "graph.ttl", q, "--format", "csv")
        assert result.stdout.splitlines() == ["n", "58"]


@pytest.mark.parametrize("args, message", [
    (["not SPARQL at all"], "invalid SPARQL"),
    (["coauthors", "--param", "oops"], "expected KEY=VALUE"),
])
def test_query_errors_are_messages(built, args, message):
    result = run_kg("query", built / "graph.ttl", *args)
    assert result.exit_code in (1, 2)
    assert message in result.output
    assert "Traceback" not in result.output


def test_query_missing_graph(tmp_path):
    result = run_kg("query", tmp_path / "graph.ttl", "top-authors")
    assert result.exit_code == 1
    assert "no such graph file" in result.output


def test_every_command_has_help():
    from kg.cli import cli
    for name, command in cli.commands.items():
        assert command.help and "Example:" in command.help, name


def test_max_coauthors_leaves_hyperauthored_papers_out_of_the_coauthor_network(digest_dir, tmp_path):
    names = ", ".join(f"Author {i}" for i in range(30))
    digest_dir("big.md", GOOD + f"\n### [Big](https://arxiv.org/abs/2401.00002)\n\nAuthors: {names}\n")
    result = run_kg("build", digest_dir.dir, "--out", tmp_path / "capped")
    counts = summary_counts(result.output)
    assert (counts["authorships"], counts["coauthor pairs"]) == (32, 1)
    assert "1 paper(s) with more than 25 authors kept their authorships" in result.output
    result = run_kg("build", digest_dir.dir, "--out", tmp_path / "all", "--max-coauthors", "0")
    assert summary_counts(result.output)["coauthor pairs"] == 1 + 30 * 29 // 2
