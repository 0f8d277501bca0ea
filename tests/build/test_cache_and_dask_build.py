"""``jsec build --workers 2``: the build on a Dask LocalCluster writes the bytes of a local build."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from jsec_data.build.dataset import build_dataset
from jsec_data.core.executor import Parallelism


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_build_on_dask_writes_the_bytes_of_a_local_build(mini_raw: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    local = build_dataset(mini_raw, tmp_path / "local", jobs=1)
    on_dask = build_dataset(mini_raw, tmp_path / "dask", jobs=Parallelism(workers=2, task_timeout=120), batch_size=1,
                            cache=True)
    assert local.ok and on_dask.ok
    assert on_dask.cache is not None and on_dask.cache.processed == 2
    assert _tree(tmp_path / "local") == _tree(tmp_path / "dask")
