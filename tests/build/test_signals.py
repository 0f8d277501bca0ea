"""Issue 21, finding 5: a stopped or killed build leaves no workers and no temporary folders.

SIGTERM and SIGINT stop the workers and the figure process and remove the temporary folder
(the previous output stays); after a SIGKILL the workers die with their parent and the next
build removes the dead build's temporary folder. A 2,000-article generated corpus keeps the
build running long enough; every wait is a poll with a generous timeout, not a sleep.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from jsec_data.build.dataset import build_dataset
from jsec_data.core.executor import ProcessPool

from ..conftest import MINI_RAW

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; Linux signals")

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py"
TIMEOUT_S = 120


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("jsec_bench_generate", GENERATOR)
    assert spec and spec.loader
    generate = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generate
    spec.loader.exec_module(generate)
    raw = tmp_path_factory.mktemp("signals") / "raw"
    generate.generate(raw, 2000, seed=3)
    return raw


def _children(pid: int) -> dict[int, str]:
    """Child process id -> command line, from /proc."""
    found = {}
    for entry in (p.name for p in Path("/proc").iterdir()):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            if parent == pid:
                with open(f"/proc/{entry}/cmdline", "rb") as handle:
                    found[int(entry)] = handle.read().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, ValueError, IndexError):
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie is dead, not yet reaped
    except OSError:
        return False


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.02)


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


#: ``jsec`` with Ctrl-C handled as in a terminal, even when the test runner was started with SIGINT
#: ignored (a background job): an ignored signal stays ignored in every process started after.
_CLI = ("import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "from jsec_data.cli import main; sys.argv[0] = 'jsec'; main()")


@pytest.fixture
def running_build(corpus: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path, dict[int, str]]]:
    """A ``jsec build --jobs 2`` of the corpus over an earlier build, caught while its workers run."""
    out = tmp_path / "out"
    assert build_dataset(MINI_RAW, out).ok
    process = subprocess.Popen([sys.executable, "-c", _CLI, "build", "--raw", str(corpus), "--out", str(out), "--jobs", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    tmp = tmp_path / f".out.tmp-{process.pid}"

    def started() -> bool:
        assert process.poll() is None, f"the build ended before it could be stopped: {process.communicate()}"
        kids = _children(process.pid)
        workers = [pid for pid, command in kids.items() if "serve_figure" not in command]
        return tmp.is_dir() and len(workers) >= 2 and any("serve_figure" in c for c in kids.values())

    try:
        _wait_for(started, f"the build's workers, figure process and temporary folder (children: {_children(process.pid)}, "
                           f"beside the output: {sorted(p.name for p in tmp_path.iterdir())})")
        yield process, out, _children(process.pid)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate(timeout=TIMEOUT_S)
        for pid in _children(process.pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize(("signum", "exit_codes"), [(signal.SIGTERM, {143}), (signal.SIGINT, {1, 130})],
                         ids=["SIGTERM", "SIGINT"])
def test_a_stopped_build_stops_its_workers_and_cleans_up(running_build: tuple[subprocess.Popen[str], Path, dict[int, str]],
                                                         signum: int, exit_codes: set[int]) -> None:
    process, out, children = running_build
    before = _digest(out)
    os.kill(process.pid, signum)  # the build's process only, as `kill` or a service manager would
    _, stderr = process.communicate(timeout=TIMEOUT_S)
    assert process.returncode in exit_codes, (process.returncode, stderr)
    assert "Traceback" not in stderr, stderr
    _wait_for(lambda: not any(_alive(pid) for pid in children), "the workers and the figure process to end", 30)
    assert sorted(p.name for p in out.parent.iterdir() if p.name != "raw") == ["out"], "no temporary folder, no lock"
    assert _digest(out) == before, "the previous output is untouched"


def test_after_a_sigkill_workers_die_and_the_next_build_cleans_up(
        running_build: tuple[subprocess.Popen[str], Path, dict[int, str]]) -> None:
    process, out, children = running_build
    before = _digest(out)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=TIMEOUT_S)
    # Workers get SIGTERM from the kernel when their parent dies (PR_SET_PDEATHSIG): within seconds.
    workers = [pid for pid, command in children.items() if "serve_figure" not in command]
    _wait_for(lambda: not any(_alive(pid) for pid in workers), "the orphaned workers to end", 30)
    # The figure process ends at the end of its input, once its matplotlib import is done.
    _wait_for(lambda: not any(_alive(pid) for pid in children), "the orphaned figure process to end")
    left = sorted(p.name for p in out.parent.iterdir())
    assert f".out.tmp-{process.pid}" in left and _digest(out) == before
    assert build_dataset(MINI_RAW, out).ok
    assert sorted(p.name for p in out.parent.iterdir()) == ["out"], "the dead build's leftovers are removed"


def _sleep(context: None, seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def test_terminate_stops_busy_workers_at_once() -> None:
    pool: ProcessPool[None] = ProcessPool(2, None)
    results = pool.map(_sleep, [600.0, 600.0, 600.0])
    failures: list[BaseException] = []

    def wait_for_a_result() -> None:
        try:
            next(results, None)
        except BaseException as exc:  # the pool breaks under it: expected
            failures.append(exc)

    waiter = threading.Thread(target=wait_for_a_result, daemon=True)
    waiter.start()
    assert pool._pool is not None
    _wait_for(lambda: len(pool._pool._processes or {}) == 2 if pool._pool else False, "two workers", 60)  # type: ignore[attr-defined]
    workers = [p.pid for p in pool._pool._processes.values()]  # type: ignore[union-attr]
    started = time.monotonic()
    pool.terminate()
    assert time.monotonic() - started < 30
    _wait_for(lambda: not any(_alive(pid) for pid in workers), "the workers to end", 30)
    pool.terminate()  # idempotent
    waiter.join(30)
    assert not waiter.is_alive() and failures, "whoever waited for a result hears of it"


def test_a_worker_signalled_before_it_resets_its_handlers_ends_without_the_parents_cleanup() -> None:
    """A process forked inside the build's signal block inherits its SIGTERM handler until the pool's initializer
    resets it; a SIGTERM in that window (the parent stopping its pool) ran the parent's handler in the worker, whose
    SystemExit came out of the initializer as a traceback on the build's stderr (seen once in about twenty CI runs).
    Now such a child ends as SIGTERM's default would, and ignores SIGINT, as a worker does."""
    from jsec_data.build.output import signals_stop_build

    with signals_stop_build():
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # the worker, before any initializer: its handlers are the parent's
            try:
                os.close(read)
                os.kill(os.getpid(), signal.SIGINT)
                os.write(write, b"alive after SIGINT\n")
                os.kill(os.getpid(), signal.SIGTERM)
                os.write(write, b"alive after SIGTERM\n")
            finally:
                os._exit(7)
        os.close(write)
        _, status = os.waitpid(child, 0)
        with os.fdopen(read) as pipe:
            said = pipe.read()
    assert said == "alive after SIGINT\n"
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM
