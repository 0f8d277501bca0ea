"""Issue 21, finding 3: the loaders verify a build folder on first use.

A flipped bit or a forged Parquet file raises a clear ``VerificationError`` naming the file,
instead of loading silently; the check is remembered with each file's size and modification
time, so later loads of an unchanged folder cost one ``stat`` per file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Collection
from pathlib import Path

import pytest

import jsec_data
from jsec_data import load
from jsec_data.build.dataset import build_dataset
from jsec_data.core.errors import JsecError
from jsec_data.release import verify
from jsec_data.release.verify import VerificationError

from .conftest import MINI_RAW

QUOTATIONS = "data/quotations.parquet"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("load-verify") / "dataset"
    assert build_dataset(MINI_RAW, out).ok
    return out


@pytest.fixture
def build(pristine: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "dataset"
    shutil.copytree(pristine, copy)
    return copy


def _rewrite(path: Path, data: bytes) -> None:
    """Write ``data`` and move the modification time on: file times are coarser than a test is fast."""
    before = path.stat().st_mtime_ns
    path.write_bytes(data)
    os.utime(path, ns=(before + 10**9, before + 10**9))


def _count_verifications(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    real = verify.require_verified

    def counting(folder: Path | str, *, extras: bool = True, only: Collection[str] | None = None) -> verify.Verification:
        calls.append(Path(folder))
        return real(folder, extras=extras, only=only)

    monkeypatch.setattr(verify, "require_verified", counting)
    return calls


def test_a_flipped_bit_is_refused_naming_the_file(build: Path) -> None:
    data = bytearray((build / QUOTATIONS).read_bytes())
    data[200] ^= 0x10
    _rewrite(build / QUOTATIONS, bytes(data))
    with pytest.raises(VerificationError, match=r"data/quotations\.parquet: changed") as caught:
        jsec_data.load_quotations(path=build)
    assert isinstance(caught.value, JsecError) and caught.value.exit_code == 1
    assert str(build) in str(caught.value) and "jsec verify" in str(caught.value)
    # every way of reading that table refuses it, and so does the citation (its checksum is the tables')
    for call in (lambda: next(jsec_data.iter_records("quotations", path=build)),
                 lambda: jsec_data.load_table("quotations", path=build), lambda: load.citation(build)):
        with pytest.raises(VerificationError, match="quotations"):
            call()
    # an intact table of the same folder still loads: each file is checked before it is read
    assert jsec_data.load_entities(path=build).num_rows == 4


def test_a_forged_parquet_is_refused(build: Path) -> None:
    _rewrite(build / QUOTATIONS, (build / "data" / "statements.parquet").read_bytes())
    with pytest.raises(VerificationError, match=r"data/quotations\.parquet"):
        jsec_data.load_quotations(path=build)


def test_verified_once_then_remembered_until_a_file_changes(build: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_verifications(monkeypatch)
    first = jsec_data.load_quotations(path=build)
    for _ in range(5):
        assert jsec_data.load_quotations(path=build).equals(first)
        jsec_data.load_articles(path=build)
    assert len(calls) == 2, "one check per table read, whatever the number of loads"
    # the same folder named another way is the same folder
    monkeypatch.chdir(build.parent)
    jsec_data.load_quotations(path=Path(build.name))
    assert len(calls) == 2
    # a table rewritten (same size) is checked again, and refused
    data = bytearray((build / QUOTATIONS).read_bytes())
    data[-20] ^= 0x01
    _rewrite(build / QUOTATIONS, bytes(data))
    with pytest.raises(VerificationError, match=r"data/quotations\.parquet: changed"):
        jsec_data.load_quotations(path=build)
    assert len(calls) == 3
    # and a change of the records means everything is checked again
    _rewrite(build / "SHA256SUMS", (build / "SHA256SUMS").read_bytes() + b"\n")
    with pytest.raises(VerificationError):
        jsec_data.load_articles(path=build)


def test_a_folder_that_is_not_a_build_loads_unverified_with_a_warning(build: Path) -> None:
    (build / "manifest.json").unlink()
    (build / "SHA256SUMS").unlink()
    with pytest.warns(UserWarning, match="unverified"):
        assert jsec_data.load_quotations(path=build).num_rows == 3


def test_files_the_build_did_not_write_do_not_stop_a_load(build: Path) -> None:
    (build / "notes.txt").write_text("mine", encoding="utf-8")
    assert jsec_data.load_quotations(path=build).num_rows == 3


def test_a_folder_without_checksums_is_refused(build: Path) -> None:
    (build / "SHA256SUMS").unlink()
    with pytest.raises(VerificationError, match="SHA256SUMS: missing"):
        jsec_data.load_quotations(path=build)


def test_the_shipped_tables_load_verified_in_a_fresh_process(tmp_path: Path) -> None:
    code = ("import jsec_data, jsec_data.load as load\n"
            "table = jsec_data.load_quotations()\n"
            "print(table.num_rows, len(load._VERIFIED))")
    env = {k: v for k, v in os.environ.items() if k != load.DATA_DIR_ENV}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True,
                         cwd=tmp_path, env=env)
    rows, verified = run.stdout.split()
    assert int(rows) == load.manifest()["tables"]["quotations"]["rows"] and verified == "1"
