"""Statements: content spans after complementisers, colons, prepositions and objects; modes; links with quotations."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jsec_data.article.stage import read_registry
from jsec_data.core.anchor import Anchor, resolve
from jsec_data.extract import extract_text
from jsec_data.extract.statement_words import attribution_starts, statement_words

from ..conftest import FIXTURES
from .texts import TEXT

EXTRACT_RAW = FIXTURES / "extract" / "raw"


def _statements(body: str) -> list[tuple[str, str | None, str]]:
    registry, _ = read_registry(EXTRACT_RAW)
    return [(s["exact"], s["cue"], s["mode"]) for s in extract_text("عنوان\n" + body + "\n", "0" * 16, registry)["statements"]]


def test_content_after_a_complementiser_a_colon_a_preposition_or_an_object() -> None:
    assert _statements("وقال مارلز إن أستراليا ستعزز وجودها في المنطقة.") == [
        ("أستراليا ستعزز وجودها في المنطقة", "وقال", "indirect")]
    assert _statements("وقال مارلز: «نحن ملتزمون».") == [("نحن ملتزمون", "وقال", "direct")]
    assert _statements("وأعرب مارلز عن قلقه البالغ، ودعا إلى ضبط النفس.") == [
        ("قلقه البالغ", "وأعرب", "indirect"), ("ضبط النفس", "ودعا", "indirect")]
    assert _statements("وأعلن مارلز اهتمام بلاده بالمشاركة.") == [("اهتمام بلاده بالمشاركة", "وأعلن", "indirect")]
    # Mixed: the content holds a quotation; a participle heads its own statement with the same speaker.
    assert _statements("وقال مارلز إن بلاده \"لن تتراجع\" عن التزاماتها، مضيفًا أن التعاون سيستمر.") == [
        ("بلاده \"لن تتراجع\" عن التزاماتها", "وقال", "mixed"), ("التعاون سيستمر", "مضيفًا", "indirect")]


def test_not_statements() -> None:
    # The reporter's formulas, hypotheses and verbal nouns: no speaker, no statement.
    assert _statements("يذكر أن الوزارة نشرت التقرير في العام الماضي.") == []
    assert _statements("وكانت غامضة -قد يقول المرء إنها كذلك- في التفاصيل.") == []
    assert _statements("ولم يتم ذكر ذلك صراحة في البيان.") == []


def test_attribution_before_and_after_the_clause() -> None:
    assert _statements("ستوقع البلدان الاتفاقية قريبا، وفقًا لمسؤولين مطلعين على المحادثات.") == [
        ("ستوقع البلدان الاتفاقية قريبا", "وفقًا", "indirect")]
    assert _statements("وبحسب مارلز، ستصل السفن في الشهر المقبل.") == [("ستصل السفن في الشهر المقبل", "وبحسب", "indirect")]


def test_consecutive_quotations_under_one_cue_share_a_statement() -> None:
    registry, _ = read_registry(EXTRACT_RAW)
    draft = extract_text("عنوان\nوقال مارلز: \"نحن هنا\". \"وسنبقى\".\n", "0" * 16, registry)
    assert [s["exact"] for s in draft["statements"]] == ["نحن هنا\". \"وسنبقى"]
    assert [q["statement_id"] for q in draft["quotations"]] == ["s1", "s1"]
    assert [q["cue"] for q in draft["quotations"]] == ["وقال", None]


def test_attribution_starts_are_those_of_a_whole_text_search() -> None:
    pattern = statement_words().attribution_re
    for text in ("بحسب الوزارة", "وبحسب بيان", "حسبما", "وفقا لمصادر", "وفقًا لـ مصادر", "نقلا عن مصدر", "محسوب", ""):
        from jsec_data.core.text import normalize_for_matching

        norm = normalize_for_matching(text)
        assert attribution_starts(norm) == [m.start() for m in pattern.finditer(norm)], text


@settings(max_examples=150, deadline=None)
@given(TEXT, st.sampled_from(["وقال الوزير إن ", "وأضاف: «", "وأعرب الوزير عن ", "بحسب الوزير، ", ""]))
@example(":»", "وقال الوزير إن ")  # a quotation ending in punctuation: its own statement must keep it
@example("\n«ابدت«ابدت", "وقال الوزير إن ")  # two statements of one text told apart by their suffix
def test_statements_are_anchored_and_hold_their_quotations(text: str, lead: str) -> None:
    """On any text: statement spans are whole (no white space at either end), unique, in text order; every
    quotation names a statement whose text holds its own; drafting twice gives the same draft."""
    article = "عنوان\n" + lead + text + "\n"
    draft = extract_text(article, "0" * 16)
    assert draft == extract_text(article, "0" * 16)
    spans = []
    for statement in draft["statements"]:
        exact = statement["exact"]
        assert exact == exact.strip() and exact
        assert statement["mode"] in ("direct", "indirect", "mixed") and statement["speaker_ids"]
        found = resolve(article, exact, statement.get("prefix"), statement.get("suffix"), statement.get("start"))
        assert isinstance(found, Anchor)  # (the build's resolver: prefix, suffix and start as it reads them)
        spans.append((found.start, found.end))
    assert len(set(spans)) == len(spans)
    assert [s["id"] for s in draft["statements"]] == [f"s{i}" for i in range(1, len(spans) + 1)]
    by_id = {s["id"]: s for s in draft["statements"]}
    for quote in draft["quotations"]:
        assert quote["statement_id"] in by_id and quote["exact"] in by_id[quote["statement_id"]]["exact"]
    for entity in draft["entities"]:  # namespaced by the article, never romanised
        assert entity["entity_id"].startswith("draft-0000000000000000-")
        assert re.fullmatch(r"\[English name needed\]|[A-Z][A-Za-z' ]+", entity["name_en"])


@pytest.mark.parametrize(("written", "no_source"), [
    ("المعايير", True), ("للمعايير", True), ("لأحكام", True), ("رغبته", True), ("نوعها", True), ("قوله", True),
    ("تعبيره", True), ("روايتها", True),
    # sources: a noun of saying without a pronoun names its owner after it; a ta marbuta is no pronoun (الطلبة,
    # students, is not الطلب, demand); documents that report are sources
    ("قول", False), ("الطلبة", False), ("التقرير", False), ("بيانات", False), ("مصادر", False), ("وكالة", False),
])
def test_a_norm_or_a_noun_of_saying_with_a_pronoun_names_no_source(written: str, no_source: bool) -> None:
    assert statement_words().names_no_source(written) is no_source
