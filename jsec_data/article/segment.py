"""Paragraph segmentation and boilerplate recognition.

A paragraph is a non-empty line of the stored text (surrounding spaces excluded from
its span). The first paragraph is the title; boilerplate is recognised by general
rules on the matching form of the text (so spelling variants meet), never by one
file's exact sentences; everything else is body. Leads cannot be told from body by
rule, so the article's metadata file may override any paragraph's kind by its line
number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from jsec_data.core.text import matching_lines, normalize_for_matching


class Paragraph(NamedTuple):
    """A non-empty line of stored text (a named tuple: one per line of every article is made)."""

    line: int  # 1-based line number in the stored text
    start: int
    end: int
    text: str


def split_paragraphs(text: str) -> list[Paragraph]:
    """Every non-empty line, its span trimmed of surrounding white space.

    >>> [(p.line, p.text) for p in split_paragraphs("a\\n\\n  b \\n")]
    [(1, 'a'), (3, 'b')]
    """
    paragraphs: list[Paragraph] = []
    pos = 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            paragraphs.append(Paragraph(number, start, start + len(stripped), stripped))
        pos += len(line) + 1
    return paragraphs


# Rules work on the matching form: alef/hamza folded, ta marbuta -> ha, alef maksura
# -> ya, no diacritics, Latin lower-cased. Each pattern is anchored to the start of
# the paragraph or is a strong whole-line signal, so that a body sentence mentioning
# "twitter" is not taken for a follow line.
# Rules whose every branch is anchored are written ^(?:a|b): a leading ^ lets ``re`` try
# position 0 only, where ^a|^b would be tried (and fail) at every position.
_SEE_ALSO = re.compile(
    r"^(?:(?:[-*•]\s*)?(?:شاهد|اقرا|طالع|انظر|اطلع)\s*(?:ايضا|كذلك|المزيد|اكثر)?\s*[:：\-–]"
    r"|(?:[-*•]\s*)?(?:اقرا|شاهد) (?:ايضا|كذلك|المزيد)\b"
    r"|(?:see also|read more|read also|related)\s*:)"
)
_RELATED_HEADING = re.compile(
    r"^(?:(?:اخبار|مقالات|مواضيع|تقارير|قصص|موضوعات)\s+(?:ذات صله|متعلقه|مشابهه|مرتبطه|اخري)\s*:?$"
    r"|(?:قد يهمك(?: ايضا)?|اقرا المزيد|المزيد من الاخبار|الاكثر قراءه|ننصحك بقراءه)\s*:?$"
    r"|(?:related (?:news|articles|stories)|more stories|you may also like)\s*:?$)"
)
_SUBSCRIBE = re.compile(
    r"(?:^اكتشف المزيد من|^اكتشاف المزيد من)"
    r"|(?:اشترك|اشتركوا|سجل|سجلوا)\b.*(?:بريد|نشره|النشره|التدوينات|المقالات|الاشعارات)"
    r"|(?:نشرتنا|النشره) (?:البريديه|الاخباريه)"
    r"|subscribe|newsletter"
)
_COMMENT_FORM = re.compile(
    r"^(?:اترك|اضف|اكتب|شاركنا)\s+(?:تعليقا|تعليقك|رايك|ردا)"
    r"|لن يتم نشر (?:عنوان )?بريدك"
    r"|الحقول (?:الالزاميه|المطلوبه)"
    r"|^(?:التعليقات|تعليقات)\s*:?$"
    r"|^leave a (?:comment|reply)"
)
_SOCIAL_PLATFORMS = (
    r"(?:تويتر|تويتير|فيسبوك|فيس بوك|انستغرام|انستجرام|انستقرام|تيليجرام|تلغرام|تليغرام|يوتيوب|لينكد ?ان|تيك ?توك|منصه اكس"
    r"|twitter|facebook|instagram|telegram|youtube|linkedin|tiktok)"
)
_SOCIAL_FOLLOW = re.compile(
    r"^(?:تابع|تابعوا|تابعونا|تابعنا|يتبع|اتبع|اتبعونا|follow)\b.*\b(?:علي|عبر|في|on)\s+" + _SOCIAL_PLATFORMS
)
_CREDIT = re.compile(
    r"^(?:(?:تقرير|تقارير|تغطيه|مساهمه)\s+(?:اضافي|اضافيه|اضافيه)?\s*(?:من قبل|من|بواسطه|ل)\b"
    r"|(?:تحرير|اعداد|ترجمه|كتابه|تحرير وترجمه|المحرر|المصدر|بقلم)\s*[:：]"
    r"|شارك في (?:اعداد|كتابه|تغطيه)"
    r"|(?:additional reporting|reporting by|editing by|writing by)\b)"
)
# A related-list item is a short headline: no full stop at the end, few words.
_MAX_RELATED_ITEM_WORDS = 25


# Cheap necessary conditions for the two rules that are not anchored at the start
# (searching them scans the whole paragraph): each branch of the rule needs one of
# these literals (or, for anchored branches, one of these starts), so a paragraph
# without any of them cannot match and the regex is not run.
_COMMENT_FORM_STARTS = ("اترك", "اضف", "اكتب", "شاركنا", "التعليقات", "تعليقات", "leave a ")
_COMMENT_FORM_LITERALS = ("لن يتم نشر ", "الحقول ")
_SUBSCRIBE_LITERALS = ("اكتشف المزيد من", "اكتشاف المزيد من", "اشترك", "سجل", "نشرتنا ", "النشره ", "subscribe",
                       "newsletter")


def _may_be_comment_form(normalized: str, literals: tuple[str, ...]) -> bool:
    # map over the bound method: the substring tests run without a Python frame each
    return normalized.startswith(_COMMENT_FORM_STARTS) or bool(literals and any(map(normalized.__contains__, literals)))


def _may_be_subscribe(normalized: str, literals: tuple[str, ...]) -> bool:
    return bool(literals and any(map(normalized.__contains__, literals)))


class _Literals(NamedTuple):
    """The pre-check literals that occur somewhere in an article (the others cannot be in a paragraph)."""

    comment_form: tuple[str, ...] = _COMMENT_FORM_LITERALS
    subscribe: tuple[str, ...] = _SUBSCRIBE_LITERALS


_ALL_LITERALS = _Literals()


def _literals_in(whole: str) -> _Literals:
    return _Literals(tuple(literal for literal in _COMMENT_FORM_LITERALS if literal in whole),
                     tuple(literal for literal in _SUBSCRIBE_LITERALS if literal in whole))


# The four anchored rules in one pattern: most paragraphs match none of them, and one
# search at position 0 says so instead of four.
_ANY_ANCHORED = re.compile(
    "^(?:" + "|".join(rule.pattern.removeprefix("^") for rule in (_SEE_ALSO, _RELATED_HEADING, _SOCIAL_FOLLOW, _CREDIT)) + ")"
)


def classify_paragraph(normalized: str, _literals: _Literals = _ALL_LITERALS) -> str | None:
    """The boilerplate kind of one paragraph (in matching form), or None for content.

    ``_literals``: :func:`_literals_in` of the whole article, so that each paragraph is
    searched only for the literals the article holds.
    """
    anchored = _ANY_ANCHORED.search(normalized) is not None
    if anchored and _SEE_ALSO.search(normalized):
        return "see_also"
    if anchored and _RELATED_HEADING.search(normalized):
        return "related_list"
    if _may_be_comment_form(normalized, _literals.comment_form) and _COMMENT_FORM.search(normalized):
        return "comment_form"
    if anchored and _SOCIAL_FOLLOW.search(normalized) and len(normalized.split()) <= 30:
        return "social_follow"
    if anchored and _CREDIT.search(normalized) and len(normalized.split()) <= 20:
        return "credit"
    if _may_be_subscribe(normalized, _literals.subscribe) and _SUBSCRIBE.search(normalized) and len(normalized.split()) <= 30:
        return "subscribe"
    return None


def _looks_like_headline(normalized: str) -> bool:
    words = normalized.split()
    return 0 < len(words) <= _MAX_RELATED_ITEM_WORDS and not normalized.rstrip().endswith((".", ":", "!", "?"))


def segment_paragraphs(
    paragraphs: list[Paragraph], overrides: Mapping[int, str] | None = None, *, text: str | None = None
) -> list[tuple[Paragraph, str]]:
    """Each paragraph with its kind: title, lead, body or a boilerplate kind.

    ``overrides`` maps line numbers to kinds and wins over every rule. ``text``, the
    text the paragraphs were split from (by :func:`split_paragraphs`), lets the
    matching form be computed once for the whole text instead of once per paragraph
    (same answers).
    """
    overrides = overrides or {}
    if overrides and all(paragraph.line in overrides for paragraph in paragraphs):
        # Every kind is overridden (the extractor given the gold segmentation): the
        # rules' answers would all be discarded, so they are not computed.
        return [(paragraph, overrides[paragraph.line]) for paragraph in paragraphs]
    if text is not None:
        lines = matching_lines(text)
        matching = [lines[paragraph.line - 1] for paragraph in paragraphs]
    else:
        matching = [normalize_for_matching(paragraph.text) for paragraph in paragraphs]
    kinds: list[str] = []
    in_related_list = False
    literals = _literals_in("\n".join(matching))  # each paragraph's text is in the joined text
    for index, (paragraph, folded) in enumerate(zip(paragraphs, matching, strict=True)):
        normalized = folded.strip()
        if index == 0:
            kind = "title"
        else:
            kind = classify_paragraph(normalized, literals) or "body"
            if kind == "related_list":
                in_related_list = True
            elif in_related_list and kind == "body" and _looks_like_headline(normalized):
                # Headlines listed under a "related" heading, up to the first real paragraph.
                kind = "related_list"
            elif kind == "body":
                in_related_list = False
        kinds.append(overrides.get(paragraph.line, kind))
    return list(zip(paragraphs, kinds, strict=True))
