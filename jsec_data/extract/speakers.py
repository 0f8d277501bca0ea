"""Speaker attribution: who a reporting cue names, and who said a quotation.

The speaker is the entity named right after the cue, in the same sentence (a known
name, else a name-like run of words, else a description of the speaker such as
متحدث باسم الوزارة); failing that, a known person named earlier in the sentence;
failing that, the last speaker named (pronoun carry-over). Unknown names and
descriptions are proposed as new entities.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from typing import TypeAlias

from jsec_data.core.text import fold_for_matching
from jsec_data.extract.cues import Cue
from jsec_data.extract.lexicon import stop_words, title_words
from jsec_data.extract.matching import WORD_RE, Normalized, window, window_norm
from jsec_data.extract.names import Gazetteers
from jsec_data.extract.proposals import Proposals

__all__ = ["CueSpeakers", "Speakers", "leading_title", "name_like", "name_run"]

#: Cue start -> (speaker ids named after the cue, whether the cue named its subject).
CueSpeakers: TypeAlias = Mapping[int, tuple[list[str], bool]]

_MAX_SPEAKER_WORDS = 10  # words read after a cue
_MAX_NAME_WORDS = 4  # words of one name
_SPEAKER_BREAK_RE = re.compile(r"[:،,؛;\"“”«»(.]")
_NAME_LIKE_RE = re.compile(r"[\u0621-\u064a\-]+")


def name_like(word: str, titles: frozenset[str]) -> bool:
    """Whether a word (matching form) may be part of a name: Arabic letters, not one of ``titles``, no ال."""
    return (
        word not in titles
        and not word.startswith(("ال", "بال", "وال", "كال", "فال"))
        and len(word) > 1
        and _NAME_LIKE_RE.fullmatch(word) is not None
    )


def leading_title(words: Sequence[str], titles: frozenset[str]) -> int:
    """How many words at the start are one of ``titles`` or a definite word (وزير الدفاع الياباني الجنرال)."""
    count = 0
    for word in words:
        if word in titles or word.startswith(("ال", "بال", "لل", "وال")):
            count += 1
        else:
            break
    return count


def name_run(words: Sequence[str], lead: int, titles: frozenset[str]) -> list[tuple[int, int]]:
    """Name-like words right after the leading title, split into names at و (فلان وفلان)."""
    names: list[tuple[int, int]] = []
    start = lead
    index = lead
    while index < len(words) and index - start < _MAX_NAME_WORDS:
        word = words[index]
        if not name_like(word, titles) or (index > start and word[0] == "ل" and len(word) > 4):
            break  # a word with ل attached after a name is "to someone"
        if index > start and word[0] == "و" and "-" not in word and len(word) >= 5:
            names.append((start, index))
            start = index
        index += 1
    if index > start:
        names.append((start, index))
    return [(a, b) for a, b in names if b > a] if names and names[0][1] > names[0][0] else []


class Speakers:
    """The speaker rules for one article, with the speakers last named (carried from paragraph to paragraph)."""

    def __init__(self, gazetteers: Gazetteers, proposals: Proposals) -> None:
        self.people, self.persons = gazetteers.people, gazetteers.persons
        self.proposals = proposals
        self.last: list[str] = []  # the speakers last named: "he said" refers to them
        # The word lists, looked up once per article rather than once per word.
        self._stops, self._titles = stop_words(), title_words()

    def after_cue(self, para: str, cue: Cue, limit: int, cues: Sequence[Cue], normalized: Normalized) -> tuple[list[str], bool]:
        """Speaker ids named just after a cue (up to ``limit``); bool: the cue named its subject.

        ``para`` is the paragraph's text, ``normalized`` its ``matching_form``.
        """
        if not cue.takes_subject:
            return [], False
        stops, titles = self._stops, self._titles
        limit = min([limit] + [c.start for c in cues if c.start > cue.start])
        norm = window_norm(normalized, cue.end, limit)  # (its offsets only once a name is cut out, below)
        tokens: list[tuple[int, int, str]] = []
        previous_end = 0
        for word_match in WORD_RE.finditer(norm):  # lazily: only the first few words are read
            start, end, word = word_match.start(), word_match.end(), word_match.group()
            if word in stops or word.startswith("لل") or len(tokens) >= _MAX_SPEAKER_WORDS:
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
        if found and found[0][0] <= leading_title(words, titles):
            ids = [found[0][2]]
            for (_, previous_end, _), (first, _, entity_id) in itertools.pairwise(found):
                # Names joined by و (قال فلان وفلان) are co-speakers; anything else ends the list.
                if first != previous_end or not words[first].startswith("و"):
                    break
                if entity_id not in ids:
                    ids.append(entity_id)
            return ids, True
        lead = leading_title(words, titles)
        if words[0].startswith("ال") and words[0] not in titles:
            return [], False  # "المسؤولان": a description of speakers named before
        run = name_run(words, lead, titles)
        if run or words[0] in titles:
            text_window = para[cue.end:limit]
            mapping = window(normalized, cue.end, limit)[1]
        if run:
            ids = []
            for first, last in run:
                skip = 1 if first > lead else 0  # the و that joined this name to the previous one
                name = text_window[mapping[tokens[first][0] + skip]:mapping[tokens[last - 1][1]]].strip()
                ids.append(self.proposals.entity(name, "person"))
            return ids, True
        if words[0] in titles:
            description = text_window[mapping[tokens[0][0]]:mapping[tokens[lead - 1][1] if lead else tokens[0][1]]].strip()
            return [self.proposals.entity(description, "unknown")], True
        return [], False

    def of_quotation(self, text: str, cue: Cue | None, cue_speakers: CueSpeakers, sentence_start: int) -> list[str]:
        """The speakers of a quotation attributed to ``cue`` (None: no cue) in paragraph ``text``."""
        speakers: list[str] = []
        if cue is not None:
            ids, named = cue_speakers.get(cue.start, ([], False))
            if named and ids:
                speakers = ids
                self.last = ids
            else:
                # "ورحب فلان بـ...، وقال إن": a known name earlier in the same sentence is the subject.
                earlier = self.persons.match(fold_for_matching(text[sentence_start:cue.start]).split())
                if earlier:
                    speakers = [earlier[-1][2]]
                    self.last = list(speakers)
        if not speakers:
            speakers = list(self.last)
        if not speakers:
            speakers = [self.proposals.unknown_speaker()]
        return speakers
