"""One executor, three backends: this process, local worker processes, Dask; results in task order
whatever runs them, and a Dask worker killed mid-run costs no result and repeats none."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

from jsec_data.core import executor as executor_module
from jsec_data.core.errors import UsageError
from jsec_data.core.executor import DaskPool, ExecutorError, InProcess, Parallelism, ProcessPool, executor

dask_config = pytest.importorskip("dask.config")
pytest.importorskip("distributed")


@pytest.fixture(autouse=True)
def _workers_can_import_this_module(monkeypatch: pytest.MonkeyPatch) -> None:
    """The task functions below live in this test module, which Dask's worker processes import by
    name. Workers are spawned with this process's sys.path (not PYTHONPATH), and pytest's importlib
    mode does not put the repository root there: an installed, not editable, package needs it."""
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[2]))


TIMEOUT = 120.0  # seconds for any one task's result: a hung cluster fails the test instead of hanging it


def square_plus(context: int, task: int) -> tuple[int, int]:
    return task, task * task + context


def slow_square_plus(context: int, task: int) -> tuple[int, int, int]:
    time.sleep(0.05)
    return task, task * task + context, os.getpid()


_SETUPS: list[int] = []


def count_setup() -> None:
    _SETUPS.append(os.getpid())


def setups_here(context: int, task: int) -> int:
    return len(_SETUPS)


def test_parallelism_refuses_what_cannot_run() -> None:
    with pytest.raises(UsageError, match="not both"):
        Parallelism(workers=2, scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(UsageError):
        Parallelism(jobs=0)
    with pytest.raises(UsageError):
        Parallelism(workers=0)
    assert not Parallelism(jobs=4).dask and Parallelism(workers=1).dask and Parallelism(scheduler="tcp://h:1").dask


def test_each_backend_gives_the_results_in_task_order() -> None:
    expected = [square_plus(3, n) for n in range(40)]
    with executor(1, 3) as one:
        assert isinstance(one, InProcess)
        assert list(one.map(square_plus, range(40))) == expected
    with executor(2, 3) as pool:
        assert isinstance(pool, ProcessPool)
        assert list(pool.map(square_plus, range(40))) == expected
    with executor(Parallelism(workers=2, task_timeout=TIMEOUT), 3, setup=count_setup) as dask:
        assert isinstance(dask, DaskPool)
        assert list(dask.map(square_plus, range(40))) == expected
        assert dask.call(square_plus, 5) == (5, 28)
        # The setup ran once in each worker process, not once per task.
        assert set(dask.map(setups_here, range(10))) == {1}


def test_a_killed_dask_worker_loses_and_repeats_no_result() -> None:
    tasks = list(range(60))
    with executor(Parallelism(workers=2, task_timeout=TIMEOUT), 7) as dask:
        assert isinstance(dask, DaskPool)
        pids = set(dask.client.run(os.getpid).values())
        assert len(pids) == 2
        results = []
        killed = None
        for result in dask.map(slow_square_plus, tasks):
            results.append(result)
            if killed is None and len(results) == 5:
                killed = next(pid for pid in pids if pid != result[2]) if len(pids) > 1 else result[2]
                os.kill(killed, signal.SIGKILL)  # mid-run: tasks in flight on it, results held by it
        assert killed is not None
    assert [(n, value) for n, value, _ in results] == [(n, n * n + 7) for n in tasks]
    # Later tasks ran somewhere else (the nanny restarts the killed worker as a new process).
    assert killed not in {pid for _, _, pid in results[10:]}


#: Set at run time in the test process only: a forked worker inherits the value, a spawned one
#: imports this module afresh and sees None.
_PARENT_MARK: list[int] = []


def parent_mark(context: None, task: int) -> list[int]:
    return list(_PARENT_MARK)


def worker_parent(context: None, task: int) -> int:
    return os.getppid()


@pytest.mark.skipif(sys.platform != "linux", reason="workers come from a fork server on Linux only")
def test_local_cluster_workers_come_from_a_fork_server_on_linux_unless_dask_is_told_otherwise(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Not forked from this process (it runs Dask's event-loop threads: a worker so forked once never came up), nor
    spawned fresh (slow): forked from a single-threaded fork server; a worker does not see this process's state."""
    monkeypatch.setattr(sys.modules[__name__], "_PARENT_MARK", [os.getpid()])
    monkeypatch.delenv("DASK_DISTRIBUTED__WORKER__MULTIPROCESSING_METHOD", raising=False)
    with executor(Parallelism(workers=1, task_timeout=TIMEOUT), None) as pool:
        assert dask_config.get("distributed.worker.multiprocessing-method") == "forkserver"
        assert pool.call(parent_mark, 0) == []
        assert pool.call(worker_parent, 0) != os.getpid()  # (its parent is the fork server)
    # The setting lasted only as long as the pool.
    assert dask_config.get("distributed.worker.multiprocessing-method") == "spawn"
    monkeypatch.setenv("DASK_DISTRIBUTED__WORKER__MULTIPROCESSING_METHOD", "spawn")
    with executor(Parallelism(workers=1, task_timeout=TIMEOUT), None) as spawned:
        assert dask_config.get("distributed.worker.multiprocessing-method") == "spawn"
        assert spawned.call(parent_mark, 0) == []


def worker_settings(context: None, task: int) -> list[object]:
    return [dask_config.get(key) for key in ("distributed.worker.profile.enabled", "distributed.admin.tick.interval")]


def test_a_local_cluster_runs_without_its_dashboard_monitors_unless_the_user_configured_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED", raising=False)
    monkeypatch.delenv("DASK_DISTRIBUTED__ADMIN__TICK__INTERVAL", raising=False)
    with executor(Parallelism(workers=1, task_timeout=TIMEOUT), None) as pool:
        assert pool.call(worker_settings, 0) == [False, "1s"]
    assert dask_config.get("distributed.worker.profile.enabled") is True  # held only while the pool lived
    with dask_config.set({"distributed.admin.tick.interval": "50ms"}):
        monkeypatch.setenv("DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED", "True")
        with executor(Parallelism(workers=1, task_timeout=TIMEOUT), None) as pool:
            assert pool.call(worker_settings, 0) == [True, "50ms"]


def test_an_unreachable_scheduler_is_an_error_with_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(executor_module, "DASK_START_TIMEOUT_S", 2.0)
    started = time.monotonic()
    with pytest.raises(ExecutorError, match="cannot start or reach the Dask scheduler"):
        executor(Parallelism(scheduler="tcp://127.0.0.1:9"), None)
    assert time.monotonic() - started < 30
