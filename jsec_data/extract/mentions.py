"""Agreement mentions: a head word with its modifiers and parties, the agreement it refers to, and its status.

A mention refers to the registry agreement whose name, kind and parties fit it best;
failing one, to the agreement the article mentioned last (an anaphoric "the
agreement"); failing that, to a new draft agreement. Its status comes from the verbs
of its sentence, else from the article's last mention of the same agreement.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from jsec_data.article.segment import Paragraph
from jsec_data.extract.agreements import (
    MODIFIER_RE,
    KnownAgreement,
    agreement_words,
    head_matches,
    kind_hints,
    known_agreements,
    mention_kind_hints,
    reported_status,
)
from jsec_data.extract.lexicon import stop_words
from jsec_data.extract.matching import WORD_RE, Normalized
from jsec_data.extract.model import AgreementMention
from jsec_data.extract.names import Gazetteer
from jsec_data.extract.proposals import Proposals
from jsec_data.extract.quotes import Sentence, split_sentences, trim_span
from jsec_data.extract.selectors import unique_selector

if TYPE_CHECKING:  # pragma: no cover
    from jsec_data.article.stage import Registry

__all__ = ["Mentions"]

_FIRST_WORD_RE = re.compile(r"[^\s]+")
#: A place between a head and its parties: في and one word.
_PLACE_RE = re.compile(r"\s+في\s+[\w\-]+")


#: [the known agreements, their names by first word] (see Mentions._names).
_LAST_NAMES: list[Any] = []


class Mentions:
    """The agreement mentions of one article, in reading order, with the agreement mentioned last."""

    def __init__(self, text: str, norm: str, registry: Registry, parties: Gazetteer, proposals: Proposals) -> None:
        self.text = text  # the article's, and (norm) its matching form
        self._norm = norm
        self.registry = registry
        self.parties = parties
        self.proposals = proposals
        self.records: list[AgreementMention] = []
        self.last_agreement: str | None = None
        # Agreements named (not by a bare head) so far, in order: what a bare الاتفاقية can take up.
        self.named: list[tuple[str, str]] = []  # (agreement id, kind)
        self.unlinked: list[str] = []  # bare heads with nothing to take up, as written (for the draft's notes)
        self._known: tuple[KnownAgreement, ...] | None = None
        self._by_first_word: dict[str, list[tuple[str, str]]] | None = None
        # The word lists, looked up once per article rather than once per mention.
        self._words, self._stops = agreement_words(), stop_words()

    @functools.cached_property
    def article_parties(self) -> set[str]:
        """States and bodies named anywhere in the article: they break ties between known agreements.

        Computed on first use: only a tie needs it (see agreement_for).
        """
        return {eid for _, _, eid in self.parties.match(WORD_RE.findall(self._norm))}  # (words without their commas)

    def add_paragraph(self, para: Paragraph, sentences: Sequence[Sentence] | None, normalized: Normalized,
                      keys: Sequence[tuple[int, int]] | None = None, stops: Sequence[int] | None = None) -> None:
        """Agreement mentions in one paragraph.

        ``sentences`` is None when not split yet (then ``stops`` as for split_sentences), ``keys`` as for head_matches.
        """
        words = self._words
        text = para.text
        norm, mapping = normalized
        # What depends only on the sentence, computed once per sentence and only when asked for: its
        # matching form (a slice of the paragraph's: the rules are per character), status word, parties, kind hints.
        per_sentence: dict[tuple[int, int], list[Any]] = {}

        def about(offset: int) -> list[Any]:
            nonlocal sentences
            if sentences is None:
                sentences = split_sentences(text, stops)  # only once a mention is found (most keys are in other words)
            for sentence in sentences:  # (a loop: cheaper than next() over a generator)
                if sentence.start <= offset < sentence.end:
                    break
            else:
                sentence = Sentence(0, len(text))
            key = (sentence.start, sentence.end)
            found = per_sentence.get(key)
            if found is None:
                sentence_norm = norm[mapping.position(sentence.start):mapping.position(sentence.end)]
                found = per_sentence[key] = [sentence_norm, reported_status(sentence_norm), None, None]
            return found

        taken_to = 0  # the end of the last mention (matching form): a head inside it is part of it
        for match in head_matches(norm, keys):
            head_start = match.start(1)
            if head_start < taken_to or words.step_re.match(norm, match.end()):
                continue  # (الاتفاق النهائي بشأن ...: a step of an agreement named as a noun, not a mention of its own)
            # Keep a definite article inside the span, drop attached و/ب/ل/ف/ك.
            definite = norm[max(0, head_start - 2):head_start] == "ال" or match.group(1).startswith("ال")
            if norm[max(0, head_start - 2):head_start] == "ال":
                head_start -= 2
            span_end = self._mention_end(norm, match.end(), definite)
            span_end, named_parties = self._parties_end(norm, span_end)
            by_name = self._registry_name(norm, head_start)
            if by_name is not None and head_start + len(by_name[1]) > span_end:
                span_end = head_start + len(by_name[1])  # the registry's own name of it, whole
            bare = by_name is None and span_end == match.end() and not named_parties
            start, end = mapping[head_start], mapping[span_end]
            start, end = trim_span(text, start, end)
            if end <= start:
                continue
            head = match.group(1)
            if bare and (definite or match.end() > match.end(1)):
                # A bare head (الاتفاقية، المعاهدة، الشراكة) takes up the agreement named nearest before
                # it, or is no mention at all (a generic word, or nothing to take up).
                agreement_id = self._taken_up(head, True)
                if agreement_id is None:
                    self.unlinked.append(text[start:end])
                    continue
                taken_to = span_end
                self._record(para, start, end, agreement_id, self._status(about(start)[1], agreement_id))
                continue
            sentence = about(start)
            sentence_norm, sentence_status = sentence[0], sentence[1]
            if bare and (head in words.plural_heads or sentence_status is None):
                continue  # an indefinite bare head (اتفاقية) is any agreement, unless the sentence signs or agrees one
            if head in words.plural_heads and not named_parties and by_name is None:
                continue  # general plurals (اتفاقيات وصول متبادلة، الشراكات بين الأصدقاء) are not mentions
            mention_norm = norm[head_start:span_end]
            if head == words.alliance_head and not words.alliance_re.search(mention_norm + " " + sentence_norm):
                continue  # "the alliance" as a name for NATO or a bloc, not an agreement
            taken_to = span_end
            if sentence[2] is None:
                sentence[2] = [eid for _, _, eid in self.parties.match(WORD_RE.findall(sentence_norm))]
                sentence[3] = kind_hints(sentence_norm)
            sentence_parties, sentence_hints = sentence[2], sentence[3]
            # The first hint found in the mention or its sentence names the kind.
            mention_hints = mention_kind_hints(mention_norm)
            if mention_hints is words.no_hints and sentence_hints is words.no_hints:
                kind = words.heads[head]  # (most mentions: no hint word at all)
            else:
                hints = zip(words.kind_hints, mention_hints, sentence_hints, strict=True)
                kind = next((rule.value for rule, in_mention, in_sentence in hints if in_mention or in_sentence),
                            words.heads[head])
            parties = list(sentence_parties)
            if by_name is not None and by_name[0] is not None:
                agreement_id = by_name[0]
                self.last_agreement = agreement_id
            else:
                agreement_id = self.agreement_for(kind, parties, named_parties, text[start:end], mention_norm)
            self.named.append((agreement_id, self.proposals.agreement_kind(agreement_id)))
            self._record(para, start, end, agreement_id, self._status(sentence_status, agreement_id))

    def _status(self, sentence_status: str | None, agreement_id: str) -> str:
        """The sentence's status word; else the article's last word on the same agreement; else in force for an
        alliance (guidelines §7), unclear for the others."""
        if sentence_status is not None:
            return sentence_status
        last = next((m["reported_status"] for m in reversed(self.records) if m["agreement_id"] == agreement_id), None)
        if last is not None:
            return last
        return "in_force" if self.proposals.agreement_kind(agreement_id) == "alliance_treaty" else "unclear"

    def _record(self, para: Paragraph, start: int, end: int, agreement_id: str, status: str) -> None:
        record: AgreementMention = {"id": f"m{len(self.records) + 1}",
                                    **unique_selector(self.text, para.start + start, para.start + end),
                                    "agreement_id": agreement_id, "reported_status": status}
        self.records.append(record)

    def _taken_up(self, head: str, definite: bool) -> str | None:
        """The agreement a bare head takes up: the one named nearest before it, of a kind the head allows."""
        if not definite:
            return None  # an indefinite bare head (اتفاقية) is any agreement: generic
        words = self._words
        if head in words.plural_heads:
            return None
        kind = words.heads[head]
        for agreement_id, named_kind in reversed(self.named):
            if kind == "other" or named_kind == kind:
                return agreement_id
        return None

    def _registry_name(self, norm: str, head_start: int) -> tuple[str | None, str] | None:
        """(id, name) of the registry agreement whose Arabic name starts at ``head_start`` (the longest);
        the id is None when that name is shared by several agreements (the parties then decide)."""
        best: tuple[str | None, str] | None = None
        names = self._by_first_word if self._by_first_word is not None else self._names()
        if not names:
            return None  # (a registry without Arabic agreement names)
        word = _FIRST_WORD_RE.match(norm, head_start)
        for agreement_id, name_norm in names.get(word.group() if word else "", ()):
            if not norm.startswith(name_norm, head_start):
                continue
            end = head_start + len(name_norm)
            if end < len(norm) and norm[end].isalnum():
                continue
            if best is None or len(name_norm) > len(best[1]):
                best = (agreement_id, name_norm)
            elif len(name_norm) == len(best[1]) and agreement_id != best[0]:
                best = (None, name_norm)
        return best

    def _mention_end(self, norm: str, end: int, definite: bool) -> int:
        """Extend a head over its modifiers: genitives and adjectives (adjectives only after a definite head)."""
        stops, modifier_stops = self._stops, self._words.modifier_stops
        position = end
        for _ in range(4):
            match = MODIFIER_RE.match(norm, position)  # from position, without copying the rest
            if not match:
                break
            word = match.group().strip()
            if word.lstrip("و") in stops or word in modifier_stops:
                break
            # A definite noun takes adjectives (nisba -ي/-يه), not a second definite noun.
            if definite and word.startswith(("ال", "وال", "بال")) and not word.endswith(("ي", "يه")):
                break
            position = match.end()
        return position

    def _parties_end(self, norm: str, end: int) -> tuple[int, list[str]]:
        """Extend a mention over "مع/بين" and the parties named after it (اتفاقية ... بين اليابان والفلبين),
        also across a place (التحالف العسكري في اليابان مع الولايات المتحدة)."""
        joiner = self._words.joiner_re.match(norm, end)
        if not joiner:
            place = _PLACE_RE.match(norm, end)
            if place is not None:
                joiner = self._words.joiner_re.match(norm, place.end())
        if not joiner:
            return end, []
        words = list(itertools.islice(WORD_RE.finditer(norm, joiner.end()), 8))
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

    def agreement_for(self, kind: str, parties: list[str], named: list[str], written: str, mention_norm: str) -> str:
        """A known agreement that fits the kind and parties, the last one mentioned, or a new draft one."""
        candidates: list[tuple[int, str, frozenset[str], int]] = []
        named_set, parties_set = set(named), set(parties)
        for agreement_id, name_norm, agreement_kind, agreement_parties, party_count in self.known():
            if named and not named_set <= agreement_parties:
                continue  # the mention names its parties: they must fit
            score = len(parties_set & agreement_parties)
            if name_norm is not None and name_norm in mention_norm:
                score += 4
            if agreement_kind == kind and kind != "other":
                score += 2  # (a mention of kind "other" says nothing of its kind)
            if agreement_parties <= parties_set:
                score += 1  # every party of it is named in the sentence
            if score >= 3:
                candidates.append((score, agreement_id, agreement_parties, party_count))
        if candidates:
            best = max(candidate[0] for candidate in candidates)
            leaders = [candidate[1] for candidate in candidates if candidate[0] == best]
            if len(leaders) == 1:
                # The tiebreak below is under 1, so it only orders equal scores: a single
                # best score wins without it (and without the article's parties).
                self.last_agreement = leaders[0]
                return leaders[0]
        scored = [(score + len(self.article_parties & agreement_parties) / (1 + party_count), agreement_id)
                  for score, agreement_id, agreement_parties, party_count in candidates]
        scored.sort(key=lambda item: (-item[0], item[1]))
        if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            self.last_agreement = scored[0][1]
            return scored[0][1]
        last = self.last_agreement
        if last and (len(mention_norm.split()) <= 1 or not parties) and kind in ("other", self.proposals.agreement_kind(last)):
            return last  # an anaphoric "the agreement"
        agreement_id = self.proposals.agreement(kind, named, written)
        self.last_agreement = agreement_id
        return agreement_id

    def _names(self) -> dict[str, list[tuple[str, str]]]:
        """The registry agreements' Arabic names (matching form) by their first word (read-only: shared by the
        articles drafted with the same known agreements, which known_agreements returns as the same object)."""
        if self._by_first_word is None:
            known = self.known()
            if _LAST_NAMES and _LAST_NAMES[0] is known:
                self._by_first_word = _LAST_NAMES[1]
            else:
                by_first_word: dict[str, list[tuple[str, str]]] = {}
                for agreement_id, name_norm, _, _, _ in known:
                    if name_norm:
                        by_first_word.setdefault(name_norm.split(" ", 1)[0], []).append((agreement_id, name_norm))
                _LAST_NAMES[:] = [known, by_first_word]
                self._by_first_word = by_first_word
        return self._by_first_word

    def known(self) -> tuple[KnownAgreement, ...]:
        """The registry's agreements as compared here: looked up once per article, not once per mention."""
        if self._known is None:
            self._known = known_agreements(self.registry)
        return self._known
