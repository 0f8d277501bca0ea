"""blockyaml answers exactly as PyYAML, or not at all.

The reader is only a shortcut: wherever it answers, the value (types included: YAML
1.1 reads ``yes``, ``0123`` and ``2019-11-06`` as a bool, an octal int and a date)
must be what PyYAML's safe loader and jsec's own strict loader give; wherever that
is uncertain it must return None. Checked on the repository's data files, on a
generated corpus (where it must answer every YAML file, or it is dead code), on
crafted edge cases, and on random texts built from YAML's awkward pieces.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from jsec_data.raw import yamlfiles as yamlio
from jsec_data.raw.blockyaml import read_block_yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402  (benchmarks/generate.py: the synthetic corpus)


def same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (``True == 1`` and ``1 == 1.0`` do not count)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a) and all(type(k) is type(j) for k, j in zip(a, b, strict=True))
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def safe_load(text: str) -> tuple[bool, Any]:
    """(loaded, value) by PyYAML's pure-Python safe loader."""
    try:
        return True, yaml.load(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return False, None


def strict_load(text: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """jsec's own loader with the block reader switched off."""
    with monkeypatch.context() as patch:
        patch.setattr(yamlio, "read_block_yaml", lambda *_args: None)
        return yamlio.load_yaml(text.encode(), "f.yaml")[0]


def check(text: str) -> Any:
    """The reader's answer, asserted equal to PyYAML's whenever there is one."""
    answer = read_block_yaml(text)
    if answer is not None:
        loaded, expected = safe_load(text)
        assert loaded, f"answered {answer!r} where PyYAML fails: {text!r}"
        assert same(answer, expected), f"{text!r}: {answer!r} != {expected!r}"
    return answer


# ---------------------------------------------------------------- real files

def _utf8(path: Path) -> bool:
    try:
        path.read_text(encoding="utf-8")
    except UnicodeDecodeError:  # refused before any YAML is read
        return False
    return True


DATA_FILES = sorted(
    p for folder in (ROOT / "raw", ROOT / "tests" / "fixtures") for p in folder.rglob("*")
    if p.is_file() and p.suffix in (".yaml", ".yml", ".json") and _utf8(p)
)


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_data_files_read_as_pyyaml_reads_them(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text(encoding="utf-8")
    answer = check(text)
    if answer is not None:
        assert same(answer, strict_load(text, monkeypatch))


def test_the_raw_annotations_and_registries_are_in_the_subset() -> None:
    # The bulk of what a build reads (the fast path matters there). Metadata files may write
    # `paragraph_kinds: {2: lead}` as the guidelines show (a flow mapping: the loaders read it), and
    # other files of raw/ (waivers, evaluation splits) are read once and may use any YAML.
    raw = ROOT / "raw"
    files = sorted([*(raw / "annotations").glob("*.yaml"),
                    *(p for p in (raw / "entities.yaml", raw / "agreements.yaml") if p.is_file())])
    assert files
    assert [p.name for p in files if read_block_yaml(p.read_text(encoding="utf-8")) is None] == []


def test_every_generated_data_file_is_answered_and_equal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generate.generate(tmp_path / "raw", articles=120, seed=7)
    files = sorted(p for p in (tmp_path / "raw").rglob("*") if p.suffix in (".yaml", ".json"))
    assert len(files) > 200 and any(p.suffix == ".json" for p in files)
    for path in files:
        text = path.read_text(encoding="utf-8")
        answer = check(text)
        assert answer is not None, path.name
        assert same(answer, strict_load(text, monkeypatch)), path.name


# ---------------------------------------------------------------- edge cases

ANSWERED = {
    "a: 1\nb: yes\nc: ~\nd: 0123\ne: 2019-11-06\nf: 1.5\ng: null\nh: 0x1F\ni: 1_000\nj: 190:20:30\n":
        {"a": 1, "b": True, "c": None, "d": 83, "e": dt.date(2019, 11, 6), "f": 1.5, "g": None, "h": 31, "i": 1000,
         "j": 685230},
    "a: '0123'\nb: \"yes\"\nc: 'it''s'\nd: \"q \\\"x\\\" \\\\ \\n\"\n": {"a": "0123", "b": "yes", "c": "it's", "d": 'q "x" \\ \n'},
    "ids: [JPN, NATO, 1, yes]\nnone: []\nempty: {}\n": {"ids": ["JPN", "NATO", 1, True], "none": [], "empty": {}},
    "items:\n- id: s1\n  n: 1\n- id: s2\nafter: x\n": {"items": [{"id": "s1", "n": 1}, {"id": "s2"}], "after": "x"},
    "items:\n  -   id: s1\n      n: 1\n  - plain\n": {"items": [{"id": "s1", "n": 1}, "plain"]},
    "a:\n  b:\n    c: d\n  e:\nf:\n": {"a": {"b": {"c": "d"}, "e": None}, "f": None},
    "# a comment\na: b   \n\n   \n  # indented comment\nc: d\n": {"a": "b", "c": "d"},
    "paragraph_kinds:\n  2: lead\n  10: footer\n": {"paragraph_kinds": {2: "lead", 10: "footer"}},
    "a: x:y\nb: a#b\nc: نص \u00a0#عربي\nd: [x y]\n": {"a": "x:y", "b": "a#b", "c": "نص \u00a0#عربي", "d": ["x y"]},
    "- a: 1\n- b:\n  - x\n  c: 2\n": [{"a": 1}, {"b": ["x"], "c": 2}],
    "a: b\r\nc: d\r\n": {"a": "b", "c": "d"},
    '{"a": 1, "b": 1.5, "c": true, "d": null, "e": "x\\"y\\n\\/", "f": [1, "2", -0], "g": {}, "h": [[]]}\n':
        {"a": 1, "b": 1.5, "c": True, "d": None, "e": 'x"y\n/', "f": [1, "2", 0], "g": {}, "h": [[]]},
    '  {"نص": "عربي", "n": 1.5e+3}': {"نص": "عربي", "n": 1500.0},
}

UNANSWERED = [
    "a: b # a comment after a value\n",
    "a: a plain scalar\n  over two lines\n",
    "a: 'quoted over\n  two lines'\n",
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "a: |\n  block\n",
    "a: >\n  folded\n",
    "a: 1\na: 2\n",  # the full loader reports the duplicate key
    "01: x\n",  # int(text, 0) refuses it; the full loader reports it
    "yes: x\n",  # a bool key
    "a: {b: 1}\n",
    "a: [b, [c]]\n",
    "a: [b, ]\n",
    "a: ['b']\n",
    "a: \"\\x41\"\n",
    "a:\tb\n",
    "---\na: 1\n",
    "a: 1\n---\nb: 2\n",
    "- - a\n",
    "-\n  a: 1\n",
    "a: b: c\n",
    "a: b:\n",
    "? a\n: b\n",
    "a:b\n",
    '"a": 1\n',
    "a: 1\n b: 2\n",
    "a:\n  - x\n  b: 2\n",
    "- a\nb: 1\n",
    "  a: 1\nb: 2\n",
    "a: 'x' y\n",
    "a: \"x\" y\n",
    "a: \u2028\n",
    "a: \x85\n",
    "",
    "# nothing\n",
    "just a scalar\n",
    "{a: 1}\n",
    "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 12)) + "  " * 12 + "k12: v\n",  # deep
    '{"a": 1e5}',  # YAML 1.1: a string
    '{"a": 1.5e10}',  # YAML 1.1 wants the exponent's sign: a string
    '{"a": 1, "a": 2}',  # the full loader reports the repeated key
    '{"a": NaN}',
    '{"a": "\\u0041"}',
    '{"a": "\\ud83d\\ude00"}',  # json joins the pair, PyYAML does not
    '{"a": 1} x',
    '{"a":\t1}',
    '[1, 2]',
    '{"a": ' + "[" * 11 + "]" * 11 + "}",  # deep
]


@pytest.mark.parametrize("text", list(ANSWERED), ids=lambda t: t[:30])
def test_answers(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    answer = check(text)
    assert same(answer, ANSWERED[text])
    assert same(answer, strict_load(text, monkeypatch))


@pytest.mark.parametrize("text", UNANSWERED, ids=lambda t: t[:30])
def test_leaves_the_rest_to_pyyaml(text: str) -> None:
    assert read_block_yaml(text) is None


def test_positions_of_a_file_it_read_are_the_full_loaders(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "article_id: x\nstatements:\n- id: s1\n  exact: نص\n  mode: 3\n- id: s2\n"
    assert read_block_yaml(text) is not None
    _, positions, issues = yamlio.load_yaml(text.encode(), "f.yaml")
    with monkeypatch.context() as patch:
        patch.setattr(yamlio, "read_block_yaml", lambda *_args: None)
        _, reference, _ = yamlio.load_yaml(text.encode(), "f.yaml")
    assert issues == []
    assert positions[("statements", 0, "mode")] == (5, 3) == reference[("statements", 0, "mode")]
    assert dict(positions) == dict(reference)


# ---------------------------------------------------------------- random texts

INDENTS = ["", " ", "  ", "    "]
DASHES = ["", "", "- ", "-  ", "-"]
KEYS = ["", "a: ", "b:", "id: ", "1: ", "01: ", "yes: ", "a_b:  ", "x y: ", '"q": ', "c:", "null: ", "0x1: "]
VALUES = [
    "", "x", "نص عربي", "yes", "No", "~", "null", "0123", "0x1F", "1_000", "1.5", ".inf", ".nan", "-1", "+1",
    "2019-11-06", "2001-12-14t21:59:43.10-05:00", "190:20:30", "a: b", "a #c", "a#c", "a:", "'q''s'", "'open",
    "''", '"x\\"y"', '"\\x41"', '"a" b', '"\\u0041"', "[a, b]", "[a, 'b']", "[]", "[ ]", "[a,]", "[1, yes, ~]",
    "[a b, c]", "{}", "{a: 1}", "&x a", "*x", "!t a", "!!str 1", "|", ">", "-", "- x", "#c", "key:value", "=", "<<",
    "%x", "@x", "`x", "?", "? x", ": x", "a\u00a0#b", "---", "...", "\t", "x\u00a0", "\u200fx",
]
TRAILING = ["", "", " ", "  # c", "\t"]
LINE = st.tuples(*(st.sampled_from(choices) for choices in (INDENTS, DASHES, KEYS, VALUES, TRAILING))).map("".join)


@settings(max_examples=2000, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=8), st.sampled_from(["\n", "\r\n"]))
def test_random_lines(lines: list[str], newline: str) -> None:
    check(newline.join(lines) + newline)


# Block documents with random layout (list indentation, spaces after dashes) whose
# scalars are raw snippets from VALUES, then with a few lines mutated: mostly valid
# YAML, often with one awkward piece.
WORD_KEYS = st.sampled_from(["a", "b", "id", "exact", "1", "2", "01", "yes", "a_b", "x y", "null"])
# Mostly snippets the reader answers, so that whole documents often are answered.
PLAIN_ENOUGH = ["x", "نص عربي", "yes", "No", "~", "0123", "1_000", "1.5", ".nan", "2019-11-06", "190:20:30", "a#c",
                "'q''s'", "''", '"x\\"y"', "[a, b]", "[]", "[1, yes, ~]", "[a b, c]", "{}", "", "x\u00a0", "\u200fx"]
LEAF = st.one_of(*[st.sampled_from(PLAIN_ENOUGH)] * 3, st.sampled_from(VALUES)).map(lambda v: ("leaf", v))
TREE = st.recursive(LEAF, lambda inner: st.one_of(
    st.lists(inner, min_size=1, max_size=3).map(lambda items: ("seq", items)),
    st.lists(st.tuples(WORD_KEYS, inner), min_size=1, max_size=3).map(lambda pairs: ("map", pairs)),
), max_leaves=10)
MUTATIONS = st.sampled_from(["indent+", "indent-", "comment", "comment line", "blank", "duplicate", "swap", "tab"])


def emit(node: tuple[str, Any], column: int, step: int, indentless: bool, pad: int) -> list[str]:
    kind, body = node
    lines: list[str] = []
    if kind == "map":
        for key, child in body:
            if child[0] == "leaf":
                lines.append(" " * column + (f"{key}: {child[1]}" if child[1] else f"{key}:"))
            else:
                lines.append(" " * column + f"{key}:")
                deeper = column if child[0] == "seq" and indentless else column + step
                lines += emit(child, deeper, step, indentless, pad)
    elif kind == "seq":
        for child in body:
            dash = "-" + " " * pad
            if child[0] == "leaf":
                lines.append(" " * column + dash + child[1])
                continue
            inner = emit(child, column + len(dash), step, indentless, pad)
            lines += [" " * column + dash + inner[0].lstrip(" "), *inner[1:]]
    else:
        lines.append(" " * column + body)
    return lines


@settings(max_examples=2000, deadline=None)
@given(TREE.filter(lambda t: t[0] != "leaf"), st.sampled_from([2, 4]), st.booleans(), st.sampled_from([1, 1, 3]),
       st.lists(st.tuples(st.integers(0, 30), MUTATIONS), max_size=2), st.sampled_from(["\n", "\r\n"]))
def test_random_documents(tree: tuple[str, Any], step: int, indentless: bool, pad: int,
                          mutations: list[tuple[int, str]], newline: str) -> None:
    lines = emit(tree, 0, step, indentless, pad)
    for where, mutation in mutations:
        i = where % len(lines)
        if mutation == "indent+":
            lines[i] = " " + lines[i]
        elif mutation == "indent-":
            lines[i] = lines[i].removeprefix(" ")
        elif mutation == "comment":
            lines[i] += " # c"
        elif mutation == "comment line":
            lines.insert(i, " " * (where % 5) + "# c")
        elif mutation == "blank":
            lines.insert(i, " " * (where % 3))
        elif mutation == "duplicate":
            lines.insert(i, lines[i])
        elif mutation == "swap":
            lines[i], lines[-1] = lines[-1], lines[i]
        else:
            lines[i] = lines[i].replace(" ", "\t", 1)
    check(newline.join(lines) + newline)


SCALARS = st.one_of(
    st.sampled_from(["yes", "no", "~", "0123", "2019-11-06", "1.5", "x: y", "a #b", "it's", 'say "hi"', "- x", "[x]",
                     " lead", "trail ", "", "#", "نص عربي", "0x1F", "null", "True", "1_0", "@x", "a\\b"]),
    st.text(alphabet=st.sampled_from("ab :#'\"-[]{},\\نصع"), max_size=8),
    st.integers(-5, 300), st.booleans(), st.none(), st.dates(), st.floats(allow_nan=False, width=32),
)
KEY_NAMES = st.one_of(st.sampled_from(["id", "exact", "a_b", "speaker_ids"]), st.integers(0, 20))
DATA = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(KEY_NAMES, inner, max_size=4)), max_leaves=12)


@settings(max_examples=1500, deadline=None)
@given(st.dictionaries(KEY_NAMES, DATA, min_size=1, max_size=5), st.sampled_from([2, 4]), st.booleans())
def test_dumped_data_round_trips(data: dict[Any, Any], indent: int, flow: bool) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, indent=indent, width=10_000,
                          default_flow_style=None if flow else False)
    answer = check(text)
    if answer is not None:
        assert same(answer, data)


@pytest.mark.parametrize("text", [*ANSWERED, *UNANSWERED], ids=lambda t: t[:30])
def test_the_printable_hint_changes_nothing(text: str) -> None:
    from jsec_data.core.text import printable_lines

    assert same(read_block_yaml(text, printable_lines(text)), read_block_yaml(text))


@settings(max_examples=1000, deadline=None)
@given(st.dictionaries(st.text(max_size=5), DATA, min_size=1, max_size=5), st.sampled_from([None, 0, 2]))
def test_json_dumps_read_as_pyyaml_reads_them(data: dict[Any, Any], indent: int | None) -> None:
    import json

    text = json.dumps(data, ensure_ascii=False, indent=indent, default=str)
    answer = check(text)
    if answer is not None:
        assert same(answer, safe_load(text)[1])
