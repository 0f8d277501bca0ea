"""Reading and normalising text.

Two forms of text exist and must not be confused:

* the **stored** form (:func:`decode_article`): the raw bytes decoded as UTF-8, BOM
  stripped, newlines as ``\\n``, NFC. Nothing else is changed; every offset in the
  dataset indexes this string.
* the **matching** form (:func:`normalize_for_matching`): folds Arabic spelling
  variants (alef/hamza forms, ta marbuta, alef maksura, tatweel, diacritics) so that
  names, boilerplate and quote cues meet across spellings. It is never stored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from jsec_data.core.errors import JsecError

#: Articles larger than this are refused (a news report is a few kB).
MAX_ARTICLE_BYTES = 1_000_000

_BOM = "\ufeff"

# Characters that reorder or hide text: refused in stored text.
BIDI_CONTROLS: dict[str, str] = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
}
# Invisible characters that are legitimate in some Arabic text but usually stray.
INVISIBLE_MARKS: dict[str, str] = {
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u061c": "ARABIC LETTER MARK",
    "\u2060": "WORD JOINER",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE (BOM inside the text)",
}


# Candidates for scan_unsafe: C0 controls except \n and \t, bidi controls, invisible marks.
_UNSAFE_RE = re.compile(
    "[\x00-\x08\x0b-\x1f" + "".join(BIDI_CONTROLS) + "".join(INVISIBLE_MARKS) + "]"
)
# str.isprintable() refuses every one of them (C0 controls are Cc, the others Cf), so a text
# it accepts once newlines are set aside holds none: one C pass, four times cheaper than the
# regex's character-set test. (Checked here, in case a mark is added that it accepts.)
_PRINTABLE_MEANS_SAFE = not any(chr(code).isprintable() for code in range(0x20)) and not any(
    char.isprintable() for char in (*BIDI_CONTROLS, *INVISIBLE_MARKS))


class TextDecodeError(JsecError, ValueError):
    """Raw bytes that cannot become stored text; ``byte_offset`` (and ``line``, ``column``) locate the fault."""

    def __init__(self, message: str, byte_offset: int | None = None, line: int | None = None,
                 column: int | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.byte_offset = byte_offset
        self.line = line
        self.column = column
        self.hint = hint


@dataclass(frozen=True)
class UnsafeChar:
    """A hidden or control character found in text."""

    offset: int
    line: int
    column: int
    char: str
    name: str
    severity: Literal["error", "warning"]


def decode_article(data: bytes) -> str:
    """Turn raw article bytes into the stored text.

    >>> decode_article(b"\\xef\\xbb\\xbfa\\r\\nb")
    'a\\nb'
    """
    if len(data) > MAX_ARTICLE_BYTES:
        raise TextDecodeError(f"file is {len(data):,} bytes; the limit is {MAX_ARTICLE_BYTES:,}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = byte_line_col(data, exc.start)
        raise TextDecodeError(
            f"invalid UTF-8 at byte {exc.start} ({data[exc.start:exc.start + 4]!r}): {exc.reason}",
            byte_offset=exc.start, line=line, column=column, hint=undecodable_hint(data),
        ) from None
    return normalize_stored(text)


def normalize_stored(text: str) -> str:
    """BOM, newline and NFC normalisation: the only changes stored text ever gets."""
    return unicodedata.normalize("NFC", _lines_of(text))


def _lines_of(text: str) -> str:
    """``text`` without a leading BOM and with ``\\n`` for every CRLF and CR (the stored form but NFC)."""
    return text.removeprefix(_BOM).replace("\r\n", "\n").replace("\r", "\n")


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a code-point offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def byte_line_col(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of byte ``offset``, counted as in the stored form of the bytes before it.

    For the first undecodable byte (the bytes before it are valid UTF-8): a contributor's
    editor shows lines, not byte offsets. Columns count code points, CRLF and CR end lines.

    >>> byte_line_col("ab\\r\\nج".encode() + b"\\xff", 6)
    (2, 2)
    """
    before = _lines_of(data[:offset].decode("utf-8", errors="replace"))  # not NFC: editors count the file's characters
    return line_col(before, len(before))


def undecodable_hint(data: bytes) -> str:
    """How to fix bytes that are not UTF-8, from what they look like.

    A UTF-16 byte order mark; a UTF-8 file with a few broken sequences (a bad copy or
    edit: fix them where they are); or Arabic text in the legacy Windows-1256 encoding,
    common for Arabic news text saved on Windows (every Arabic letter fails as UTF-8).
    Nothing is converted: the contributor re-saves the file and checks it.

    >>> undecodable_hint("وزير".encode("cp1256") * 10)[:47]
    'the file looks like Arabic text in Windows-1256'
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "the file is UTF-16 (it starts with a UTF-16 byte order mark): save it as UTF-8"
    decoded = data.decode("utf-8", errors="replace")
    broken = decoded.count("\ufffd")
    beyond_ascii = len(decoded) - len(decoded.encode("ascii", errors="ignore"))
    if broken * 10 <= beyond_ascii:
        noun = "sequence is" if broken == 1 else "sequences are"
        return (f"{broken} byte {noun} not UTF-8, the rest of the file is: retype the character(s) there "
                "(a bad copy or edit broke them) and save the file as UTF-8")
    legacy = data.decode("cp1256", errors="replace")
    arabic = sum(1 for char in legacy if "\u0621" <= char <= "\u064a")
    if arabic * 2 >= sum(1 for char in legacy if char.isalpha()) > 0:
        return ("the file looks like Arabic text in Windows-1256: convert it to UTF-8 (for example "
                "`iconv -f WINDOWS-1256 -t UTF-8 OLD > NEW`) and check that it reads correctly")
    return "save the file as UTF-8"


def printable_lines(text: str) -> bool:
    """``str.isprintable()`` of ``text`` with its newlines set aside (a cheap first look at a whole file)."""
    return text.replace("\n", " ").isprintable()


def scan_unsafe(text: str, printable: bool | None = None) -> list[UnsafeChar]:
    """Every NUL, C0 control, bidi control and invisible mark in ``text``.

    ``printable``: :func:`printable_lines` of ``text``, when the caller has it already.
    """
    found: list[UnsafeChar] = []
    if _PRINTABLE_MEANS_SAFE and (printable_lines(text) if printable is None else printable):
        return found  # most texts (a tab or a no-break space sends one to the regex)
    # A regex finds the (rare) candidates in C instead of a Python loop per character.
    for match in _UNSAFE_RE.finditer(text):
        offset, char = match.start(), match.group()
        code = ord(char)
        severity: Literal["error", "warning"]
        if code < 0x20 and char not in "\n\t":
            name, severity = f"CONTROL CHARACTER U+{code:04X}", "error"
        elif char in BIDI_CONTROLS:
            name, severity = BIDI_CONTROLS[char], "error"
        elif char in INVISIBLE_MARKS:
            name, severity = INVISIBLE_MARKS[char], "warning"
        else:
            continue
        line, column = line_col(text, offset)
        found.append(UnsafeChar(offset, line, column, char, name, severity))
    return found


# ----------------------------------------------------------------- matching form

_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ة": "ه",
    "ى": "ي", "ی": "ي", "ې": "ي",
    "ؤ": "و",
    "ئ": "ي",
    "ک": "ك",
    "گ": "ك",
    "ڤ": "ف",
    "پ": "ب",
    "چ": "ج",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4",
    "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    "،": ",", "؛": ";", "؟": "?",
}
_DROP = frozenset(
    ["\u0640"]  # tatweel
    + [chr(c) for c in range(0x064B, 0x0660)]  # harakat, shadda, sukun, maddah/hamza marks
    + ["\u0670"]  # superscript alef
    + [chr(c) for c in range(0x06D6, 0x06EE)]  # Quranic annotation marks
    + list(BIDI_CONTROLS)
    + list(INVISIBLE_MARKS)
)


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Matching form of ``text`` plus, for each of its characters, the source offset.

    ``mapping`` has one extra entry, ``len(text)``, so a normalised span ``[i, j)``
    maps back to ``text[mapping[i]:mapping[j]]`` (end exclusive, using the entry for j).

    >>> normalize_with_map("قالَ")
    ('قال', [0, 1, 2, 4])
    """
    # Offsets must index ``text`` itself, so no recomposition happens here: callers
    # pass stored (already NFC) text. The rules are per character, so the matching
    # form is one translation, and the map only has to skip the dropped characters.
    norm = fold_for_matching(text)
    if len(norm) == len(text):  # nothing dropped
        return norm, list(range(len(text) + 1))
    mapping: list[int] = []
    previous = 0
    for match in _DROP_RE.finditer(text):
        mapping.extend(range(previous, match.start()))
        previous = match.end()
    mapping.extend(range(previous, len(text) + 1))
    return norm, mapping


# The per-character rules of normalize_with_map as one str.translate table (C speed).
# Dropping wins over folding, as in the loop; folded values are never A-Z.
MATCHING_TABLE: dict[int, str | None] = {
    **{ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
    **{ord(k): v for k, v in _FOLD.items()},
    **dict.fromkeys(map(ord, _DROP)),
}


_DROP_RE = re.compile("[" + "".join(sorted(re.escape(c) for c in _DROP)) + "]")
# The table's rules by kind: characters dropped; A-Z lower-cased; the other rules one
# character for another, none of them folded again, dropped or A-Z, so one str.replace
# per character present gives what str.translate would.
DROPPED_CHARACTERS = tuple(chr(code) for code, value in MATCHING_TABLE.items() if value is None)
_FOLD_TO = {chr(code): value for code, value in MATCHING_TABLE.items() if value is not None and not "A" <= chr(code) <= "Z"}
_FOLDED = tuple(_FOLD_TO)
assert all(len(value) == 1 and ord(value) not in MATCHING_TABLE and not "A" <= value <= "Z" for value in _FOLD_TO.values())
assert all(MATCHING_TABLE[ord(char)] == char.lower() for char in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
assert len(DROPPED_CHARACTERS) + len(_FOLDED) + 26 == len(MATCHING_TABLE)
_UPPER_RE = re.compile("[A-Z]+")


def fold_for_matching(text: str) -> str:
    """``text.translate`` with the matching rules, faster on paragraph-sized text.

    ``str.translate`` looks every character up in a dict; here each dropped character
    and each folded letter present goes in one ``str.replace``. Equivalent because the
    rules are per character and no folded value is itself dropped, folded again or
    upper case.
    """
    if len(text) < 64:
        return text.translate(MATCHING_TABLE)
    return fold_present(text, filter(text.__contains__, DROPPED_CHARACTERS))


def fold_present(text: str, dropped: Iterable[str]) -> str:
    """The matching form of ``text``, given the dropped characters it holds (the extractor
    finds them to map offsets).

    One ``in`` per character (a memchr pass each) and a ``str.replace`` for those present
    beats re's character-set test through Arabic text, which runs character by character
    (26 us against 36 us per article, in every one of which diacritics are found).
    """
    for char in dropped:
        text = text.replace(char, "")
    # Any A-Z? The ASCII characters alone, in one C pass, then bytes.lower(): five times
    # cheaper than re's search through Arabic text, which usually has no Latin capital at all.
    ascii_only = text.encode("ascii", "ignore")
    if ascii_only.lower() != ascii_only:
        text = _UPPER_RE.sub(_lower_match, text)
    for char in filter(text.__contains__, _FOLDED):
        text = text.replace(char, _FOLD_TO[char])
    return text


def matching_pattern(needles: Iterable[str]) -> str:
    """A regular expression that finds, in a text as found, a place whose matching form
    (:func:`fold_for_matching`) holds one of ``needles`` (each written in the matching form).

    Each needle letter becomes the class of the characters that fold to it, with any run of
    dropped characters allowed between letters: the matching form holds a needle exactly
    where the text has those letters with only dropped characters between them, so one
    search of the text answers what folding it and then searching would. Written in the
    syntax Python's ``re`` and RE2 share (classes and ``*`` only), so a linear-time engine can
    run it without folding first.

    >>> import re
    >>> bool(re.search(matching_pattern(["يابان"]), "اليَـابانية")), bool(re.search(matching_pattern(["يابان"]), "اليابسة"))
    (True, False)
    """
    sources: dict[str, set[str]] = {}
    for code, value in MATCHING_TABLE.items():
        if value is not None:
            sources.setdefault(value, set()).add(chr(code))
    between = "[" + "".join(sorted(re.escape(c) for c in _DROP)) + "]*"
    alternatives = []
    for needle in sorted(set(needles)):
        if not needle or any(ord(c) in MATCHING_TABLE for c in needle):
            raise ValueError(f"matching_pattern: {needle!r} is not in the matching form")
        alternatives.append(between.join(
            "[" + "".join(sorted(re.escape(c) for c in {letter} | sources.get(letter, set()))) + "]" for letter in needle))
    if not alternatives:
        raise ValueError("matching_pattern: no needles")
    return "|".join(alternatives)


def _lower_match(match: re.Match[str]) -> str:
    return match.group().lower()


def normalize_for_matching(text: str) -> str:
    """Fold Arabic spelling variants so that variants of a word compare equal.

    >>> normalize_for_matching("إيشيبا") == normalize_for_matching("ايشيبا")
    True
    >>> normalize_for_matching("الحرّة") == normalize_for_matching("الحره")
    True
    """
    return fold_for_matching(unicodedata.normalize("NFC", text))  # == .translate(MATCHING_TABLE), faster



def matching_lines(text: str) -> list[str]:
    """``normalize_for_matching`` of each line of ``text`` (as ``text.split("\\n")``), folding it only once.

    The matching rules are per character and leave ``\\n`` alone, so the matching form
    of stored text (NFC) splits into its lines' matching forms; a line of NFC text is
    NFC, as nothing composes across a newline. Other text takes the per-line definition.

    >>> matching_lines("قالَ\\nإن")
    ['قال', 'ان']
    """
    if not unicodedata.is_normalized("NFC", text):
        return [normalize_for_matching(line) for line in text.split("\n")]
    return fold_for_matching(text).split("\n")
