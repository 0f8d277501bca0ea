"""The draft's typed model: its records, and the entities and agreements it proposes.

Quotations, agreement mentions and their selectors are written once and emitted as
they are, so they are typed dicts in the annotation file's own shape and field order
(the draft is written with ``sort_keys=False``): no copy into another form for every
record of every article. Proposals are looked up and compared while the article is
read, so they are named tuples, turned into the file's dicts by :meth:`ArticleDraft.as_dict`.
Every list in the draft is its own: a list shared by two records would be written
as a YAML anchor and alias.
"""

from __future__ import annotations

from typing import Any, NamedTuple, TypedDict

__all__ = ["AgreementMention", "ArticleDraft", "ProposedAgreement", "ProposedEntity", "Quotation", "Selector", "Statement"]


class _Context(TypedDict, total=False):
    prefix: str
    suffix: str
    start: int  # only when no context makes the text unique (never, in practice)


class Selector(_Context):
    """Where a record's text is: ``exact``, with the shortest context that makes it unique (fields in that order)."""

    exact: str


class Statement(Selector):
    """A statement record: ``id``, the selector's fields, then these."""

    id: str
    speaker_ids: list[str]
    cue: str | None  # the reporting verb (or بحسب ...) as written, if one was found
    mode: str  # direct, indirect or mixed
    topic_ids: list[str]


class Quotation(Selector):
    """A quotation record: ``id``, the selector's fields, then these."""

    id: str
    speaker_ids: list[str]
    cue: str | None  # the reporting verb as written, if one was found
    is_fragment: bool
    statement_id: str | None  # the statement around it (every quotation has one in a draft)


class AgreementMention(Selector):
    """An agreement-mention record: ``id``, the selector's fields, then these."""

    id: str
    agreement_id: str
    reported_status: str


class ProposedEntity(NamedTuple):
    """An entity the registry lacks, declared in the draft for the contributor to check."""

    entity_id: str
    kind: str
    name_en: str
    names_ar: list[str]
    note: str | None = None
    role: str | None = None  # the office the text gives (Ambassador of China)
    affiliation_id: str | None = None  # the country or body the text ties it to

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"entity_id": self.entity_id, "kind": self.kind, "name_en": self.name_en,
                                "names_ar": list(self.names_ar)}
        if self.role is not None:
            data["role"] = self.role
        if self.affiliation_id is not None:
            data["affiliation_id"] = self.affiliation_id
        if self.note is not None:
            data["note"] = self.note
        return data


class ProposedAgreement(NamedTuple):
    """An agreement the registry lacks, declared in the draft for the contributor to check."""

    agreement_id: str
    name_en: str
    name_ar: str
    kind: str
    parties: list[str]
    note: str
    signed_date: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"agreement_id": self.agreement_id, "name_en": self.name_en, "name_ar": self.name_ar, "kind": self.kind,
                "parties": list(self.parties), "signed_date": self.signed_date, "note": self.note}


class ArticleDraft(NamedTuple):
    """A whole draft annotation file."""

    article_id: str
    entities: list[ProposedEntity]
    agreements: list[ProposedAgreement]
    statements: list[Statement]
    quotations: list[Quotation]
    agreement_mentions: list[AgreementMention]
    notes: str = "Draft written by jsec extract: every record needs checking (see docs/extractor.md)."

    def as_dict(self) -> dict[str, Any]:
        """The annotation file's data: plain dicts and lists, in file order, ready for YAML."""
        return {
            "article_id": self.article_id,
            "entities": list(map(ProposedEntity.as_dict, self.entities)),
            "agreements": list(map(ProposedAgreement.as_dict, self.agreements)),
            "statements": self.statements,
            "quotations": self.quotations,
            "agreement_mentions": self.agreement_mentions,
            "notes": self.notes,
        }
