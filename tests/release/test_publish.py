"""`jsec publish`: the dry run, clear failures offline or with the Hub unreachable, one tagged commit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar

import pytest
from typer.testing import CliRunner

from jsec_data.build.dataset import build_dataset
from jsec_data.cli import app
from jsec_data.release import publish as publish_module
from jsec_data.release.card import CARD_NAME
from jsec_data.release.publish import PublishError, PublishUsageError, plan_publish

from ..conftest import MINI_RAW

#: A closed local port: the only "Hub" tests ever point at.
UNREACHABLE = "http://127.0.0.1:9"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("publish") / "jsec"
    assert build_dataset(MINI_RAW, out).ok
    return out


def _jsec(*args: str, env: dict[str, str], home: Path) -> subprocess.CompletedProcess[str]:
    """The CLI in a fresh interpreter, so huggingface_hub reads this environment at import."""
    full = {k: v for k, v in os.environ.items() if not k.startswith("HF_")}
    full.update({"HF_HOME": str(home), **env})
    return subprocess.run([sys.executable, "-m", "jsec_data.cli", *args], capture_output=True, text=True, env=full,
                          timeout=60, check=False)


def test_dry_run_prints_every_file_with_size_and_sha256(built: Path) -> None:
    result = CliRunner().invoke(app, ["publish", "--repo-id", "my-org/jsec-data", "--path", str(built), "--dry-run",
                                      "--revision", "v1-branch"])
    assert result.exit_code == 0, result.output
    assert "dataset repo my-org/jsec-data, revision v1-branch, tag v0.1.0" in result.output
    plan = plan_publish(built, "my-org/jsec-data")
    files = {p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file()}
    assert {f.path for f in plan.files} == files
    for file in plan.files:
        assert f"{file.sha256}  {file.size:>10}  {file.path}" in result.output


def test_dry_run_as_json(built: Path) -> None:
    result = CliRunner().invoke(app, ["publish", "--repo-id", "o/n", "--path", str(built), "--dry-run", "--json",
                                      "--private"])
    data = json.loads(result.output)
    assert data["dry_run"] and data["private"] and data["tag"] == "v0.1.0" and data["revision"] == "main"
    assert data["total_bytes"] == sum(f["size"] for f in data["files"])


@pytest.mark.parametrize("args, message", [
    (["--repo-id", "no-slash"], "ORG/NAME"),
    (["--repo-id", "o/n", "--path", "does-not-exist"], "not a jsec build"),
])
def test_usage_errors_exit_2_without_traceback(args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["publish", *args, "--dry-run"])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_a_hand_edited_build_is_refused(built: Path, tmp_path: Path) -> None:
    copy = tmp_path / "jsec"
    shutil.copytree(built, copy)
    (copy / CARD_NAME).write_text("edited", encoding="utf-8")
    with pytest.raises(PublishUsageError, match="SHA256SUMS"):
        plan_publish(copy, "o/n")


def test_offline_fails_clearly(built: Path, tmp_path: Path) -> None:
    result = _jsec("publish", "--repo-id", "o/n", "--path", str(built),
                   env={"HF_HUB_OFFLINE": "1", "HF_TOKEN": "hf_fake"}, home=tmp_path)
    assert result.returncode == 1
    assert "offline" in result.stderr and "Traceback" not in result.stderr + result.stdout


def test_unreachable_hub_fails_clearly(built: Path, tmp_path: Path) -> None:
    result = _jsec("publish", "--repo-id", "o/n", "--path", str(built),
                   env={"HF_ENDPOINT": UNREACHABLE, "HF_TOKEN": "hf_fake"}, home=tmp_path)
    assert result.returncode == 1, result.stderr
    assert f"could not publish to dataset repo o/n at {UNREACHABLE}" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_no_token_fails_clearly(built: Path, tmp_path: Path) -> None:
    result = _jsec("publish", "--repo-id", "o/n", "--path", str(built), env={"HF_ENDPOINT": UNREACHABLE}, home=tmp_path)
    assert result.returncode == 1 and "no Hugging Face token" in result.stderr and "Traceback" not in result.stderr


class _FakeApi:
    """Records the calls publish makes; answers like the Hub would."""

    calls: ClassVar[list[tuple[str, dict[str, Any]]]] = []
    tags: ClassVar[list[str]] = []

    def __init__(self, endpoint: str | None = None) -> None:
        self.endpoint = endpoint

    def create_repo(self, repo_id: str, **kwargs: Any) -> str:
        self.calls.append(("create_repo", {"repo_id": repo_id, **kwargs}))
        return f"https://hub.test/datasets/{repo_id}"

    def list_repo_refs(self, repo_id: str, **kwargs: Any) -> SimpleNamespace:
        return SimpleNamespace(tags=[SimpleNamespace(name=t) for t in self.tags], branches=[SimpleNamespace(name="main")])

    def create_branch(self, repo_id: str, **kwargs: Any) -> None:
        self.calls.append(("create_branch", kwargs))

    def upload_folder(self, **kwargs: Any) -> SimpleNamespace:
        self.calls.append(("upload_folder", kwargs))
        return SimpleNamespace(oid="abc123", commit_url="https://hub.test/commit/abc123")

    def create_tag(self, repo_id: str, **kwargs: Any) -> None:
        self.calls.append(("create_tag", kwargs))


def test_publish_is_one_commit_tagged_with_the_version(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huggingface_hub = pytest.importorskip("huggingface_hub")
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(huggingface_hub, "HfApi", _FakeApi)
    monkeypatch.setattr(huggingface_hub, "get_token", lambda: "hf_fake")
    _FakeApi.calls, _FakeApi.tags = [], []
    result = publish_module.publish(plan_publish(built, "o/n", revision="release", private=True))
    names = [name for name, _ in _FakeApi.calls]
    assert names == ["create_repo", "create_branch", "upload_folder", "create_tag"]
    create, _, upload, tag = (kwargs for _, kwargs in _FakeApi.calls)
    assert create["exist_ok"] and create["private"] and create["repo_type"] == "dataset"
    assert upload["folder_path"] == str(built) and upload["revision"] == "release"
    assert tag == {"tag": "v0.1.0", "tag_message": upload["commit_message"], "revision": "abc123",
                   "repo_type": "dataset"}
    assert result.tag == "v0.1.0" and result.commit_oid == "abc123"

    _FakeApi.calls, _FakeApi.tags = [], ["v0.1.0"]  # publishing the same version twice is refused before uploading
    with pytest.raises(PublishError, match=r"already has tag v0\.1\.0"):
        publish_module.publish(plan_publish(built, "o/n"))
    assert [name for name, _ in _FakeApi.calls] == ["create_repo"]
