"""ArticleScan.attribution_in reuses the range of the paragraph last cut: only for that very paragraph."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from jsec_data.article.segment import split_paragraphs
from jsec_data.extract.scan import ArticleScan
from jsec_data.extract.statement_words import attribution_starts

from .texts import TEXT

_ATTRIBUTED = st.sampled_from(["وبحسب المصدر، ", "وفقا لأشخاص مطلعين ", "نقلا عن الوزير ", ""])


def _has_attribution(para_text: str) -> bool:
    return bool(attribution_starts(ArticleScan(para_text).normalized[0]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_ATTRIBUTED, TEXT).map("".join), min_size=1, max_size=6).map("\n".join), st.randoms())
def test_attribution_in_is_right_whichever_paragraph_was_cut_last(text: str, order: random.Random) -> None:
    paragraphs = split_paragraphs(text)
    scan = ArticleScan(text)
    for para in paragraphs:
        other = order.choice(paragraphs)
        scan.paragraph(other)  # the cached range is other's
        assert scan.attribution_in(para) == _has_attribution(para.text)
        scan.paragraph(para)  # and now para's own
        assert scan.attribution_in(para) == _has_attribution(para.text)
