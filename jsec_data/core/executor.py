"""One way to run a stage's work in parallel: the build and validation share it.

A stage gives a *context* (read-only data every task needs, e.g. the registries) and a
module-level function ``fn(context, task)``. :func:`executor` runs it in this process
(``jobs <= 1``) or in ``jobs`` worker processes that receive the context once, when they
start. Results always come back in task order, so the output does not depend on ``jobs``.
Another backend (e.g. Dask) implements the same three methods.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType
from typing import Any, Generic, Protocol, TypeVar

__all__ = ["Executor", "InProcess", "ProcessPool", "executor"]

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


def executor(jobs: int, context: C, *, setup: Callable[[], None] | None = None) -> InProcess[C] | ProcessPool[C]:
    """This process for ``jobs <= 1``, else a pool of ``jobs`` workers (``setup`` runs in each worker only)."""
    return InProcess(context) if jobs <= 1 else ProcessPool(jobs, context, setup)
