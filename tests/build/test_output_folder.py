"""Issue 21, findings 2, 4 (the failed-build record), 6, 7 and 8: the build's output folder.

Nothing of the user's gets deleted (only a folder holding nothing but a build's own, unchanged
files is replaced), the swap survives a kill between its renames, a symlinked --out keeps its
link, two builds never write one folder at once (exit 3), and a full disk names the path
(exit 1, no traceback).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jsec_data.build import output
from jsec_data.build.dataset import build_dataset
from jsec_data.build.output import (
    BuildLockedError,
    OutputLock,
    OutputRefusedError,
    failed_marker,
    read_failure,
    recover,
)
from jsec_data.cli import app
from jsec_data.core.errors import BuildError

from ..conftest import MINI_RAW

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes and links")


def _state(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file and folder under ``folder`` with its sha256 (files) and modification time: 'nothing touched'."""
    state = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
        state[rel] = (digest, path.lstat().st_mtime_ns)
    return state


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _siblings(folder: Path) -> list[str]:
    return _names(folder.parent)


def _jsec(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jsec_data.cli", *args], capture_output=True, text=True,
                          timeout=300, check=False, cwd=cwd)


# ----------------------------------------------------------------- finding 2: whose folder


def test_a_web_apps_folder_with_a_manifest_is_not_replaced(tmp_path: Path) -> None:
    app_dir = tmp_path / "webapp"
    app_dir.mkdir()
    (app_dir / "manifest.json").write_text('{"name": "My App", "start_url": "/"}', encoding="utf-8")
    (app_dir / "index.html").write_text("<html></html>", encoding="utf-8")
    before = _state(app_dir)
    result = CliRunner().invoke(app, ["build", "--raw", str(MINI_RAW), "--out", str(app_dir)])
    assert result.exit_code == 1, result.output
    assert "not a jsec build" in result.output and str(app_dir) in result.output
    assert "index.html" in result.output and "manifest.json" in result.output
    assert "Traceback" not in result.output
    assert _state(app_dir) == before and _siblings(app_dir) == ["webapp"], "nothing may be touched"
    with pytest.raises(OutputRefusedError, match="not a jsec build"):
        build_dataset(MINI_RAW, app_dir)
    assert issubclass(OutputRefusedError, BuildError) and OutputRefusedError.exit_code == 1


def test_a_users_file_inside_an_earlier_build_is_not_deleted(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build_dataset(MINI_RAW, out).ok
    (out / "notes.txt").write_text("my notes", encoding="utf-8")
    (out / "drafts").mkdir()
    before = _state(out)
    result = CliRunner().invoke(app, ["build", "--raw", str(MINI_RAW), "--out", str(out)])
    assert result.exit_code == 1
    assert f"output folder {out} is a jsec build but holds files a build did not write: drafts/, notes.txt" in result.output
    assert _state(out) == before and (out / "notes.txt").read_text(encoding="utf-8") == "my notes"
    assert _siblings(out) == ["out"]


def test_a_changed_build_file_is_not_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build_dataset(MINI_RAW, out).ok
    (out / "README.md").write_text("my edited card", encoding="utf-8")
    with pytest.raises(OutputRefusedError, match=r"files changed since the build: README\.md"):
        build_dataset(MINI_RAW, out)
    assert (out / "README.md").read_text(encoding="utf-8") == "my edited card"


@POSIX
def test_a_link_placed_in_a_build_is_foreign(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build_dataset(MINI_RAW, out).ok
    (out / "thesis").symlink_to(tmp_path)
    with pytest.raises(OutputRefusedError, match="did not write: thesis"):
        build_dataset(MINI_RAW, out)


def test_empty_missing_own_and_copied_folders_are_replaced(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build_dataset(MINI_RAW, empty).ok
    assert build_dataset(MINI_RAW, tmp_path / "missing" / "deeper").ok
    assert build_dataset(MINI_RAW, empty).ok  # its own output, unchanged
    copy = tmp_path / "copy"
    shutil.copytree(empty, copy, copy_function=shutil.copyfile)  # new modification times, same bytes
    assert build_dataset(MINI_RAW, copy).ok
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")], "nothing left beside the outputs"


# ------------------------------------------------------------------- finding 6: the swap


@pytest.mark.parametrize("exchange", [True, False], ids=["atomic-exchange", "two-renames"])
def test_replacing_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool) -> None:
    monkeypatch.setattr(output, "_NO_EXCHANGE", not exchange)
    out = tmp_path / "out"
    assert build_dataset(MINI_RAW, out).ok
    first = _state(out)
    assert build_dataset(MINI_RAW, out).ok
    assert {k: v[0] for k, v in _state(out).items()} == {k: v[0] for k, v in first.items()}
    assert _siblings(out) == ["out"]


@POSIX
def test_a_symlinked_out_is_followed_and_the_link_kept(tmp_path: Path) -> None:
    target = tmp_path / "real" / "dataset"
    target.parent.mkdir()
    link = tmp_path / "dataset"
    link.symlink_to(target, target_is_directory=True)
    assert build_dataset(MINI_RAW, link).ok  # the target does not exist yet
    assert link.is_symlink() and (target / "manifest.json").is_file()
    assert build_dataset(MINI_RAW, link).ok  # and now replaces it
    assert link.is_symlink() and link.readlink() == target
    assert _names(tmp_path) == ["dataset", "real"] and _names(target.parent) == ["dataset"]
    result = CliRunner().invoke(app, ["build", "--raw", str(MINI_RAW), "--out", str(link)])
    assert result.exit_code == 0 and link.is_symlink()


_KILL_BETWEEN_RENAMES = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from jsec_data.build import output
    from jsec_data.build.dataset import build_dataset

    output._NO_EXCHANGE = True  # the two-rename swap, and die right after its first rename
    real = Path.replace

    def replace(self, target):
        result = real(self, target)
        if Path(target).name.startswith(".out.old-"):
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    Path.replace = replace
    build_dataset(sys.argv[1], sys.argv[2])
""")


@POSIX
def test_a_kill_between_the_two_renames_is_recovered_by_the_next_build(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build_dataset(MINI_RAW, out).ok
    before = {k: v[0] for k, v in _state(out).items()}

    def kill_between_renames() -> None:
        killed = subprocess.run([sys.executable, "-c", _KILL_BETWEEN_RENAMES, str(MINI_RAW), str(out)],
                                capture_output=True, text=True, timeout=300, check=False)
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        left = _siblings(out)
        assert "out" not in left, left  # the finding: nothing at --out
        assert any(name.startswith(".out.old-") for name in left) and any(name.startswith(".out.tmp-") for name in left)

    kill_between_renames()
    done = recover(out)
    assert any("restored" in line for line in done), done
    assert {k: v[0] for k, v in _state(out).items()} == before, "the previous output is put back, unchanged"
    assert _siblings(out) in (["out"], [".out.lock", "out"])  # (the killed build's lock file, unlocked)
    # a build after such a kill sets it right itself, then replaces the output
    kill_between_renames()
    assert build_dataset(MINI_RAW, out).ok
    assert {k: v[0] for k, v in _state(out).items()} == before
    assert _siblings(out) == ["out"]


@POSIX
def test_temporary_folders_of_dead_builds_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    dead_pid = int(dead.stdout)
    (tmp_path / f".out.tmp-{dead_pid}" / "data").mkdir(parents=True)
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"]) as live:
        try:
            (tmp_path / f".out.tmp-{live.pid}").mkdir()
            assert build_dataset(MINI_RAW, out).ok
            assert _siblings(out) == [f".out.tmp-{live.pid}", "out"]
        finally:
            live.kill()
            live.wait()
    assert build_dataset(MINI_RAW, out).ok
    assert _siblings(out) == ["out"]


# ------------------------------------------------------------------- finding 7: the lock


def test_a_second_build_into_the_same_folder_stops_with_exit_3(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build_dataset(MINI_RAW, out).ok
    before = _state(out)
    with OutputLock(out):  # (as a running build holds it)
        with pytest.raises(BuildLockedError, match=f"another build is writing {out}"):
            build_dataset(MINI_RAW, out)
        other = _jsec("build", "--raw", str(MINI_RAW), "--out", str(out))
        assert other.returncode == 3, other.stderr
        assert f"another build is writing {out}" in other.stderr and f"held by process {os.getpid()}" in other.stderr
        assert "Traceback" not in other.stderr
        assert build_dataset(MINI_RAW, tmp_path / "elsewhere").ok  # other folders are not locked
    assert _state(out) == before
    assert build_dataset(MINI_RAW, out).ok  # released
    assert _siblings(out) == ["elsewhere", "out"], "the lock file goes with the build"


@POSIX
def test_the_lock_is_released_by_a_build_that_fails_or_is_killed(mini_raw: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (mini_raw / "entities.yaml").write_text("entities:\n  - entity_id: jpn\n", encoding="utf-8")
    assert not build_dataset(mini_raw, out).ok
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from jsec_data.build.output import OutputLock
        OutputLock(Path({str(out)!r})).acquire()
        print("locked", flush=True)
        time.sleep(120)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(BuildLockedError):
            build_dataset(MINI_RAW, out)
    finally:
        holder.kill()
        holder.wait()
    assert build_dataset(MINI_RAW, out).ok  # the system released the dead holder's lock


# ---------------------------------------------------- finding 4: a failed build is recorded


def test_a_failed_build_is_recorded_beside_the_output_and_cleared_by_the_next(mini_raw: Path, tmp_path: Path) -> None:
    out = tmp_path / "builds" / "out"
    assert build_dataset(mini_raw, out).ok and read_failure(out) is None
    good = (mini_raw / "entities.yaml").read_bytes()
    (mini_raw / "entities.yaml").write_text("entities:\n  - entity_id: jpn\n", encoding="utf-8")
    assert not build_dataset(mini_raw, out).ok
    record = read_failure(out)
    assert record is not None and "error(s)" in record["reason"] and record["error_count"] >= 1
    assert failed_marker(out) == out.parent / ".out-build-failed"
    (mini_raw / "entities.yaml").write_bytes(good)
    assert build_dataset(mini_raw, out).ok and read_failure(out) is None
    assert _siblings(out) == ["out"]


# ---------------------------------------------------------------- finding 8: a full disk


def _assert_out_of_space(run: subprocess.CompletedProcess[str], out: Path) -> None:
    assert run.returncode == 1, (run.returncode, run.stderr)
    assert "no space left on the device" in run.stderr and str(out) in run.stderr
    assert "Traceback" not in run.stderr and "Exception ignored" not in run.stderr, run.stderr


_WRITE_TO_DEV_FULL = textwrap.dedent("""
    import sys
    import pyarrow.parquet as pq
    from jsec_data.build import writer
    from jsec_data.cli import main

    class FullDiskWriter(pq.ParquetWriter):  # every table goes to /dev/full: ENOSPC from the kernel
        def __init__(self, where, *args, **kwargs):
            super().__init__("/dev/full", *args, **kwargs)

    writer.pq.ParquetWriter = FullDiskWriter
    sys.argv = ["jsec", *sys.argv[1:]]
    main()
""")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_names_the_path_and_exits_1(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build_dataset(MINI_RAW, out).ok
    before = _state(out)
    run = subprocess.run([sys.executable, "-c", _WRITE_TO_DEV_FULL, "build", "--raw", str(MINI_RAW), "--out", str(out)],
                         capture_output=True, text=True, timeout=300, check=False)
    _assert_out_of_space(run, out)
    assert _state(out) == before and _siblings(out) == [".out-build-failed", "out"]


def _mount_tmpfs(where: Path, size: str) -> bool:
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    where.mkdir()
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, check=False).returncode == 0


def test_a_full_tmpfs_names_the_path_and_exits_1(tmp_path: Path) -> None:
    disk = tmp_path / "small-disk"
    if not _mount_tmpfs(disk, "64k"):
        pytest.skip("cannot mount a small tmpfs here (needs root on Linux)")
    try:
        run = _jsec("build", "--raw", str(MINI_RAW), "--out", str(disk / "out"))
        _assert_out_of_space(run, disk / "out")
        assert _names(disk) == [".out-build-failed"], "no temporary folder is left on the full disk"
    finally:
        subprocess.run(["umount", str(disk)], check=False)
