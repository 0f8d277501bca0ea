"""One way to run a stage's work in parallel: the build and validation share it.

A stage gives a *context* (read-only data every task needs, e.g. the registries) and a
module-level function ``fn(context, task)``. :func:`executor` runs it in this process
(``jobs <= 1``) or in ``jobs`` worker processes that receive the context once, when they
start. Results always come back in task order, so the output does not depend on ``jobs``.
Another backend (e.g. Dask) implements the same three methods.
"""

from __future__ import annotations

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

    def __enter__(self: M) -> M:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


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


def _start_worker(context: Any, setup: Callable[[], None] | None) -> None:
    global _CONTEXT
    _CONTEXT = context
    if setup is not None:
        setup()


def _run_in_worker(fn: Callable[[Any, T], R], task: T) -> R:
    return fn(_CONTEXT, task)


class ProcessPool(_Managed[C]):
    """``jobs`` worker processes; each gets the context (and runs ``setup``) once, when it starts."""

    def __init__(self, jobs: int, context: C, setup: Callable[[], None] | None = None) -> None:
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            max_workers=jobs, initializer=_start_worker, initargs=(context, setup))

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


def executor(jobs: int, context: C, *, setup: Callable[[], None] | None = None) -> InProcess[C] | ProcessPool[C]:
    """This process for ``jobs <= 1``, else a pool of ``jobs`` workers (``setup`` runs in each worker only)."""
    return InProcess(context) if jobs <= 1 else ProcessPool(jobs, context, setup)
