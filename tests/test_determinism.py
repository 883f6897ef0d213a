"""Same input, same bytes: the committed exports/ are what `kg build` writes from seeds/."""

from __future__ import annotations

import pytest

from conftest import ROOT, run_kg
from kg.export import EXPORTS

NAMES = [e.name for e in EXPORTS]


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    """`kg build seeds` run from the repository, as `make demo` runs it: once for every file's test."""
    out = tmp_path_factory.mktemp("rebuilt")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        result = run_kg("build", "seeds", "--out", out)
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("name", NAMES)
def test_rebuild_matches_committed_exports(rebuilt, name):
    committed = ROOT / "exports" / name
    assert committed.exists(), f"exports/{name} is not committed: run `make demo`"
    assert (rebuilt / name).read_bytes() == committed.read_bytes(), (
        f"exports/{name} differs from a fresh build of seeds/: run `make demo` and commit")


def test_file_order_does_not_matter(in_repo, tmp_path):
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "seeds").iterdir())
    for order, out in [(files, tmp_path / "a"), (files[::-1], tmp_path / "b")]:
        assert run_kg("build", *order, "--out", out).exit_code == 0
    for name in NAMES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


# With --min-papers 2 the co-author view keeps a few authors of many nodes: a view
# filtered by a set (networkx's `show_nodes`) would then list them in the set's order.
@pytest.mark.parametrize("options", [[], ["--min-papers", "2"]], ids=["default", "min-papers-2"])
def test_hash_seed_does_not_matter(tmp_path, options):
    import os
    import subprocess
    import sys
    outs = [tmp_path / seed for seed in ("1", "2")]
    builds = [subprocess.Popen([sys.executable, "-m", "kg", "build", "-q", "seeds", "--out", str(out), *options],
                               cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": out.name},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for out in outs]  # side by side
    for build in builds:
        assert build.wait() == 0, build.stderr.read()
    for name in NAMES:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_incremental_build_equals_full_rebuild(tmp_path, monkeypatch):
    """A build that reuses .kg-cache after a new digest arrives writes what a fresh build writes."""
    import shutil
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    seeds = sorted((ROOT / "seeds").iterdir())
    for f in seeds[:-1]:
        shutil.copy(f, tmp_path / "seeds" / f.name)
    assert run_kg("build", "seeds", "--out", "inc").exit_code == 0
    assert (tmp_path / "inc" / ".kg-cache" / "parsed.pickle").exists()
    assert (tmp_path / "inc" / ".kg-cache" / "analyses.pickle").exists()
    shutil.copy(seeds[-1], tmp_path / "seeds" / seeds[-1].name)
    (tmp_path / "seeds" / seeds[0].name).write_text(  # and an edited file: parsed again
        seeds[0].read_text(encoding="utf-8").replace("Vote: 38", "Vote: 39"), encoding="utf-8")
    assert run_kg("build", "seeds", "--out", "inc").exit_code == 0
    assert run_kg("build", "seeds", "--out", "full").exit_code == 0
    for name in NAMES:
        assert (tmp_path / "inc" / name).read_bytes() == (tmp_path / "full" / name).read_bytes(), name
    assert b"schema:upvoteCount 39" in (tmp_path / "inc" / "graph.ttl").read_bytes()


def test_cache_files_round_trip_in_chunks(tmp_path, monkeypatch):
    from kg import cache as build_cache
    monkeypatch.setattr(build_cache, "CHUNK", 2)
    cache = build_cache.BuildCache(tmp_path)
    assert cache.analyse(list("abcde"), lambda texts: [t.upper() for t in texts]) == list("ABCDE")
    cache.parse("f.md", b"x", lambda data: "parsed")
    cache.save()
    again = build_cache.BuildCache(tmp_path)
    assert again.analyse(["e", "a"], lambda texts: [pytest.fail("analysed again") for _ in texts]) == ["E", "A"]
    assert again.parse("f.md", b"x", lambda data: pytest.fail("parsed again")) == "parsed"
    monkeypatch.setattr(build_cache, "code_version", lambda: "another kg")
    stale = build_cache.BuildCache(tmp_path)
    assert stale.parsed == {} and stale.analyses == {}


def test_where_the_input_sits_does_not_matter(tmp_path, monkeypatch):
    """The seeds copied into two folders, built by absolute path from a third: the same
    bytes, and no export names either folder (a published graph reveals no home folder)."""
    import shutil

    copies = [tmp_path / "one" / "seeds", tmp_path / "two" / "deeper" / "seeds"]
    for copy in copies:
        shutil.copytree(ROOT / "seeds", copy)
    monkeypatch.chdir((tmp_path / "elsewhere").mkdir() or tmp_path / "elsewhere")
    for i, copy in enumerate(copies):
        assert run_kg("build", copy.resolve(), "--out", tmp_path / f"out{i}", "-q").exit_code == 0
    for name in NAMES:
        first, second = ((tmp_path / f"out{i}" / name).read_bytes() for i in range(2))
        assert first == second, name
        for folder in (tmp_path, *copies):
            assert str(folder.resolve()).encode() not in first, (name, folder)
    assert b"seeds/000_2b6bcb935991601f.txt" in (tmp_path / "out0" / "graph.ttl").read_bytes()
