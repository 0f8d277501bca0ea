"""Every shortcut taken for speed gives exactly what the reference path gives.

* YAML composed by libyaml's C composer (the C compose loader of ``raw.yamlfiles``) vs the strict
  Python composer over libyaml events;
* segmentation with the literal pre-checks and the all-overridden shortcut vs the
  rules applied one by one;
* ``jsec validate``'s skip of annotation files that cannot declare anything;
* flat nested models (Segment) sent to Arrow as their field dicts vs ``dump_python``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from jsec_data.article import segment
from jsec_data.build.dataset import _is_flat, _plain
from jsec_data.core.models import Segment, TextQuoteSelector
from jsec_data.core.text import TextDecodeError, decode_article, normalize_for_matching
from jsec_data.raw import files as rawio
from jsec_data.raw import yamlfiles as yamlio

ROOT = Path(__file__).resolve().parent.parent
DATA_FILES = sorted(
    p for folder in (ROOT / "raw", ROOT / "tests" / "fixtures") for p in folder.rglob("*")
    if p.is_file() and p.suffix in rawio.ANNOTATION_SUFFIXES
)

CRAFTED = [
    "a: 1\na: 2\n",  # duplicate key
    "a: !!python/object:os.system x\n",  # refused tag
    "a: &x 1\nb: *x\n",  # anchor and alias
    "a: 'x & y'\n",  # an ampersand in a value
    "a: '*'\n",
    "<<: {a: 1}\n",  # merge key (refused tag)
    "= : 1\n",
    "[1, 2\n",  # syntax error
    "- a\n- b\n",  # not a mapping
    "",  # empty
    "# only a comment\n",
    "a: 1\n---\nb: 2\n",  # two documents
    "{a: [1, {b: [2, {c: 3}]}]}\n",
    "a:\n  b:\n    c: [x, y]\n? complex\n: value\n",
    "1: one\n0x10: sixteen\ntrue: yes\n~: null\n2024-01-02: date\n",
    "a: [" * 11 + "]" * 11 + "\n",  # depth 12 (allowed)
    "a: [" * 12 + "]" * 12 + "\n",  # depth 13 (refused)
    "a: " + "[" * 10 + "x" + "]" * 10 + "\n",  # a string at the deepest allowed level
    "a: " + "[" * 11 + "x" + "]" * 11 + "\n",  # a string one level too deep (refused)
    "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 10)) + "  " * 10 + "k10: v\n",  # allowed
    "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 11)) + "  " * 11 + "k11: v\n",  # one too deep
    "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 14)) + "  " * 14 + "v\n",  # deep block mapping
    "a: 017\n017: x\n",  # YAML 1.1 octal key: int(..., 0) refuses it
    "a: !!map x\n",  # tag that does not fit the node
    "!!str [1]\n",
    "a: 2024-13-45\n",  # impossible timestamp
    "a: 2024-01-02 10:00:00\nb: 1.5e3\nc: .inf\nd: 0x1F\ne: yes\nf: ~\n",
    "!!python/name:os.system x: 1\n",  # refused tag on a key
    "[" * 50_000 + "]" * 50_000,  # far too deep for the C composer: must not crash
    "- " * 20_000 + "x\n",
]


def _reference(data: bytes, display: str, monkeypatch: pytest.MonkeyPatch) -> object:
    with monkeypatch.context() as patch:
        patch.setattr(yamlio, "_FastStrictLoader", None)  # the pure-Python strict loader only
        patch.setattr(yamlio, "read_block_yaml", lambda *_args: None)  # not the block-subset reader either
        return yamlio.load_yaml(data, display)


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml")
@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_c_composer_matches_strict_composer_on_data_files(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = path.read_bytes()
    assert yamlio.load_yaml(data, path.name) == _reference(data, path.name, monkeypatch)


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml")
@pytest.mark.parametrize("text", CRAFTED, ids=lambda t: t[:30])
def test_c_composer_matches_strict_composer_on_edge_cases(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = text.encode()
    assert yamlio.load_yaml(data, "f.yaml") == _reference(data, "f.yaml", monkeypatch)


def test_deep_nesting_with_few_indicators_is_refused_with_the_strict_message() -> None:
    text = "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 14)) + "  " * 14 + "v\n"
    assert yamlio._c_composable(text)  # takes the C path, then falls back
    value, _, issues = yamlio.load_yaml(text.encode(), "f.yaml")
    assert value is None
    assert [(i.code, i.message) for i in issues] == [("yaml-unsafe", f"nesting deeper than {yamlio.MAX_YAML_DEPTH} levels")]


def test_c_composable_refuses_anchors_aliases_and_many_indicators() -> None:
    assert yamlio._c_composable("a: 1\n")
    assert not yamlio._c_composable("a: &x 1\n")
    assert not yamlio._c_composable("a: *x\n")
    assert not yamlio._c_composable("a: " + "[" * (yamlio._C_COMPOSE_MAX_INDICATORS + 1))


# ------------------------------------------------------------------- segmentation

_RULES = (
    ("see_also", segment._SEE_ALSO, None),
    ("related_list", segment._RELATED_HEADING, None),
    ("comment_form", segment._COMMENT_FORM, None),
    ("social_follow", segment._SOCIAL_FOLLOW, 30),
    ("credit", segment._CREDIT, 20),
    ("subscribe", segment._SUBSCRIBE, 30),
)


def _classify_reference(normalized: str) -> str | None:
    for kind, rule, max_words in _RULES:
        if rule.search(normalized) and (max_words is None or len(normalized.split()) <= max_words):
            return kind
    return None


_PIECES = [
    "اترك تعليقا", "لن يتم نشر بريدك", "لن يتم نشر عنوان بريدك", "الحقول المطلوبه", "التعليقات:", "leave a reply",
    "اكتشف المزيد من", "اشترك في النشره", "سجل بريدك", "نشرتنا البريديه", "النشره الاخباريه", "subscribe",
    "newsletter", "قال الوزير", "تابعونا علي تويتر", "تقرير من", "اقرا ايضا:", " ", ".", ":", "\n",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=8).map(" ".join))
def test_classify_prechecks_never_change_the_answer(text: str) -> None:
    normalized = normalize_for_matching(text).strip()
    assert segment.classify_paragraph(normalized) == _classify_reference(normalized)


def _articles() -> list[str]:
    folders = [ROOT / "raw" / "articles", ROOT / "tests" / "fixtures"]
    texts = []
    for path in sorted(p for folder in folders for p in folder.rglob("*.txt")):
        try:
            texts.append(decode_article(path.read_bytes()))
        except TextDecodeError:
            continue  # fixtures of broken files
    return texts


def test_classify_prechecks_on_every_shipped_and_fixture_paragraph() -> None:
    for text in _articles():
        for paragraph in segment.split_paragraphs(text):
            normalized = normalize_for_matching(paragraph.text).strip()
            assert segment.classify_paragraph(normalized) == _classify_reference(normalized)


def test_all_overridden_shortcut_matches_the_rules() -> None:
    for text in _articles():
        paragraphs = segment.split_paragraphs(text)
        if not paragraphs:
            continue
        computed = segment.segment_paragraphs(paragraphs)
        overrides = {p.line: ("body" if kind == "title" else kind) for p, kind in computed}
        # Reference: the rules run, then every kind is overridden.
        assert segment.segment_paragraphs(paragraphs, overrides) == [(p, overrides[p.line]) for p in paragraphs]
        partial = dict(list(overrides.items())[1:])
        assert [k for _, k in segment.segment_paragraphs(paragraphs, partial)][1:] == list(partial.values())


# ----------------------------------------------------------------------- validate


def test_may_declare(tmp_path: Path) -> None:
    from jsec_data.validate import _may_declare

    plain = tmp_path / "a.yaml"
    plain.write_text("article_id: 0123456789abcdef\nquotations: []\n", encoding="utf-8")
    assert not _may_declare(plain)
    for text in ("entities: []\n", "agreements: []\n", '"\\x65ntities": []\n'):
        plain.write_text(text, encoding="utf-8")
        assert _may_declare(plain)
    assert _may_declare(tmp_path / "missing.yaml")


_SCALAR_SAMPLES = ["", "~", "null", "yes", "No", "on", "OFF", "y", "true", "False", "0", "-1", "+3", "017", "0x1F",
                   "1_000", "1:20", "1.5e3", ".inf", "-.Inf", ".nan", "2024-01-02", "2024-01-02 10:00:00", "<<", "=",
                   "!", "&", "*", "s4", "minoru-kihara", "قال", "0844e45729854596", "Tokyo", "x y", "#a",
                   "note", "topic_ids", "original_agency", "no", "n", "NULL", "Null", "nulls", "1.0.0"]


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.sampled_from(_SCALAR_SAMPLES), st.text(max_size=12)), st.booleans(), st.booleans())
def test_quick_resolve_gives_the_resolver_s_own_tag(value: str, plain: bool, quoted: bool) -> None:
    class Quick(yamlio._QuickResolve, yaml.SafeLoader):
        pass

    quick = Quick("").resolve(yaml.ScalarNode, value, (plain, quoted))
    assert quick == yaml.SafeLoader("").resolve(yaml.ScalarNode, value, (plain, quoted))
    # Asked again (now remembered), and for collections.
    assert Quick("").resolve(yaml.ScalarNode, value, (plain, quoted)) == quick
    for kind in (yaml.MappingNode, yaml.SequenceNode):
        assert Quick("").resolve(kind, None, plain) == yaml.SafeLoader("").resolve(kind, None, plain)


# The anchored rules as first written (a ^ on every branch); segment.py now factors the ^ out.
_BRANCH_ANCHORED = {
    "_SEE_ALSO": re.compile(
        r"^(?:[-*•]\s*)?(?:شاهد|اقرا|طالع|انظر|اطلع)\s*(?:ايضا|كذلك|المزيد|اكثر)?\s*[:：\-–]"
        r"|^(?:[-*•]\s*)?(?:اقرا|شاهد) (?:ايضا|كذلك|المزيد)\b"
        r"|^(?:see also|read more|read also|related)\s*:"
    ),
    "_RELATED_HEADING": re.compile(
        r"^(?:اخبار|مقالات|مواضيع|تقارير|قصص|موضوعات)\s+(?:ذات صله|متعلقه|مشابهه|مرتبطه|اخري)\s*:?$"
        r"|^(?:قد يهمك(?: ايضا)?|اقرا المزيد|المزيد من الاخبار|الاكثر قراءه|ننصحك بقراءه)\s*:?$"
        r"|^(?:related (?:news|articles|stories)|more stories|you may also like)\s*:?$"
    ),
    "_CREDIT": re.compile(
        r"^(?:تقرير|تقارير|تغطيه|مساهمه)\s+(?:اضافي|اضافيه|اضافيه)?\s*(?:من قبل|من|بواسطه|ل)\b"
        r"|^(?:تحرير|اعداد|ترجمه|كتابه|تحرير وترجمه|المحرر|المصدر|بقلم)\s*[:：]"
        r"|^شارك في (?:اعداد|كتابه|تغطيه)"
        r"|^(?:additional reporting|reporting by|editing by|writing by)\b"
    ),
}
_RULE_PIECES = sorted({
    "شاهد", "اقرا", "طالع", "انظر", "اطلع", "ايضا", "كذلك", "المزيد", "اكثر", ":", "：", "-", "–", "*", "•", " ", "\n",
    "see also", "read more", "read also", "related", "اخبار", "مقالات", "ذات صله", "متعلقه", "قد يهمك", "اقرا المزيد",
    "المزيد من الاخبار", "الاكثر قراءه", "ننصحك بقراءه", "related news", "more stories", "you may also like", "تقرير",
    "تغطيه", "اضافي", "من قبل", "من", "بواسطه", "ل", "تحرير", "اعداد", "ترجمه", "بقلم", "شارك في", "كتابه",
    "additional reporting", "reporting by", "editing by", "writing by", "x", "قال",
})


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_RULE_PIECES), max_size=10).map("".join))
def test_factored_anchors_match_the_branch_anchored_rules(text: str) -> None:
    for name, reference in _BRANCH_ANCHORED.items():
        found, expected = getattr(segment, name).search(text), reference.search(text)
        assert (found and found.span()) == (expected and expected.span()), name


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from([p for p in _PIECES if p != "\n"]), max_size=6).map(" ".join),
                min_size=2, max_size=8).map("\n".join))
def test_article_wide_literals_never_change_a_paragraph_kind(text: str) -> None:
    """Each paragraph is searched only for the pre-check literals its article holds: same kinds."""
    paragraphs = segment.split_paragraphs(text)
    kinds = [kind for _, kind in segment.segment_paragraphs(paragraphs, text=text)]
    for paragraph, kind in zip(paragraphs[1:], kinds[1:], strict=True):
        normalized = normalize_for_matching(paragraph.text).strip()
        expected = _classify_reference(normalized) or "body"
        assert kind == expected or (kind == "related_list" and expected == "body")  # headlines under a heading


# ------------------------------------------------- flat nested models to Arrow columns


@settings(deadline=None)  # (the first example may pay for imports)
@given(st.lists(st.tuples(st.sampled_from(["title", "lead", "body", "credit"]),
                          st.integers(0, 10**6), st.integers(0, 10**6)), min_size=1, max_size=8))
def test_flat_models_go_to_arrow_as_their_field_dicts(rows: list[tuple[str, int, int]]) -> None:
    segments = [Segment(kind=kind, char_start=start, char_end=end) for kind, start, end in rows]  # type: ignore[arg-type]
    assert _is_flat(Segment)
    assert _plain(segments) == TypeAdapter(list[Segment]).dump_python(segments)


def test_models_that_are_not_flat_are_dumped() -> None:
    import datetime as dt

    from pydantic import BaseModel, PrivateAttr, computed_field, field_serializer

    class Nested(BaseModel):
        segment: Segment

    class Serialized(BaseModel):
        value: int

        @field_serializer("value")
        def _double(self, value: int) -> int:
            return 2 * value

    class Computed(BaseModel):
        value: int

        @computed_field  # type: ignore[prop-decorator]
        @property
        def twice(self) -> int:
            return 2 * self.value

    class Private(BaseModel):
        value: int
        _cache: int = PrivateAttr(default=0)

    class Dated(BaseModel):
        day: dt.date

    class Extra(BaseModel, extra="allow"):
        value: int

    for model in (Nested, Serialized, Computed, Private, Dated, Extra):
        assert not _is_flat(model), model
    assert _is_flat(TextQuoteSelector)  # Optional[Annotated[int, ...]] is a scalar
    assert _plain([Serialized(value=2)]) == [{"value": 4}]
    assert _plain([Computed(value=2)]) == [{"value": 2, "twice": 4}]
    assert _plain([Extra(value=2, more=3)]) == [{"value": 2, "more": 3}]
