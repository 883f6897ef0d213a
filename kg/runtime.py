"""How a build runs: forked processes, the job list they share, the paused collector, the fast exit.

The stages and the format modules know nothing of processes; this module is where
they are run. `in_background` runs one function in a forked process, so that a
build uses both cores: topic extraction with the Korean analysis of the summaries
(while the parent builds the graph, its co-author metrics and the exports that
need no topics) and a share of the exports (`kg.export.write_exports`, which takes
files from a `JobList`).

The child gets a copy of the parent's memory for free (fork is copy-on-write) and
sends back only its function's result, pickled through a pipe. It dies with the
parent (Linux's PR_SET_PDEATHSIG), so a killed build leaves no process behind, and
a failure in it reaches the parent as one line, raised there as a `WorkerError`.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import gc
import os
import pickle
import select
import signal
import sys
from dataclasses import dataclass
from typing import Callable, Generic, Iterator, TypeVar

from .errors import KgError, WorkerError

__all__ = ["Executor", "FORKED", "SERIAL", "in_background", "Child", "InTurn", "JobList", "gc_paused", "run_then_exit",
           "CAN_FORK"]

#: Only where the child can be tied to the parent's life (else `func` runs in turn).
CAN_FORK = sys.platform.startswith("linux")
PR_SET_PDEATHSIG = 1
MAX_MESSAGE = 2000


class Child:
    """A forked process running `func`; `wait` for its result or `stop` it."""

    def __init__(self, func: Callable[[], object], name: str):
        self.name = name
        parent = os.getpid()
        read, write = os.pipe()
        for stream in (sys.stdout, sys.stderr):  # else the child holds a copy of what is unwritten
            stream.flush()
        release_free_memory()
        # The child's collector leaves what it inherits alone, so does not copy the pages it would scan.
        gc.freeze()
        try:
            self.pid = os.fork()
            if self.pid == 0:
                os.close(read)
                run_child(func, parent, write)
        except OSError:
            os.close(read)
            raise
        finally:
            gc.unfreeze()
            os.close(write)  # in the parent (the child never returns here)
        self.pipe: int | None = read

    def wait(self):
        """`func()`, once the child is done; `WorkerError` with its message if it failed."""
        fd, self.pipe = self.pipe, None  # closed below, even if interrupted
        with os.fdopen(fd, "rb") as pipe:
            sent = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        code = os.waitstatus_to_exitcode(status)
        if code < 0:
            raise WorkerError(f"the {self.name} was killed by {signal.Signals(-code).name}")
        if code:
            raise WorkerError(sent.decode("utf-8", "replace") or f"the {self.name} failed (exit status {code})")
        return pickle.loads(sent)

    def ready(self) -> bool:
        """Whether `wait` would not wait: the child has sent its result, or died."""
        return self.pipe is None or bool(select.select([self.pipe], [], [], 0)[0])

    def stop(self) -> None:
        """Kill the child if it still runs (the parent failed)."""
        if self.pid is None:
            return
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        if self.pipe is not None:
            os.close(self.pipe)
        self.pid = self.pipe = None


class InTurn:
    """Where no child can be tied to the parent's life: `func` runs when waited for."""

    def __init__(self, func: Callable[[], object], name: str):
        self.func = func

    def wait(self):
        return self.func()

    def ready(self) -> bool:
        return False  # `func` has not run

    def stop(self) -> None:
        pass


@dataclass(frozen=True)
class Executor:
    """Where a build's second process runs: forked (`FORKED`) or, `SERIAL`, in turn in this one.

    Topic extraction forks whatever the number of papers: loading Kiwi alone takes about
    1.5 s, which the seeds' graph and exports overlap (docs/performance.md).
    """

    fork: bool = True

    def background(self, func: Callable[[], object], name: str):
        """`in_background(func, name)`, forked if this executor forks."""
        return in_background(func, name, fork=self.fork)


FORKED = Executor()
SERIAL = Executor(fork=False)


@contextlib.contextmanager
def in_background(func: Callable[[], object], name: str = "second process",
                  fork: bool = True) -> Iterator[Child | InTurn]:
    """`func` running in a child process (called `name` in errors) for the time of the block;
    stopped if the block fails. With `fork=False`, run in turn, when waited for."""
    worker = Child(func, name) if CAN_FORK and fork else InTurn(func, name)
    try:
        yield worker
    finally:
        worker.stop()


def run_child(func: Callable[[], object], parent: int, pipe: int) -> None:
    """The child's whole life: never returns into the parent's code."""
    status = 1
    try:
        die_with(parent)
        result = pickle.dumps(func(), protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    except BaseException as exc:  # noqa: BLE001 - the parent reports it, in one line
        result = describe(exc).encode("utf-8")[:MAX_MESSAGE]
    try:
        with os.fdopen(pipe, "wb") as out:
            out.write(result)
    finally:
        os._exit(status)  # no atexit handlers, no flushing of the parent's buffers


def release_free_memory() -> None:
    """Give the C heap's free pages back to the system (glibc's malloc_trim), so the two
    processes do not both hold what the stages before the fork freed."""
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    if trim is not None:
        trim(0)


def die_with(parent: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent:  # the parent died before prctl
        os._exit(1)


def describe(exc: BaseException) -> str:
    if isinstance(exc, (OSError, KgError)):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


@contextlib.contextmanager
def gc_paused():
    """Python's cyclic garbage collector off inside (as a decorator: during the call).

    A build allocates millions of dicts and tuples that are kept, not garbage, and
    each allocation burst made the collector walk every object of the process again
    (a third of the CPU time of the graph, the metrics and the Gephi writers).
    Reference counting still frees everything; only cycles wait for the next collection.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


Job = TypeVar("Job")


class JobList(Generic[Job]):
    """Jobs that this process and those forked after it take in turn, each job once.

    Their numbers are bytes in a pipe: reads of one byte from a pipe are atomic.
    """

    def __init__(self, jobs: list[Job]):
        if len(jobs) > 255:
            raise ValueError(f"{len(jobs)} jobs: at most 255")
        self.jobs = jobs
        self.pipe, write = os.pipe()
        os.write(write, bytes(range(len(jobs))))
        os.close(write)

    def take(self) -> Job | None:
        taken = os.read(self.pipe, 1)
        return self.jobs[taken[0]] if taken else None

    def __enter__(self) -> JobList:
        return self

    def __exit__(self, *_) -> None:
        os.close(self.pipe)


def run_then_exit(main: Callable[[], object]) -> None:
    """`main()`, then an exit that leaves the process's memory to the system.

    Python would free every object first, one by one (seconds after a large build).
    The exit handlers still run, and the output is flushed; `SystemExit` (how click
    ends every command) gives the status.
    """
    try:
        main()
        status = 0
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
        if not isinstance(exc.code, (int, type(None))):
            print(exc.code, file=sys.stderr)
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
