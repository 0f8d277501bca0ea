"""One way to run a stage's work in parallel: the build, validation and the silver pass share it.

A stage gives a *context* (read-only data every task needs, e.g. the registries) and a
module-level function ``fn(context, task)``. :func:`executor` runs it in this process
(``jobs <= 1``), in ``jobs`` local worker processes that receive the context once, when they
start, or on Dask distributed (:class:`Parallelism` with ``workers``: a LocalCluster it starts;
with ``scheduler``: an existing cluster). Results always come back in task order, so the output
does not depend on the backend or the number of workers. Dask is optional
(``pip install "jsec-data[dask]"``) and imported only when asked for.

On Dask, a task whose worker dies is run again by the scheduler on another worker, and its
result is taken once, in task order: a stage whose tasks are pure functions (and whose files,
if a task writes any, are written under names fixed by the task, atomically) loses and repeats
no row when a worker is killed.
"""

from __future__ import annotations

import contextlib
import importlib.abc
import logging
import os
import pickle
import signal
import sys
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from importlib.machinery import ModuleSpec
from types import ModuleType, TracebackType
from typing import Any, Generic, Protocol, TypeVar

from jsec_data.core.errors import JsecError, UsageError

__all__ = ["DaskPool", "Executor", "ExecutorError", "InProcess", "Parallelism", "ProcessPool", "executor", "skip_pandas"]

C = TypeVar("C")
C_co = TypeVar("C_co", covariant=True)
T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol[C_co]):
    """Runs ``fn(context, task)`` over tasks, in order."""

    def map(self, fn: Callable[[C_co, T], R], tasks: Iterable[T]) -> Iterator[R]:
        """Each task's result, in task order (a bounded number of tasks in flight)."""
        ...

    def call(self, fn: Callable[[C_co, T], R], task: T) -> R:
        """One task's result (run where the executor runs its work)."""
        ...

    def close(self) -> None:
        """Stop the workers (if any); idempotent."""
        ...


M = TypeVar("M", bound="_Managed[Any]")


class _Managed(Generic[C]):
    def close(self) -> None:
        pass

    def terminate(self) -> None:
        """Stop at once, dropping work in flight (after an error or a signal); idempotent."""
        self.close()

    def __enter__(self: M) -> M:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if exc_type is None:
            self.close()
        else:
            self.terminate()  # nobody waits for the results: do not wait for the workers either


class InProcess(_Managed[C]):
    """The work in this process, one task at a time."""

    def __init__(self, context: C) -> None:
        self.context = context

    def map(self, fn: Callable[[C, T], R], tasks: Iterable[T]) -> Iterator[R]:
        for task in tasks:
            yield fn(self.context, task)

    def call(self, fn: Callable[[C, T], R], task: T) -> R:
        return fn(self.context, task)


# Worker-process state: the context, set once per worker by _start_worker (not pickled with every task).
_CONTEXT: Any = None


def _start_worker(context: Any, setup: Callable[[], None] | None, parent: int | None = None) -> None:
    global _CONTEXT
    _CONTEXT = context
    # Ctrl-C reaches the whole process group: the parent handles it (and stops the workers);
    # SIGTERM ends a worker at once (inherited handlers would run the parent's cleanup here).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if parent is not None:
        _die_with_parent(parent)
    if setup is not None:
        setup()


_PR_SET_PDEATHSIG = 1
#: How often a worker without PR_SET_PDEATHSIG looks for its parent.
_WATCH_INTERVAL_S = 1.0


def _die_with_parent(parent: int) -> None:
    """End this worker when the process that started it dies (killed with SIGKILL: no cleanup ran there).

    Linux: the kernel sends SIGTERM (``prctl(PR_SET_PDEATHSIG)``); elsewhere a daemon thread
    checks the parent process id every second. A parent that died before this ran ends it now.
    """
    watched = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            if ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM) == 0:
                if os.getppid() != watched or not _alive(parent):  # the parent died before the prctl took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    if sys.platform == "win32":  # pragma: no cover - no parent process id to watch
        return

    def watch() -> None:
        while True:
            time.sleep(_WATCH_INTERVAL_S)
            if os.getppid() != watched:
                os._exit(1)

    threading.Thread(target=watch, name="jsec-parent-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _run_in_worker(fn: Callable[[Any, T], R], task: T) -> R:
    return fn(_CONTEXT, task)


class ProcessPool(_Managed[C]):
    """``jobs`` worker processes; each gets the context (and runs ``setup``) once, when it starts."""

    def __init__(self, jobs: int, context: C, setup: Callable[[], None] | None = None) -> None:
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            max_workers=jobs, initializer=_start_worker, initargs=(context, setup, os.getpid()))

    def _running(self) -> ProcessPoolExecutor:
        if self._pool is None:
            raise RuntimeError("the executor is closed")
        return self._pool

    def map(self, fn: Callable[[C, T], R], tasks: Iterable[T]) -> Iterator[R]:
        pool = self._running()
        # A bounded window of tasks in flight keeps memory flat whatever the number of tasks.
        pending: deque[Future[R]] = deque()
        for task in tasks:
            pending.append(pool.submit(_run_in_worker, fn, task))
            if len(pending) > 2 * self.jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def call(self, fn: Callable[[C, T], R], task: T) -> R:
        return self._running().submit(_run_in_worker, fn, task).result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def terminate(self) -> None:
        """Stop the workers now (SIGTERM, then SIGKILL after a few seconds), dropping their tasks."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        processes = list((getattr(pool, "_processes", None) or {}).values())  # (ProcessPoolExecutor has no public way)
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(Exception):
                process.terminate()
        deadline = time.monotonic() + _TERMINATE_TIMEOUT_S
        for process in processes:
            with contextlib.suppress(Exception):
                process.join(max(0.0, deadline - time.monotonic()))
                if process.is_alive():
                    process.kill()
                    process.join(1.0)


#: How long stopped workers get before they are killed.
_TERMINATE_TIMEOUT_S = 5.0


class ExecutorError(JsecError):
    """The parallel backend cannot run (Dask not installed, a scheduler that cannot be reached)."""


@dataclass(frozen=True)
class Parallelism:
    """Where a stage's tasks run: ``jobs`` local processes (1: this process), or Dask.

    ``workers``: start a Dask LocalCluster of that many single-threaded worker processes;
    ``scheduler``: connect to an existing Dask cluster (``tcp://host:8786``). ``task_timeout``
    (seconds, Dask only): how long to wait for one task's result before giving up (None: no
    limit). The output of a stage never depends on these.

    >>> Parallelism(jobs=2).describe(), Parallelism(workers=2).describe()
    ('2 local processes', 'Dask LocalCluster, 2 workers')
    """

    jobs: int = 1
    workers: int | None = None
    scheduler: str | None = None
    task_timeout: float | None = None

    def __post_init__(self) -> None:
        if self.jobs < 1:
            raise UsageError(f"--jobs must be at least 1, not {self.jobs}")
        if self.workers is not None and self.workers < 1:
            raise UsageError(f"--workers must be at least 1, not {self.workers}")
        if self.workers is not None and self.scheduler is not None:
            raise UsageError("give --workers (a local Dask cluster) or --scheduler (an existing one), not both")
        if self.scheduler is not None and not self.scheduler.strip():
            raise UsageError("--scheduler needs the address of a Dask scheduler (e.g. tcp://10.0.0.5:8786)")

    @property
    def dask(self) -> bool:
        """Whether the tasks run on Dask."""
        return self.workers is not None or self.scheduler is not None

    def describe(self) -> str:
        """For messages and summaries (never written into data files)."""
        if self.scheduler is not None:
            return f"Dask scheduler {self.scheduler}"
        if self.workers is not None:
            return f"Dask LocalCluster, {self.workers} worker{'s' if self.workers != 1 else ''}"
        return "this process" if self.jobs <= 1 else f"{self.jobs} local processes"


# Per Dask worker process: contexts by token (unpickled once per process), setups already run.
_DASK_CONTEXTS: dict[str, Any] = {}
_DASK_SETUPS: set[Callable[[], None]] = set()
_DASK_LOCK = threading.Lock()


def _run_on_dask(token: str, blob: bytes, setup: Callable[[], None] | None, fn: Callable[[Any, T], R], task: T) -> R:
    """A task on a Dask worker: the context is unpickled once per worker process (not once per task)."""
    with _DASK_LOCK:
        if setup is not None and setup not in _DASK_SETUPS:
            setup()
            _DASK_SETUPS.add(setup)
        context = _DASK_CONTEXTS.get(token)
        if context is None:
            if len(_DASK_CONTEXTS) > 8:  # a long-lived worker of a shared cluster: keep the latest few
                _DASK_CONTEXTS.clear()
            context = _DASK_CONTEXTS[token] = pickle.loads(blob)
    return fn(context, task)


#: Seconds to wait for a LocalCluster to start or a scheduler to answer.
DASK_START_TIMEOUT_S = 60.0


#: Settings of a LocalCluster this pool starts, each applied only where the user's Dask configuration leaves
#: distributed's default. No dashboard is served, so the 10 ms statistical profiler and the 0.5 s system monitor
#: collect what nobody reads; the 20 ms event-loop tick only feeds warnings about a blocked loop; the nanny polls
#: its worker's memory with psutil every 100 ms (1 s still stops a runaway worker). On one core these took
#: about 5% of a worker's time (docs/benchmarks.md).
_LOCAL_CLUSTER_SETTINGS: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "1s",
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
}


#: What a fork server imports once, so that each worker forked from it starts with it (see _local_cluster_config).
_FORKSERVER_PRELOAD = ("distributed", "jsec_data.core.executor", "jsec_data.silver.screen", "jsec_data.build.dataset")


def _local_cluster_config() -> Any:
    """Dask settings held while a LocalCluster this pool starts lives (a nanny restarting a killed worker reads them).

    Worker processes come from a fork server on Linux: Dask spawns them by default, a fresh interpreter that
    imports Dask, this package and the extractor again, about 1.4 s before the first task on one core
    (measured: docs/benchmarks.md). Forking them from this process (as local workers are) inherited those
    imports but forked a process that runs Dask's event-loop threads, and once in about twenty-five CI runs a
    worker so forked never came up and the cluster's start hung; a fork server is a single-threaded process
    that imports them once (``set_forkserver_preload``) and forks each worker from that clean state. With
    :data:`_LOCAL_CLUSTER_SETTINGS`, each only where the user's configuration keeps distributed's default and
    no ``DASK_*`` variable names it (``DASK_DISTRIBUTED__WORKER__MULTIPROCESSING_METHOD=spawn`` spawns).
    Returns the ``dask.config.set`` object to exit on close, or None when nothing was changed.
    """
    import multiprocessing

    import dask.config

    defaults = dask.config.merge(*dask.config.defaults)
    wanted = dict(_LOCAL_CLUSTER_SETTINGS)
    if sys.platform == "linux" and "forkserver" in multiprocessing.get_all_start_methods():
        wanted["distributed.worker.multiprocessing-method"] = "forkserver"
        multiprocessing.set_forkserver_preload(list(_FORKSERVER_PRELOAD))
    changes = {key: value for key, value in wanted.items()
               if dask.config.get(key, None) == dask.config.get(key, None, config=defaults)
               and "DASK_" + key.upper().replace(".", "__").replace("-", "_") not in os.environ}
    return dask.config.set(changes) if changes else None


class DaskPool(_Managed[C]):
    """Tasks on Dask distributed: a LocalCluster of ``workers`` processes, or the cluster at ``scheduler``.

    The context is pickled once here and sent with each task as bytes; each worker process
    unpickles it once. Tasks are submitted in a bounded window (twice the workers' threads), so
    neither the driver nor the cluster holds more than a few results at a time.
    """

    def __init__(self, context: C, *, workers: int | None = None, scheduler: str | None = None,
                 setup: Callable[[], None] | None = None, task_timeout: float | None = None) -> None:
        try:
            import distributed
        except ImportError:
            raise ExecutorError('Dask is not installed: pip install "jsec-data[dask]" (or run with --jobs N)') from None
        dask: Any = distributed  # (its classes are not fully typed)
        self.task_timeout = task_timeout
        self._token = uuid.uuid4().hex  # names this run's tasks on a shared cluster; never in any output
        self._blob = pickle.dumps(context, protocol=pickle.HIGHEST_PROTOCOL)
        self._setup = setup
        self._count = 0
        self._pending: deque[Any] = deque()
        self._cluster: Any = None
        self._client: Any = None
        self._start_method: Any = None
        try:
            if scheduler is None:
                self._start_method = _local_cluster_config()
                self._cluster = dask.LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                                             host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
                self._client = dask.Client(self._cluster, timeout=DASK_START_TIMEOUT_S, set_as_default=False)
                self._client.wait_for_workers(workers or 1, timeout=DASK_START_TIMEOUT_S)
            else:
                self._client = dask.Client(scheduler, timeout=DASK_START_TIMEOUT_S, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            self.terminate()
            where = f"the Dask scheduler at {scheduler}" if scheduler else "a local Dask cluster"
            raise ExecutorError(f"cannot start or reach {where}: {exc}") from None
        except BaseException:
            self.terminate()
            raise

    @property
    def client(self) -> Any:
        """The ``distributed.Client`` (for tests and diagnostics)."""
        if self._client is None:
            raise RuntimeError("the executor is closed")
        return self._client

    def worker_count(self) -> int:
        """Threads the cluster offers now (at least 1)."""
        threads: int = sum(self.client.nthreads().values())
        return max(1, threads)

    def _submit(self, fn: Callable[[C, T], R], task: T) -> Any:
        self._count += 1
        name = getattr(fn, "__name__", "task").strip("_")
        return self.client.submit(_run_on_dask, self._token, self._blob, self._setup, fn, task,
                                  key=f"jsec-{name}-{self._token[:12]}-{self._count}", pure=False)

    def _result(self, future: Any) -> Any:
        try:
            return future.result(timeout=self.task_timeout)
        except TimeoutError:
            raise ExecutorError(f"a task did not finish within {self.task_timeout} s on the Dask cluster") from None
        except Exception as exc:
            if type(exc).__name__ == "KilledWorker":  # the same task took down several workers in turn
                raise ExecutorError(f"Dask workers kept dying while running a task: {exc}") from None
            raise
        finally:
            future.release()

    def map(self, fn: Callable[[C, T], R], tasks: Iterable[T]) -> Iterator[R]:
        window = 2 * self.worker_count()
        pending = self._pending
        for task in tasks:
            pending.append(self._submit(fn, task))
            if len(pending) > window:
                yield self._result(pending.popleft())
        while pending:
            yield self._result(pending.popleft())

    def call(self, fn: Callable[[C, T], R], task: T) -> R:
        result: R = self._result(self._submit(fn, task))
        return result

    def close(self) -> None:
        client, cluster = self._client, self._cluster
        self._client = self._cluster = None
        self._pending.clear()
        with contextlib.suppress(Exception):
            if client is not None:
                client.close(timeout=_TERMINATE_TIMEOUT_S * 2)
        with contextlib.suppress(Exception):
            if cluster is not None:
                cluster.close(timeout=_TERMINATE_TIMEOUT_S * 2)
        start_method, self._start_method = self._start_method, None
        if start_method is not None:
            start_method.__exit__(None, None, None)

    def terminate(self) -> None:
        """Cancel the tasks in flight, then close the client (and the cluster this pool started)."""
        if self._client is not None and self._pending:
            with contextlib.suppress(Exception):
                self._client.cancel(list(self._pending), force=True)
        self.close()


def executor(jobs: int | Parallelism, context: C, *,
             setup: Callable[[], None] | None = None) -> InProcess[C] | ProcessPool[C] | DaskPool[C]:
    """This process for ``jobs <= 1``, a pool of ``jobs`` workers, or Dask (a :class:`Parallelism`
    with ``workers`` or ``scheduler``); ``setup`` runs once in each worker process only."""
    parallel = jobs if isinstance(jobs, Parallelism) else Parallelism(jobs=max(1, jobs))
    if parallel.dask:
        return DaskPool(context, workers=parallel.workers, scheduler=parallel.scheduler, setup=setup,
                        task_timeout=parallel.task_timeout)
    return InProcess(context) if parallel.jobs <= 1 else ProcessPool(parallel.jobs, context, setup)


def skip_pandas() -> None:
    """A worker ``setup``: pyarrow imports pandas (when installed, 0.25-0.5 s) on its first conversion of
    Python objects only to recognise pandas objects; workers convert plain lists, so they refuse it.
    Never in a user's process, nor in a Dask worker (a cluster's workers serve other work too)."""
    if "pandas" not in sys.modules and "distributed" not in sys.modules:
        sys.meta_path.insert(0, _NoPandas())


class _NoPandas(importlib.abc.MetaPathFinder):
    """Refuses to import pandas (pyarrow then records that there is none)."""

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None) -> ModuleSpec | None:
        if fullname.partition(".")[0] == "pandas":
            raise ModuleNotFoundError("pandas is not imported in jsec-data's worker processes", name=fullname)
        return None
