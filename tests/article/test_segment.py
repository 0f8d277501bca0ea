"""Paragraph segmentation and boilerplate rules (general wording, not one file's)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jsec_data.article.segment import classify_paragraph, segment_paragraphs, split_paragraphs
from jsec_data.core.text import normalize_for_matching


@pytest.mark.parametrize(
    ("paragraph", "kind"),
    [
        ("شاهد أيضاً: الرئيس يزور باريس", "see_also"),
        ("اقرأ أيضا: انتخابات في كوريا", "see_also"),
        ("إقرأ المزيد: تقرير عن الصين", "see_also"),
        ("أخبار ذات صلة", "related_list"),
        ("مقالات متعلقة:", "related_list"),
        ("قد يهمك أيضاً", "related_list"),
        ("اشترك في نشرتنا البريدية لتصلك آخر الأخبار", "subscribe"),
        ("اكتشاف المزيد من موقع المثال", "subscribe"),
        ("سجل بريدك الإلكتروني لتصلك المقالات", "subscribe"),
        ("اترك تعليقاً", "comment_form"),
        ("أضف تعليقك", "comment_form"),
        ("لن يتم نشر عنوان بريدك الإلكتروني.", "comment_form"),
        ("تابعونا على فيسبوك وتويتر", "social_follow"),
        ("تابع مراسلنا على منصة إكس", "social_follow"),
        ("تقرير إضافي من قبل جون سميث", "credit"),
        ("تحرير: سارة أحمد", "credit"),
        ("وقال المتحدث إن الاتفاقية ستوقع قريباً.", None),
        ("وأعلن الوزير على تويتر أن المحادثات تتقدم.", None),  # mentions a platform, is news
        ("وقد شاهد الحضور عرضاً عسكرياً.", None),  # 'شاهد' in a sentence
    ],
)
def test_boilerplate_rules(paragraph: str, kind: str | None) -> None:
    assert classify_paragraph(normalize_for_matching(paragraph)) == kind


def test_related_list_items_follow_their_heading_until_real_text() -> None:
    text = "العنوان\nنص الخبر الأول.\nأخبار ذات صلة\nعنوان خبر آخر\nعنوان خبر ثالث"
    kinds = [kind for _, kind in segment_paragraphs(split_paragraphs(text))]
    assert kinds == ["title", "body", "related_list", "related_list", "related_list"]


def test_overrides_win_and_first_paragraph_is_title() -> None:
    text = "\n  العنوان  \n\nملخص الخبر\nنص الخبر."
    paragraphs = split_paragraphs(text)
    assert [(p.line, p.text) for p in paragraphs] == [(2, "العنوان"), (4, "ملخص الخبر"), (5, "نص الخبر.")]
    assert text[paragraphs[0].start : paragraphs[0].end] == "العنوان"
    kinds = [kind for _, kind in segment_paragraphs(paragraphs, {4: "lead"})]
    assert kinds == ["title", "lead", "body"]


_PIECES = [
    "اقرأ أيضاً: ", "شاهد ايضا ", "أخبار ذات صلة", "تابعونا على تويتر", "اشترك في النشرة البريدية",
    "لن يتم نشر بريدك", "تقرير إضافي من ", "تحرير: ", "وقال الوزير إن ", "الاتفاقية", "ـ", "\u064b", "\u0651",
    "Subscribe", "READ MORE:", "related:", " ", " ", "\n", "\n\n", ".", ":", "«", "»",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_whole_text_matching_form_gives_the_same_kinds(text: str) -> None:
    paragraphs = split_paragraphs(text)
    assert segment_paragraphs(paragraphs, text=text) == segment_paragraphs(paragraphs)
