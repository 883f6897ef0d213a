"""Nothing lost, nothing broken: killed builds, odd encodings and layouts, huge lines."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time

import networkx as nx
import pytest

import kg
from conftest import ROOT, SEEDS, run_kg
from kg.errors import ExportError
from kg.export import EXPORTS
from kg.runtime import FORKED

NAMES = [e.name for e in EXPORTS]


def snapshot(folder) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in NAMES}


@pytest.fixture(scope="module")
def old_and_new(tmp_path_factory):
    """Exports of two different builds of the seeds: what a folder holds before, and after."""
    old, new = tmp_path_factory.mktemp("old"), tmp_path_factory.mktemp("new")
    assert run_kg("build", SEEDS, "--out", old, "--min-topic-papers", "3", "--topics-per-paper", "4").exit_code == 0
    assert run_kg("build", SEEDS, "--out", new).exit_code == 0
    return snapshot(old), snapshot(new)


@pytest.mark.parametrize("delay", [0.3, 0.8, 1.5, 2.2, 3.0, 4.0])
def test_killed_build_leaves_every_export_complete(tmp_path, old_and_new, delay):
    before, complete = old_and_new
    out = tmp_path / "out"
    out.mkdir()
    for name, data in before.items():
        (out / name).write_bytes(data)
    build = subprocess.Popen([sys.executable, "-m", "kg", "build", "-q", str(SEEDS), "--out", str(out)],
                             cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    build.send_signal(signal.SIGKILL)
    build.wait()
    after = snapshot(out)
    for name in NAMES:  # each file is the old one or the new one, never half of either
        assert after[name] in (before[name], complete[name]), name
    # The next build clears the temporary files the killed one left behind.
    assert run_kg("build", SEEDS, "--out", out).exit_code == 0
    assert not list(out.glob(".*.tmp"))
    assert snapshot(out) == complete


@pytest.fixture
def in_tmp_seeds(tmp_path, monkeypatch):
    """An empty `seeds/` folder in a temporary working folder, so paths read as in the repo."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    return tmp_path / "seeds"


def build_bytes(*args) -> dict[str, bytes]:
    out = f"out-{abs(hash(args))}"
    result = run_kg("build", *args, "--out", out)
    assert result.exit_code == 0, result.output
    return {name: open(f"{out}/{name}", "rb").read() for name in NAMES}


def test_crlf_bom_reversed_and_duplicated_inputs_give_identical_exports(in_tmp_seeds, monkeypatch):
    for f in SEEDS.iterdir():
        shutil.copy(f, in_tmp_seeds / f.name)
    plain = build_bytes("seeds")
    files = sorted(f"seeds/{f.name}" for f in in_tmp_seeds.iterdir())
    assert build_bytes(*reversed(files)) == build_bytes(*files)  # named by file name, not as `seeds/…`
    assert build_bytes("seeds", *files, "seeds") == plain  # every file given twice
    for f in in_tmp_seeds.iterdir():
        text = f.read_text(encoding="utf-8")
        f.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert build_bytes("seeds") == plain


def test_bad_files_are_messages_and_the_rest_is_kept(in_tmp_seeds):
    for f in SEEDS.iterdir():
        shutil.copy(f, in_tmp_seeds / f.name)
    (in_tmp_seeds / "cp949.txt").write_bytes("## Daily Papers (2024-01-24)\n\n- 한국어 요약\n".encode("cp949"))
    (in_tmp_seeds / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (in_tmp_seeds / "empty.txt").write_bytes(b"")
    (in_tmp_seeds / "huge.txt").write_bytes(b"## Daily Papers (2024-01-24)\n" + b"x" * 50_000_000)
    result = run_kg("build", "seeds", "--out", "out")
    assert result.exit_code == 0
    assert "Traceback" not in result.output
    for message in ["seeds/cp949.txt:3: file skipped: not UTF-8", "CP949/EUC-KR",
                    "seeds/binary.txt:0: file skipped: binary file", "seeds/empty.txt:0: file skipped: empty file",
                    "seeds/huge.txt:2: line of 50,000,000 characters skipped"]:
        assert message in result.output
    graph = nx.read_graphml("out/graph.graphml")
    assert sum(1 for _, t in graph.nodes(data="type") if t == "paper") == 58


def test_empty_author_list_is_reported(digest_dir, tmp_path):
    digest_dir("d.md", "## Daily Papers (2024-01-24)\n### [A](https://arxiv.org/abs/2401.00001)\nAuthors: \n- x\n")
    result = run_kg("build", digest_dir.dir, "--out", tmp_path / "out")
    assert "d.md:3: paper 2401.00001 has an empty author list" in result.output


def test_counts_agree_across_exports(built):
    """Papers, authors and co-author pairs: the same in Turtle, both GraphML files and the page."""
    import json
    import re

    from rdflib import Graph
    rdf = Graph().parse(built / "graph.ttl", format="turtle")
    count = lambda q: int(next(iter(rdf.query(q)))[0])  # noqa: E731
    graph = nx.read_graphml(built / "graph.graphml")
    coauthors = nx.read_graphml(built / "coauthors.graphml")
    types = [t for _, t in graph.nodes(data="type")]
    html = (built / "coauthors.html").read_text(encoding="utf-8")
    page_nodes = json.loads(re.search(r"var nodeData = (\[.*?\]);\n", html).group(1))
    page_edges = json.loads(re.search(r"var edgeData = (\[.*?\]);\n", html).group(1))
    papers = count("SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://schema.org/ScholarlyArticle> }")
    authors = count("SELECT (COUNT(*) AS ?n) WHERE { ?a <http://xmlns.com/foaf/0.1/name> ?name }")
    pairs = count("SELECT (COUNT(*) AS ?n) WHERE { ?c a <https://example.org/kg/ontology#Collaboration> }")
    assert papers == types.count("paper") == 58
    assert authors == types.count("author") == coauthors.number_of_nodes() == len(page_nodes) == 508
    assert pairs == coauthors.number_of_edges() == len(page_edges) == 2728


# Two processes share the exports, each taking the next file from one list (kg.export):
# same bytes as one process writing all, and still all or nothing.

def test_exports_are_the_same_written_by_one_process_or_two(seed_graph, tmp_path, monkeypatch):
    from kg.export import write_exports
    from kg.runtime import SERIAL
    write_exports(seed_graph, tmp_path / "two")
    write_exports(seed_graph, tmp_path / "one", executor=SERIAL)
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def failing_in(process: str, failure, monkeypatch) -> None:
    """Make every export job fail in the export process ("child") or in the build ("parent");
    the other process writes slowly, so that the failing one surely takes a job."""
    from kg.export import Job
    build, run = os.getpid(), Job.run

    def fail_or_write(job, G, views, progress):
        if (os.getpid() == build) == (process == "parent"):
            job.path.write_bytes(b"half a file")
            if failure == "SIGKILL":
                os.kill(os.getpid(), signal.SIGKILL)
            raise failure
        time.sleep(0.2)
        return run(job, G, views, progress)
    monkeypatch.setattr(Job, "run", fail_or_write)


@pytest.mark.parametrize("failure, message", [
    (OSError(errno.ENOSPC, "No space left on device"), "[Errno 28] No space left on device"),
    (ValueError("a bug"), "ValueError: a bug"),
    ("SIGKILL", "the export process was killed by SIGKILL"),
])
def test_a_failure_in_the_export_process_is_one_line_and_changes_nothing(seed_graph, tmp_path, monkeypatch,
                                                                         failure, message):
    from kg.export import write_exports
    out = tmp_path / "out"
    write_exports(seed_graph, out)
    before = snapshot(out)
    failing_in("child", failure, monkeypatch)
    with pytest.raises(ExportError) as caught:
        write_exports(seed_graph, out)
    assert str(caught.value) == f"cannot write exports to {out}: {message}"
    assert snapshot(out) == before
    assert not list(out.glob(".*.tmp"))
    assert children(os.getpid()) == []


def test_kg_build_reports_a_failed_export_process_in_one_line(tmp_path, monkeypatch):
    failing_in("child", ZeroDivisionError("division by zero"), monkeypatch)
    result = run_kg("build", SEEDS, "--out", tmp_path / "out", "-q")
    assert result.exit_code == 1
    assert result.output == f"Error: cannot write exports to {tmp_path / 'out'}: ZeroDivisionError: division by zero\n"


def test_the_export_process_is_stopped_when_the_build_fails(seed_graph, tmp_path, monkeypatch):
    from kg.export import write_exports
    failing_in("parent", RuntimeError("GEXF failed"), monkeypatch)
    with pytest.raises(RuntimeError):
        write_exports(seed_graph, tmp_path / "out")
    assert children(os.getpid()) == []  # killed and reaped, not left writing
    assert not list((tmp_path / "out").glob(".*.tmp"))


def test_the_export_process_dies_with_the_build():
    script = ("import time\n"
              "from kg.runtime import in_background\n"
              "with in_background(lambda: time.sleep(60)) as worker:\n"
              "    print(worker.pid, flush=True)\n"
              "    time.sleep(60)\n")
    build = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    worker = int(build.stdout.readline())
    assert alive(worker)
    build.send_signal(signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 5
    while alive(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(worker)


def children(pid: int) -> list[str]:
    with open(f"/proc/{pid}/task/{pid}/children") as f:
        return f.read().split()


def alive(pid: int) -> bool:
    """Running, not dead nor a zombie waiting for whoever adopted it to reap it."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rpartition(")")[2].split()[0] != "Z"
    except FileNotFoundError:
        return False


# Topic extraction runs in a second process while the graph and its co-author metrics
# are built (kg.builder.graph_of_corpus).

def test_topics_extracted_by_a_second_process_give_the_same_exports_and_cache(built, tmp_path, monkeypatch):
    from kg import topics
    analysed_by, analyse_summaries = tmp_path / "pid", topics.analyse_summaries

    def analyse(texts):
        if texts:
            analysed_by.write_text(str(os.getpid()))
        return analyse_summaries(texts)
    monkeypatch.setattr(topics, "analyse_summaries", analyse)
    forking = FORKED
    kg.build([SEEDS], tmp_path / "out", executor=forking)
    assert int(analysed_by.read_text()) != os.getpid()
    assert snapshot(tmp_path / "out") == snapshot(built)
    assert children(os.getpid()) == []
    analysed_by.unlink()  # the second process saved its analyses: a rebuild analyses nothing
    kg.build([SEEDS], tmp_path / "out", executor=forking)
    assert not analysed_by.exists()


def test_a_failed_topic_process_is_one_line_and_writes_nothing(tmp_path, monkeypatch):
    from kg import topics
    monkeypatch.setattr(topics, "analyse_summaries", lambda texts: 1 / 0)
    with pytest.raises(kg.KgError, match="^cannot extract the topics: ZeroDivisionError: division by zero$"):
        kg.build([SEEDS], tmp_path / "out", executor=FORKED)
    assert not (tmp_path / "out" / "graph.ttl").exists()
    assert children(os.getpid()) == []
