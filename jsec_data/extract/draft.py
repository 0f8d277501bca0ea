"""``jsec extract``: a rule-based draft annotation file for a new article.

Deterministic, offline, no model weights. The draft is a starting point for a
contributor, never gold: every record it writes resolves in the article (so the
draft passes ``jsec validate``), but speakers, agreements and statuses are guesses.

The rules (see docs/extractor.md for what they get wrong):

* paragraphs and boilerplate come from :mod:`jsec_data.article.segment`; only lead and body
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

This module applies the rules paragraph by paragraph and writes the draft; the rules
live beside it: :mod:`~jsec_data.extract.quotes` (quote marks, sentences), :mod:`~jsec_data.extract.cues`
(reporting verbs, speaker words), :mod:`~jsec_data.extract.names` (gazetteers, slugs),
:mod:`~jsec_data.extract.agreements` (heads, kinds, statuses) and
:mod:`~jsec_data.extract.matching` (the matching form with its offsets).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsec_data.extract.agreements import (
    _AGREEMENT_HEADS,
    _AGREEMENT_ID,
    _AGREEMENT_KIND,
    _AGREEMENT_NAME,
    _AGREEMENT_PARTIES,
    _ALLIANCE_RE,
    _KIND_HINTS,
    _MODIFIER_RE,
    _NO_HINTS,
    _STATUS_KEYS,
    _STATUS_RULES,
    _draft_agreement_slug,
    _first_value,
    _head_matches,
    _key_spans,
    _kind_hints,
    _known_agreements,
    _mention_kind_hints,
)
from jsec_data.article.stage import Registry
from jsec_data.extract.cues import _MAX_NAME_WORDS, _MAX_SPEAKER_WORDS, _ROLE_WORDS, _STOP_WORDS, Cue, _cue_spans, _leading_title, _name_like, find_cues
from jsec_data.extract.matching import _matching, _norm, _OffsetMap, _positions, _window, _window_norm
from jsec_data.core.models import CONTENT_KINDS, SLUG_PATTERN, MetadataFile
from jsec_data.extract.names import _ENTITY_ID, _ENTITY_KIND, _ENTITY_NAMES, _gazetteers, _last_or_new, slugify
from jsec_data.extract.quotes import _QUOTE_CLASS, _SENTENCE_STOPS, QuoteSpan, _is_term, _is_word, _Sentence, _sentences, _trim, find_quotes
from jsec_data.raw.files import ARTICLE_FILE_RE, decode_issue, metadata_path, unsafe_character_issues
from jsec_data.core.issues import Issue, Report
from jsec_data.article.segment import Paragraph, segment_paragraphs, split_paragraphs
from jsec_data.core.text import TextDecodeError, decode_article
from jsec_data.core.text import fold_for_matching as _fold
from jsec_data.raw.yamlfiles import read_model_file

__all__ = ["Draft", "extract_file", "extract_text", "find_cues", "find_quotes", "slugify"]

_WORD_RE = re.compile(r"[\w\-]+")
_SPEAKER_BREAK_RE = re.compile(r"[:،,؛;\"“”«»(.]")
_JOINER_RE = re.compile(r"\s+(?:مع|بين)\s+")


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
    from jsec_data.article.stage import read_registry

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
    report.extend(unsafe_character_issues(text, display))
    return Draft(article_id, extract_text(text, article_id, registry, overrides), report)


def _issue(file: str, code: str, message: str, hint: str | None = None) -> Issue:
    return Issue(file=file, line=None, column=None, severity="error", code=code, message=message, hint=hint)
