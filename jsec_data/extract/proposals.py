"""New-entity and new-agreement proposals: what the draft declares because the registry lacks it.

Every proposal carries a note asking the contributor to check it; ids are slugs of
the Arabic name (see :func:`jsec_data.extract.names.slugify`) that clash with nothing
in the registry or the draft.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from jsec_data.core.models import SLUG_PATTERN
from jsec_data.extract.agreements import draft_agreement_slug
from jsec_data.extract.matching import matching_name
from jsec_data.extract.model import ProposedAgreement, ProposedEntity
from jsec_data.extract.names import slugify

if TYPE_CHECKING:  # pragma: no cover
    from jsec_data.article.stage import Registry

__all__ = ["UNKNOWN_SPEAKER", "Proposals"]

UNKNOWN_SPEAKER = "unknown-speaker"
_JAPAN = "JPN"


class Proposals:
    """The entities and agreements one draft proposes, by id, in the order first proposed."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.entities: dict[str, ProposedEntity] = {}
        self.agreements: dict[str, ProposedAgreement] = {}

    def entity(self, name: str, kind: str) -> str:
        """The id of the entity named ``name`` (as written), proposed now unless already proposed.

        A person's surname alone names the person proposed earlier under the full name.
        """
        norm = matching_name(name)
        for entity_id, entity in self.entities.items():
            known = matching_name(entity.names_ar[0])
            if norm == known or (kind == "person" and entity.kind == "person" and norm in known.split()):
                return entity_id
        base = slugify(name) or "speaker"
        if not re.match(SLUG_PATTERN, base):  # pragma: no cover - slugify yields a slug or ""
            base = "speaker"
        entity_id, number = base, 1
        while entity_id in self.registry.entities or entity_id in self.entities:
            number += 1
            entity_id = f"{base}-{number}"
        english = " ".join(part.capitalize() for part in base.split("-"))
        self.entities[entity_id] = ProposedEntity(  # (positional: cheaper than keywords)
            entity_id, kind, english, [name], "Proposed by jsec extract: check the English name, kind, role and affiliation.",
        )
        return entity_id

    def unknown_speaker(self) -> str:
        """The stand-in speaker of a quotation whose speaker was not found."""
        if UNKNOWN_SPEAKER not in self.entities and UNKNOWN_SPEAKER not in self.registry.entities:
            self.entities[UNKNOWN_SPEAKER] = ProposedEntity(
                UNKNOWN_SPEAKER, "unknown", "Unknown speaker", ["غير معروف"], "Proposed by jsec extract: no speaker found; replace it.",
            )
        return UNKNOWN_SPEAKER

    def agreement(self, kind: str, named: Sequence[str], written: str) -> str:
        """The id of a draft agreement of ``kind`` between Japan and the ``named`` parties.

        One already proposed with that id stem and kind is reused; ``written`` (the
        mention as written) becomes a new one's Arabic name.
        """
        base = draft_agreement_slug(kind, tuple(p for p in named if p != _JAPAN))
        agreement_id, number = base, 1
        while agreement_id in self.registry.agreements or (
            agreement_id in self.agreements and self.agreements[agreement_id].kind != kind
        ):
            number += 1
            agreement_id = f"{base}-{number}"
        if agreement_id not in self.agreements:
            self.agreements[agreement_id] = ProposedAgreement(  # (positional: cheaper than keywords)
                agreement_id, f"Draft: {kind.replace('_', ' ')}", written, kind, sorted({_JAPAN, *named}),
                "Proposed by jsec extract: check the name, kind, parties and date.",
            )
            if _JAPAN not in self.registry.entities:
                self._declare_japan()
        return agreement_id

    def agreement_kind(self, agreement_id: str) -> str:
        """The kind of a registry or proposed agreement ("other" if neither)."""
        if agreement_id in self.registry.agreements:
            return self.registry.agreements[agreement_id].kind
        proposed = self.agreements.get(agreement_id)
        return proposed.kind if proposed is not None else "other"

    def _declare_japan(self) -> None:
        # The corpus is about Japan's partnerships, so Japan is a party by default.
        self.entities.setdefault(_JAPAN, ProposedEntity(_JAPAN, "state", "Japan", ["اليابان"]))
