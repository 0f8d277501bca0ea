"""Reporting cues: every conjugation of the verbs in data/cues.yaml, as whole words, with و/ف attached."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jsec_data.extract import cues, find_cues, matching
from jsec_data.extract.matching import matching_form

from .texts import CUE_FORMS, NEWS, REFERENCE_CUE_RE, TEXT, longest_first


@pytest.mark.parametrize("word", ["قال", "وقال", "فقالت", "وأضاف", "أكدت", "وحذّر", "أعرب", "وأشار", "أوضح",
                                  "شدد", "وأعلنت", "وصف", "مضيفاً", "يقول"])
def test_cues_in_their_conjugations(word: str) -> None:
    found = find_cues(f"ثم {word} الوزير إن")
    assert [c.text for c in found] == [word]


def test_no_cue_inside_other_words() -> None:
    text = "المقال والقالب وقالوا"
    assert [(c.text, c.start) for c in find_cues(text)] == [("وقالوا", text.index("وقالوا"))]


@pytest.mark.parametrize(("word", "takes_subject"), [
    ("قال", True), ("وقالت", True), ("تابع", True),  # past tenses (تابع too, though it starts like a present)
    ("يقول", False), ("ويقول", True), ("تؤكد", False), ("فتؤكد", True),  # a bare present has its subject before it
    ("مضيفاً", False), ("ومضيفا", False), ("قائلاً", False), ("واصفا", False),  # participles name none
])
def test_the_tense_decides_whether_a_cue_names_its_subject_after_it(word: str, takes_subject: bool) -> None:
    [cue] = find_cues(f"ثم {word} الوزير إن")
    assert cue.takes_subject is takes_subject


@settings(max_examples=600, deadline=None)
@given(TEXT)
def test_cue_spans_are_the_whole_word_matches(text: str) -> None:
    norm = matching_form(text)[0]
    for value in (text, norm):
        assert cues.cue_spans(value) == [m.span() for m in REFERENCE_CUE_RE.finditer(value)]


@settings(max_examples=500, deadline=None)
@given(NEWS)
def test_trie_regexes_match_the_longest_first_alternations(text: str) -> None:
    assert cues.cue_spans(text) == [m.span() for m in REFERENCE_CUE_RE.finditer(text)]
    trie_cue_re = re.compile(r"(?<!\w)[وف]?" + cues.cue_words().words + r"(?!\w)")
    assert [m.span() for m in trie_cue_re.finditer(text)] == [m.span() for m in REFERENCE_CUE_RE.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.sets(st.text("ابت ", min_size=1, max_size=4), min_size=1, max_size=8), st.text("ابت .", max_size=30))
def test_alternation_prefers_longer_words_like_a_sorted_list(words: set[str], text: str) -> None:
    trie = re.compile(matching.alternation(words))
    reference = re.compile(longest_first({re.escape(word) for word in words}))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in reference.finditer(text)]
    bounded = re.compile(r"(?<!\w)" + matching.alternation(words) + r"(?!\w)")
    bounded_reference = re.compile(r"(?<!\w)" + longest_first({re.escape(word) for word in words}) + r"(?!\w)")
    assert [m.span() for m in bounded.finditer(text)] == [m.span() for m in bounded_reference.finditer(text)]


def test_cue_words_are_in_the_matching_form() -> None:
    words = cues.cue_words()
    assert words.forms == CUE_FORMS and words.presents | words.participles < words.forms
    assert {form for form in words.forms if matching_form(form)[0] != form} == set()
    assert "قايلا" in words.participles and "يقول" in words.presents and "تابع" not in words.presents
