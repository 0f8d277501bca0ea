"""Upload a build folder to the Hugging Face Hub as a dataset repository, in one tagged commit.

>>> plan = plan_publish("dataset", "my-org/jsec-data")  # doctest: +SKIP
>>> publish(plan)                                       # doctest: +SKIP

``huggingface_hub`` is imported only by :func:`publish`; planning (the dry run) needs
nothing but the folder. Tokens come from the usual places (``HF_TOKEN``, the token
saved by ``hf auth login``), never from an option, so they stay out of shell history.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from jsec_data.build.output import failed_marker, read_failure
from jsec_data.core.errors import PublishError, PublishUsageError
from jsec_data.raw.files import file_sha256, is_raw_dir
from jsec_data.release.card import CARD_NAME, CHECKSUMS_NAME, content_fingerprint
from jsec_data.release.verify import raw_changes, verify_build

REPO_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")
DEFAULT_REVISION = "main"


@dataclass(frozen=True)
class UploadFile:
    """One file of the upload, as it will appear in the repository."""

    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class PublishPlan:
    """Everything a publish will do; the dry run prints it."""

    folder: str
    repo_id: str
    repo_type: str
    revision: str
    tag: str
    private: bool
    version: str
    fingerprint: str
    commit_message: str
    files: list[UploadFile] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "total_bytes": self.total_bytes}


@dataclass(frozen=True)
class PublishResult:
    """What the Hub answered."""

    repo_url: str
    commit_url: str
    commit_oid: str
    tag: str


def plan_publish(path: Path | str, repo_id: str, *, revision: str | None = None, private: bool = False,
                 raw_dir: Path | str | None = None) -> PublishPlan:
    """Check the build folder and list what would be uploaded; touches no network.

    Refused: a folder whose files do not match its ``manifest.json`` and ``SHA256SUMS`` (or
    that holds files the build did not write); a folder whose last build failed (it holds the
    build before); and a build whose raw folder changed since (``raw_dir``, by default the
    ``raw/`` beside the build folder when there is one): each with a message naming why.
    """
    folder = Path(path)
    if not REPO_ID_PATTERN.match(repo_id):
        raise PublishUsageError(f"--repo-id must look like ORG/NAME (letters, digits, '.', '_', '-'), got {repo_id!r}")
    manifest_file = folder / "manifest.json"
    if not manifest_file.is_file():
        raise PublishUsageError(f"{folder} is not a jsec build (no manifest.json); run `jsec build --out {folder}` first")
    for required in (CARD_NAME, CHECKSUMS_NAME):
        if not (folder / required).is_file():
            raise PublishUsageError(f"{folder} has no {required}: it was built by an older jsec; run `jsec build` again")
    try:
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise PublishUsageError(f"{manifest_file} is not valid JSON: {exc}") from exc
    verification = verify_build(folder)
    if not verification.ok:
        raise PublishUsageError(f"{folder} does not match its manifest.json and {CHECKSUMS_NAME} ({verification.summary()}); "
                                "run `jsec build` again rather than editing a build by hand")
    failed = read_failure(folder)
    if failed is not None:
        raise PublishError(f"the last build into {folder} failed ({failed.get('when', '?')}: {failed.get('reason', '?')}), "
                           f"so {folder} holds the build before it: fix the errors and build again (or remove "
                           f"{failed_marker(folder)} to publish that older build anyway)")
    raw = _raw_folder(folder, raw_dir)
    if raw is not None:
        changes = raw_changes(folder, raw)
        if changes:
            shown = "; ".join(changes[:5]) + (f" (and {len(changes) - 5} more)" if len(changes) > 5 else "")
            raise PublishError(f"{raw} is not what the build in {folder} was made from ({shown}): build again "
                               f"(`jsec build --raw {raw} --out {folder}`), or pass --raw with the folder it was built from")
    # Hidden files (editor or OS droppings) are never part of a build.
    files = [UploadFile(p.relative_to(folder).as_posix(), p.stat().st_size, file_sha256(p))
             for p in sorted(folder.rglob("*"))
             if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)]
    version = str(manifest["version"])
    fingerprint = content_fingerprint(manifest)
    return PublishPlan(
        folder=str(folder), repo_id=repo_id, repo_type="dataset", revision=revision or DEFAULT_REVISION,
        tag=f"v{version}", private=private, version=version, fingerprint=fingerprint,
        commit_message=f"jsec-data {version} (content {fingerprint[:12]})", files=files,
    )


def _raw_folder(folder: Path, raw_dir: Path | str | None) -> Path | None:
    """The raw folder to compare the build's inputs with: ``raw_dir``, else ``raw/`` beside the build folder, if it is one."""
    if raw_dir is not None:
        if not Path(raw_dir).is_dir():
            raise PublishUsageError(f"raw folder {str(raw_dir)!r} does not exist")
        return Path(raw_dir)
    beside = folder.absolute().parent / "raw"
    return beside if is_raw_dir(beside) else None


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def publish(plan: PublishPlan) -> PublishResult:
    """Create the repo if needed, upload the folder in one commit and tag it with the version.

    Raises :class:`PublishError` with a one-line reason for every failure the user can act on.
    """
    # huggingface_hub reads these variables once, at import; read them now so a
    # caller's environment always wins.
    if _env_flag("HF_HUB_OFFLINE"):
        raise PublishError("cannot publish while offline (HF_HUB_OFFLINE is set); unset it and try again")
    try:
        import huggingface_hub
        from huggingface_hub import errors
    except ImportError as exc:
        raise PublishError("publishing needs huggingface_hub: pip install 'jsec-data[publish]'") from exc

    if huggingface_hub.get_token() is None:
        raise PublishError("no Hugging Face token: set HF_TOKEN or run `hf auth login` (a token with write access)")
    endpoint = os.environ.get("HF_ENDPOINT") or None
    api = huggingface_hub.HfApi(endpoint=endpoint)
    where = f"{plan.repo_type} repo {plan.repo_id}"
    expected: tuple[type[BaseException], ...] = (errors.HfHubHTTPError, errors.OfflineModeIsEnabled,
                                                 errors.LocalTokenNotFoundError, OSError,
                                                 *_client_errors(errors.HfHubHTTPError))
    try:
        repo_url = api.create_repo(plan.repo_id, repo_type=plan.repo_type, private=plan.private, exist_ok=True)
        refs = api.list_repo_refs(plan.repo_id, repo_type=plan.repo_type)
        if any(tag.name == plan.tag for tag in refs.tags):
            raise PublishError(f"{where} already has tag {plan.tag}: bump the version before publishing again")
        if plan.revision != DEFAULT_REVISION and not any(b.name == plan.revision for b in refs.branches):
            api.create_branch(plan.repo_id, branch=plan.revision, repo_type=plan.repo_type, exist_ok=True)
        commit = api.upload_folder(
            repo_id=plan.repo_id, repo_type=plan.repo_type, folder_path=plan.folder, revision=plan.revision,
            commit_message=plan.commit_message,
            commit_description=f"Content fingerprint {plan.fingerprint}.",
            allow_patterns=[f.path for f in plan.files],
            # Files of an earlier version that this build no longer has are removed in
            # the same commit (.gitattributes is always kept by the Hub client).
            delete_patterns=["*"],
        )
        api.create_tag(plan.repo_id, tag=plan.tag, tag_message=plan.commit_message, revision=commit.oid,
                       repo_type=plan.repo_type)
    except PublishError:
        raise
    except errors.HFValidationError as exc:
        raise PublishUsageError(str(exc).splitlines()[0]) from exc
    except expected as exc:
        raise PublishError(f"could not publish to {where} at {endpoint or huggingface_hub.constants.ENDPOINT}: "
                           f"{_one_line(exc)}") from exc
    return PublishResult(repo_url=str(repo_url), commit_url=commit.commit_url, commit_oid=commit.oid, tag=plan.tag)


def _client_errors(http_error: type[BaseException]) -> tuple[type[BaseException], ...]:
    """The HTTP client's own error classes (connection refused, timeouts...).

    ``HfHubHTTPError`` derives from its HTTP client's ``HTTPError`` (``requests``,
    ``httpx`` or ``httpx2`` depending on the huggingface_hub version), so read them
    off its bases instead of importing a client by name.
    """
    return tuple(c for c in http_error.__mro__
                 if c.__module__.split(".")[0] not in ("huggingface_hub", "builtins") and issubclass(c, Exception))


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}".rstrip(": ")
