"""``jsec extract``: a rule-based draft annotation file for a new article.

Deterministic, offline, no model weights. The draft is a starting point for a
contributor, never gold: every record it writes resolves in the article (so the
draft passes ``jsec validate``), but speakers, agreements and statuses are guesses.

The rules (see docs/extractor.md for what they get wrong):

* paragraphs and boilerplate come from :mod:`jsec_data.segment`; only lead and body
  paragraphs are read;
* quotations are found by pairing quote marks per paragraph in every common style
  (``"…"``, ``“…”``, reversed ``”…“``, ``«…»``); a mark's role (opening or closing)
  is read from the characters around it, so a quote left unclosed runs to the end
  of its paragraph (or to the next sentence that starts with a reporting cue), and a
  closing mark with no opening one closes a quote that began with the paragraph;
  short names and terms in quote marks (a ship name, "2+2") are dropped;
* reporting cues (قال، أضاف، أكد ...) are matched on the matching form of the text,
  with attached و/ف, and the speaker is the entity named right after the cue, in the
  same sentence, else the last named speaker (pronoun carry-over);
* agreement mentions come from a lexicon of agreement words, with parties read from
  the sentence and a status from its verbs.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TypeVar, cast, overload

from .article import Registry
from .models import CONTENT_KINDS, SLUG_PATTERN, MetadataFile
from .rawio import ARTICLE_FILE_RE, decode_issue, metadata_path, read_model_file, unsafe_character_issues
from .report import Issue, Report
from .segment import Paragraph, segment_paragraphs, split_paragraphs
from .text import (
    _DROPPED,
    _MATCHING_TABLE,
    TextDecodeError,
    _fold_present,
    decode_article,
    normalize_for_matching,
    normalize_with_map,
)
from .text import fold_for_matching as _fold


@functools.lru_cache(maxsize=4096)
def _norm(text: str) -> str:
    """Matching form only (memoised: used on short registry names and draft names)."""
    return text.translate(_MATCHING_TABLE)


def _alternation(words: Iterable[str]) -> str:
    """A regex group matching exactly ``words`` (literals), written as a trie.

    ``re`` tries the branches of ``a|b|...`` one after another at every position; a
    trie shares prefixes, so a position costs a few character tests instead of one
    per word. Greedy optional tails try longer words first, the order a list sorted
    longest first gives (words matching at one position are prefixes of each other).
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + emit(trie) + ")"


class _OffsetMap(Sequence[int]):
    """The offsets list of :func:`normalize_with_map`, kept as the text's dropped offsets.

    Item ``i`` is the text offset of matching-form character ``i``; one more item, the
    text's length, ends it. A list holds an int object per character, and building one
    per paragraph cost more than the rules that read a few of its items; a text drops
    only a few characters (diacritics, tatweel), so an item is a short scan of them.
    """

    __slots__ = ("drops", "length")

    def __init__(self, drops: Sequence[int], length: int) -> None:
        self.drops = drops  # sorted offsets of the dropped characters
        self.length = length  # the text's length

    def __len__(self) -> int:
        return self.length - len(self.drops) + 1

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if not self.drops and type(index) is int and 0 <= index <= self.length:
            return index  # nothing dropped (most paragraphs): offsets are indices
        size = self.length - len(self.drops) + 1
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(size))]
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError("offset map index out of range")
        offset = index
        for dropped in self.drops:
            if dropped > offset:
                break
            offset += 1
        return offset

    def position(self, offset: int) -> int:
        """``bisect_left(self, offset)``: the matching-form index of text offset ``offset`` (or of the next kept one)."""
        return offset - bisect.bisect_left(self.drops, offset)


def _matching(text: str) -> tuple[str, _OffsetMap]:
    """``normalize_with_map(text)``, with the offsets as an :class:`_OffsetMap`.

    The dropped characters present are found once (``in`` and str.find look for one
    character with memchr, where ``re`` tests a character class per character): their
    offsets make the map, and the matching form is the text's own (``_fold_present``).
    """
    dropped = list(filter(text.__contains__, _DROPPED))
    return _fold_present(text, dropped), _OffsetMap(_positions(text, dropped) if dropped else [], len(text))


def _positions(text: str, chars: Iterable[str]) -> list[int]:
    """Sorted offsets of every occurrence in ``text`` of each of ``chars``.

    str.find looks for one character with memchr, where ``re`` would test a character
    class with a call per character of the text.
    """
    found: list[int] = []
    for char in chars:
        index = text.find(char)
        while index >= 0:
            found.append(index)
            index = text.find(char, index + 1)
    found.sort()
    return found


def _window(normalized: tuple[str, _OffsetMap], start: int, end: int) -> tuple[str, _OffsetMap]:
    """``_matching(text[start:end])`` cut from ``normalized = _matching(text)`` (offsets >= 0).

    The matching rules are per character, so a slice's matching form is a slice of the
    whole's: computed once per article, it is then only cut.
    """
    norm, offsets = normalized
    drops, length = offsets.drops, offsets.length
    start = min(start, length)
    end = max(start, min(end, length))
    # The drops before start and before end (offsets.position, inlined: this runs for every paragraph and cue).
    first, last = bisect.bisect_left(drops, start), bisect.bisect_left(drops, end)
    return norm[start - first:end - last], _OffsetMap([dropped - start for dropped in drops[first:last]] if last > first else [],
                                                      end - start)


def _window_norm(normalized: tuple[str, _OffsetMap], start: int, end: int) -> str:
    """``_window(normalized, start, end)[0]``, without the offsets."""
    norm, offsets = normalized
    drops, length = offsets.drops, offsets.length
    start = min(start, length)
    end = max(start, min(end, length))
    return norm[start - bisect.bisect_left(drops, start):end - bisect.bisect_left(drops, end)]


# --------------------------------------------------------------------- quote marks

#: Mark -> class. Marks of one class pair with each other; their role (open/close)
#: comes from context, which handles straight, curly and reversed curly styles alike.
_QUOTE_CLASS: dict[str, str] = {
    '"': "straight", "＂": "straight",
    "“": "curly", "”": "curly", "„": "curly", "‟": "curly", "″": "curly", "〝": "curly", "〞": "curly",
    "«": "guillemet", "»": "guillemet",
}
_QUOTE_RE = re.compile("[" + "".join(re.escape(mark) for mark in _QUOTE_CLASS) + "]")
_ALWAYS_OPEN = frozenset("«")
_ALWAYS_CLOSE = frozenset("»")
_SENTENCE_END = ".!?؟…"


class QuoteSpan(NamedTuple):
    """Quoted text inside one paragraph; offsets index the paragraph's text.

    A named tuple, as Paragraph is: a frozen dataclass sets each field with a call.
    """

    start: int  # first quoted character (after the opening mark)
    end: int  # just past the last quoted character (before the closing mark)
    open_mark: int | None  # offset of the opening mark; None when the quote began with the paragraph
    close_mark: int | None  # offset of the closing mark; None when the quote was left unclosed

    @property
    def balanced(self) -> bool:
        return self.open_mark is not None and self.close_mark is not None


def _is_word(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char).startswith("M")


def _role(text: str, index: int) -> str:
    """'open', 'close' or 'either' for the quote mark at ``index``, from its neighbours."""
    char = text[index]
    if char in _ALWAYS_OPEN:
        return "open"
    if char in _ALWAYS_CLOSE:
        return "close"
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    opens = (_is_word(after) or after in _QUOTE_CLASS) and not _is_word(before)
    closes = not _is_word(after) and (_is_word(before) or before in _SENTENCE_END + ",،؛;)" or after in _SENTENCE_END + ",،؛; ")
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def find_quotes(text: str, cut_before: Sequence[int] = (), marks: Iterable[int] | None = None) -> list[QuoteSpan]:
    """Every outermost quotation in one paragraph of text.

    ``cut_before`` lists offsets where a new reported sentence begins: a quote left
    unclosed stops at the first of them after its start instead of running to the
    end of the paragraph. ``marks`` are the offsets of the quote marks in ``text``, in
    order, when the caller has them.

    >>> [(q.start, q.end) for q in find_quotes('قال: «نعم» و"لا')]
    [(6, 9), (13, 15)]
    """
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    open_class = ""
    nested: list[str] = []  # classes opened inside the current quote

    def unclosed_end(start: int) -> int:
        stop = next((c for c in sorted(cut_before) if c > start), len(text))
        return len(text[:stop].rstrip())

    for index in (found.start() for found in _QUOTE_RE.finditer(text)) if marks is None else marks:
        mark_class = _QUOTE_CLASS[text[index]]
        role = _role(text, index)
        if open_at is None:
            if role == "close":
                # A closing mark with nothing open: the quote began with the paragraph
                # (its opening mark was lost, or it continues a previous paragraph).
                if not spans and len(text[:index].split()) >= 3:
                    spans.append(QuoteSpan(0, index, None, index))
                continue
            open_at, open_class, nested = index, mark_class, []
            continue
        if mark_class != open_class:
            if nested and nested[-1] == mark_class and role != "open":
                nested.pop()
            elif role != "close":
                nested.append(mark_class)
            continue
        if role == "open" and not nested:
            # Same class opening again: the previous quote was left unclosed.
            spans.append(QuoteSpan(open_at + 1, min(unclosed_end(open_at), index), open_at, None))
            open_at, nested = index, []
            continue
        spans.append(QuoteSpan(open_at + 1, index, open_at, index))
        open_at = None
    if open_at is not None:
        spans.append(QuoteSpan(open_at + 1, unclosed_end(open_at), open_at, None))
    return [s for s in spans if s.end > s.start]


# ------------------------------------------------------------------ reporting cues

# Normalised forms (alef/hamza folded, ta marbuta -> ha, alef maksura -> ya) of the
# reporting verbs in their usual conjugations: past (3rd person), present, the
# circumstantial participle. و/ف may be attached in front.
_CUE_FORMS: dict[str, tuple[str, ...]] = {
    "qala": ("قال", "قالت", "قالوا", "قالا", "قالتا", "يقول", "تقول", "يقولون", "قايلا", "قايله", "قايلين"),
    "adafa": ("اضاف", "اضافت", "اضافوا", "اضافا", "يضيف", "تضيف", "مضيفا", "مضيفه"),
    "akkada": ("اكد", "اكدت", "اكدوا", "اكدا", "يوكد", "توكد", "موكدا", "موكده"),
    "hadhdhara": ("حذر", "حذرت", "حذروا", "حذرا", "يحذر", "تحذر", "محذرا", "محذره"),
    "aaraba": ("اعرب", "اعربت", "اعربوا", "اعربا", "يعرب", "تعرب", "معربا"),
    "ashara": ("اشار", "اشارت", "اشاروا", "يشير", "تشير", "مشيرا", "مشيره"),
    "awdaha": ("اوضح", "اوضحت", "اوضحوا", "يوضح", "توضح", "موضحا"),
    "shaddada": ("شدد", "شددت", "شددوا", "يشدد", "تشدد", "مشددا"),
    "aalana": ("اعلن", "اعلنت", "اعلنوا", "اعلنا", "يعلن", "تعلن", "معلنا"),
    "wasafa": ("وصف", "وصفت", "وصفوا", "يصف", "تصف", "واصفا"),
    "dhakara": ("ذكر", "ذكرت", "ذكروا", "يذكر", "تذكر"),
    "sarraha": ("صرح", "صرحت", "صرحوا", "يصرح", "تصرح"),
    "ashada": ("اشاد", "اشادت", "اشادوا", "يشيد", "تشيد", "مشيدا"),
    "akhbara": ("اخبر", "اخبرت", "اخبروا"),
    "kataba": ("كتب", "كتبت", "غرد", "غردت"),
    "tabaa": ("تابع", "تابعت"),
    "jaa": ("جاء",),  # وجاء في البيان: "…"
}
_CUE_INDEX = frozenset(f for forms in _CUE_FORMS.values() for f in forms)
# A whole word that is a form, or و/ف and a form; the attached letters go into the
# trie too (one branch point per position instead of trying with and without them).
# The cue words, with و/ف attached or not, in a pattern: a cue is one of them as a whole
# word, ``(?<!\w)[وف]?`` + _CUE_WORDS + ``(?!\w)``. But ``re`` tries a pattern that opens
# with a lookbehind at every position, so the words are searched after the character
# before them: a space (most of them: a literal first character is found by a tight C
# loop; there the trie holds the attached و/ف too, so no branch is tried twice), or any
# other non-word character (a class without Arabic letters, tested in C, then the
# lookbehind to drop the few word characters it lets through; few places, so the
# smaller pattern with [وف]? will do).
_CUE_WORDS = _alternation(_CUE_INDEX)
_CUE_AFTER_SPACE_RE = re.compile(" (" + _alternation(_CUE_INDEX | {f"{p}{form}" for form in _CUE_INDEX for p in "وف"}) + r")(?!\w)")
_CUE_AFTER_OTHER_RE = re.compile(r"[^\u0621-\u064aa-zA-Z0-9 ](?<=\W)([وف]?" + _CUE_WORDS + r")(?!\w)")
# Words after a cue that end the speaker's name: complementisers, prepositions, time words.
def _word_set(words: str) -> frozenset[str]:
    """Space-separated words in their matching form."""
    return frozenset(normalize_for_matching(word) for word in words.split())


_STOP_WORDS = _word_set(
    "ان انه انها انهم انهما انهن ان، في من على الى عن مع خلال يوم امس اليوم عقب بعد قبل امام لدي لدى عبر حول "
    "بشان حيث الذي التي الذين اللذين كما ايضا مجددا اكثر وهو وهي وهم لكن بينما اثناء منذ عندما حين"
)
# Words that describe a speaker without naming them (roles, bodies).
_ROLE_WORDS = _word_set(
    "وزير وزيره رييس الرييس نايب مستشار متحدث متحدثه الناطق ناطق باسم منسق منسقه الامين العام امين سفير سفيره قايد "
    "مدير مديره مسوول مسوولو مسوولون مسوولي مسووله مصدر مصادر خبير خبراء محلل محللون دبلوماسي دبلوماسيون وزاره "
    "رياسه مكتب حكومه الحكومه الجنرال الادميرال الاميرال جنرال اميرال السيد السيده الدكتور دكتور البروفيسور "
    "المستشار الوزير الوزيره السفير المتحدث المسوول الخبير القايد المدير المنسق نظيره نظيرته بيان البيان "
    "رييسه ملك الملك امير الامير ولي العهد"
)
# A stop (with the spaces and quote marks after it) or a newline. Written as
# ``[.!?؟]+[\s"“”«»]*|\n`` but opening with one character class, which lets ``re`` skip
# in C to the next stop or newline instead of trying both branches at every position.
_SENTENCE_SPLIT_RE = re.compile(r"[.!?؟\n](?:(?<=\n)|(?<=[.!?؟])[.!?؟]*[\s\"“”«»]*)")
_SENTENCE_STOPS = ".!?؟\n"  # what a split starts with
_MAX_SPEAKER_WORDS = 10
_MAX_NAME_WORDS = 4


# Participles (مضيفا، قائلا) never name a subject after them.
_PARTICIPLES = frozenset(f for f in _CUE_INDEX if f[0] == "م" or f.startswith("قايل") or f == "واصفا")


class Cue(NamedTuple):
    """A reporting verb found in a paragraph (offsets index the paragraph); a named tuple, as QuoteSpan."""

    start: int
    end: int
    text: str  # as written, with attached و/ف
    takes_subject: bool = True  # past-tense verbs name their subject right after them


def _cue_spans(norm: str) -> list[tuple[int, int]]:
    """Spans of the cues in ``norm`` (matching form), in order: whole words, see _CUE_WORDS.

    Cues are whole words, so none starts right where another ends: the character taken
    before each is never part of a match. A newline stands before the text for a cue
    at position 0. (Looking for stems of the cue words with str.find instead counts
    fewer instructions under callgrind, but runs slower.)
    """
    spans = [match.span(1) for match in _CUE_AFTER_SPACE_RE.finditer(norm)]
    others = [(match.start(1) - 1, match.end(1) - 1) for match in _CUE_AFTER_OTHER_RE.finditer("\n" + norm)]
    if others:
        spans += others
        spans.sort()
    return spans


def find_cues(text: str, normalized: tuple[str, Sequence[int]] | None = None,
              spans: Iterable[tuple[int, int]] | None = None) -> list[Cue]:
    """Every reporting cue in ``text`` (matched on the matching form).

    ``normalized`` is ``normalize_with_map(text)`` when the caller already has it, and
    ``spans`` the matches of the cue pattern in its matching form.
    """
    norm, mapping = normalized if normalized is not None else normalize_with_map(text)
    cues: list[Cue] = []
    for norm_start, norm_end in _cue_spans(norm) if spans is None else spans:
        start, end = mapping[norm_start], mapping[norm_end]
        word = norm[norm_start:norm_end]
        joined = word[0] in "وف" and word[1:] in _CUE_INDEX
        bare = word[1:] if joined else word
        # A bare present tense (المسؤول يؤكد ...) has its subject before it; participles have none.
        takes_subject = bare not in _PARTICIPLES and (joined or bare[0] not in "يت" or bare.startswith("تابع"))
        cues.append(Cue(start, end, text[start:end], takes_subject=takes_subject))
    return cues


# ---------------------------------------------------------------- entity matching

_TRANSLIT = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ء": "", "ؤ": "u", "ئ": "i", "ب": "b", "ت": "t", "ث": "th", "ج": "j",
    "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d",
    "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ة": "a", "و": "w", "ي": "y", "ى": "a", "پ": "p", "چ": "ch", "ڤ": "v", "گ": "g", "ی": "y",
}


def slugify(name: str) -> str:
    """A lowercase ASCII slug for an Arabic (or Latin) name; may be empty.

    >>> slugify("زاك كوبر")
    'zak-kwbr'
    """
    out = []
    for char in unicodedata.normalize("NFKD", name):
        if char in _TRANSLIT:
            out.append(_TRANSLIT[char])
        elif char.isascii() and char.isalnum():
            out.append(char.lower())
        elif char.isspace() or char in "-_":
            out.append("-")
    return re.sub(r"-+", "-", "".join(out)).strip("-")


@functools.lru_cache(maxsize=1024)
def _draft_agreement_slug(kind: str, party_ids: tuple[str, ...]) -> str:
    """The id stem of a draft agreement (memoised: the same few are asked for again and again)."""
    return slugify("-".join(["jpn", *[p.lower() for p in party_ids], kind.replace("_", "-")]))


_WORD_RE = re.compile(r"[\w\-]+")
_SPEAKER_BREAK_RE = re.compile(r"[:،,؛;\"“”«»(.]")
_JOINER_RE = re.compile(r"\s+(?:مع|بين)\s+")
_NAME_LIKE_RE = re.compile(r"[\u0621-\u064a\-]+")
_ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064a]")


class _Gazetteer:
    """Normalised Arabic names -> entity id, longest names first.

    Matching looks each token up in an index of the first-token forms a name may take
    (with و/ب/ل/ف attached, or ال written as لل), so it costs one dict look-up per
    token instead of a scan of every name over every position.
    """

    def __init__(self) -> None:
        self.names: list[tuple[list[str], str]] = []
        self._seen: set[tuple[tuple[str, ...], str]] = set()
        self._index: dict[str, list[tuple[int, list[str], str]]] | None = None

    def add(self, name: str, entity_id: str) -> None:
        tokens = normalize_with_map(unicodedata.normalize("NFC", name))[0].split()
        key = (tuple(tokens), entity_id)
        if tokens and key not in self._seen:
            self._seen.add(key)
            self.names.append((tokens, entity_id))
            self._index = None

    def _first_index(self) -> dict[str, list[tuple[int, list[str], str]]]:
        if self._index is None:
            # Stable sort by length: names of one length keep the order they were added in.
            self.names.sort(key=lambda item: -len(item[0]))
            index: dict[str, list[tuple[int, list[str], str]]] = {}
            for order, (name, entity_id) in enumerate(self.names):
                want = name[0]
                forms = {want, *(prefix + want for prefix in "وبلف")}
                if want.startswith("ال"):
                    forms.add("لل" + want[2:])
                for form in forms:
                    index.setdefault(form, []).append((order, name, entity_id))
            self._index = index
        return self._index

    def match(self, tokens: Sequence[str]) -> list[tuple[int, int, str]]:
        """Non-overlapping (first token, past-last token, entity id) matches, allowing و/ب/ل/ف prefixes.

        Names are tried longest first (then in the order added), each left to right,
        and a match may not overlap one already taken.
        """
        index = self._first_index()
        candidates: list[tuple[int, int, int, str]] = []
        count = len(tokens)
        # Most tokens start no name: the positions of those that may are picked in C.
        for position in itertools.compress(range(count), map(index.__contains__, tokens)):
            for order, name, entity_id in index[tokens[position]]:
                size = len(name)
                if position + size <= count and (size == 1 or list(tokens[position + 1:position + size]) == name[1:]):
                    candidates.append((order, position, size, entity_id))
        if len(candidates) < 2:
            return [(position, position + size, entity_id) for _, position, size, entity_id in candidates]
        candidates.sort()
        found: list[tuple[int, int, str]] = []
        taken = [False] * count
        for _, position, size, entity_id in candidates:
            if any(taken[position:position + size]):
                continue
            found.append((position, position + size, entity_id))
            taken[position:position + size] = [True] * size
        return sorted(found)


_ENTITY_ID, _ENTITY_KIND, _ENTITY_NAMES = map(operator.attrgetter, ("entity_id", "kind", "names_ar"))
_T = TypeVar("_T")
# name -> (the columns a value was built from, copied; the value): see _last_or_new.
_LAST_BUILT: dict[str, tuple[list[list[Any]], Any]] = {}


def _last_or_new(name: str, columns: list[list[Any]], build: Callable[[], _T]) -> _T:
    """``build()``, or the value it gave last time for ``name`` if ``columns`` are unchanged.

    ``columns`` are what ``build`` reads from the registry, as lists: the records (frozen
    models), and their fields that are lists (which could change in place). The builders
    are memoised on a tuple of rows, but building and hashing that tuple for every article
    cost more than the rest of the article's set-up; lists compare in C (by identity
    first). A field that is itself a list is copied when kept, so a change in place shows.
    """
    last = _LAST_BUILT.get(name)
    if last is not None and last[0] == columns:
        return cast(_T, last[1])
    value = build()
    _LAST_BUILT[name] = ([[list(item) if isinstance(item, list) else item for item in column] for column in columns], value)
    return value


@functools.lru_cache(maxsize=8)
def _gazetteers(entities: tuple[tuple[str, str, tuple[str, ...]], ...]) -> tuple[_Gazetteer, _Gazetteer, _Gazetteer]:
    """People, parties and persons gazetteers for (entity id, kind, Arabic names) of a registry (memoised)."""
    people, parties, persons = _Gazetteer(), _Gazetteer(), _Gazetteer()
    for entity_id, kind, names in entities:
        for name in names:
            people.add(name, entity_id)
            if kind == "person":
                persons.add(name, entity_id)
            if kind in ("state", "organization"):
                parties.add(name, entity_id)
    for gazetteer in (people, parties, persons):
        gazetteer._first_index()
    return people, parties, persons


# --------------------------------------------------------------------- agreements

# Head word (normalised, without ال) -> agreement kind it suggests.
_AGREEMENT_HEADS: dict[str, str] = {
    "اتفاقيه": "other", "اتفاقيات": "other", "اتفاق": "other", "اتفاقات": "other",
    "معاهده": "alliance_treaty", "معاهدات": "alliance_treaty",
    "مذكره": "memorandum", "مذكرات": "memorandum", "مذكره تفاهم": "memorandum", "مذكرات تفاهم": "memorandum",
    "شراكه": "security_defence_partnership", "شراكات": "security_defence_partnership",
    "تحالف": "alliance_treaty",
    "بيان مشترك": "joint_statement", "البيان المشترك": "joint_statement",
    "اعلان مشترك": "joint_statement",
}
_HEAD_SUFFIXES = ("ها", "هما", "هم", "نا", "ه")
_HEAD_RE = re.compile(
    r"(?<!\w)(?:[وبلف]|ك)?(?:ال)?(" + _alternation(_AGREEMENT_HEADS) + r")"  # at most 3 characters before the head
    r"(?:" + "|".join(_HEAD_SUFFIXES) + r")?(?!\w)"
)
# Every head contains one of these: a paragraph with none of them has no mention (a cheap pre-check).
_HEAD_KEYS = ("اتفاق", "معاهد", "مذكر", "شراك", "تحالف", "ن مشترك", "ن المشترك")  # not "مشترك": common alone
assert all(any(key in head for key in _HEAD_KEYS) for head in _AGREEMENT_HEADS)
# How far before a key in it a match can start (attached letter, ال, the head's own letters).
_HEAD_LEAD = 3 + max(head.find(key) for head in _AGREEMENT_HEADS for key in _HEAD_KEYS if key in head)


def _key_spans(norm: str) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of every head key in ``norm``, by start (str.find runs in C)."""
    spans = []
    for key in _HEAD_KEYS:
        index = norm.find(key)
        while index >= 0:
            spans.append((index, index + len(key)))
            index = norm.find(key, index + 1)
    spans.sort()
    return spans


# A head's first word holds the start of one of its keys, so a match starts where the
# word holding a key's start does, at most _HEAD_LEAD before the key.
assert all(any(0 <= head.find(key) < len(head.split(" ")[0]) for key in _HEAD_KEYS) for head in _AGREEMENT_HEADS)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches in a str pattern


def _head_matches(norm: str, keys: Sequence[tuple[int, int]] | None = None) -> list[re.Match[str]]:
    """``list(_HEAD_RE.finditer(norm))``, trying the pattern only where a match can start.

    ``re`` would try it at every position of the paragraph; here only at the start of
    each word holding a key's start (see above), then as finditer does: in order, each
    at or after the end of the match before. ``keys`` is ``_key_spans(norm)`` when the
    caller has it.
    """
    starts: set[int] = set()
    for key_start, _ in _key_spans(norm) if keys is None else keys:
        start, floor = key_start, max(0, key_start - _HEAD_LEAD)
        while start > floor and _is_word_char(norm[start - 1]):
            start -= 1
        if start == 0 or not _is_word_char(norm[start - 1]):  # (else the word starts too far back)
            starts.add(start)
    matches = []
    end = 0
    for start in sorted(starts):
        if start >= end:
            match = _HEAD_RE.match(norm, start)  # its lookbehind sees the text before start
            if match:
                matches.append(match)
                end = match.end()
    return matches


@dataclass(frozen=True)
class _Rule:
    """A pattern that answers ``value``, and literals one of which every match contains.

    Most sentences hold none of the literals: ``in`` tests (in C) then spare a regex
    search that would try its lookbehinds and branches at every position. Under
    IGNORECASE a Latin literal needs each case form it can match (so "r", "R").
    """

    pattern: re.Pattern[str]
    value: str
    keys: tuple[str, ...]

    def search(self, text: str) -> bool:
        return any(map(text.__contains__, self.keys)) and self.pattern.search(text) is not None


_KIND_HINTS: list[_Rule] = [
    _Rule(re.compile(r"الوصول المتبادل|وصول متبادل|\bRAA\b", re.IGNORECASE), "reciprocal_access_agreement",
          ("وصول", "r", "R")),
    _Rule(re.compile(r"اقتناء|الخدمات المتبادله|ACSA", re.IGNORECASE), "acquisition_cross_servicing",
          ("اقتناء", "الخدمات المتبادله", "c", "C")),
    _Rule(re.compile(r"امن المعلومات|حمايه المعلومات|المعلومات السريه"), "information_security", ("المعلومات",)),
    _Rule(re.compile(r"نقل المعدات|التكنولوجيا الدفاعيه"), "equipment_technology_transfer",
          ("نقل المعدات", "التكنولوجيا الدفاعيه")),
    _Rule(re.compile(r"تطوير مشترك|التطوير المشترك"), "co_development", ("تطوير",)),
]
_KIND_HINT_KEYS = tuple(key for rule in _KIND_HINTS for key in rule.keys)


def _first_value(rules: Sequence[_Rule], text: str) -> str | None:
    """The value of the first of ``rules`` whose search finds ``text``, or None (_Rule.search, inlined)."""
    for rule in rules:
        if any(map(text.__contains__, rule.keys)) and rule.pattern.search(text) is not None:
            return rule.value
    return None
_NO_HINTS = (False,) * len(_KIND_HINTS)


def _kind_hints(text: str) -> tuple[bool, ...]:
    """Which of the kind hints match ``text`` (most texts hold none of their literals)."""
    if not any(map(text.__contains__, _KIND_HINT_KEYS)):
        return _NO_HINTS
    return tuple(rule.search(text) for rule in _KIND_HINTS)


# Mentions are short phrases that come back again and again (الاتفاقية, اتفاقية الوصول المتبادل).
_mention_kind_hints = functools.lru_cache(maxsize=4096)(_kind_hints)


# Words that extend an agreement head: definite or لل-words, nisba adjectives, acronyms.
_MODIFIER_RE = re.compile(
    r"\s+(?:[وب]?ال[\w\-]+|ل[\w\-]{3,}|[\w\-]{3,}(?:يه|ي)|[A-Z0-9]{2,8}|\([A-Za-z0-9\- ]{2,12}\))(?!\w)", re.IGNORECASE
)
# "the alliance" is an agreement only when it links parties (تحالفها مع، التحالف بين، التحالف الياباني الأمريكي).
_ALLIANCE_RE = re.compile(r"تحالف(?:ها|هما|هم|نا|ه)?\s+(?:مع|بين)|(?<!\w)[وب]?التحالف\s+(?:بين|الامني|الياباني|الامريكي)")
_STATUS_RULES: list[_Rule] = [
    _Rule(re.compile(r"حيز التنفيذ|دخلت|سارية"), "in_force", ("حيز التنفيذ", "دخلت", "سارية")),
    _Rule(re.compile(r"(?<!\w)[وف]?(?:ست|سي)وقع|من المقرر ان (?:ت|ي)وقع|سيتم توقيع|للتوقيع"), "to_be_signed",
          ("وقع", "توقيع")),
    _Rule(re.compile(r"(?<!\w)[وف]?(?:وقع|وقعت|وقعوا|وقعا|وقعتا|وقعته|وقعتها|توقيع|ابرم|ابرمت|يبرمها)(?!\w)"), "signed",
          ("وقع", "توقيع", "ابرم", "يبرمها")),
    _Rule(re.compile(r"مفاوضات|التفاوض|محادثات بشان|يتفاوض|تتفاوض"), "under_negotiation",
          ("مفاوضات", "تفاوض", "محادثات بشان")),
    _Rule(re.compile(r"النظر في|دراسه|تدرس|يدرس|اقترح|اقتراح"), "under_consideration",
          ("النظر في", "دراسه", "درس", "اقترح", "اقتراح")),
    _Rule(re.compile(r"(?<!\w)[وف]?(?:اعلن|اعلنت|اعلنا|اعلنوا|يعلنان|تعلنان)(?!\w)"), "announced", ("اعلن", "علنان")),
    _Rule(re.compile(r"(?<!\w)[وف]?(?:اتفق|اتفقت|اتفقا|اتفقوا|اتفقتا)(?!\w)"), "agreed", ("اتفق",)),
]
# Every status rule's literals, each once: most sentences hold none, and one pass over
# them answers for all the rules.
_STATUS_KEYS = tuple(dict.fromkeys(key for rule in _STATUS_RULES for key in rule.keys))


_AGREEMENT_ID, _AGREEMENT_NAME, _AGREEMENT_KIND, _AGREEMENT_PARTIES = map(
    operator.attrgetter, ("agreement_id", "name_ar", "kind", "parties")
)


@functools.lru_cache(maxsize=8)
def _known_agreements(
    agreements: tuple[tuple[str, str | None, str, tuple[str, ...]], ...],
) -> tuple[tuple[str, str | None, str, frozenset[str], int], ...]:
    """(id, matching-form Arabic name, kind, party set, party count) for (id, Arabic name, kind, parties) (memoised)."""
    return tuple((agreement_id, _norm(name_ar) if name_ar else None, kind, frozenset(parties), len(parties))
                 for agreement_id, name_ar, kind, parties in agreements)


# -------------------------------------------------------------------------- draft


@dataclass
class Draft:
    """A draft annotation file (plain data, ready for YAML) plus problems met."""

    article_id: str
    data: dict[str, Any] | None
    report: Report

    def to_yaml(self) -> str:
        import yaml

        if self.data is None:
            return ""
        return yaml.safe_dump(self.data, allow_unicode=True, sort_keys=False, width=1000)


_START_AND_KIND = operator.itemgetter(0, 1)  # orders paragraph events: cues before quotes at one offset


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int


# A paragraph's matching form, cue spans and head-key spans (in that form), quote-mark
# and sentence-stop offsets (in its text), all in order.
_ParagraphInputs = tuple[tuple[str, _OffsetMap], list[tuple[int, int]], list[tuple[int, int]], list[int], list[int]]


def _paragraph_inputs(text: str) -> _ParagraphInputs:
    """What the rules read in a paragraph, from its text alone (the extractor cuts it from the article's)."""
    normalized = _matching(text)
    return (normalized, _cue_spans(normalized[0]), _key_spans(normalized[0]), _positions(text, _QUOTE_CLASS),
            _positions(text, _SENTENCE_STOPS))


@dataclass
class _State:
    """What the extractor carries from paragraph to paragraph."""

    last_speakers: list[str] = field(default_factory=list)
    last_agreement: str | None = None
    new_entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    new_agreements: dict[str, dict[str, Any]] = field(default_factory=dict)


class _Extractor:
    def __init__(self, article_id: str, text: str, registry: Registry, paragraphs: Sequence[Paragraph]) -> None:
        self.article_id, self.text, self.registry, self.paragraphs = article_id, text, registry, paragraphs
        # persons: people only (a subject read from elsewhere in the sentence). The
        # gazetteers are read-only after construction, so articles share them.
        entities = list(registry.entities.values())
        names = list(map(_ENTITY_NAMES, entities))
        self.people, self.parties, self.persons = _last_or_new("gazetteers", [entities, names], lambda: _gazetteers(tuple(
            zip(map(_ENTITY_ID, entities), map(_ENTITY_KIND, entities), map(tuple, names), strict=True)
        )))
        self.state = _State()
        # The article's matching form, once: each paragraph's is a slice of it.
        self._normalized = _matching(text)
        # Cues and agreement-head keys, found in it once (sorted by start): whole words
        # and phrases in one line, so a paragraph's are those that start inside it.
        norm = self._normalized[0]
        self._cues = _cue_spans(norm)
        self._cue_starts = [start for start, _ in self._cues]
        keys = _key_spans(norm)
        self._keys, self._key_starts = keys, [start for start, _ in keys]
        # Quote marks and sentence stops in the text, found once (see _positions).
        self._marks = _positions(text, _QUOTE_CLASS)
        self._stops = _positions(text, _SENTENCE_STOPS[:-1])  # not the newline: no paragraph holds one
        self.quotations: list[dict[str, Any]] = []
        self.mentions: list[dict[str, Any]] = []
        self._known: tuple[tuple[str, str | None, str, frozenset[str], int], ...] | None = None

    @functools.cached_property
    def article_parties(self) -> set[str]:
        """States and bodies named anywhere in the article: they break ties between known agreements.

        Computed on first use: only a tie needs it (see _agreement_for).
        """
        return {eid for _, _, eid in self.parties.match(self._normalized[0].split())}

    # -- speakers

    def _new_entity(self, name: str, kind: str) -> str:
        norm = _norm(name)
        for entity_id, entity in self.state.new_entities.items():
            known = _norm(entity["names_ar"][0])
            if norm == known or (kind == "person" and entity["kind"] == "person" and norm in known.split()):
                return entity_id
        base = slugify(name) or "speaker"
        if not re.match(SLUG_PATTERN, base):  # pragma: no cover - slugify yields a slug or ""
            base = "speaker"
        entity_id, number = base, 1
        while entity_id in self.registry.entities or entity_id in self.state.new_entities:
            number += 1
            entity_id = f"{base}-{number}"
        english = " ".join(part.capitalize() for part in base.split("-"))
        self.state.new_entities[entity_id] = {
            "entity_id": entity_id,
            "kind": kind,
            "name_en": english,
            "names_ar": [name],
            "note": "Proposed by jsec extract: check the English name, kind, role and affiliation.",
        }
        return entity_id

    def _speakers_after(self, para: str, cue: Cue, limit: int, cues: Sequence[Cue],
                        normalized: tuple[str, _OffsetMap]) -> tuple[list[str], bool]:
        """Speaker ids named just after a cue (up to ``limit``); bool: the cue named its subject.

        ``normalized`` is ``_matching(para)``.
        """
        if not cue.takes_subject:
            return [], False
        limit = min([limit] + [c.start for c in cues if c.start > cue.start])
        norm = _window_norm(normalized, cue.end, limit)  # (its offsets only once a name is cut out, below)
        tokens: list[tuple[int, int, str]] = []
        previous_end = 0
        for word_match in _WORD_RE.finditer(norm):  # lazily: only the first few words are read
            start, end, word = word_match.start(), word_match.end(), word_match.group()
            if word in _STOP_WORDS or word.startswith("لل") or len(tokens) >= _MAX_SPEAKER_WORDS:
                break
            if _SPEAKER_BREAK_RE.search(norm, previous_end, start):  # what lies between the words (no anchors)
                break
            tokens.append((start, end, word))
            previous_end = end
        if not tokens:
            return [], False
        words = [t[2] for t in tokens]
        # A person named in the window wins over a body in their title (منسق ... بالاتحاد الأوروبي جوزيب بوريل).
        found = self.persons.match(words) or self.people.match(words)
        if found and found[0][0] <= _leading_title(words):
            ids = [found[0][2]]
            for (_, previous_end, _), (first, _, entity_id) in itertools.pairwise(found):
                # Names joined by و (قال فلان وفلان) are co-speakers; anything else ends the list.
                if first != previous_end or not words[first].startswith("و"):
                    break
                if entity_id not in ids:
                    ids.append(entity_id)
            return ids, True
        lead = _leading_title(words)
        if words[0].startswith("ال") and words[0] not in _ROLE_WORDS:
            return [], False  # "المسؤولان": a description of speakers named before
        run = self._name_run(words, lead)
        if run or words[0] in _ROLE_WORDS:
            window = para[cue.end:limit]
            mapping = _window(normalized, cue.end, limit)[1]
        if run:
            ids = []
            for first, last in run:
                skip = 1 if first > lead else 0  # the و that joined this name to the previous one
                name = window[mapping[tokens[first][0] + skip]:mapping[tokens[last - 1][1]]].strip()
                ids.append(self._new_entity(name, "person"))
            return ids, True
        if words[0] in _ROLE_WORDS:
            description = window[mapping[tokens[0][0]]:mapping[tokens[lead - 1][1] if lead else tokens[0][1]]].strip()
            return [self._new_entity(description, "unknown")], True
        return [], False

    @staticmethod
    def _name_run(words: Sequence[str], lead: int) -> list[tuple[int, int]]:
        """Name-like words right after the leading title, split into names at و (فلان وفلان)."""
        names: list[tuple[int, int]] = []
        start = lead
        index = lead
        while index < len(words) and index - start < _MAX_NAME_WORDS:
            word = words[index]
            if not _name_like(word) or (index > start and word[0] == "ل" and len(word) > 4):
                break  # a word with ل attached after a name is "to someone"
            if index > start and word[0] == "و" and "-" not in word and len(word) >= 5:
                names.append((start, index))
                start = index
            index += 1
        if index > start:
            names.append((start, index))
        return [(a, b) for a, b in names if b > a] if names and names[0][1] > names[0][0] else []

    # -- paragraphs

    def _inputs(self, para: Paragraph) -> _ParagraphInputs | None:
        """What the rules read in one paragraph, cut from the article's scans; None if no rule has work.

        The matching form and the cue and head-key spans are the article's, shifted to the
        paragraph's form; quote marks and sentence stops are offsets in the paragraph. It
        is what :func:`_paragraph_inputs` computes from the paragraph alone (tested).
        """
        text = para.text
        start, end = para.start, para.start + len(text)
        if not self.text.startswith(text, start):  # pragma: no cover - paragraphs are slices of the article
            return _paragraph_inputs(text)
        first, last = bisect.bisect_left(self._marks, start), bisect.bisect_left(self._marks, end)
        marks = [mark - start for mark in self._marks[first:last]] if last > first else []
        drops = self._normalized[1].drops
        first_drop, last_drop = bisect.bisect_left(drops, start), bisect.bisect_left(drops, end)
        low, high = start - first_drop, end - last_drop
        first, last = bisect.bisect_left(self._cue_starts, low), bisect.bisect_left(self._cue_starts, high)
        cue_spans = [(s - low, e - low) for s, e in self._cues[first:last]] if last > first else []
        first, last = bisect.bisect_left(self._key_starts, low), bisect.bisect_left(self._key_starts, high)
        keys = [(s - low, e - low) for s, e in self._keys[first:last]] if last > first else []
        if not cue_spans and not keys and not marks:
            return None  # (most paragraphs: the cut below is not needed)
        first, last = bisect.bisect_left(self._stops, start), bisect.bisect_left(self._stops, end)
        stops = [stop - start for stop in self._stops[first:last]] if last > first else []
        # _window(self._normalized, start, end), from the bisects above.
        normalized = self._normalized[0][low:high], _OffsetMap(
            [dropped - start for dropped in drops[first_drop:last_drop]] if last_drop > first_drop else [], end - start
        )
        return normalized, cue_spans, keys, marks, stops

    def paragraph(self, para: Paragraph) -> None:
        inputs = self._inputs(para)
        if inputs is None:
            return
        normalized, cue_spans, keys, marks, stops = inputs
        text = para.text
        if not cue_spans and not marks:
            # No cue and no quote mark: no quotation and no speaker, only agreements.
            if keys:  # (else _agreements finds nothing)
                self._agreements(para, None, normalized, keys, stops)
            return
        # normalized is shared by the cue, speaker and agreement rules.
        all_cues = find_cues(text, normalized, cue_spans) if cue_spans else []
        sentences = _sentences(text, stops)
        # A sentence that begins with a reporting cue ends an unclosed quote before it.
        cut_before = [s.start for s in sentences for c in all_cues if c.start == s.start]
        quotes = find_quotes(text, cut_before, marks)
        # Reporting verbs inside quoted words are the speaker's, not the reporter's.
        cues = [c for c in all_cues if not any(q.start <= c.start < q.end for q in quotes)] if quotes else all_cues
        cue_speakers: dict[int, tuple[list[str], bool]] = {}
        for cue in cues:
            sentence = next((s for s in sentences if s.start <= cue.start < s.end), None)
            cue_speakers[cue.start] = self._speakers_after(text, cue, sentence.end if sentence else len(text), cues,
                                                           normalized)
        events: list[tuple[int, int, Cue | QuoteSpan]] = [(c.start, 0, c) for c in cues] + [(q.start, 1, q) for q in quotes]
        for _, _, item in sorted(events, key=_START_AND_KIND):
            if isinstance(item, Cue):
                ids, named = cue_speakers[item.start]
                if named and ids:
                    self.state.last_speakers = ids
            else:
                self._quotation(para, item, cues, sentences, cue_speakers, normalized)
        if keys:
            self._agreements(para, sentences, normalized, keys)

    def _quotation(self, para: Paragraph, quote: QuoteSpan, cues: Sequence[Cue], sentences: Sequence[_Sentence],
                   cue_speakers: dict[int, tuple[list[str], bool]], normalized: tuple[str, _OffsetMap]) -> None:
        text = para.text
        start, end = _trim(text, quote.start, quote.end)
        if end <= start or _is_term(_window_norm(normalized, start, end), cues_in_sentence=bool(cues)):
            return
        open_at = quote.open_mark if quote.open_mark is not None else start
        close_at = quote.close_mark if quote.close_mark is not None else end
        sentence = next((s for s in sentences if s.start <= open_at < s.end), None)
        sentence_start = sentence.start if sentence else 0
        before = [c for c in cues if sentence_start <= c.start < open_at and not (start <= c.start < end)]
        after_limit = next((s.end for s in sentences if s.start <= close_at < s.end), len(text))
        after = [c for c in cues if close_at < c.start < after_limit + 1 and not (start <= c.start < end)]
        cue: Cue | None = before[-1] if before else (after[0] if after else None)
        speakers: list[str] = []
        if cue is not None:
            ids, named = cue_speakers.get(cue.start, ([], False))
            if named and ids:
                speakers = ids
                self.state.last_speakers = ids
            else:
                # "ورحب فلان بـ...، وقال إن": a known name earlier in the same sentence is the subject.
                earlier = self.persons.match(_fold(text[sentence_start:cue.start]).split())
                if earlier:
                    speakers = [earlier[-1][2]]
                    self.state.last_speakers = list(speakers)
        if not speakers:
            speakers = list(self.state.last_speakers)
        if not speakers:
            speakers = [self._unknown_speaker()]
        record: dict[str, Any] = {"id": f"q{len(self.quotations) + 1}"}
        record.update(self._selector(para.start + start, para.start + end))
        record["speaker_ids"] = list(speakers)  # a fresh list: shared lists would become YAML aliases
        record["cue"] = cue.text if cue is not None else None
        # A short quote inside a sentence that goes on around it is a fragment of indirect speech.
        # (Word counts only up to the bound that matters: split(maxsplit=n) stops after n words.)
        record["is_fragment"] = len(text[start:end].split(maxsplit=6)) <= 6 and quote.balanced and len(
            (text[sentence_start:open_at] + " " + text[close_at + 1:after_limit]).strip(" .،,:\"“”«»").split(maxsplit=4)
        ) > 4 and cue is not None and (
            _is_word(text[open_at - 1]) or text[max(0, open_at - 2):open_at].strip() not in (":", "")
        )
        self.quotations.append(record)

    def _unknown_speaker(self) -> str:
        entity_id = "unknown-speaker"
        if entity_id not in self.state.new_entities and entity_id not in self.registry.entities:
            self.state.new_entities[entity_id] = {
                "entity_id": entity_id, "kind": "unknown", "name_en": "Unknown speaker",
                "names_ar": ["غير معروف"], "note": "Proposed by jsec extract: no speaker found; replace it.",
            }
        return entity_id

    def _selector(self, start: int, end: int) -> dict[str, Any]:
        """exact plus the shortest prefix/suffix that makes it unique (unique as :func:`resolve` counts)."""
        text = self.text
        exact = text[start:end]
        selector: dict[str, Any] = {"exact": exact}
        # The other occurrences, found once (resolve would search the article again for
        # every prefix/suffix tried); the one at ``start`` fits its own context. A longer
        # suffix (prefix) extends the shorter one, so only the occurrences that shared the
        # shorter context need testing against the longer.
        others: list[int] = []  # anchor.find_all, inlined: most texts occur once (two finds, no list kept)
        index = text.find(exact)
        while index >= 0:
            if index != start:
                others.append(index)
            index = text.find(exact, index + 1)
        if not others:
            return selector
        same_after, same_before = others, others
        for size in (8, 16, 32, 64, 128, 256, 10_000):
            suffix = text[end:end + size]
            prefix = text[max(0, start - size):start]
            if suffix:
                same_after = [offset for offset in same_after if text.startswith(suffix, offset + len(exact))]
                if not same_after:
                    selector["suffix"] = suffix
                    return selector
            if prefix:
                same_before = [offset for offset in same_before if text.endswith(prefix, 0, offset)]
                if not same_before:
                    selector["prefix"] = prefix
                    return selector
            if suffix and prefix and not set(same_after) & set(same_before):
                selector["prefix"], selector["suffix"] = prefix, suffix
                return selector
        selector["start"] = start  # pragma: no cover - prefix+suffix of the whole text is always unique
        return selector

    # -- agreements

    def _agreements(self, para: Paragraph, sentences: Sequence[_Sentence] | None, normalized: tuple[str, _OffsetMap],
                    keys: Sequence[tuple[int, int]] | None = None, stops: Sequence[int] | None = None) -> None:
        """Agreement mentions in one paragraph.

        ``sentences`` is None when not split yet (then ``stops`` as for _sentences), ``keys`` as for _head_matches.
        """
        text = para.text
        norm, mapping = normalized
        # What depends only on the sentence, computed once per sentence: its matching form
        # (a slice of the paragraph's: the rules are per character), parties, status word, kind hints.
        per_sentence: dict[tuple[int, int], tuple[str, list[str], str | None, tuple[bool, ...]]] = {}
        for match in _head_matches(norm, keys):
            head_start = match.start(1)
            # Keep a definite article inside the span, drop attached و/ب/ل/ف/ك.
            definite = norm[max(0, head_start - 2):head_start] == "ال" or match.group(1).startswith("ال")
            if norm[max(0, head_start - 2):head_start] == "ال":
                head_start -= 2
            span_end = self._mention_end(norm, match.end(), definite)
            span_end, named_parties = self._parties_end(norm, span_end)
            start, end = mapping[head_start], mapping[span_end]
            start, end = _trim(text, start, end)
            if end <= start:
                continue
            if sentences is None:
                sentences = _sentences(text, stops)  # only once a mention is found (most keys are in other words)
            sentence = next((s for s in sentences if s.start <= start < s.end), None) or _Sentence(0, len(text))
            key = (sentence.start, sentence.end)
            if key not in per_sentence:
                sentence_norm = norm[mapping.position(sentence.start):mapping.position(sentence.end)]
                per_sentence[key] = (
                    sentence_norm,
                    [eid for _, _, eid in self.parties.match(sentence_norm.split())],
                    _first_value(_STATUS_RULES, sentence_norm) if any(map(sentence_norm.__contains__, _STATUS_KEYS)) else None,
                    _kind_hints(sentence_norm),
                )
            sentence_norm, sentence_parties, sentence_status, sentence_hints = per_sentence[key]
            mention_norm = norm[head_start:span_end]
            head = match.group(1)
            if head == "تحالف" and not _ALLIANCE_RE.search(mention_norm + " " + sentence_norm):
                continue  # "the alliance" as a name for NATO or a bloc, not an agreement
            # The first hint found in the mention or its sentence names the kind.
            mention_hints = _mention_kind_hints(mention_norm)
            if mention_hints is _NO_HINTS and sentence_hints is _NO_HINTS:
                kind = _AGREEMENT_HEADS[head]  # (most mentions: no hint word at all)
            else:
                hints = zip(_KIND_HINTS, mention_hints, sentence_hints, strict=True)
                kind = next((rule.value for rule, in_mention, in_sentence in hints if in_mention or in_sentence),
                            _AGREEMENT_HEADS[head])
            parties = list(sentence_parties)
            agreement_id = self._agreement_for(kind, parties, named_parties, text[start:end], mention_norm)
            status = sentence_status
            if status is None:
                # No status word here: the article's last word on the same agreement stands.
                status = next((m["reported_status"] for m in reversed(self.mentions) if m["agreement_id"] == agreement_id),
                              "unclear")
            record: dict[str, Any] = {"id": f"m{len(self.mentions) + 1}"}
            record.update(self._selector(para.start + start, para.start + end))
            record["agreement_id"] = agreement_id
            record["reported_status"] = status
            self.mentions.append(record)

    @staticmethod
    def _mention_end(norm: str, end: int, definite: bool) -> int:
        """Extend a head over its modifiers: genitives and adjectives (adjectives only after a definite head)."""
        position = end
        for _ in range(4):
            match = _MODIFIER_RE.match(norm, position)  # from position, without copying the rest
            if not match:
                break
            word = match.group().strip()
            if word.lstrip("و") in _STOP_WORDS or word in ("التي", "الذي", "الاخري", "الاولي"):
                break
            # A definite noun takes adjectives (nisba -ي/-يه), not a second definite noun.
            if definite and word.startswith(("ال", "وال", "بال")) and not word.endswith(("ي", "يه")):
                break
            position = match.end()
        return position

    def _parties_end(self, norm: str, end: int) -> tuple[int, list[str]]:
        """Extend a mention over "مع/بين" and the parties named after it (اتفاقية ... بين اليابان والفلبين)."""
        joiner = _JOINER_RE.match(norm, end)
        if not joiner:
            return end, []
        words = list(itertools.islice(_WORD_RE.finditer(norm, joiner.end()), 8))
        found = self.parties.match([w.group() for w in words])
        taken, parties = 0, []
        for first, last, entity_id in found:
            if first != taken:
                break
            taken = last
            parties.append(entity_id)
        if not parties:
            return end, []
        return words[taken - 1].end(), parties

    def _agreement_for(self, kind: str, parties: list[str], named: list[str], written: str, mention_norm: str) -> str:
        """A known agreement that fits the kind and parties, the last one mentioned, or a new draft one."""
        candidates: list[tuple[int, str, frozenset[str], int]] = []
        named_set, parties_set = set(named), set(parties)
        for agreement_id, name_norm, agreement_kind, agreement_parties, party_count in self._known_agreements():
            if named and not named_set <= agreement_parties:
                continue  # the mention names its parties: they must fit
            score = len(parties_set & agreement_parties)
            if name_norm is not None and name_norm in mention_norm:
                score += 4
            if agreement_kind == kind:
                score += 2
            if score >= 3:
                candidates.append((score, agreement_id, agreement_parties, party_count))
        if candidates:
            best = max(candidate[0] for candidate in candidates)
            leaders = [candidate[1] for candidate in candidates if candidate[0] == best]
            if len(leaders) == 1:
                # The tiebreak below is under 1, so it only orders equal scores: a single
                # best score wins without it (and without the article's parties).
                self.state.last_agreement = leaders[0]
                return leaders[0]
        scored = [(score + len(self.article_parties & agreement_parties) / (1 + party_count), agreement_id)
                  for score, agreement_id, agreement_parties, party_count in candidates]
        scored.sort(key=lambda item: (-item[0], item[1]))
        if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            self.state.last_agreement = scored[0][1]
            return scored[0][1]
        last = self.state.last_agreement
        if last and (len(mention_norm.split()) <= 1 or not parties) and kind in ("other", self._agreement_kind(last)):
            return last  # an anaphoric "the agreement"
        party_ids = [p for p in named if p != "JPN"]
        base = _draft_agreement_slug(kind, tuple(party_ids))
        agreement_id, number = base, 1
        while agreement_id in self.registry.agreements or (
            agreement_id in self.state.new_agreements and self.state.new_agreements[agreement_id]["kind"] != kind
        ):
            number += 1
            agreement_id = f"{base}-{number}"
        if agreement_id not in self.state.new_agreements:
            self.state.new_agreements[agreement_id] = {
                "agreement_id": agreement_id,
                "name_en": f"Draft: {kind.replace('_', ' ')}",
                "name_ar": written,
                "kind": kind,
                "parties": sorted({"JPN", *named}),
                "signed_date": None,
                "note": "Proposed by jsec extract: check the name, kind, parties and date.",
            }
            if "JPN" not in self.registry.entities:
                self._declare_japan()
        self.state.last_agreement = agreement_id
        return agreement_id

    def _known_agreements(self) -> tuple[tuple[str, str | None, str, frozenset[str], int], ...]:
        """(id, matching-form Arabic name, kind, party set, party count) of each registry agreement.

        Looked up once per article, not once per mention; built once per registry.
        """
        if self._known is None:
            agreements = list(self.registry.agreements.values())
            parties = list(map(_AGREEMENT_PARTIES, agreements))
            self._known = _last_or_new("agreements", [agreements, parties], lambda: _known_agreements(tuple(zip(
                map(_AGREEMENT_ID, agreements), map(_AGREEMENT_NAME, agreements), map(_AGREEMENT_KIND, agreements),
                map(tuple, parties), strict=True
            ))))
        return self._known

    def _agreement_kind(self, agreement_id: str) -> str:
        if agreement_id in self.registry.agreements:
            return self.registry.agreements[agreement_id].kind
        return str(self.state.new_agreements.get(agreement_id, {}).get("kind", "other"))

    def _declare_japan(self) -> None:
        # The corpus is about Japan's partnerships, so Japan is a party by default.
        self.state.new_entities.setdefault("JPN", {
            "entity_id": "JPN", "kind": "state", "name_en": "Japan", "names_ar": ["اليابان"],
        })

    # -- result

    def run(self, kinds: Sequence[str]) -> dict[str, Any]:
        for para, kind in zip(self.paragraphs, kinds, strict=True):
            if kind in CONTENT_KINDS:
                self.paragraph(para)
        data: dict[str, Any] = {"article_id": self.article_id}
        data["entities"] = list(self.state.new_entities.values())
        data["agreements"] = list(self.state.new_agreements.values())
        data["quotations"] = self.quotations
        data["agreement_mentions"] = self.mentions
        data["notes"] = "Draft written by jsec extract: every record needs checking (see docs/extractor.md)."
        return data


def _name_like(word: str) -> bool:
    return (
        word not in _ROLE_WORDS
        and not word.startswith(("ال", "بال", "وال", "كال", "فال"))
        and len(word) > 1
        and _NAME_LIKE_RE.fullmatch(word) is not None
    )


def _leading_title(words: Sequence[str]) -> int:
    """How many words at the start are a title or role (وزير الدفاع الياباني الجنرال)."""
    count = 0
    for word in words:
        if word in _ROLE_WORDS or word.startswith(("ال", "بال", "لل", "وال")):
            count += 1
        else:
            break
    return count


def _sentences(text: str, stops: Iterable[int] | None = None) -> list[_Sentence]:
    """Sentence spans of one paragraph (a quote mark after the full stop stays with the sentence).

    ``stops`` are the offsets of the characters of _SENTENCE_STOPS in ``text``, in order,
    when the caller has them: every split starts at one, and each of them starts one
    unless the split before took it in, so a match is tried at those only.
    """
    sentences: list[_Sentence] = []
    start = 0
    if stops is None:
        matches: Iterable[re.Match[str]] = _SENTENCE_SPLIT_RE.finditer(text)
    else:
        matches = _splits_at(text, stops)
    for match in matches:
        stop = match.start()
        # A closing quote right after the stop belongs to the sentence; an opening one does not.
        trailing = match.group().rstrip()
        keep = len(trailing)
        while keep > 0 and trailing[keep - 1] in _QUOTE_CLASS and _role(text, stop + keep - 1) == "open":
            keep -= 1
        end = stop + len(trailing[:keep].rstrip()) if keep else stop + 1
        if end > start:
            sentences.append(_Sentence(start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        sentences.append(_Sentence(start, len(text)))
    return sentences


def _splits_at(text: str, stops: Iterable[int]) -> Iterator[re.Match[str]]:
    """``_SENTENCE_SPLIT_RE.finditer(text)``, trying the pattern only at ``stops`` (see _sentences)."""
    position = 0
    for stop in stops:
        if stop >= position:
            match = _SENTENCE_SPLIT_RE.match(text, stop)
            if match:
                yield match
                position = match.end()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past white space and quote marks at either end."""
    while start < end and (text[start].isspace() or text[start] in _QUOTE_CLASS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _QUOTE_CLASS):
        end -= 1
    return start, end


_VERB_LIKE = re.compile(r"(?<!\w)[وف]?(?:س?[يتن][\w]{3,}|[\w]{2,}(?:وا|ت|نا|تم))(?!\w)")


def _is_term(norm: str, cues_in_sentence: bool) -> bool:
    """A name or term in quote marks rather than quoted speech (a ship name, "2+2"); ``norm`` in matching form."""
    words = norm.split(maxsplit=3)  # only "fewer than 4" matters
    if not _ARABIC_LETTER_RE.search(norm):
        return len(words) < 4
    if len(words) == 1:
        return not _VERB_LIKE.search(norm)
    if len(words) == 2:
        # Two words: kept when they read like speech, or as an attributed fragment.
        return not (_VERB_LIKE.search(norm) or cues_in_sentence)
    return False


def extract_text(text: str, article_id: str, registry: Registry | None = None,
                 overrides: Mapping[int, str] | None = None) -> dict[str, Any]:
    """Draft annotation data for stored article ``text`` (plain dicts, in file order)."""
    paragraphs = split_paragraphs(text)
    segmented = segment_paragraphs(paragraphs, overrides, text=text)
    extractor = _Extractor(article_id, text, registry or Registry(), [p for p, _ in segmented])
    return extractor.run([kind for _, kind in segmented])


def extract_file(article_file: Path | str, raw_dir: Path | str | None = "raw") -> Draft:
    """Read an article file and draft its annotation file; problems go into the draft's report.

    The registry (raw/entities.yaml, raw/agreements.yaml) and the article's metadata
    overrides are read from ``raw_dir`` when it exists.
    """
    from .article import read_registry

    path = Path(article_file)
    report = Report(checked_files=1)
    display = str(article_file)
    match = ARTICLE_FILE_RE.match(path.name)
    if not match:
        report.add(_issue(display, "article-file-name", "article file name must end in 16 lowercase hex digits and .txt",
                          "name it like 005_0123456789abcdef.txt; the digits are the stable article id"))
        return Draft("", None, report)
    article_id = match.group(1)
    try:
        text = decode_article(path.read_bytes())
    except TextDecodeError as exc:
        report.add(decode_issue(exc, display))
        return Draft(article_id, None, report)
    except OSError as exc:
        report.add(_issue(display, "unreadable", f"cannot read file: {exc.strerror}"))
        return Draft(article_id, None, report)
    registry = Registry()
    overrides: dict[int, str] = {}
    raw = Path(raw_dir) if raw_dir is not None else None
    if raw is not None and raw.is_dir():
        registry, problems = read_registry(raw)
        for problem in problems:
            report.add(Issue(str(raw / problem.file), problem.line, problem.column, "warning", problem.code,
                             f"registry not used as is: {problem.message}", problem.field, problem.hint))
        meta_file = metadata_path(raw, article_id)
        if meta_file is not None:
            metadata, _, _ = read_model_file(meta_file, MetadataFile, str(meta_file))
            if metadata is not None:
                overrides = dict(metadata.paragraph_kinds)
    # The draft is still written, but validate will refuse the article until they are removed: say so now.
    for issue in unsafe_character_issues(text, display):
        report.add(issue)
    return Draft(article_id, extract_text(text, article_id, registry, overrides), report)


def _issue(file: str, code: str, message: str, hint: str | None = None) -> Issue:
    return Issue(file=file, line=None, column=None, severity="error", code=code, message=message, hint=hint)


def quote_balance_issues(text: str, paragraphs: Iterable[Paragraph]) -> list[tuple[int, str]]:
    """(offset in ``text``, message) for each quote whose opening or closing mark is missing."""
    problems: list[tuple[int, str]] = []
    for para in paragraphs:
        for quote in find_quotes(para.text):
            if quote.open_mark is None:
                problems.append((para.start + (quote.close_mark or 0), "closing quote mark without an opening one"))
            elif quote.close_mark is None:
                problems.append((para.start + quote.open_mark, "quote mark opened but not closed in its paragraph"))
    return problems
