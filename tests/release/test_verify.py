"""Issue 21, findings 3 and 4: tampering is caught, and publish trusts nothing it has not checked.

``jsec verify`` checks every file of a build against manifest.json and SHA256SUMS (and that the
two agree); ``jsec info``, ``jsec cite`` and ``jsec publish`` verify first and refuse a mismatch
(exit 1, naming the file). Publish also refuses a build whose last rebuild failed, and one whose
raw folder changed since (inputs.sha256).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jsec_data.build.dataset import build_dataset
from jsec_data.cli import app
from jsec_data.release.publish import PublishError, PublishUsageError, plan_publish
from jsec_data.release.verify import raw_changes, verify_build

from ..conftest import MINI_RAW

runner = CliRunner()
QUOTATIONS = "data/quotations.parquet"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("verify") / "dataset"
    assert build_dataset(MINI_RAW, out).ok
    return out


@pytest.fixture
def build(pristine: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "dataset"
    shutil.copytree(pristine, copy)
    return copy


def _flip_a_bit(path: Path, offset: int = 100) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def test_a_fresh_build_verifies(build: Path) -> None:
    result = runner.invoke(app, ["verify", str(build)])
    assert result.exit_code == 0, result.output
    assert "files match manifest.json and SHA256SUMS" in result.output
    assert verify_build(build).ok


def test_the_installed_tables_verify() -> None:
    result = runner.invoke(app, ["verify"])
    assert result.exit_code == 0, result.output


def test_a_flipped_bit_is_caught_everywhere(build: Path) -> None:
    _flip_a_bit(build / QUOTATIONS)
    for command in (["verify", str(build)], ["info", "--path", str(build)], ["cite", "--path", str(build)],
                    ["publish", "--repo-id", "o/n", "--path", str(build), "--dry-run"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 1, (command, result.output)
        assert QUOTATIONS in result.output and "Traceback" not in result.output, (command, result.output)
    problems = verify_build(build).mismatches
    assert [(m.path, m.problem) for m in problems] == [(QUOTATIONS, "changed")]


def test_a_forged_parquet_file_is_caught(build: Path) -> None:
    """A valid Parquet file (another table's) in the place of a table: the checksums differ."""
    shutil.copyfile(build / "data" / "statements.parquet", build / QUOTATIONS)
    result = runner.invoke(app, ["info", "--path", str(build)])
    assert result.exit_code == 1 and QUOTATIONS in result.output


def test_sha256sums_must_agree_with_the_manifest(build: Path) -> None:
    """A forged table with SHA256SUMS rewritten to match it: the manifest still disagrees."""
    forged = build / QUOTATIONS
    shutil.copyfile(build / "data" / "statements.parquet", forged)
    from jsec_data.raw.files import file_sha256

    sums = build / "SHA256SUMS"
    lines = [f"{file_sha256(forged)}  {QUOTATIONS}" if line.endswith(f"  {QUOTATIONS}") else line
             for line in sums.read_text(encoding="utf-8").splitlines()]
    sums.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = {(m.path, m.problem) for m in verify_build(build).mismatches}
    assert (QUOTATIONS, "disagrees") in problems
    result = runner.invoke(app, ["verify", str(build)])
    assert result.exit_code == 1 and "disagrees" in result.output


def test_a_changed_manifest_or_a_missing_file_is_caught(build: Path) -> None:
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    manifest["tables"]["quotations"]["rows"] = 999
    (build / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (build / "croissant.json").unlink()
    problems = {(m.path, m.problem) for m in verify_build(build).mismatches}
    assert problems == {("manifest.json", "changed"), ("croissant.json", "missing")}
    assert runner.invoke(app, ["cite", "--path", str(build)]).exit_code == 1


def test_unlisted_files_fail_verify_and_publish_but_not_info(build: Path) -> None:
    (build / "notes.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["verify", str(build), "--json"])
    data = json.loads(result.output)
    assert result.exit_code == 1 and data["mismatches"] == [
        {"path": "notes.txt", "problem": "unlisted", "detail": "in the folder but not in SHA256SUMS"}]
    assert runner.invoke(app, ["info", "--path", str(build)]).exit_code == 0  # the data itself is intact
    published = runner.invoke(app, ["publish", "--repo-id", "o/n", "--path", str(build), "--dry-run"])
    assert published.exit_code == 1 and "notes.txt" in published.output


def test_paths_out_of_the_folder_are_refused(build: Path) -> None:
    sums = build / "SHA256SUMS"
    sums.write_text(sums.read_text(encoding="utf-8") + f"{'0' * 64}  ../../etc/passwd\n", encoding="utf-8")
    problems = verify_build(build).mismatches
    assert any(m.path == "SHA256SUMS" and m.problem == "invalid" and "etc/passwd" in m.detail for m in problems)


def test_verify_without_a_build_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["verify", str(tmp_path)])
    assert result.exit_code == 2 and "not a jsec build" in result.output


# ------------------------------------------------------------------------ publish (finding 4)


def test_publish_refuses_when_the_last_build_failed(mini_raw: Path, tmp_path: Path) -> None:
    out = tmp_path / "builds" / "dataset"
    assert build_dataset(mini_raw, out).ok
    assert plan_publish(out, "o/n").files
    (mini_raw / "entities.yaml").write_text("entities:\n  - entity_id: jpn\n", encoding="utf-8")
    assert not build_dataset(mini_raw, out).ok  # the old build stays, but it is not what raw/ says now
    with pytest.raises(PublishError, match=r"the last build into .* failed"):
        plan_publish(out, "o/n")
    result = runner.invoke(app, ["publish", "--repo-id", "o/n", "--path", str(out), "--dry-run"])
    assert result.exit_code == 1 and "failed" in result.output and "Traceback" not in result.output
    shutil.copyfile(MINI_RAW / "entities.yaml", mini_raw / "entities.yaml")
    assert build_dataset(mini_raw, out).ok
    assert plan_publish(out, "o/n").files  # the successful build cleared the record


def test_publish_refuses_when_raw_changed_since_the_build(mini_raw: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset"  # beside raw/: found without --raw
    assert build_dataset(mini_raw, out).ok
    assert plan_publish(out, "o/n").files and raw_changes(out, mini_raw) == []
    article = mini_raw / "articles" / "002_fedcba9876543210.txt"
    article.write_text(article.read_text(encoding="utf-8") + "سطر جديد\n", encoding="utf-8")
    (mini_raw / "metadata" / "fedcba9876543210.yaml").write_text("article_id: fedcba9876543210\n", encoding="utf-8")
    assert raw_changes(out, mini_raw) == ["articles/002_fedcba9876543210.txt: changed since the build",
                                          "metadata/fedcba9876543210.yaml: new since the build"]
    with pytest.raises(PublishError, match=r"002_fedcba9876543210\.txt: changed since the build"):
        plan_publish(out, "o/n")
    result = runner.invoke(app, ["publish", "--repo-id", "o/n", "--path", str(out), "--raw", str(mini_raw), "--dry-run"])
    assert result.exit_code == 1 and "changed since the build" in result.output
    # --raw names the folder it was really built from
    elsewhere = tmp_path / "other" / "dataset"
    assert build_dataset(MINI_RAW, elsewhere).ok
    ok = runner.invoke(app, ["publish", "--repo-id", "o/n", "--path", str(elsewhere), "--raw", str(MINI_RAW), "--dry-run"])
    assert ok.exit_code == 0, ok.output
    gone = runner.invoke(app, ["publish", "--repo-id", "o/n", "--path", str(elsewhere), "--raw", str(tmp_path / "no"),
                               "--dry-run"])
    assert gone.exit_code == 2 and "does not exist" in gone.output


def test_verify_with_raw_reports_changes(mini_raw: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build_dataset(mini_raw, out).ok
    assert runner.invoke(app, ["verify", str(out), "--raw", str(mini_raw)]).exit_code == 0
    (mini_raw / "agreements.yaml").write_text("agreements: []\n", encoding="utf-8")
    result = runner.invoke(app, ["verify", str(out), "--raw", str(mini_raw)])
    assert result.exit_code == 1 and "agreements.yaml: changed since the build" in result.output


def test_a_hand_edited_build_is_refused_by_publish_with_exit_1(build: Path) -> None:
    (build / "README.md").write_text("edited", encoding="utf-8")
    with pytest.raises(PublishUsageError, match="SHA256SUMS"):
        plan_publish(build, "o/n")
    result = runner.invoke(app, ["publish", "--repo-id", "o/n", "--path", str(build), "--dry-run"])
    assert result.exit_code == 1 and "README.md" in result.output
