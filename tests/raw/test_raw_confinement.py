"""Issue 21, finding 1: nothing outside raw/ gets in.

Every path read under raw/ is resolved and must stay inside it; a symbolic link out of it (a
file, or a folder such as annotations/), or to a device or fifo, is an error issue with its
path, in ``jsec build`` and ``jsec validate`` alike, and is never read. An "Arabic" article
that is plain ASCII (or mostly other letters) is a warning.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from jsec_data.build.dataset import build_dataset
from jsec_data.raw.files import (
    NotRegularFileError,
    OutsideRawError,
    discover_articles,
    language_issues,
    read_raw_file,
)
from jsec_data.validate import validate_paths

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links and fifos need POSIX")

ARTICLE_ID = "0123456789abcdef"
SECRET = "root:x:0:0:root:/root:/bin/bash\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file outside raw/ that must never get into the data."""
    secret = tmp_path / "elsewhere" / "passwd"
    secret.parent.mkdir()
    secret.write_text(SECRET, encoding="utf-8")
    return secret


def _codes(report_issues: object) -> set[tuple[str, str]]:
    return {(i.file, i.code) for i in report_issues}  # type: ignore[attr-defined]


def test_an_article_linked_out_of_raw_is_an_error_and_never_read(mini_raw: Path, outside: Path, tmp_path: Path) -> None:
    (mini_raw / "articles" / "005_00000000000000aa.txt").symlink_to(outside)
    result = build_dataset(mini_raw, tmp_path / "out")
    assert not result.ok
    issue = next(i for i in result.report.errors if i.code == "raw-link-outside")
    assert issue.file == "articles/005_00000000000000aa.txt"
    assert str(outside) in issue.message and issue.severity == "error"
    assert not (tmp_path / "out").exists()
    # validate, given the link itself or the folder, says the same
    report = validate_paths([mini_raw / "articles" / "005_00000000000000aa.txt"], mini_raw)
    assert "raw-link-outside" in {i.code for i in report.errors}
    assert not report.ok()
    report = validate_paths([mini_raw], mini_raw)
    assert any(i.code == "raw-link-outside" and i.file.endswith("005_00000000000000aa.txt") for i in report.errors)
    assert SECRET.strip() not in "".join(i.format() for i in report)


def test_etc_passwd_does_not_become_an_article(mini_raw: Path, tmp_path: Path) -> None:
    if not Path("/etc/passwd").is_file():
        pytest.skip("no /etc/passwd here")
    (mini_raw / "articles" / "005_00000000000000aa.txt").symlink_to("/etc/passwd")
    result = build_dataset(mini_raw, tmp_path / "out")
    assert ("articles/005_00000000000000aa.txt", "raw-link-outside") in _codes(result.report.errors)
    sources = discover_articles(mini_raw)[0]
    assert "00000000000000aa" not in {s.article_id for s in sources}


def test_a_symlinked_annotations_folder_is_not_read(mini_raw: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere-annotations"
    shutil.move(mini_raw / "annotations", elsewhere)
    (mini_raw / "annotations").symlink_to(elsewhere, target_is_directory=True)
    result = build_dataset(mini_raw, tmp_path / "out")
    assert ("annotations/", "raw-link-outside") in _codes(result.report.errors)
    assert not result.ok
    # validate reads files from that folder only through the shared reader: refused there too
    report = validate_paths([mini_raw / "annotations" / f"{ARTICLE_ID}.yaml"], mini_raw)
    assert any(i.code == "raw-link-outside" for i in report.errors), [i.format() for i in report]


def test_an_annotation_file_linked_out_of_raw_is_an_error(mini_raw: Path, tmp_path: Path) -> None:
    target = tmp_path / "ann.yaml"
    shutil.move(mini_raw / "annotations" / f"{ARTICLE_ID}.yaml", target)
    (mini_raw / "annotations" / f"{ARTICLE_ID}.yaml").symlink_to(target)
    result = build_dataset(mini_raw, tmp_path / "out")
    assert (f"annotations/{ARTICLE_ID}.yaml", "raw-link-outside") in _codes(result.report.errors)
    report = validate_paths([mini_raw / "annotations" / f"{ARTICLE_ID}.yaml"], mini_raw)
    assert any(i.code == "raw-link-outside" and i.file.endswith(f"{ARTICLE_ID}.yaml") for i in report.errors)


def test_a_registry_linked_out_of_raw_is_an_error(mini_raw: Path, tmp_path: Path) -> None:
    target = tmp_path / "entities.yaml"
    shutil.move(mini_raw / "entities.yaml", target)
    (mini_raw / "entities.yaml").symlink_to(target)
    result = build_dataset(mini_raw, tmp_path / "out")
    assert ("entities.yaml", "raw-link-outside") in _codes(result.report.errors)
    report = validate_paths([mini_raw / "annotations"], mini_raw)
    assert any(i.code == "raw-link-outside" and i.file.endswith("entities.yaml") for i in report.errors)


def test_links_inside_raw_are_followed(mini_raw: Path, tmp_path: Path) -> None:
    """A link that stays inside raw/ is fine (resolved, then read as usual)."""
    store = mini_raw / "store"
    store.mkdir()
    article = mini_raw / "articles" / "001_0123456789abcdef.txt"
    shutil.move(article, store / article.name)
    article.symlink_to(Path("..") / "store" / article.name)
    result = build_dataset(mini_raw, tmp_path / "out")
    assert result.ok, [i.format() for i in result.report.errors]
    assert result.row_counts["articles"] == 2


def test_a_link_to_a_device_is_an_error_not_skipped_silently(mini_raw: Path, tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    (mini_raw / "metadata" / "fedcba9876543210.yaml").symlink_to("/dev/zero")
    result = build_dataset(mini_raw, tmp_path / "out")
    # /dev/zero is outside raw/: refused for that, before its kind matters
    assert ("metadata/fedcba9876543210.yaml", "raw-link-outside") in _codes(result.report.errors)


def test_a_fifo_in_raw_is_an_error_and_nothing_blocks(mini_raw: Path, tmp_path: Path) -> None:
    fifo = mini_raw / "metadata" / "fedcba9876543210.yaml"
    os.mkfifo(fifo)
    result = build_dataset(mini_raw, tmp_path / "out")  # would wait for a writer forever if it opened the fifo
    issue = next(i for i in result.report.errors if i.code == "not-a-regular-file")
    assert issue.file == "metadata/fedcba9876543210.yaml" and "fifo" in issue.message
    # a link inside raw/ to the fifo: the same
    fifo.unlink()
    os.mkfifo(mini_raw / "pipe")
    (mini_raw / "articles" / "009_00000000000000bb.txt").symlink_to(mini_raw / "pipe")
    result = build_dataset(mini_raw, tmp_path / "out")
    assert ("articles/009_00000000000000bb.txt", "not-a-regular-file") in _codes(result.report.errors)
    # and the shared reader refuses it without blocking, wherever it is
    with pytest.raises(NotRegularFileError, match="fifo"):
        read_raw_file(mini_raw / "pipe", 1000)
    report = validate_paths([mini_raw / "articles" / "009_00000000000000bb.txt"], mini_raw)
    assert any(i.code == "not-a-regular-file" for i in report.errors), [i.format() for i in report]


def test_a_broken_link_is_reported(mini_raw: Path, tmp_path: Path) -> None:
    (mini_raw / "metadata" / "fedcba9876543210.yaml").symlink_to(mini_raw / "metadata" / "gone.yaml")
    result = build_dataset(mini_raw, tmp_path / "out")
    assert ("metadata/fedcba9876543210.yaml", "unreadable") in _codes(result.report.errors)


def test_the_reader_refuses_a_link_out_of_a_raw_folder(mini_raw: Path, outside: Path) -> None:
    link = mini_raw / "annotations" / "00000000000000cc.yaml"
    link.symlink_to(outside)
    with pytest.raises(OutsideRawError, match="outside the raw folder"):
        read_raw_file(link, 10_000)
    # a file that is not in a raw folder (a draft given to jsec validate) is read, link or not
    draft = outside.parent / "draft.yaml"
    draft.symlink_to(outside)
    assert read_raw_file(draft, 10_000) == SECRET.encode()


def test_an_ascii_article_said_to_be_arabic_is_a_warning(mini_raw: Path, tmp_path: Path) -> None:
    (mini_raw / "articles" / "005_00000000000000aa.txt").write_text("Title\nroot:x:0:0:root:/root:/bin/bash\n",
                                                                    encoding="utf-8")
    result = build_dataset(mini_raw, tmp_path / "out")
    warning = next(i for i in result.report.warnings if i.code == "article-not-arabic")
    assert warning.file == "articles/005_00000000000000aa.txt" and "plain ASCII" in warning.message
    assert result.ok  # a warning: the build goes on
    report = validate_paths([mini_raw / "articles" / "005_00000000000000aa.txt"], mini_raw)
    assert "article-not-arabic" in {i.code for i in report.warnings}


def test_language_check_rules() -> None:
    arabic = "وقال وزير الدفاع الياباني إن التعاون مع حلف الناتو سيتعزز (NATO) في 2025."
    assert language_issues(arabic, "ar", "a.txt") == []
    assert language_issues("Hello, world", "en", "a.txt") == []  # another language: not checked
    assert language_issues("Hello, world", None, "a.txt") == []
    [ascii_issue] = language_issues("Hello, world", "ar", "a.txt")
    assert ascii_issue.severity == "warning" and "plain ASCII" in ascii_issue.message
    [cyrillic] = language_issues("Это не арабский текст, а русский. " + "قال", "ar-EG", "a.txt")
    assert "% of its letters are Arabic" in cyrillic.message
    # English names in Arabic text are fine
    assert language_issues(arabic + " Reuters, AFP, Kyodo.", "ar", "a.txt") == []
