"""Decoding, safety scan and the matching form of Arabic text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jsec_data.core.text import (
    BIDI_CONTROLS,
    INVISIBLE_MARKS,
    MAX_ARTICLE_BYTES,
    TextDecodeError,
    byte_line_col,
    decode_article,
    line_col,
    matching_lines,
    normalize_for_matching,
    normalize_with_map,
    scan_unsafe,
    undecodable_hint,
)

# Text drawn mostly from the Arabic block plus the characters news text really mixes in.
arabic_text = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.sampled_from(list(" \n\r\t.,:«»“”\"'-–0123456789ABCxyz\u0640\u200f\ufeff")),
    ),
    max_size=200,
)


def test_decode_strips_bom_normalises_newlines_and_nfc() -> None:
    decomposed = "ا\u0653"  # alef + combining maddah -> آ under NFC
    raw = ("\ufeff" + "سطر\r\nثان\r" + decomposed).encode("utf-8")
    assert decode_article(raw) == "سطر\nثان\nآ"


def test_decode_keeps_everything_else_byte_for_byte() -> None:
    text = "وقال: “نحن” «هنا» \"هناك\"  ـــ ايضاً\n"
    assert decode_article(text.encode()) == text


def test_invalid_utf8_reports_byte_offset() -> None:
    raw = "مرحبا".encode() + b"\xff" + b"abc"
    with pytest.raises(TextDecodeError) as info:
        decode_article(raw)
    assert info.value.byte_offset == 10
    assert "byte 10" in str(info.value)


def test_invalid_utf8_reports_line_and_column_as_an_editor_counts_them() -> None:
    # BOM not counted, CRLF and a lone CR each end one line, columns in characters (not bytes).
    raw = "\ufeffسطر\r\nثان\rأبجد".encode() + b"\xc3(" + "بعد".encode()
    with pytest.raises(TextDecodeError) as info:
        decode_article(raw)
    assert (info.value.line, info.value.column) == (3, 5)
    assert info.value.byte_offset == raw.index(b"\xc3(")
    assert byte_line_col(b"\xff", 0) == (1, 1)


@given(arabic_text, st.sampled_from([b"\xff", b"\xc3(", b"\xe2\x82", b"\xed\xa0\x80"]))
def test_invalid_utf8_line_is_the_line_of_the_stored_text_before_it(text: str, bad: bytes) -> None:
    prefix = text.encode("utf-8")
    with pytest.raises(TextDecodeError) as info:
        decode_article(prefix + bad + "نص".encode())
    assert info.value.byte_offset == len(prefix)
    assert info.value.line == decode_article(prefix).count("\n") + 1


def test_undecodable_hint_tells_a_legacy_arabic_file_from_a_broken_character_and_utf16() -> None:
    sentence = "قال وزير الدفاع الياباني إن بلاده ستوقع اتفاقية الوصول المتبادل مع الفلبين.\n"
    assert "Windows-1256" in undecodable_hint(sentence.encode("cp1256"))
    assert "iconv -f WINDOWS-1256" in undecodable_hint(sentence.encode("cp1256"))
    stray = sentence.encode() + b"\xd9" + sentence.encode()  # half a letter, once, in a UTF-8 file
    assert undecodable_hint(stray).startswith("1 byte sequence is not UTF-8")
    assert "UTF-16" in undecodable_hint(sentence.encode("utf-16"))  # Python writes a byte order mark
    assert undecodable_hint(b"caf\xe9 au lait") == "save the file as UTF-8"  # Latin-1: no guess


def test_oversized_article_is_refused() -> None:
    with pytest.raises(TextDecodeError, match="limit"):
        decode_article(b"a" * (MAX_ARTICLE_BYTES + 1))


def test_scan_unsafe_locates_bidi_controls_as_errors_and_marks_as_warnings() -> None:
    text = "سطر\nab\u202ecd\u200fe\x00"
    found = [(u.line, u.column, u.severity, u.name) for u in scan_unsafe(text)]
    assert found == [
        (2, 3, "error", "RIGHT-TO-LEFT OVERRIDE"),
        (2, 6, "warning", "RIGHT-TO-LEFT MARK"),
        (2, 8, "error", "CONTROL CHARACTER U+0000"),
    ]


_EVERY_UNSAFE = [chr(c) for c in range(0x20) if chr(c) not in "\n\t"] + list(BIDI_CONTROLS) + list(INVISIBLE_MARKS)


@given(st.lists(st.one_of(arabic_text, st.sampled_from([*_EVERY_UNSAFE, "\u00a0", "\u2028", "\U0001f600", "\x7f"])),
                max_size=8).map("".join))
def test_scan_unsafe_finds_exactly_the_characters_it_names(text: str) -> None:
    """The printable pre-check may only skip texts that hold no unsafe character."""
    found = scan_unsafe(text)
    assert [u.offset for u in found] == [i for i, char in enumerate(text) if char in _EVERY_UNSAFE]
    assert all(text[u.offset] == u.char for u in found)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("أوكرانيا", "اوكرانيا"),  # hamza on alef
        ("إيشيبا", "ايشيبا"),  # hamza under alef
        ("آسيا", "اسيا"),  # madda
        ("المتحدة", "المتحده"),  # ta marbuta
        ("على", "علي"),  # alef maksura
        ("الحـــرب", "الحرب"),  # tatweel
        ("مُعَاهَدَة", "معاهده"),  # diacritics
        ("ستولتنبرغ", "ستولتنبرغ"),
        ("شاهد أيضاً", "شاهد ايضا"),
    ],
)
def test_matching_form_folds_spelling_variants(left: str, right: str) -> None:
    assert normalize_for_matching(left) == normalize_for_matching(right)


def test_matching_form_keeps_distinct_words_distinct() -> None:
    assert normalize_for_matching("ستولتنبرج") != normalize_for_matching("ستولتنبرغ")
    assert normalize_for_matching("قال") != normalize_for_matching("قالت")


@given(arabic_text)
def test_decoding_is_idempotent_and_newline_clean(text: str) -> None:
    stored = decode_article(text.encode("utf-8"))
    assert "\r" not in stored
    assert unicodedata.is_normalized("NFC", stored)
    assert decode_article(stored.encode("utf-8")) == stored


@given(arabic_text)
def test_normalize_with_map_points_back_into_the_source(text: str) -> None:
    stored = decode_article(text.encode("utf-8"))
    normalized, mapping = normalize_with_map(stored)
    assert len(mapping) == len(normalized) + 1
    assert mapping[-1] == len(stored)
    assert mapping == sorted(set(mapping))  # strictly increasing
    for index, char in enumerate(normalized):
        assert normalize_for_matching(stored[mapping[index]]) == char


@given(arabic_text, st.data())
def test_line_col_agrees_with_splitlines(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(min_value=0, max_value=len(text)))
    line, column = line_col(text, offset)
    before = text[:offset].split("\n")
    assert (line, column) == (len(before), len(before[-1]) + 1)


# Paragraph-shaped text: Arabic with diacritics, tatweel and combining hamza (which NFC
# composes with the letter before), Latin, spaces of several kinds and newlines.
paragraphed_text = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.sampled_from(list("  \n\n\t\u00a0\u2003abcXYZ.«»\u0640\u064b\u0651\u0653\u0654\u0655\u0301e\u200f")),
    ),
    max_size=300,
)


@given(paragraphed_text)
def test_matching_lines_equal_normalising_each_line(raw: str) -> None:
    for text in (unicodedata.normalize("NFC", raw), raw):  # stored text, and text that is not NFC
        assert matching_lines(text) == [normalize_for_matching(line) for line in text.split("\n")]


@given(st.lists(st.one_of(arabic_text, st.text(alphabet="ABCXYZabcxyzÀÉ ", max_size=5),
                          st.sampled_from(["ـ", "ً", "ّ", "ٰ", "NATO", "Japan"])), max_size=30).map("".join))
def test_fold_for_matching_is_the_per_character_table(text: str) -> None:
    """The fast paths (one regex for dropped marks, a replace per folded letter, the A-Z check) are the table."""
    from jsec_data.core.text import MATCHING_TABLE, fold_for_matching

    assert fold_for_matching(text) == text.translate(MATCHING_TABLE)


# Letters that fold to few forms, their variants, marks that folding drops and capitals, so that
# short needles over the same letters often occur only once a text is folded.
_needle_letters = "ابيهنكس"
_folding_pieces = st.sampled_from([*"ابيهنكسأإآىةیکABab ", "\u064e", "\u0651", "\u0640", "\u200f", "\ufeff"])


_variants = {"ا": "اأإآ", "ي": "يىی", "ه": "هة", "ك": "کك", "a": "aA", "b": "bB"}
_marks = st.sampled_from(["", "", "\u064e", "\u0651", "\u0640", "\u200f", "\ufeff", "\u064e\u0651"])


@given(st.lists(st.text(alphabet=_needle_letters + "ab", min_size=1, max_size=4), min_size=1, max_size=4),
       st.lists(st.one_of(_folding_pieces, arabic_text), max_size=20).map("".join), st.data())
def test_matching_pattern_finds_a_needle_exactly_where_the_folded_text_holds_one(
        needles: list[str], around: str, data: st.DataObject) -> None:
    import re

    import re2  # type: ignore[import-untyped]

    from jsec_data.core.text import fold_for_matching, matching_pattern

    # A needle written as a text may hold it: its letters in any spelling, marks between them.
    written = "".join(data.draw(st.sampled_from(_variants.get(c, c))) + data.draw(_marks)
                      for c in data.draw(st.sampled_from(needles)))
    cut = data.draw(st.integers(0, len(around)))
    for text in (around, around[:cut] + written + around[cut:], around[:cut] + written[:-1] + around[cut:]):
        expected = any(needle in fold_for_matching(text) for needle in needles)
        pattern = matching_pattern(needles)
        assert (re.search(pattern, text) is not None) == expected, text
        assert (re2.search(pattern, text) is not None) == expected, text


def test_matching_pattern_refuses_a_needle_not_in_the_matching_form() -> None:
    from jsec_data.core.text import matching_pattern

    with pytest.raises(ValueError, match="matching form"):
        matching_pattern(["اليابانية"])  # ة folds to ه
