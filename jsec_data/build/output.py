"""The build's output folder: recognising it, writing it alone, replacing it safely, cleaning up after kills.

* **Whose folder.** A build recognises its own output by what it writes last: ``manifest.json``
  naming jsec-data and ``SHA256SUMS``, which lists every other file it wrote with its checksum.
  A folder is replaced only when it is empty, missing, or holds nothing but those files,
  unchanged (:func:`check_replaceable`); anything else is refused, naming the foreign files,
  before anything is touched. (No marker file of its own: the folder's bytes stay exactly the
  data, the same for two builds of the same raw/.)
* **One writer.** A lock file ``.<out>.lock`` beside the output (:class:`OutputLock`, ``flock``);
  a second build into the same folder stops at once with :class:`BuildLockedError` (exit 3).
* **Replacing.** The new folder replaces the old by one atomic exchange of the two names where
  the system has it (Linux ``renameat2``), else by two renames through ``.<out>.old-<pid>``;
  :func:`recover` puts an interrupted swap right at the next build, and removes the temporary
  folders of builds that were killed (their process is gone). A symbolic link given as the
  output is followed: its target is replaced, the link kept (:func:`resolve_out`).
* **Failures.** A build that ends with errors records ``.<out>-build-failed`` beside the output
  (:func:`record_failure`), which ``jsec publish`` refuses; the next successful build clears it.
  Running out of space is :class:`OutputSpaceError`, naming the path (exit 1).
* **Signals.** SIGTERM and SIGINT stop the build as an exception in the main thread
  (:func:`signals_stop_build`), so that workers, the figure process and the temporary folder
  are cleaned up on the way out; workers die with their parent (:mod:`jsec_data.core.executor`).
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import errno
import json
import os
import shutil
import signal
import stat
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

from jsec_data.core.errors import BuildError, JsecError

__all__ = ["FAILED_SUFFIX", "PACKAGE", "BuildLockedError", "OutputLock", "OutputRefusedError",
           "OutputSpaceError", "check_replaceable", "clear_failure", "failed_marker", "is_space_error", "pid_alive",
           "read_failure", "record_failure", "recover", "resolve_out", "signals_stop_build", "swap_in", "temp_dir"]

PACKAGE = "jsec-data"
#: ``.<out>-build-failed`` beside the output: the last build into it failed.
FAILED_SUFFIX = "-build-failed"
_MANIFEST, _CHECKSUMS = "manifest.json", "SHA256SUMS"
#: Most foreign files a refusal names (the rest are counted).
_NAMED = 10


class OutputRefusedError(BuildError):
    """The output folder holds something a build did not write (or changed since): it is not replaced."""

    exit_code = 1


class BuildLockedError(BuildError):
    """Another build is writing the same output folder."""

    exit_code = 3


class OutputSpaceError(JsecError):
    """The disk (or quota) is full: the build could not write its output."""

    exit_code = 1


# ------------------------------------------------------------------------------ names


def resolve_out(out_dir: Path) -> Path:
    """The folder a build replaces: ``out_dir``, or the target of a symbolic link ``out_dir`` (the link is kept)."""
    return Path(os.path.realpath(out_dir)) if out_dir.is_symlink() else out_dir


def temp_dir(out_dir: Path, pid: int | None = None) -> Path:
    """Where a build by process ``pid`` (this one by default) writes before the swap."""
    return out_dir.parent / f".{out_dir.name}.tmp-{os.getpid() if pid is None else pid}"


def _old_dir(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"


def failed_marker(out_dir: Path) -> Path:
    """``.<out>-build-failed`` beside ``out_dir`` (a symbolic link's target's, as the build writes it)."""
    target = resolve_out(out_dir)
    return target.parent / f".{target.name}{FAILED_SUFFIX}"


# --------------------------------------------------------------------------- the lock


class OutputLock:
    """An exclusive lock on one output folder for the length of a build: ``.<out>.lock`` beside it.

    ``flock`` where there is one (released by the system if the process dies), ``msvcrt``
    locking on Windows, else none. The lock file holds the holder's pid (for the message)
    and is removed when released; a file removed under a waiting build is noticed and the
    lock taken again, so two builds never both hold it.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.path = out_dir.parent / f".{out_dir.name}.lock"
        self._fd: int | None = None

    def acquire(self) -> None:
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(100):  # (another build removing the file between our open and lock: try again)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                if not _try_lock(fd):
                    holder = _read_pid(fd)
                    raise BuildLockedError(
                        f"another build is writing {self.out_dir} (lock {self.path}"
                        f"{f', held by process {holder}' if holder else ''}); wait for it to finish, or use another --out")
                if not _same_file(fd, self.path):
                    os.close(fd)
                    continue
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()}\n".encode())
            except BaseException:
                with contextlib.suppress(OSError):
                    os.close(fd)
                raise
            self._fd = fd
            return
        raise BuildLockedError(f"could not take the lock {self.path}: it keeps being replaced")  # pragma: no cover

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()  # while still holding it: a waiting build then sees a new file and locks that
        os.close(fd)

    def __enter__(self) -> OutputLock:
        self.acquire()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.release()


def _try_lock(fd: int) -> bool:
    """Take the lock on ``fd`` without waiting; False when another process holds it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        try:
            import msvcrt
        except ImportError:
            return True  # no locking on this system: builds are not serialised
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
            return True  # a file system without locks (some network ones): go on unlocked
        raise
    return True


def _same_file(fd: int, path: Path) -> bool:
    try:
        mine, there = os.fstat(fd), path.stat()
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace") if hasattr(os, "pread") else ""
        return int(text.split()[0]) if text.split() else None
    except (OSError, ValueError):
        return None


# ----------------------------------------------------------------- whose folder it is


def _files(folder: Path) -> Iterator[tuple[str, os.stat_result]]:
    """(posix path relative to ``folder``, lstat) of everything in it; folders end in ``/``; links are not followed."""
    stack = [("", str(folder))]
    while stack:
        prefix, directory = stack.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    stack.append((rel + "/", entry.path))
                    yield rel + "/", entry.stat(follow_symlinks=False)
                else:
                    yield rel, entry.stat(follow_symlinks=False)


def check_replaceable(out_dir: Path) -> None:
    """Raise :class:`OutputRefusedError` unless ``out_dir`` is missing, empty, or nothing but a build's own, unchanged files.

    A build's own folder is recognised by what every build writes last: a ``manifest.json``
    naming jsec-data and a ``SHA256SUMS`` that lists every other file with its checksum. Every
    file in the folder must be listed there and still have that checksum (so a file of yours
    put into the folder, or one you changed, stops the build), and nothing may be a link or a
    folder no listed file is in. Nothing is changed when the folder is refused.
    """
    if not out_dir.exists():
        return
    entries = dict(_files(out_dir))
    if not entries:
        return
    listed = _checksums(out_dir)
    if not listed:
        files = [rel for rel in sorted(entries) if not rel.endswith("/")] or sorted(entries)
        raise OutputRefusedError(
            f"output folder {out_dir} is not empty and is not a jsec build (no {_MANIFEST} of jsec-data with the "
            f"{_CHECKSUMS} of its files), so it will not be replaced; nothing was touched. It holds {_names(files)}. "
            "Choose another --out, or empty the folder yourself")
    from jsec_data.raw.files import file_sha256

    foreign, changed = [], []
    for rel, status in sorted(entries.items()):
        if rel.endswith("/"):
            if not any(name.startswith(rel) for name in listed):
                foreign.append(rel)
        elif rel == _CHECKSUMS:
            continue  # (it vouches for the rest)
        elif rel not in listed or not stat.S_ISREG(status.st_mode):
            foreign.append(rel)
        elif file_sha256(out_dir / rel) != listed[rel]:
            changed.append(rel)
    if foreign or changed:
        parts = []
        if foreign:
            parts.append(f"files a build did not write: {_names(foreign)}")
        if changed:
            parts.append(f"files changed since the build: {_names(changed)}")
        raise OutputRefusedError(
            f"output folder {out_dir} is a jsec build but holds {'; and '.join(parts)}; it will not be replaced, "
            "so that nothing of yours is deleted (nothing was touched). Move them out of it, or choose another --out")


def _names(paths: list[str]) -> str:
    shown = ", ".join(paths[:_NAMED])
    return shown + (f" and {len(paths) - _NAMED} more" if len(paths) > _NAMED else "")


def _checksums(folder: Path) -> dict[str, str]:
    """``SHA256SUMS`` of a build folder as {path: sha256}; {} when it has none (or not a build's)."""
    try:
        text = (folder / _CHECKSUMS).read_text(encoding="utf-8")
        manifest = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(manifest, dict) or manifest.get("name") != PACKAGE:
        return {}
    sums = {}
    for line in text.splitlines():
        digest, sep, name = line.partition("  ")
        if sep and len(digest) == 64:
            sums[name] = digest
    return sums


# ------------------------------------------------------------ replacing, and recovering


def swap_in(tmp_dir: Path, out_dir: Path) -> None:
    """Put ``tmp_dir`` in the place of ``out_dir`` (same parent folder); the old output, if any, ends up in ``tmp_dir``.

    An atomic exchange where the system has one, so that ``out_dir`` always exists; else two
    renames through ``.<out>.old-<pid>``, which :func:`recover` sets right if the build dies between them.
    """
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    if not os.path.lexists(out_dir):
        tmp_dir.replace(out_dir)
        return
    if _exchange(tmp_dir, out_dir):
        return
    old = _old_dir(out_dir)
    shutil.rmtree(old, ignore_errors=True)
    out_dir.replace(old)
    try:
        tmp_dir.replace(out_dir)
    except BaseException:
        old.replace(out_dir)  # put the previous output back
        raise
    old.replace(tmp_dir)  # (removed with the temporary folder)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2(RENAME_EXCHANGE)``); False where that is not available."""
    if not sys.platform.startswith("linux") or _NO_EXCHANGE:
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # an older C library
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EXDEV):
        return False  # not on this kernel or file system: the two renames
    raise OSError(code, os.strerror(code), str(second))


#: Set by tests to take the two-rename path.
_NO_EXCHANGE = False


def recover(out_dir: Path) -> list[str]:
    """Set right what killed builds into ``out_dir`` left behind (call with the lock held); what was done, as lines.

    ``.<out>.old-<pid>`` of a dead process is the previous output: put back when ``out_dir`` is
    missing (the build died between its two renames), else removed. ``.<out>.tmp-<pid>`` of a
    dead process is removed. Folders of live processes are left alone.
    """
    done: list[str] = []
    prefix = f".{out_dir.name}."
    try:
        with os.scandir(out_dir.parent) as entries:
            leftovers = sorted(e.name for e in entries if e.name.startswith(prefix) and e.is_dir(follow_symlinks=False))
    except OSError:
        return done
    for name in leftovers:
        kind, _, pid = name[len(prefix):].partition("-")
        if kind not in ("tmp", "old") or not pid.isdigit() or int(pid) == os.getpid() or pid_alive(int(pid)):
            continue
        path = out_dir.parent / name
        if kind == "old" and not os.path.lexists(out_dir):
            path.replace(out_dir)
            done.append(f"restored {out_dir} from {name} (a build was stopped while replacing it)")
        else:
            shutil.rmtree(path, ignore_errors=True)
            done.append(f"removed {path} (left by a build that was stopped)")
    return done


def pid_alive(pid: int) -> bool:
    """Whether a process ``pid`` exists (True when that cannot be known: nothing is removed then)."""
    if sys.platform == "win32":  # pragma: no cover - os.kill would end the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # (exists, another user's)
    return True


# ----------------------------------------------------------------------------- failures


def record_failure(out_dir: Path, reason: str, errors: list[str]) -> None:
    """Write ``.<out>-build-failed`` (the last build into ``out_dir`` failed); never raises."""
    record = {"package": PACKAGE, "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
              "reason": reason, "errors": errors[:20], "error_count": len(errors)}
    with contextlib.suppress(OSError):
        failed_marker(out_dir).write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def clear_failure(out_dir: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        failed_marker(out_dir).unlink()


def read_failure(out_dir: Path) -> dict[str, Any] | None:
    """The record of the last failed build into ``out_dir``, if it failed (``{}`` when the record is unreadable)."""
    path = failed_marker(out_dir)
    if not os.path.lexists(path):
        return None
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def is_space_error(exc: BaseException) -> bool:
    """An OSError for a full disk or quota (pyarrow's included, which sets errno)."""
    return isinstance(exc, OSError) and (exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
                                         or "No space left on device" in str(exc))


# ------------------------------------------------------------------------------ signals


@contextlib.contextmanager
def signals_stop_build() -> Iterator[None]:
    """SIGTERM (and SIGINT) as exceptions in the main thread while the block runs, so its cleanup runs.

    SIGTERM raises ``SystemExit(143)`` (the shell's code for it), SIGINT ``KeyboardInterrupt``;
    a signal whose handler is not the default (ignored by ``nohup``, the caller's own) is left
    alone. After the first signal, further ones are ignored until the block is left, so that a
    second Ctrl-C does not cut the cleanup short. Nothing is done outside the main thread.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {}
    owner = os.getpid()

    def stop(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != owner:
            # A worker forked in the block, signalled before its initializer reset what it inherited: it does what it
            # will do once reset (SIGTERM ends it at once, SIGINT is the parent's), not the parent's cleanup, which
            # would print a traceback from inside the pool.
            if signum == signal.SIGTERM:
                signal.signal(signum, signal.SIG_DFL)
                os.kill(os.getpid(), signum)
            return
        for number in previous:
            signal.signal(number, signal.SIG_IGN)
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise SystemExit(128 + signum)

    defaults: dict[int, Any] = {signal.SIGTERM: signal.SIG_DFL, signal.SIGINT: signal.default_int_handler}
    for number, default in defaults.items():
        if signal.getsignal(number) is default:
            previous[number] = signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
