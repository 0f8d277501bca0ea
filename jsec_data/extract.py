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
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .anchor import Anchor, resolve
from .article import Registry
from .models import CONTENT_KINDS, SLUG_PATTERN, MetadataFile
from .rawio import ARTICLE_FILE_RE, metadata_path, read_model_file
from .report import Issue, Report
from .segment import Paragraph, segment_paragraphs, split_paragraphs
from .text import _MATCHING_TABLE, TextDecodeError, decode_article, normalize_for_matching, normalize_with_map
from .text import fold_for_matching as _fold


@functools.lru_cache(maxsize=4096)
def _norm(text: str) -> str:
    """Matching form only (memoised: used on short registry names and draft names)."""
    return text.translate(_MATCHING_TABLE)

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


@dataclass(frozen=True)
class QuoteSpan:
    """Quoted text inside one paragraph; offsets index the paragraph's text."""

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


def find_quotes(text: str, cut_before: Sequence[int] = ()) -> list[QuoteSpan]:
    """Every outermost quotation in one paragraph of text.

    ``cut_before`` lists offsets where a new reported sentence begins: a quote left
    unclosed stops at the first of them after its start instead of running to the
    end of the paragraph.

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

    for found in _QUOTE_RE.finditer(text):  # quote marks only, found in C
        index = found.start()
        mark_class = _QUOTE_CLASS[found.group()]
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
_CUE_RE = re.compile(
    r"(?<!\w)[وف]?(?:" + "|".join(sorted({f for forms in _CUE_FORMS.values() for f in forms}, key=len, reverse=True)) + r")(?!\w)"
)
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
_SENTENCE_SPLIT_RE = re.compile(r"[.!?؟]+[\s\"“”«»]*|\n")
_MAX_SPEAKER_WORDS = 10
_MAX_NAME_WORDS = 4


# Participles (مضيفا، قائلا) never name a subject after them.
_PARTICIPLES = frozenset(f for f in _CUE_INDEX if f[0] == "م" or f.startswith("قايل") or f == "واصفا")


@dataclass(frozen=True)
class Cue:
    """A reporting verb found in a paragraph (offsets index the paragraph)."""

    start: int
    end: int
    text: str  # as written, with attached و/ف
    takes_subject: bool = True  # past-tense verbs name their subject right after them


def find_cues(text: str, normalized: tuple[str, list[int]] | None = None) -> list[Cue]:
    """Every reporting cue in ``text`` (matched on the matching form).

    ``normalized`` is ``normalize_with_map(text)`` when the caller already has it.
    """
    norm, mapping = normalized if normalized is not None else normalize_with_map(text)
    cues: list[Cue] = []
    for match in _CUE_RE.finditer(norm):
        start, end = mapping[match.start()], mapping[match.end()]
        word = match.group()
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


_WORD_RE = re.compile(r"[\w\-]+")
_SPEAKER_BREAK_RE = re.compile(r"[:،,؛;\"“”«»(.]")
_JOINER_RE = re.compile(r"\s+(?:مع|بين)\s+")
_NAME_LIKE_RE = re.compile(r"[\u0621-\u064a\-]+")
_ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064a]")


def _words(norm: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(norm)]


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
        for position, token in enumerate(tokens):
            entries = index.get(token)
            if entries is None:
                continue
            for order, name, entity_id in entries:
                size = len(name)
                if position + size <= count and (size == 1 or list(tokens[position + 1:position + size]) == name[1:]):
                    candidates.append((order, position, size, entity_id))
        if not candidates:
            return []
        candidates.sort()
        found: list[tuple[int, int, str]] = []
        taken = [False] * count
        for _, position, size, entity_id in candidates:
            if any(taken[position:position + size]):
                continue
            found.append((position, position + size, entity_id))
            taken[position:position + size] = [True] * size
        return sorted(found)


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
_HEAD_RE = re.compile(
    r"(?<!\w)(?:[وبلف]|ك)?(?:ال)?(" + "|".join(sorted(_AGREEMENT_HEADS, key=len, reverse=True)) + r")"
    r"(?:ها|هما|هم|نا|ه)?(?!\w)"
)
# Every head contains one of these: a paragraph with none of them has no mention (a cheap pre-check).
_HEAD_KEYS = ("اتفاق", "معاهد", "مذكر", "شراك", "تحالف", "مشترك")
assert all(any(key in head for key in _HEAD_KEYS) for head in _AGREEMENT_HEADS)
_KIND_HINTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"الوصول المتبادل|وصول متبادل|\bRAA\b", re.IGNORECASE), "reciprocal_access_agreement"),
    (re.compile(r"اقتناء|الخدمات المتبادله|ACSA", re.IGNORECASE), "acquisition_cross_servicing"),
    (re.compile(r"امن المعلومات|حمايه المعلومات|المعلومات السريه"), "information_security"),
    (re.compile(r"نقل المعدات|التكنولوجيا الدفاعيه"), "equipment_technology_transfer"),
    (re.compile(r"تطوير مشترك|التطوير المشترك"), "co_development"),
]
# Words that extend an agreement head: definite or لل-words, nisba adjectives, acronyms.
_MODIFIER_RE = re.compile(
    r"\s+(?:[وب]?ال[\w\-]+|ل[\w\-]{3,}|[\w\-]{3,}(?:يه|ي)|[A-Z0-9]{2,8}|\([A-Za-z0-9\- ]{2,12}\))(?!\w)", re.IGNORECASE
)
# "the alliance" is an agreement only when it links parties (تحالفها مع، التحالف بين، التحالف الياباني الأمريكي).
_ALLIANCE_RE = re.compile(r"تحالف(?:ها|هما|هم|نا|ه)?\s+(?:مع|بين)|(?<!\w)[وب]?التحالف\s+(?:بين|الامني|الياباني|الامريكي)")
_STATUS_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"حيز التنفيذ|دخلت|سارية"), "in_force"),
    (re.compile(r"(?<!\w)[وف]?(?:ست|سي)وقع|من المقرر ان (?:ت|ي)وقع|سيتم توقيع|للتوقيع"), "to_be_signed"),
    (re.compile(r"(?<!\w)[وف]?(?:وقع|وقعت|وقعوا|وقعا|وقعتا|وقعته|وقعتها|توقيع|ابرم|ابرمت|يبرمها)(?!\w)"), "signed"),
    (re.compile(r"مفاوضات|التفاوض|محادثات بشان|يتفاوض|تتفاوض"), "under_negotiation"),
    (re.compile(r"النظر في|دراسه|تدرس|يدرس|اقترح|اقتراح"), "under_consideration"),
    (re.compile(r"(?<!\w)[وف]?(?:اعلن|اعلنت|اعلنا|اعلنوا|يعلنان|تعلنان)(?!\w)"), "announced"),
    (re.compile(r"(?<!\w)[وف]?(?:اتفق|اتفقت|اتفقا|اتفقوا|اتفقتا)(?!\w)"), "agreed"),
]


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


@dataclass
class _Sentence:
    start: int
    end: int


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
        self.people, self.parties, self.persons = _gazetteers(tuple(
            (entity.entity_id, entity.kind, tuple(entity.names_ar)) for entity in registry.entities.values()
        ))
        self.state = _State()
        # States and bodies named anywhere in the article break ties between known agreements.
        self._text_norm = _fold(text)
        self.article_parties = {eid for _, _, eid in self.parties.match(self._text_norm.split())}
        self.quotations: list[dict[str, Any]] = []
        self.mentions: list[dict[str, Any]] = []

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

    def _speakers_after(self, para: str, cue: Cue, limit: int, cues: Sequence[Cue]) -> tuple[list[str], bool]:
        """Speaker ids named just after a cue (up to ``limit``); bool: the cue named its subject."""
        if not cue.takes_subject:
            return [], False
        limit = min([limit] + [c.start for c in cues if c.start > cue.start])
        window = para[cue.end:limit]
        norm, mapping = normalize_with_map(window)
        tokens: list[tuple[int, int, str]] = []
        for start, end, word in _words(norm):
            if word in _STOP_WORDS or word.startswith("لل") or len(tokens) >= _MAX_SPEAKER_WORDS:
                break
            between = norm[tokens[-1][1]:start] if tokens else norm[:start]
            if _SPEAKER_BREAK_RE.search(between):
                break
            tokens.append((start, end, word))
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

    def paragraph(self, para: Paragraph) -> None:
        text = para.text
        sentences = _sentences(text)
        # Shared by the cue and agreement rules; with nothing dropped from the article,
        # a paragraph's matching form is a slice of the article's.
        if len(self._text_norm) == len(self.text) and self.text.startswith(text, para.start):
            normalized = (self._text_norm[para.start:para.start + len(text)], list(range(len(text) + 1)))
        else:
            normalized = normalize_with_map(text)
        all_cues = find_cues(text, normalized)
        # A sentence that begins with a reporting cue ends an unclosed quote before it.
        cut_before = [s.start for s in sentences for c in all_cues if c.start == s.start]
        quotes = find_quotes(text, cut_before)
        # Reporting verbs inside quoted words are the speaker's, not the reporter's.
        cues = [c for c in all_cues if not any(q.start <= c.start < q.end for q in quotes)]
        cue_speakers: dict[int, tuple[list[str], bool]] = {}
        for cue in cues:
            sentence = next((s for s in sentences if s.start <= cue.start < s.end), None)
            cue_speakers[cue.start] = self._speakers_after(text, cue, sentence.end if sentence else len(text), cues)
        events: list[tuple[int, int, Cue | QuoteSpan]] = [(c.start, 0, c) for c in cues] + [(q.start, 1, q) for q in quotes]
        for _, _, item in sorted(events, key=lambda e: (e[0], e[1])):
            if isinstance(item, Cue):
                ids, named = cue_speakers[item.start]
                if named and ids:
                    self.state.last_speakers = ids
            else:
                self._quotation(para, item, cues, sentences, cue_speakers)
        self._agreements(para, sentences, normalized)

    def _quotation(self, para: Paragraph, quote: QuoteSpan, cues: Sequence[Cue], sentences: Sequence[_Sentence],
                   cue_speakers: dict[int, tuple[list[str], bool]]) -> None:
        text = para.text
        start, end = _trim(text, quote.start, quote.end)
        if end <= start or _is_term(text[start:end], cues_in_sentence=bool(cues)):
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
                earlier = self.persons.match(normalize_with_map(text[sentence_start:cue.start])[0].split())
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
        inner_words = len(text[start:end].split())
        outside = (text[sentence_start:open_at] + " " + text[close_at + 1:after_limit]).strip(" .،,:\"“”«»")
        record["is_fragment"] = inner_words <= 6 and quote.balanced and len(outside.split()) > 4 and cue is not None and (
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
        """exact plus the shortest prefix/suffix that makes it unique."""
        exact = self.text[start:end]
        selector: dict[str, Any] = {"exact": exact}
        if isinstance(resolve(self.text, exact), Anchor):
            return selector
        for size in (8, 16, 32, 64, 128, 256, 10_000):
            suffix = self.text[end:end + size]
            prefix = self.text[max(0, start - size):start]
            for candidate in ({"suffix": suffix}, {"prefix": prefix}, {"prefix": prefix, "suffix": suffix}):
                if any(not v for v in candidate.values()):
                    continue
                found = resolve(self.text, exact, candidate.get("prefix"), candidate.get("suffix"))
                if isinstance(found, Anchor) and found.start == start:
                    selector.update(candidate)
                    return selector
        selector["start"] = start  # pragma: no cover - prefix+suffix of the whole text is always unique
        return selector

    # -- agreements

    def _agreements(self, para: Paragraph, sentences: Sequence[_Sentence], normalized: tuple[str, list[int]]) -> None:
        text = para.text
        norm, mapping = normalized
        if not any(key in norm for key in _HEAD_KEYS):
            return
        # What depends only on the sentence, computed once per sentence: its matching form
        # (a slice of the paragraph's: the rules are per character), parties, status word.
        per_sentence: dict[tuple[int, int], tuple[str, list[str], str | None]] = {}
        for match in _HEAD_RE.finditer(norm):
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
            sentence = next((s for s in sentences if s.start <= start < s.end), _Sentence(0, len(text)))
            key = (sentence.start, sentence.end)
            if key not in per_sentence:
                sentence_norm = norm[bisect.bisect_left(mapping, sentence.start):bisect.bisect_left(mapping, sentence.end)]
                per_sentence[key] = (
                    sentence_norm,
                    [eid for _, _, eid in self.parties.match(sentence_norm.split())],
                    next((s for p, s in _STATUS_RULES if p.search(sentence_norm)), None),
                )
            sentence_norm, sentence_parties, sentence_status = per_sentence[key]
            mention_norm = norm[head_start:span_end]
            head = match.group(1)
            if head == "تحالف" and not _ALLIANCE_RE.search(mention_norm + " " + sentence_norm):
                continue  # "the alliance" as a name for NATO or a bloc, not an agreement
            kind = _AGREEMENT_HEADS[head]
            for pattern, hinted in _KIND_HINTS:
                if pattern.search(mention_norm) or pattern.search(sentence_norm):
                    kind = hinted
                    break
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
            match = _MODIFIER_RE.match(norm[position:])
            if not match:
                break
            word = match.group().strip()
            if word.lstrip("و") in _STOP_WORDS or word in ("التي", "الذي", "الاخري", "الاولي"):
                break
            # A definite noun takes adjectives (nisba -ي/-يه), not a second definite noun.
            if definite and word.startswith(("ال", "وال", "بال")) and not word.endswith(("ي", "يه")):
                break
            position += match.end()
        return position

    def _parties_end(self, norm: str, end: int) -> tuple[int, list[str]]:
        """Extend a mention over "مع/بين" and the parties named after it (اتفاقية ... بين اليابان والفلبين)."""
        joiner = _JOINER_RE.match(norm[end:])
        if not joiner:
            return end, []
        words = _words(norm[end + joiner.end():])[:8]
        found = self.parties.match([w for _, _, w in words])
        taken, parties = 0, []
        for first, last, entity_id in found:
            if first != taken:
                break
            taken = last
            parties.append(entity_id)
        if not parties:
            return end, []
        return end + joiner.end() + words[taken - 1][1], parties

    def _agreement_for(self, kind: str, parties: list[str], named: list[str], written: str, mention_norm: str) -> str:
        """A known agreement that fits the kind and parties, the last one mentioned, or a new draft one."""
        scored: list[tuple[float, str]] = []
        for agreement in self.registry.agreements.values():
            score = 0
            if agreement.name_ar and _norm(agreement.name_ar) in mention_norm:
                score += 4
            if agreement.kind == kind:
                score += 2
            if named and not set(named) <= set(agreement.parties):
                continue  # the mention names its parties: they must fit
            score += len(set(parties) & set(agreement.parties))
            if score >= 3:
                tiebreak = len(self.article_parties & set(agreement.parties)) / (1 + len(agreement.parties))
                scored.append((score + tiebreak, agreement.agreement_id))
        scored.sort(key=lambda item: (-item[0], item[1]))
        if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            self.state.last_agreement = scored[0][1]
            return scored[0][1]
        last = self.state.last_agreement
        if last and (len(mention_norm.split()) <= 1 or not parties) and kind in ("other", self._agreement_kind(last)):
            return last  # an anaphoric "the agreement"
        party_ids = [p for p in named if p != "JPN"]
        base = slugify("-".join(["jpn", *[p.lower() for p in party_ids], kind.replace("_", "-")]))
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


def _sentences(text: str) -> list[_Sentence]:
    """Sentence spans of one paragraph (a quote mark after the full stop stays with the sentence)."""
    sentences: list[_Sentence] = []
    start = 0
    for match in _SENTENCE_SPLIT_RE.finditer(text):
        end = match.end()
        # A closing quote right after the stop belongs to the sentence; an opening one does not.
        trailing = text[match.start():end]
        keep = len(trailing.rstrip())
        while keep > 0 and trailing[keep - 1] in _QUOTE_CLASS and _role(text, match.start() + keep - 1) == "open":
            keep -= 1
        end = match.start() + len(trailing[:keep].rstrip()) if keep else match.start() + 1
        if end > start:
            sentences.append(_Sentence(start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        sentences.append(_Sentence(start, len(text)))
    return sentences


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past white space and quote marks at either end."""
    while start < end and (text[start].isspace() or text[start] in _QUOTE_CLASS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _QUOTE_CLASS):
        end -= 1
    return start, end


_VERB_LIKE = re.compile(r"(?<!\w)[وف]?(?:س?[يتن][\w]{3,}|[\w]{2,}(?:وا|ت|نا|تم))(?!\w)")


def _is_term(quoted: str, cues_in_sentence: bool) -> bool:
    """A name or term in quote marks rather than quoted speech (a ship name, "2+2")."""
    norm = normalize_with_map(quoted)[0]
    words = norm.split()
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
    segmented = segment_paragraphs(paragraphs, overrides)
    extractor = _Extractor(article_id, text, registry or Registry(), [p for p, _ in segmented])
    return extractor.run([kind for _, kind in segmented])


def extract_file(article_file: Path | str, raw_dir: Path | str | None = "raw") -> Draft:
    """Read an article file and draft its annotation file; problems go into the draft's report.

    The registry (raw/entities.yaml, raw/agreements.yaml) and the article's metadata
    overrides are read from ``raw_dir`` when it exists.
    """
    from .build import read_registry

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
        report.add(_issue(display, "invalid-utf8" if exc.byte_offset is not None else "file-too-large", str(exc)))
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
