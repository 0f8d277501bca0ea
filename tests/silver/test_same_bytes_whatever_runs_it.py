"""The same input gives the same bytes in this process, on local workers and on Dask, and a Dask
worker killed mid-run loses and duplicates no row."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest

from jsec_data.core.executor import Parallelism
from jsec_data.silver import SilverProgress, silver

from .conftest import LICENCE, tree, write_corpus

TIMEOUT = 120.0  # seconds for any one task's result: a hung cluster fails the test instead of hanging it


SHARD = 10  # small shards: several draft tasks in flight


def test_one_process_and_two_local_workers_write_the_same_bytes(corpus: Path, tmp_path: Path) -> None:
    one = silver([corpus], tmp_path / "one", licence=LICENCE, keep_all=True, shard_articles=SHARD, parallel=Parallelism(jobs=1))
    silver([corpus], tmp_path / "two", licence=LICENCE, keep_all=True, shard_articles=SHARD, parallel=Parallelism(jobs=2))
    kept = one.summary["counts"]["kept"]
    assert kept > 60 and len(one.summary["tables"]["articles"]["shards"]) == -(-kept // 10)
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_with_local_workers_no_process_of_the_run_imports_pandas(corpus: Path, tmp_path: Path) -> None:
    """pyarrow would import pandas (0.25-0.5 s a process) on its first conversion; silver converts no pandas object."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from jsec_data.core.executor import Parallelism\n"
        "from jsec_data.silver import silver\n"
        f"silver([{str(corpus)!r}], {str(tmp_path / 'two')!r}, licence={LICENCE!r}, keep_all=True, "
        f"shard_articles={SHARD}, parallel=Parallelism(jobs=2))\n"
        "print('pandas' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split()[-1] == "False"
    silver([corpus], tmp_path / "one", licence=LICENCE, keep_all=True, shard_articles=SHARD, parallel=Parallelism(jobs=1))
    assert tree(tmp_path / "two") == tree(tmp_path / "one")


def _is_live_worker(psutil: Any, child: Any) -> bool:
    # The worker killed in the first phase may linger as a zombie until its nanny reaps it.
    # A worker is spawned ("spawn_main" in its command line), forked from this process (the same
    # command line) or forked by a fork server (its command line, and its parent's, the server's);
    # Dask's other helpers (the resource tracker, the fork server itself) are none of these.
    try:
        cmdline = child.cmdline()
        forked_by_server = "multiprocessing.forkserver" in " ".join(cmdline) and child.parent() is not None \
            and "multiprocessing.forkserver" in " ".join(child.parent().cmdline())
        return child.status() != psutil.STATUS_ZOMBIE and (
            "spawn_main" in " ".join(cmdline) or cmdline == psutil.Process().cmdline() or forked_by_server)
    except (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied):
        return False


def test_dask_writes_the_same_bytes_and_a_killed_worker_costs_no_row(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    psutil = pytest.importorskip("psutil")
    corpus = write_corpus(tmp_path / "corpus", 12, 25, seed=5)
    clean = silver([corpus], tmp_path / "clean", licence=LICENCE, keep_all=True, shard_articles=SHARD)
    assert clean.summary["counts"]["kept"] > 250

    silver([corpus], tmp_path / "dask", licence=LICENCE, keep_all=True, shard_articles=SHARD,
                  parallel=Parallelism(workers=2, task_timeout=TIMEOUT))
    assert tree(tmp_path / "dask") == tree(tmp_path / "clean")

    killed: list[int] = []

    def kill_a_worker(step: SilverProgress) -> None:
        # In each phase, once the first result is in: the other tasks are queued or running.
        if step.done == 1 and len(killed) < 2:
            workers = [child for child in psutil.Process().children(recursive=True) if _is_live_worker(psutil, child)]
            assert workers, "the LocalCluster's worker processes"
            victim = max(workers, key=lambda child: child.pid)
            os.kill(victim.pid, signal.SIGKILL)
            killed.append(victim.pid)

    survived = silver([corpus], tmp_path / "killed", licence=LICENCE, keep_all=True, shard_articles=SHARD, progress=kill_a_worker,
                      parallel=Parallelism(workers=2, task_timeout=TIMEOUT))
    assert len(killed) == 2  # one worker killed while screening, one while drafting
    assert survived.summary == clean.summary
    assert tree(tmp_path / "killed") == tree(tmp_path / "clean")
