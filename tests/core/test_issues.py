"""The issue catalogue: every code the package can emit is listed, and its page is current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jsec_data.core.issues import CATALOGUE, Issue, issue, issue_code, issue_codes_markdown

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "jsec_data"


def test_the_issue_codes_page_is_generated_from_the_catalogue() -> None:
    page = ROOT / "docs" / "issue-codes.md"
    assert page.read_text(encoding="utf-8") == issue_codes_markdown(), "run `jsec schema --codes docs/issue-codes.md`"


def _emitted_codes() -> set[str]:
    """Code literals passed where issues are made (Issue(...), issue(...), _issue(...), self.issue(...))."""
    found: set[str] = set()
    call = re.compile(r"""(?:Issue|issue|_issue)\((?:[^()"']|\([^()]*\))*?["']([a-z][a-z0-9]*(?:-[a-z0-9]+)+)["']""", re.S)
    for path in PACKAGE.rglob("*.py"):
        found.update(call.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_code_the_package_emits_is_in_the_catalogue() -> None:
    emitted = _emitted_codes()
    assert len(emitted) >= 20, "the scan found too few codes: is the pattern still right?"
    assert not {code for code in emitted if code not in CATALOGUE}


def test_schema_codes_share_one_entry_and_unknown_codes_raise() -> None:
    assert issue_code("schema-missing") is CATALOGUE["schema-*"]
    with pytest.raises(KeyError, match="not in the catalogue"):
        issue("raw/x.yaml", "no-such-code", "...")


def test_an_issue_takes_its_usual_severity_and_refuses_one_the_code_never_has() -> None:
    assert issue("a.yaml", "quote-unbalanced", "m").severity == "warning"
    assert issue("a.yaml", "unsafe-character", "m", severity="warning").severity == "warning"
    with pytest.raises(ValueError, match="never a warning"):
        Issue("a.yaml", 1, 1, "warning", "anchor-not-found", "m")


def test_every_entry_says_what_it_means_and_how_to_fix_it() -> None:
    for entry in CATALOGUE.values():
        assert entry.meaning.endswith(".") and entry.fix.endswith("."), entry.code
        assert entry.severities and set(entry.severities) <= {"error", "warning"}
