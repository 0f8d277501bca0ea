"""New-entity and new-agreement proposals: what the draft declares because the registry lacks it.

Every proposal carries a note asking the contributor to check it. Its id is namespaced by
the article (``draft-<article id>-...``), so that drafts of any number of articles
validate together (an id declared twice anywhere is an error): a contributor replaces
each by a registry id or gives it a proper one. Ids and English names are never
letter-by-letter romanisations of the Arabic: an entity named by office or as a body gets
an English name made of its office's English label and country (``Ambassador of China``),
one named only by a name gets none (:data:`NO_ENGLISH_NAME`), and its id then says what it
is (``draft-<article id>-person-1``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from jsec_data.extract.agreements import draft_agreement_slug
from jsec_data.extract.matching import matching_name
from jsec_data.extract.model import ProposedAgreement, ProposedEntity

if TYPE_CHECKING:  # pragma: no cover
    from jsec_data.article.stage import Registry

__all__ = ["NEVER_ALONE", "NO_ENGLISH_NAME", "Proposals", "draft_namespace"]

#: The English name of a proposed entity whose English name the text does not give.
NO_ENGLISH_NAME = "[English name needed]"
_JAPAN = "JPN"
_NOTE = "Proposed by jsec extract: check the kind, English name, role and affiliation, or use a registry id."
_SLUG_PART_RE = re.compile(r"[^a-z0-9]+")


#: Words of a person's name that never name that person alone (a kunya's أبو، بن، عبد، a European particle), matching
#: form: أبو هريرة proposed, then «أبو شعيب» is not him.
NEVER_ALONE = frozenset({"ابو", "ام", "بن", "ابن", "بنت", "عبد", "ولد", "دي", "دا", "دو", "ديل", "فون", "فان"})


def draft_namespace(article_id: str) -> str:
    """The prefix of the ids a draft of ``article_id`` declares: ``draft-<article id>``."""
    slug = _SLUG_PART_RE.sub("-", article_id.lower()).strip("-")
    return f"draft-{slug}" if slug else "draft"


def _slug(text: str) -> str:
    return _SLUG_PART_RE.sub("-", text.lower()).strip("-")


class Proposals:
    """The entities and agreements one draft proposes, by id, in the order first proposed."""

    def __init__(self, registry: Registry, article_id: str = "") -> None:
        self.registry = registry
        self.namespace = draft_namespace(article_id)
        self.entities: dict[str, ProposedEntity] = {}
        self.agreements: dict[str, ProposedAgreement] = {}
        self._counts: dict[str, int] = {}
        # What entity() looks a name up by: (order proposed, id) by Arabic name (matching form), by a word of
        # a person's name, by English label and kind.
        self._by_name: dict[str, tuple[int, str]] = {}
        self._by_word: dict[str, tuple[int, str]] = {}
        self._by_label: dict[tuple[str, str], tuple[int, str]] = {}
        self._by_surname: dict[str, str] = {}  # the last word of a person's name -> the person
        # Whether a longer name takes over a person's first name (off while Speakers.aside reads the title: a headline's
        # words glued to a name, لقاء بوتين, would rename the person the body named).
        self.renames = True
        self.stand_ins: set[str] = set()  # the unknown speaker and states the registry lacks (kind unknown, no description)

    def _new_id(self, stem: str) -> str:
        base = f"{self.namespace}-{stem}"
        entity_id, number = base, 1
        while entity_id in self.registry.entities or entity_id in self.entities:
            number += 1
            entity_id = f"{base}-{number}"
        return entity_id

    def entity(self, name: str, kind: str, *, name_en: str | None = None, role: str | None = None,
               affiliation_id: str | None = None) -> str:
        """The id of the entity named ``name`` (as written), proposed now unless already proposed.

        A person's surname alone names the person proposed earlier under the full name.
        ``name_en`` is an English name made from the text's own words (an office and its
        country), never a romanisation; without one the entity gets :data:`NO_ENGLISH_NAME`.
        """
        norm = matching_name(name)
        # The first one proposed (in order) with this name, of which this is a person's surname, or with this
        # English label and kind (one office or body written two ways: رئيس وزراء اليابان، رئيس الوزراء الياباني).
        named = [found for found in (self._by_name.get(norm), self._by_word.get(norm) if kind == "person" else None)
                 if found is not None]
        if not named and kind == "person" and " " in norm and norm.split(" ", 1)[0] in NEVER_ALONE:
            # موسى أبو مرزوق proposed first, أبو مرزوق now (a surname of two words, the first never alone): the same.
            named = [found for other, found in self._by_name.items() if other.endswith(" " + norm)
                     and self.entities[found[1]].kind == "person"][:1]
        if not named and kind == "person" and " " in norm:
            # روته proposed first, مارك روته now: the same person, under the full name from now on.
            found = self._by_name.get(norm.rsplit(" ", 1)[1])
            if found is not None and self.entities[found[1]].kind == "person":
                named = [found]
                earlier = self.entities[found[1]]
                if name not in earlier.names_ar and self.renames:
                    earlier.names_ar.insert(0, name)
                self._by_name.setdefault(norm, found)
        by_name = min(named) if named else None
        by_label = self._by_label.get((name_en, kind)) if name_en else None
        if by_name is not None and (by_label is None or by_name < by_label):
            return by_name[1]
        if by_label is not None:
            names = self.entities[by_label[1]].names_ar
            if name not in names:
                names.append(name)
            return by_label[1]
        if name_en:
            stem = _slug(name_en) or kind
        else:
            self._counts[kind] = self._counts.get(kind, 0) + 1
            stem = f"{kind}-{self._counts[kind]}"
        entity_id = self._new_id(stem)
        if affiliation_id is not None and affiliation_id not in self.registry.entities and affiliation_id not in self.entities:
            affiliation_id = None
        self.entities[entity_id] = ProposedEntity(  # (positional: cheaper than keywords)
            entity_id, kind, name_en or NO_ENGLISH_NAME, [name], _NOTE, role, affiliation_id,
        )
        entry = (len(self.entities), entity_id)
        self._by_name.setdefault(norm, entry)
        if kind == "person":
            for word in norm.split():
                if word not in NEVER_ALONE:
                    self._by_word.setdefault(word, entry)
            self._by_surname.setdefault(norm.rsplit(" ", 1)[-1], entity_id)
        if name_en:
            self._by_label.setdefault((name_en, kind), entry)
        return entity_id

    def person_by_surname(self, word: str) -> str | None:
        """The person proposed whose name ends in ``word`` (matching form), or is it: not one it is only the given name of
        (حسن قشقوي after حسن روحاني is a new name, not روحاني then a word)."""
        return self._by_surname.get(word)

    def person_named(self, word: str) -> str | None:
        """The person proposed under ``word`` (a matching-form surname), if any."""
        found = self._by_name.get(word) or self._by_word.get(word)
        return found[1] if found is not None and self.entities[found[1]].kind == "person" else None

    def holder(self, role: str, affiliation_id: str | None = None) -> str | None:
        """The one person proposed so far who holds ``role``: the same label (``Defence Minister of
        Japan``), or, for a role without a country, that office of any (``Secretary General``)."""
        found = [e.entity_id for e in self.entities.values() if e.kind == "person" and e.role is not None
                 and (e.role == role or (affiliation_id is None and e.role.startswith(role + " of ")))]
        return found[0] if len(found) == 1 else None

    def merge_offices(self) -> dict[str, str]:
        """Fold each office proposed as a description (وزير الدفاع الياباني, kind ``unknown``) into the one
        person the article names in that office (وزير الدفاع الياباني جين ناكاتاني), before or after it.

        Returns the ids replaced (description id -> person id); the descriptions are dropped.
        """
        merged = {}
        for entity in self.entities.values():
            if entity.kind == "unknown" and entity.role is not None:
                person = self.holder(entity.role, entity.affiliation_id)
                if person is not None:
                    merged[entity.entity_id] = person
        for entity_id in merged:
            del self.entities[entity_id]
        return merged

    def prune(self, used: set[str]) -> None:
        """Drop the proposed entities that no record, agreement or other entity refers to."""
        used = set(used)
        used.update(a.affiliation_id for a in self.entities.values() if a.affiliation_id and a.entity_id in used)
        used.update(party for agreement in self.agreements.values() for party in agreement.parties)
        self.entities = {k: v for k, v in self.entities.items() if k in used}

    def unknown_speaker(self) -> str:
        """The stand-in speaker of a quotation whose speaker was not found."""
        entity_id = f"{self.namespace}-unknown-speaker"
        self.stand_ins.add(entity_id)
        if entity_id not in self.entities and entity_id not in self.registry.entities:
            self.entities[entity_id] = ProposedEntity(
                entity_id, "unknown", "Unknown speaker", ["غير معروف"], "Proposed by jsec extract: no speaker found; replace it.",
            )
        return entity_id

    def state(self, state_id: str, name_en: str, written: str) -> str:
        """A state named as a speaker (وأكدت مصر، وقالت أنقرة): the registry's, else a stand-in, since a state's id is its
        ISO code, which the drafts of two articles may not both declare."""
        if state_id in self.registry.entities:
            return state_id
        entity_id = f"{self.namespace}-state-{state_id.lower()}"
        self.stand_ins.add(entity_id)
        if entity_id not in self.entities:
            self.entities[entity_id] = ProposedEntity(
                entity_id, "unknown", name_en, [written],
                f"Proposed by jsec extract: stands for the state {name_en} ({state_id}), which the registry lacks; "
                f"declare {state_id} (kind state) in raw/entities.yaml and use it.")
        return entity_id

    def agreement(self, kind: str, named: Sequence[str], written: str) -> str:
        """The id of a draft agreement of ``kind`` between Japan and the ``named`` parties.

        One already proposed with that id stem and kind is reused; ``written`` (the
        mention as written) becomes a new one's Arabic name.
        """
        japan = self._japan()
        base = f"{self.namespace}-{draft_agreement_slug(kind, tuple(p for p in named if p != japan))}"
        agreement_id, number = base, 1
        while agreement_id in self.registry.agreements or (
            agreement_id in self.agreements and self.agreements[agreement_id].kind != kind
        ):
            number += 1
            agreement_id = f"{base}-{number}"
        if agreement_id not in self.agreements:
            self.agreements[agreement_id] = ProposedAgreement(  # (positional: cheaper than keywords)
                agreement_id, f"Draft: {kind.replace('_', ' ')}", written, kind, sorted({japan, *named}),
                "Proposed by jsec extract: check the name, kind, parties and date.",
            )
        return agreement_id

    def agreement_kind(self, agreement_id: str) -> str:
        """The kind of a registry or proposed agreement ("other" if neither)."""
        if agreement_id in self.registry.agreements:
            return self.registry.agreements[agreement_id].kind
        proposed = self.agreements.get(agreement_id)
        return proposed.kind if proposed is not None else "other"

    def _japan(self) -> str:
        """Japan's id: the registry's ``JPN``, else one this draft declares (namespaced, as every id it declares)."""
        # The corpus is about Japan's partnerships, so Japan is a party by default.
        if _JAPAN in self.registry.entities:
            return _JAPAN
        entity_id = f"{self.namespace}-japan"
        self.entities.setdefault(entity_id, ProposedEntity(  # a stand-in: a state's id is its ISO code, declared once
            entity_id, "unknown", "Japan", ["اليابان"], "Proposed by jsec extract: stands for Japan, which the registry "
            "lacks; declare JPN in raw/entities.yaml and use it."))
        return entity_id
