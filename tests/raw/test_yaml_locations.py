"""Issue 21, finding 9: every YAML problem names file:line:column.

Before, these four came without a line: an impossible date (``event_date: 2023-02-30``), a
key with a leading zero (``017:``), a NUL character ("position 185") and a 5001-digit number
("Exceeds the limit (4300 digits)").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from jsec_data.cli import app
from jsec_data.raw.yamlfiles import load_yaml

from ..conftest import MINI_RAW

ARTICLE_ID = "0123456789abcdef"

CASES = [
    # (name, file bytes, code, line, column, words in the message)
    ("impossible date", b"article_id: 0123456789abcdef\nevent_date: 2023-02-30\n",
     "yaml-number", 2, 13, "'2023-02-30' is not a date"),
    ("key with a leading zero", b"article_id: 0123456789abcdef\nparagraph_kinds:\n  017: boilerplate\n",
     "yaml-number", 3, 3, "write 17"),
    ("NUL character", b"article_id: 0123456789abcdef\nnotes: 'a\x00b'\n",
     "unsafe-character", 2, 10, "U+0000"),
    ("5001-digit offset", b"article_id: 0123456789abcdef\nquotations:\n- exact: a\n  start: " + b"1" * 5001 + b"\n",
     "yaml-number", 4, 10, "4300 digits"),
    ("5001-digit number in JSON", b'{"article_id": "0123456789abcdef", "x": ' + b"7" * 5001 + b"}",
     "yaml-number", 1, 41, "4300 digits"),
    ("impossible date in a flow list", b"article_id: 0123456789abcdef\ndates: [2023-02-30]\n",
     "yaml-number", 2, 9, "not a date"),
    ("a character YAML refuses", "article_id: 0123456789abcdef\nnotes: 'a\ufffeb'\n".encode(),
     "yaml-syntax", 2, 10, "U+FFFE"),
]


@pytest.mark.parametrize(("name", "data", "code", "line", "column", "words"), CASES, ids=[c[0] for c in CASES])
def test_every_yaml_problem_is_located(name: str, data: bytes, code: str, line: int, column: int, words: str) -> None:
    value, _, issues = load_yaml(data, "metadata/x.yaml")
    assert value is None
    located = [(i.code, i.line, i.column) for i in issues]
    assert (code, line, column) in located, issues
    assert all(i.line is not None and i.column is not None for i in issues), issues
    assert any(words in i.message for i in issues), issues
    assert not any("sys.set_int_max_str_digits" in i.message or "position" in i.message for i in issues)


def test_valid_numbers_and_dates_still_load() -> None:
    value, _, issues = load_yaml(b"a: 2024-02-29\nb: 017\nc:\n  17: x\nd: 1.5\n", "f.yaml")
    assert issues == [] and value["a"].isoformat() == "2024-02-29" and value["b"] == 15 and value["c"] == {17: "x"}


def test_validate_prints_file_line_and_column(tmp_path: Path) -> None:
    metadata = tmp_path / "metadata" / f"{ARTICLE_ID}.yaml"
    metadata.parent.mkdir()
    metadata.write_bytes(b"article_id: 0123456789abcdef\nevent_date: 2023-02-30\n")
    result = CliRunner().invoke(app, ["validate", str(metadata), "--raw", str(MINI_RAW)])
    assert result.exit_code == 1
    assert f"{metadata}:2:13: error: '2023-02-30' is not a date: day is out of range for month" in result.output
