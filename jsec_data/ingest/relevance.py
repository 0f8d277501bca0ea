"""Is a news article about Japan's security and defence? The relevance filter of ``jsec ingest``.

:func:`assess` scores an article (title and body) and says whether it is on-topic: about
Japan's alliances and partnerships, defence policy and laws, forces and bases, territorial
and maritime disputes involving Japan, intelligence relations, arms, or nuclear policy tied to
defence (the rule, its borderline cases and the measured figures: ``docs/relevance.md``).

It is rule-based and explainable: every point of the score comes from a lexicon term found in
the text, and :attr:`Relevance.reasons` lists them. The lexicons are package data
(``jsec_data/ingest/data/relevance.yaml``), read once, on the first call. The text is
compared in its matching form (:func:`jsec_data.core.text.normalize_for_matching`), word by
word, with Arabic clitics stripped in general (see :func:`_forms`).

The score, in four parts:

* **Japan's salience**: Japan named in the title, in the first paragraph, how often, and
  whether a Japanese official speaks or acts ("وزير الخارجية الياباني"). An article that
  never names Japan scores 0 (the fast path: most articles of a corpus).
* **Security evidence**: security terms (defence, forces, alliance, constitution, disputed
  seas, spying ...) found within a window of characters around a Japan mention, or in the
  title (which says what the whole article is about). Each
  distinct term adds its weight once, repeats add a quarter each (two at most); security
  terms in a title that names Japan count once more. The evidence is scaled by
  ``min(1, salience / full_salience)``: a passing mention of Japan keeps a tenth of it, an
  article about Japan all of it.
* **Off-topic terms** near Japan mentions (markets, brands, sport, culture, disasters,
  nuclear power) subtract their weights, down to a floor per group.
* **Another country's story**: a country named far more often than Japan (Iran, in an
  article with one mention of Japan) subtracts a fixed penalty, unless the title names Japan.

Words of history (the Second World War, the 1945 bombs) are matched so that their words do
not count as security terms, and carry no weight. Trap words that look like Japan terms
("اليابسة", dry land; the insurer "الإنماء طوكيو مارين") are matched first and never count.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from jsec_data.core.text import fold_for_matching, matching_pattern, normalize_for_matching

__all__ = ["DEFAULT_MIN_SCORE", "Relevance", "assess", "screen"]

#: The threshold of :func:`assess`, tuned on the dev half of the labelled sample
#: (``benchmarks/data/relevance_labels.jsonl``; figures in ``docs/relevance.md``).
DEFAULT_MIN_SCORE: float = 2.0


@dataclass(frozen=True)
class Relevance:
    """The verdict on one article."""

    score: float  # higher = more on-topic
    on_topic: bool  # score >= min_score
    reasons: tuple[str, ...]  # what fired, human-readable, e.g. 'japan:title "اليابان"'


def assess(title: str, text: str, *, min_score: float = DEFAULT_MIN_SCORE) -> Relevance:
    """Score an article about Japan's security and defence; ``on_topic`` when ``score >= min_score``.

    ``title`` and ``text`` as found in the source (HTML entities, stray whitespace, tatweel
    and diacritics are all fine). Deterministic; no network.

    >>> r = assess("اليابان تقر قوانين أمنية", "أقر البرلمان الياباني قوانين تسمح للقوات اليابانية بالدفاع الجماعي عن النفس.")
    >>> r.on_topic, r.reasons[0]
    (True, 'japan:title "اليابان"')
    >>> assess("العثور على سفينة", "وصلت السفينة إلى اليابسة بعد عاصفة.").reasons
    ('japan: none', 'trap:"اليابسه" ignored')
    """
    lexicon = _lexicon()
    norm_title = normalize_for_matching(_unescape(title))
    joined = norm_title + "\n" + normalize_for_matching(_unescape(text))
    verdict = _without_japan(joined, lexicon, min_score)
    return verdict if verdict is not None else _score(joined, len(norm_title), lexicon, min_score)


def screen(title: str, text: str, *, min_score: float = DEFAULT_MIN_SCORE) -> Relevance | None:
    """:func:`assess`'s verdict on an article that names Japan nowhere; None when it may name Japan.

    Meant for a record's fields as found, before ``jsec_data.ingest.normalise_text``: whether
    Japan is named does not depend on white space (no needle holds any), so whenever this is
    not None it equals ``assess(normalise_title(title), normalise_text(text))``, without
    normalising. Fields that hold ``&`` give None: normalising decodes HTML entities once and
    :func:`assess` once more, which a single pass here would not repeat.

    >>> screen("سوق الأسهم", "ارتفع المؤشر.").reasons
    ('japan: none',)
    >>> screen("اليابان", "نص") is None, screen("عنوان", "Tom &amp; Jerry") is None
    (True, True)
    """
    if "&" in title or "&" in text:
        return None
    fields = title + "\n" + text
    # (A lone surrogate, which a JSON escape can make, is no letter: encoded as is, it matches nothing.)
    if _needle_search()(fields.encode("utf-8", "surrogatepass")) is None:
        return Relevance(0.0, min_score <= 0.0, ("japan: none",))
    lexicon = _lexicon()
    # Folded without NFC first (NFC is slow on the texts that need it). Composing only joins a
    # letter and a mark that folding drops into a letter that folding maps back to that letter
    # (ا + madda -> آ -> ا), so every needle of the NFC form is found in this one too.
    folded = fold_for_matching(fields)
    if any(needle in folded for needle in lexicon.japan_needles):
        return None
    if not any(needle in folded for needle in lexicon.trap_needles):
        return Relevance(0.0, min_score <= 0.0, ("japan: none",))
    return _without_japan(normalize_for_matching(fields), lexicon, min_score)  # the trap words, as assess names them


@functools.cache
def _needle_search() -> Callable[[bytes], object | None]:
    """Search of a text as found (UTF-8) for any Japan or trap needle, without folding it first.

    RE2 runs the needles as one automaton in a single linear pass (about 6 ns a character
    over SaudiNewsNet, its UTF-8 encoding included) where folding the text and looking for
    each needle took 20 ns; Python's ``re`` tries every alternative at every place (50 ns).
    """
    import re2  # type: ignore[import-untyped]  # (no type hints)

    lexicon = _lexicon()
    options = re2.Options()
    options.never_capture = True
    search: Callable[[bytes], object | None] = re2.compile(
        matching_pattern(lexicon.japan_needles + lexicon.trap_needles), options).search
    return search


def _without_japan(joined: str, lexicon: _Lexicon, min_score: float) -> Relevance | None:
    """The verdict when no Japan needle occurs in ``joined`` (the matching form), else None."""
    if any(needle in joined for needle in lexicon.japan_needles):
        return None
    reasons = ["japan: none"]
    if any(needle in joined for needle in lexicon.trap_needles):
        reasons.extend(f'trap:"{word}" ignored' for word in _trap_words(joined, lexicon))
    return Relevance(0.0, min_score <= 0.0, tuple(reasons))


# ----------------------------------------------------------------------------- lexicon


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per entry
class _Term:
    """One lexicon entry: a word, a word prefix (``prefix``) or a sequence of words."""

    display: str  # as written in the YAML
    kind: str  # "japan", "security", "history", "off_topic", "focus", "trap"
    group: str  # the YAML group: "country", "cues", "economy", a country's first form ...
    weight: float
    words: tuple[str, ...]  # matching form
    prefix: bool = False  # a single word ending in "*" in the YAML
    anchor: bool = False  # a security term of Japan's present-day agenda


@dataclass(frozen=True)
class _Lexicon:
    single: Mapping[str, _Term]
    prefixes: Mapping[str, _Term]
    prefix_lengths: tuple[int, ...]
    phrases: Mapping[str, tuple[_Term, ...]]  # first word -> longest first
    officials: frozenset[str]
    military_actors: frozenset[str]
    generic_cap: float
    japan_needles: tuple[str, ...]  # substrings one of which every Japan mention contains
    trap_needles: tuple[str, ...]
    window: int
    full_salience: float
    salience: Mapping[str, float]
    floors: Mapping[str, float]  # off-topic group -> floor
    focus_penalty: float
    focus_min_count: int
    focus_ratio: float
    _cache: dict[str, tuple[_Term | None, tuple[_Term, ...], frozenset[str]]] = field(
        default_factory=dict, compare=False, repr=False)


# When two terms match at one place the longer wins; between equals, this order.
_KIND_RANK = {"trap": 0, "japan": 1, "history": 2, "security": 3, "off_topic": 4, "focus": 5}


@functools.cache
def _lexicon() -> _Lexicon:
    """The compiled lexicons, read from the package data once."""
    from importlib import resources  # only when the filter is first used

    import yaml

    path = resources.files("jsec_data.ingest").joinpath("data").joinpath("relevance.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return _compile(data)


def _compile(data: Mapping[str, Any]) -> _Lexicon:
    terms: list[_Term] = []

    def add(display: str, kind: str, group: str, weight: float, anchor: bool = False) -> None:
        raw = str(display).strip()
        prefix = raw.endswith("*")
        words = tuple(normalize_for_matching(raw.rstrip("*")).split())
        if not words or (prefix and len(words) != 1):
            raise ValueError(f"relevance lexicon: bad term {display!r} in {kind}/{group}")
        terms.append(_Term(raw, kind, group, float(weight), words, prefix, anchor))

    for group, spec in data["japan"].items():
        for term in spec["terms"]:
            add(term, "japan", group, spec["weight"])
    for group, spec in data["security"].items():
        for term in spec["terms"]:
            add(term, "security", group, spec["weight"], bool(spec["anchor"]))
    for term in data["history"]:
        add(term, "history", "history", 0.0)
    floors: dict[str, float] = {}
    for group, spec in data["off_topic"].items():
        floors[group] = float(spec["floor"])
        for term in spec["terms"]:
            add(term, "off_topic", group, spec["weight"])
    focus = data["focus"]
    for forms in focus["countries"]:
        for term in forms:
            add(term, "focus", str(forms[0]), 0.0)
    for term in data["traps"]:
        add(term, "trap", "trap", 0.0)

    single: dict[str, _Term] = {}
    prefixes: dict[str, _Term] = {}
    phrases: dict[str, list[_Term]] = {}
    for term in terms:
        if len(term.words) > 1:
            phrases.setdefault(term.words[0], []).append(term)
            continue
        table = prefixes if term.prefix else single
        clash = table.get(term.words[0])
        if clash is not None:
            raise ValueError(f"relevance lexicon: {term.display!r} ({term.kind}/{term.group}) "
                             f"repeats {clash.display!r} ({clash.kind}/{clash.group})")
        table[term.words[0]] = term
    # Every match of a term contains its longest word (a form of a text word is part of it,
    # but for the article put back after "لل", whose alef the needles drop anyway).
    japan_cores = {max(t.words, key=len) for t in terms if t.kind == "japan"}
    japan_needles = _needles(japan_cores)
    # Trap needles are only looked for where no Japan needle occurs: a trap term with a word that
    # holds one ("الإنماء طوكيو مارين") cannot match there.
    trap_cores = {max(t.words, key=len) for t in terms if t.kind == "trap"
                  and not any(needle in word for word in t.words for needle in japan_needles)}
    return _Lexicon(
        single=single,
        prefixes=prefixes,
        prefix_lengths=tuple(sorted({len(p) for p in prefixes}, reverse=True)),
        phrases={k: tuple(sorted(v, key=lambda t: -len(t.words))) for k, v in phrases.items()},
        officials=frozenset(normalize_for_matching(w) for w in data["officials"]),
        military_actors=frozenset(normalize_for_matching(w) for w in data["military_actors"]),
        generic_cap=float(data["generic_cap"]),
        japan_needles=japan_needles,
        trap_needles=_needles(trap_cores),
        window=int(data["window_chars"]),
        full_salience=float(data["full_salience"]),
        salience={k: float(v) for k, v in data["salience"].items()},
        floors=floors,
        focus_penalty=float(focus["penalty"]),
        focus_min_count=int(focus["min_count"]),
        focus_ratio=float(focus["ratio"]),
    )


def _needles(cores: set[str]) -> tuple[str, ...]:
    """Substrings for a quick "could this text hold one of these words?" test.

    A leading alef (``ا``, after folding also أ إ آ) is dropped, as it is the commonest
    letter and makes ``in`` slow; a needle contained in another is dropped too.
    """
    stripped = {c[1:] if c.startswith("ا") and len(c) > 3 else c for c in cores}
    stripped = {c[1:] if c.startswith("ل") and len(c) > 3 and c[1:] in stripped else c for c in stripped}
    return tuple(sorted(n for n in stripped if not any(o != n and o in n for o in stripped)))


# ------------------------------------------------------------------------- matching

_WORD_RE = re.compile(r"[\u0621-\u064a0-9a-z]+")
# Pronoun suffixes, the folded ta marbuta (ه) and the accusative tanween alef (ا).
_ENCLITICS = ("هما", "كما", "ها", "هم", "هن", "كم", "نا", "ه", "ا")


def _forms(word: str) -> frozenset[str]:
    """The word and what it may be once Arabic clitics are stripped, in general.

    Proclitics: a conjunction (و ف), then a preposition (ب ل ك), then the article (ال), or
    ``لل`` (ل with the article, its alef dropped); an article stripped is also put back
    (``للدفاع`` gives ``دفاع`` and ``الدفاع``). Enclitics: the pronoun suffixes (ه ها هم هما
    هن كم كما نا); a final ``ه`` is also the folded ta marbuta, so ``عسكرية`` gives ``عسكري``;
    a final ``ا`` is the accusative tanween (``دستورا سلميا`` gives ``دستور سلمي``).
    Stems shorter than two letters are not kept.

    >>> sorted(_forms("وللدفاع"))
    ['الدفاع', 'دفاع', 'لدفاع', 'للدفاع', 'وللدفاع']
    """
    forms = {word}
    after_conj = [word, word[1:]] if word[:1] in ("و", "ف") else [word]
    for rest in after_conj:
        forms.add(rest)
        if rest.startswith("لل"):
            forms.add(rest[2:])
            forms.add("ال" + rest[2:])
        for prep in ("", "ب", "ل", "ك"):
            if prep and not rest.startswith(prep):
                continue
            stem = rest[len(prep):]
            forms.add(stem)
            if stem.startswith("ال"):
                forms.add(stem[2:])
    for form in list(forms):
        for suffix in _ENCLITICS:
            if form.endswith(suffix) and len(form) - len(suffix) >= 2:
                forms.add(form[: -len(suffix)])
    return frozenset(f for f in forms if len(f) >= 2)


def _analyse_word(word: str, lexicon: _Lexicon) -> tuple[_Term | None, tuple[_Term, ...], frozenset[str]]:
    """The single-word term a word matches, the phrases it may start, and its forms (cached)."""
    cached = lexicon._cache.get(word)
    if cached is not None:
        return cached
    forms = _forms(word)
    best: _Term | None = None
    heads: list[_Term] = []
    for form in sorted(forms, key=lambda f: (-len(f), f)):  # least stripped first
        term = lexicon.single.get(form)
        if term is None:
            for length in lexicon.prefix_lengths:
                if len(form) >= length:
                    term = lexicon.prefixes.get(form[:length])
                    if term is not None:
                        break
        if term is not None and (best is None or _KIND_RANK[term.kind] < _KIND_RANK[best.kind]):
            best = term
        heads.extend(lexicon.phrases.get(form, ()))
    result = (best, tuple(sorted(set(heads), key=lambda t: (-len(t.words), _KIND_RANK[t.kind], t.display))), forms)
    if len(lexicon._cache) < 50_000:  # words of Japan-mentioning articles only: a few MB at most
        lexicon._cache[word] = result
    return result


class _Match(NamedTuple):
    term: _Term
    start: int  # character offset in the joined matching form
    first: int  # word index
    surface: str  # the words as found (matching form)


def _matches(joined: str, lexicon: _Lexicon) -> tuple[list[_Match], list[str], list[int]]:
    """Every lexicon match, longest first at each place; also the words and their offsets."""
    words: list[str] = []
    starts: list[int] = []
    for m in _WORD_RE.finditer(joined):
        words.append(m.group())
        starts.append(m.start())
    cached = lexicon._cache.get  # (most words are cached: the call to _analyse_word is skipped for them)
    analysed = [cached(w) or _analyse_word(w, lexicon) for w in words]
    found: list[_Match] = []
    i = 0
    n = len(words)
    while i < n:
        single, heads, _ = analysed[i]
        hit: _Term | None = None
        for phrase in heads:
            k = len(phrase.words)
            if i + k <= n and all(phrase.words[j] in analysed[i + j][2] for j in range(1, k)):
                hit = phrase
                break
        if hit is None:
            hit = single
        if hit is None:
            i += 1
            continue
        k = len(hit.words)
        found.append(_Match(hit, starts[i], i, " ".join(words[i : i + k])))
        i += k
    return found, words, starts


def _trap_words(joined: str, lexicon: _Lexicon) -> list[str]:
    found, _, _ = _matches(joined, lexicon)
    return sorted({m.surface for m in found if m.term.kind == "trap"})


# -------------------------------------------------------------------------- scoring


def _score(joined: str, title_end: int, lexicon: _Lexicon, min_score: float) -> Relevance:
    found, words, _ = _matches(joined, lexicon)
    japan = [m for m in found if m.term.kind == "japan"]
    traps = sorted({m.surface for m in found if m.term.kind == "trap"})
    trap_reasons = [f'trap:"{w}" ignored' for w in traps]
    if not japan:
        return Relevance(0.0, min_score <= 0.0, ("japan: none", *trap_reasons))

    sal = lexicon.salience
    reasons: list[str] = []
    salience = 0.0
    in_title = [m for m in japan if m.start < title_end]
    if in_title:
        salience += sal["title"] * max(m.term.weight for m in in_title)
        reasons.append(f'japan:title "{in_title[0].surface}"')
    lead_end = _lead_end(joined, title_end)
    in_lead = [m for m in japan if title_end < m.start < lead_end]
    if in_lead:
        salience += sal["lead"] * max(m.term.weight for m in in_lead)
        reasons.append(f'japan:lead "{in_lead[0].surface}"')
    weight_sum = sum(m.term.weight for m in japan)
    salience += sal["per_mention"] * min(sal["max_mentions"], weight_sum)
    reasons.append(f"japan:mentions x{len(japan)}")
    official = _actor(japan, words, lexicon.officials)
    military = _actor(japan, words, lexicon.military_actors)
    if official or military:
        salience += sal["official"]
    if official:
        reasons.append(f'japan:official "{official}"')
    if military:
        reasons.append(f'japan:military "{military}"')
    factor = min(1.0, salience / lexicon.full_salience)

    positions = [m.start for m in japan]
    # The title says what the whole article is about: its terms count wherever Japan is named.
    near = [m for m in found if m.term.kind in ("security", "off_topic", "history")
            and (m.start < title_end or _near(m.start, positions, lexicon.window))]
    security = 0.0
    anchored = bool(military)
    by_term: dict[_Term, list[_Match]] = {}
    for m in near:
        by_term.setdefault(m.term, []).append(m)
    title_has_japan = bool(in_title)
    sec_parts: list[tuple[float, str]] = []
    history: list[str] = []
    off: dict[str, list[_Term]] = {}
    for term, ms in by_term.items():
        if term.kind == "security":
            value = term.weight * (1 + 0.25 * min(2, len(ms) - 1))
            if title_has_japan and any(m.start < title_end for m in ms):
                value += term.weight
            security += value
            anchored = anchored or term.anchor
            label = term.display if not term.prefix else ms[0].surface
            count = f" x{len(ms)}" if len(ms) > 1 else ""
            sec_parts.append((value, f'security:"{label}"{count} +{value:.2f}'))
        elif term.kind == "history":
            history.append(term.display)
        else:
            off.setdefault(term.group, []).append(term)
    sec_parts.sort(key=lambda p: (-p[0], p[1]))
    if security:
        if not anchored and security > lexicon.generic_cap:
            reasons.append(f"security: no anchor term, {security:.2f} capped at {lexicon.generic_cap:.2f}")
            security = lexicon.generic_cap
        reasons.append(f"salience {salience:.2f}/{lexicon.full_salience:.2f}: security {security:.2f} x{factor:.2f}")
    else:
        reasons.append("security: none near Japan")
    score = security * factor
    reasons.extend(p[1] for p in sec_parts)
    if history:
        reasons.append("history: " + ", ".join(f'"{h}"' for h in sorted(history)) + " not counted")
    for group in sorted(off):
        group_terms = sorted(off[group], key=lambda t: t.display)
        value = max(lexicon.floors[group], sum(t.weight for t in group_terms))
        score += value
        shown = ", ".join(f'"{t.display}"' for t in group_terms[:4]) + (" ..." if len(group_terms) > 4 else "")
        reasons.append(f"off-topic:{group} {shown} {value:.2f}")

    if not in_title:
        counts: dict[str, int] = {}
        for m in found:
            if m.term.kind == "focus":
                counts[m.term.group] = counts.get(m.term.group, 0) + 1
        if counts:
            country, times = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
            if times >= lexicon.focus_min_count and times >= lexicon.focus_ratio * len(japan):
                score += lexicon.focus_penalty
                reasons.append(f'focus:"{country}" x{times} vs japan x{len(japan)} {lexicon.focus_penalty:.2f}')
    reasons.extend(trap_reasons)
    score = round(score, 4)
    return Relevance(score, score >= min_score, tuple(reasons))


def _lead_end(joined: str, title_end: int) -> int:
    """End of the first paragraph of the body (at most 400 characters of it)."""
    body_start = title_end + 1
    newline = joined.find("\n", body_start)
    end = len(joined) if newline < 0 else newline
    return min(end, body_start + 400)


def _near(position: int, japan_positions: Sequence[int], window: int) -> bool:
    i = bisect.bisect_left(japan_positions, position - window)
    return i < len(japan_positions) and japan_positions[i] <= position + window


def _actor(japan: Sequence[_Match], words: Sequence[str], actors: frozenset[str]) -> str:
    """``"وزير ... الياباني"`` when an actor word comes at most three words before a Japan adjective."""
    for m in japan:
        if m.term.group != "country" or not m.surface.endswith(("ي", "يه", "يون", "يين")):
            continue
        for back in range(1, 4):
            j = m.first - back
            if j < 0:
                break
            if actors & _forms(words[j]):
                return " ".join(words[j : m.first + 1])
    return ""


def _unescape(s: str) -> str:
    """HTML entities decoded (``&quot;`` is common in scraped news), only when there may be one."""
    if "&" not in s:
        return s
    import html

    return html.unescape(s)
