"""normalise_text makes exactly the five documented changes (entities, newlines, spaces, empty lines, NFC)."""

from __future__ import annotations

import html
import re
import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from jsec_data.ingest.normalise import _OTHER_SPACES, normalise_text, normalise_title, stored_article


def _reference(s: str) -> str:
    """The spec, step by step, written the slow and obvious way."""
    s = html.unescape(s)
    s = re.sub("\r\n|[\r\u0085\u2028\u2029]", "\n", s)
    lines = ["".join(" " if c.isspace() else c for c in line) for line in s.split("\n")]
    lines = [re.sub(" +", " ", line).strip(" ") for line in lines]
    return unicodedata.normalize("NFC", "\n".join(line for line in lines if line))


def _without_whitespace(s: str) -> str:
    return "".join(c for c in s if not c.isspace())


# Text like the corpus's, with every kind of whitespace and newline, entities, combining marks.
_CHARACTERS = ("ab &;#x0123456789قالوزيرـًٌٍَُِّْ\u0301e\u00e9\u200b\u200c\u202b\u061c\"“”«»"
               " \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2002\u2028\u2029\u202f\u3000")
_ALPHABET = st.sampled_from([*_CHARACTERS, "&amp;", "&quot;", "&nbsp;", "&#1575;", "&#x202B;", "&lt;", "&amp;amp;",
                             "\r\n", "&#13;"])
_TEXT = st.lists(_ALPHABET, max_size=60).map("".join)


def test_the_documented_example() -> None:
    assert normalise_text("  قال&nbsp;الوزير\r\n\r\n\tإن  &quot;اليابان&quot; \u2028") == 'قال الوزير\nإن "اليابان"'


def test_every_newline_form_ends_a_paragraph_and_other_whitespace_is_one_space() -> None:
    assert normalise_text("a\r\nb\rc\u0085d\u2028e\u2029f\ng") == "a\nb\nc\nd\ne\nf\ng"
    assert normalise_text("a\t\x0b\x0c\x1c\xa0\u2003\u202f\u3000b") == "a b"
    assert normalise_text("\n\n  a  \n \t \n b \n\n") == "a\nb"


def test_entities_are_decoded_once_only() -> None:
    assert normalise_text("&amp;quot; &#1575;&#x644; &lt;") == "&quot; ال <"


def test_what_must_not_change_stays() -> None:
    kept = "قالـــت «اليابان» “هنا” \"ثم\" وَزِير\u200bمع\u200c\u202bخفي\u202c"
    assert normalise_text(kept) == kept


def test_nfc() -> None:
    assert normalise_text("e\u0301") == "\u00e9"


def test_the_list_of_other_spaces_is_str_isspace() -> None:
    expected = tuple(chr(c) for c in range(sys.maxunicode + 1)
                     if chr(c).isspace() and chr(c) not in " \n\r\x85\u2028\u2029")
    assert expected == _OTHER_SPACES


def test_stored_article_joins_title_and_body() -> None:
    assert stored_article("عنوان\n فرعي", "سطر\r\n\r\nسطر") == "عنوان فرعي\nسطر\nسطر\n"
    assert stored_article("  ", "سطر") == "سطر\n"
    assert stored_article("&quot;ع&quot;", "") == '"ع"\n'
    assert normalise_title("a\nb &amp; c") == "a b & c"


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_matches_the_reference_implementation(text: str) -> None:
    assert normalise_text(text) == _reference(text)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_only_whitespace_newlines_and_entities_change(text: str) -> None:
    out = normalise_text(text)
    assert _without_whitespace(out) == _without_whitespace(unicodedata.normalize("NFC", html.unescape(text)))
    assert "\n\n" not in out and not out.startswith((" ", "\n")) and not out.endswith((" ", "\n"))
    assert all(not c.isspace() or c in " \n" for c in out) and "  " not in out


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_idempotent(text: str) -> None:
    out = normalise_text(text)
    if html.unescape(out) == out:  # entities are decoded once: `&amp;amp;` gives `&amp;`, which a 2nd pass would decode
        assert normalise_text(out) == out
    else:  # a second pass changes the entities left (and nothing else the rules would not)
        assert normalise_text(out) == _reference(out)
