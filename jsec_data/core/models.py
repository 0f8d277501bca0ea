"""Pydantic models: the single source of every table, file format and schema.

Two families live here:

* **table records** (``ArticleRecord``, ``QuotationRecord``, ...): one row of a built
  table. Arrow schemas (:mod:`jsec_data.core.arrow`) and JSON Schemas (``schema/``) are
  derived from them.
* **raw file formats** (``AnnotationFile``, ``MetadataFile``, ``EntitiesFile``,
  ``AgreementsFile``): what contributors write under ``raw/``. Annotation records
  carry a W3C TextQuoteSelector (``exact`` with optional ``prefix``/``suffix``) that
  the build resolves to code-point offsets.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.fields import FieldInfo

from jsec_data.core.tables import TABLE_NAMES

SegmentKind = Literal[
    "title",
    "lead",
    "body",
    "see_also",
    "related_list",
    "subscribe",
    "comment_form",
    "social_follow",
    "credit",
]
#: Segment kinds whose text belongs to the report itself (the ``body`` column).
CONTENT_KINDS: frozenset[str] = frozenset({"lead", "body"})
#: Segment kinds that are page furniture, never annotated.
BOILERPLATE_KINDS: frozenset[str] = frozenset(
    {"see_also", "related_list", "subscribe", "comment_form", "social_follow", "credit"}
)

EntityKind = Literal["person", "state", "organization", "document", "group", "unknown"]
DatePrecision = Literal["day", "month", "year"]
StatementMode = Literal["direct", "indirect", "mixed"]
AgreementKind = Literal[
    "alliance_treaty",
    "reciprocal_access_agreement",
    "security_defence_partnership",
    "security_framework",
    "memorandum",
    "joint_statement",
    "co_development",
    "acquisition_cross_servicing",
    "information_security",
    "equipment_technology_transfer",
    "other",
]
AnnotationStatus = Literal["none", "draft", "reviewed"]
ReviewState = Literal["draft", "reviewed"]
ReportedStatus = Literal[
    "proposed",
    "under_consideration",
    "under_negotiation",
    "agreed",
    "to_be_signed",
    "signed",
    "announced",
    "in_force",
    "unclear",
]

ARTICLE_ID_PATTERN = r"^[0-9a-f]{16}$"
STATE_ID_PATTERN = r"^[A-Z]{3}$"
ACRONYM_ID_PATTERN = r"^[A-Z][A-Z0-9]{1,15}$"
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ENTITY_ID_PATTERN = r"^(?:[A-Z][A-Z0-9]{1,15}|[a-z0-9]+(?:-[a-z0-9]+)*)$"
LOCAL_ID_PATTERN = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"

ArticleId = Annotated[str, Field(pattern=ARTICLE_ID_PATTERN)]
EntityId = Annotated[str, Field(pattern=ENTITY_ID_PATTERN)]
AgreementId = Annotated[str, Field(pattern=SLUG_PATTERN)]
LocalId = Annotated[str, Field(pattern=LOCAL_ID_PATTERN, max_length=64)]
NonEmptyStr = Annotated[str, Field(min_length=1)]
Offset = Annotated[int, Field(ge=0)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- tables

#: Deprecated column names, kept readable for one release: column -> its old name. Every table (and
#: struct) whose model has the column also carries the old name, with the same values, after the model's
#: own columns (:func:`table_columns`): in the Arrow schemas, the Parquet files, the JSON Schemas, the
#: README, the card, Croissant and the Data Package. The models take the old names on input too.
DEPRECATED_ALIASES: dict[str, str] = {"char_start": "start", "char_end": "end"}
#: When the aliases go.
DEPRECATED_UNTIL = "the next minor release"
_OLD_NAMES = frozenset(DEPRECATED_ALIASES.values())


def deprecated_description(column: str) -> str:
    """The description of ``column``'s deprecated alias."""
    return f"Deprecated alias of `{column}`, removed in {DEPRECATED_UNTIL}."


def deprecated_aliases(model: type[BaseModel]) -> dict[str, str]:
    """Old name -> column, for the deprecated aliases ``model``'s table (or struct) carries, in column order."""
    return {DEPRECATED_ALIASES[name]: name for name in model.model_fields if name in DEPRECATED_ALIASES}


@functools.cache
def table_columns(model: type[BaseModel]) -> Mapping[str, FieldInfo]:
    """Every column of ``model``'s table (or struct): its fields, then the deprecated alias of each that has one
    (the column's type, described as deprecated). Everything that lists columns lists these.

    >>> list(table_columns(Segment))
    ['kind', 'char_start', 'char_end', 'start', 'end']
    """
    columns = dict(model.model_fields)
    for old, new in deprecated_aliases(model).items():
        alias = copy.copy(columns[new])
        alias.description = deprecated_description(new)
        alias.deprecated = deprecated_description(new)
        columns[old] = alias
    return MappingProxyType(columns)


def _deprecated_json_schema(schema: dict[str, Any], model: type[Any]) -> None:
    """The JSON Schema's properties gain the deprecated aliases (optional, ``deprecated: true``)."""
    properties = schema.get("properties", {})
    for old, new in deprecated_aliases(model).items():
        if new in properties:
            properties[old] = {**properties[new], "title": old.replace("_", " ").title(),
                               "description": deprecated_description(new), "deprecated": True}


class _Spanned(_Model):
    """A record with code-point offsets (``char_start``, ``char_end``): accepts their deprecated aliases on input.

    A row of the tables (which carry both names in this release) validates; so does one with only the
    old names (a table of an earlier release). An alias that disagrees with its column is an error.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra=_deprecated_json_schema)

    @model_validator(mode="before")
    @classmethod
    def _deprecated_aliases(cls, data: Any) -> Any:
        if not isinstance(data, dict) or _OLD_NAMES.isdisjoint(data):
            return data
        data = dict(data)
        for new, old in DEPRECATED_ALIASES.items():
            if old not in data or new not in cls.model_fields:
                continue
            value = data.pop(old)
            if new not in data:
                data[new] = value
            elif data[new] != value:
                raise ValueError(f"`{old}` (a deprecated alias of `{new}`) is {value!r} but `{new}` is {data[new]!r}")
        return data


class Segment(_Spanned):
    """One paragraph of an article and what it is."""

    kind: SegmentKind = Field(description="What the paragraph is: title, lead, body or a boilerplate kind.")
    char_start: Offset = Field(description="Code-point offset of the paragraph's first character in `text`.")
    char_end: Offset = Field(description="Code-point offset just past the paragraph's last character in `text`.")


class NearCopy(_Model):
    """Another printing of the same story, recorded against the article kept for it."""

    source_url: str | None = Field(default=None, description="The near-copy's address as crawled, if any.")
    outlet_id: str | None = Field(default=None, description="Identifier of the outlet that printed the near-copy.")
    retrieved: dt.datetime | None = Field(default=None, description="When the near-copy was crawled.")
    similarity: float = Field(ge=0, le=1, description="Estimated Jaccard similarity of word shingles with the kept article.")
    source_record_sha256: str = Field(description="SHA-256 of the near-copy's source record (canonical JSON), hex.")


class ArticleRecord(_Model):
    """One news article: the stored text, its segmentation and its metadata."""

    article_id: ArticleId = Field(description="16 hex digits from the raw file name; stable forever.")
    title: str = Field(description="The article's title (its first paragraph).")
    text: str = Field(
        description="Stored document: raw bytes decoded as UTF-8, BOM stripped, newlines as \\n, NFC. "
        "All offsets in every table index this string (Unicode code points)."
    )
    body: str = Field(description="The report's own paragraphs (lead and body segments) joined by \\n; no boilerplate.")
    segments: list[Segment] = Field(description="Every non-empty paragraph of `text`, in order, with its kind.")
    language: str = Field(description="BCP 47 language tag of the text (`ar`).")
    translated_from: str | None = Field(
        default=None, description="Language the report was translated from, when known; null if unknown."
    )
    outlet: str | None = Field(default=None, description="Publishing outlet as named in the text; null if not named.")
    original_agency: str | None = Field(
        default=None, description="News agency or paper the report comes from, when the text names it; else null."
    )
    credits: list[str] = Field(description="Bylines and credits the text names (people), in order of appearance.")
    source_file: str = Field(description="Raw file name under raw/articles/.")
    source_sha256: str = Field(description="SHA-256 of the raw file's bytes, hex.")
    char_count: int = Field(ge=0, description="Length of `text` in code points.")
    event_date: dt.date | None = Field(
        default=None,
        description="Date of the reported event; for month or year precision, the first day of that period. Null if unknown.",
    )
    event_date_precision: DatePrecision | None = Field(
        default=None, description="Precision of `event_date`: day, month or year; null when the date is null."
    )
    event_date_evidence: str | None = Field(
        default=None, description="One line: how the event date was inferred (text clues and the public event)."
    )
    annotation_status: AnnotationStatus = Field(
        description="none (no annotation file), draft (machine draft or not yet reviewed) or reviewed (gold). "
        "Select reviewed articles only for gold figures."
    )
    source_url: str | None = Field(default=None, description="The article's address when retrieved; null if unknown.")
    outlet_id: str | None = Field(
        default=None, description="Identifier of the publishing outlet in its source corpus (e.g. `aawsat`); null if unknown."
    )
    outlet_name: str | None = Field(default=None, description="Display name of the publishing outlet; null if unknown.")
    byline: str | None = Field(default=None, description="Byline as printed (often agency and place); null if none.")
    published: dt.date | None = Field(
        default=None, description="Publication date when the source states one; never a crawl time. Null if unknown."
    )
    retrieved: dt.datetime | None = Field(
        default=None, description="When the text was crawled or received (as the source states it, no time zone)."
    )
    collection: str | None = Field(
        default=None, description="Corpus or feed the article came from (e.g. SaudiNewsNet); null for hand-added articles."
    )
    licence: str | None = Field(
        default=None, description="SPDX licence identifier of the article text (e.g. CC-BY-NC-SA-4.0); null if not stated."
    )
    attribution: str | None = Field(default=None, description="Attribution the text's licence requires.")
    source_record_sha256: str | None = Field(
        default=None, description="SHA-256 of the source record the text was ingested from (canonical JSON), hex; null if not ingested."
    )
    near_copies: list[NearCopy] = Field(
        description="Other printings of the same story (near-copies), not kept as articles; count each story once."
    )


class EntityRecord(_Model):
    """A person, state, organisation, document or group that speaks or is a party."""

    entity_id: EntityId = Field(
        description="ISO 3166-1 alpha-3 for states (`JPN`), upper-case acronym for international "
        "organisations (`NATO`), lowercase slug otherwise (`mark-rutte`)."
    )
    kind: EntityKind = Field(description="person, state, organization, document, group or unknown.")
    name_en: NonEmptyStr = Field(description="Usual English name.")
    names_ar: list[NonEmptyStr] = Field(
        min_length=1, description="Every Arabic spelling seen in the corpus, as written (NFC); for a body the texts name "
        "only by a generic word (المسؤولون), a short Arabic description instead (see the guidelines)."
    )
    role: str | None = Field(default=None, description="Role at the time of the reports (for people and bodies).")
    affiliation_id: EntityId | None = Field(
        default=None, description="Entity this one acts for at the time (a minister's state, a spokesperson's ministry)."
    )
    note: str | None = Field(default=None, description="Annotator's note (ambiguities, sources).")

    @model_validator(mode="after")
    def _id_matches_kind(self) -> EntityRecord:
        if self.kind == "state" and not re.match(STATE_ID_PATTERN, self.entity_id):
            raise ValueError(f"a state's entity_id must be its ISO 3166-1 alpha-3 code (e.g. JPN), got {self.entity_id!r}")
        if self.kind not in ("state", "organization") and not re.match(SLUG_PATTERN, self.entity_id):
            raise ValueError(f"a {self.kind}'s entity_id must be a lowercase slug (e.g. mark-rutte), got {self.entity_id!r}")
        return self


class QuotationRecord(_Spanned):
    """Directly quoted speech or text, without its quote marks, with its speaker(s)."""

    quotation_id: str = Field(description="`{article_id}-{local id}`, unique in the corpus.")
    article_id: ArticleId = Field(description="Article the quotation is in.")
    char_start: Offset = Field(description="Code-point offset of the first quoted character in the article's `text`.")
    char_end: Offset = Field(description="Code-point offset just past the last quoted character.")
    text: str = Field(description="The quoted words: exactly `articles.text[char_start:char_end]`, quote marks excluded.")
    speaker_ids: list[EntityId] = Field(min_length=1, description="Entities who said or wrote it (several for a joint statement).")
    cue: str | None = Field(default=None, description="Reporting verb as written in the text (e.g. وقال), or null.")
    is_fragment: bool = Field(description="True when a short quoted fragment is embedded in indirect speech.")
    statement_id: str | None = Field(default=None, description="Statement this quotation belongs to, if any.")
    note: str | None = Field(default=None, description="Why an ambiguous case was decided as it was.")


class StatementRecord(_Spanned):
    """A reported statement, direct or indirect, with speaker(s), cue and content span."""

    statement_id: str = Field(description="`{article_id}-{local id}`, unique in the corpus.")
    article_id: ArticleId = Field(description="Article the statement is in.")
    char_start: Offset = Field(description="Code-point offset of the statement's content span in the article's `text`.")
    char_end: Offset = Field(description="Code-point offset just past the content span.")
    text: str = Field(description="The content span: exactly `articles.text[char_start:char_end]`.")
    speaker_ids: list[EntityId] = Field(min_length=1, description="Entities the statement is attributed to.")
    cue: str | None = Field(default=None, description="Reporting verb as written (e.g. أعربت, وأضاف), or null.")
    mode: StatementMode = Field(description="direct (all quoted), indirect (reported) or mixed.")
    topic_ids: list[EntityId] = Field(description="Entities the statement is about.")
    note: str | None = Field(default=None, description="Annotator's note.")


class AgreementRecord(_Model):
    """One real agreement, partnership, memorandum, joint statement or programme."""

    agreement_id: AgreementId = Field(description="Lowercase slug, e.g. `jpn-gbr-raa`.")
    name_en: NonEmptyStr = Field(description="Usual English name.")
    name_ar: str | None = Field(default=None, description="An Arabic name as used in the corpus, if any.")
    kind: AgreementKind = Field(description="Controlled vocabulary: what sort of agreement it is.")
    parties: list[EntityId] = Field(min_length=1, description="Entity ids of the parties.")
    signed_date: dt.date | None = Field(
        default=None, description="Date signed, adopted or issued, only where well established; else null."
    )
    note: str | None = Field(default=None, description="Source of the canonical facts, and caveats.")


class AgreementMentionRecord(_Spanned):
    """A place where an article mentions an agreement, with the status it reports."""

    mention_id: str = Field(description="`{article_id}-{local id}`, unique in the corpus.")
    article_id: ArticleId = Field(description="Article the mention is in.")
    agreement_id: AgreementId = Field(description="The agreement mentioned.")
    char_start: Offset = Field(description="Code-point offset of the mention in the article's `text`.")
    char_end: Offset = Field(description="Code-point offset just past the mention.")
    text: str = Field(description="The mention: exactly `articles.text[char_start:char_end]`.")
    reported_status: ReportedStatus = Field(description="Status of the agreement as this article reports it.")
    note: str | None = Field(default=None, description="Annotator's note.")


#: Table name -> record model, in the order tables are listed everywhere.
TABLE_MODELS: dict[str, type[BaseModel]] = {
    "articles": ArticleRecord,
    "entities": EntityRecord,
    "quotations": QuotationRecord,
    "statements": StatementRecord,
    "agreements": AgreementRecord,
    "agreement_mentions": AgreementMentionRecord,
}
assert tuple(TABLE_MODELS) == TABLE_NAMES, "models and _tables disagree on the tables"
#: Primary key column of each table.
PRIMARY_KEYS: dict[str, str] = {
    "articles": "article_id",
    "entities": "entity_id",
    "quotations": "quotation_id",
    "statements": "statement_id",
    "agreements": "agreement_id",
    "agreement_mentions": "mention_id",
}


# ------------------------------------------------------------------------ raw files


class TextQuoteSelector(_Model):
    """W3C Web Annotation TextQuoteSelector, flattened into the annotation record."""

    exact: NonEmptyStr = Field(description="The annotated text exactly as it stands in the article.")
    prefix: str | None = Field(default=None, description="Text just before `exact`, to make it unique.")
    suffix: str | None = Field(default=None, description="Text just after `exact`, to make it unique.")
    start: Offset | None = Field(default=None, description="Optional position hint; must agree with the text if given.")


class QuotationAnnotation(TextQuoteSelector):
    """A quotation as a contributor writes it."""

    id: LocalId = Field(description="Id unique within the file, e.g. `q1`.")
    speaker_ids: list[EntityId] = Field(min_length=1, description="Speaker entity ids.")
    cue: str | None = Field(default=None, description="Reporting verb as written, or null.")
    is_fragment: bool = Field(default=False, description="Short quoted fragment inside indirect speech.")
    statement_id: LocalId | None = Field(default=None, description="Local id of the statement it belongs to.")
    note: str | None = Field(default=None, description="Why an ambiguous case was decided as it was.")


class StatementAnnotation(TextQuoteSelector):
    """A statement as a contributor writes it."""

    id: LocalId = Field(description="Id unique within the file, e.g. `s1`.")
    speaker_ids: list[EntityId] = Field(min_length=1, description="Speaker entity ids.")
    cue: str | None = Field(default=None, description="Reporting verb as written, or null.")
    mode: StatementMode = Field(description="direct, indirect or mixed.")
    topic_ids: list[EntityId] = Field(default_factory=list, description="Entities the statement is about.")
    note: str | None = Field(default=None, description="Annotator's note.")


class AgreementMentionAnnotation(TextQuoteSelector):
    """An agreement mention as a contributor writes it."""

    id: LocalId = Field(description="Id unique within the file, e.g. `m1`.")
    agreement_id: AgreementId = Field(description="Agreement mentioned (raw/agreements.yaml or this file).")
    reported_status: ReportedStatus = Field(description="Status as this article reports it.")
    note: str | None = Field(default=None, description="Annotator's note.")


class AnnotationFile(_Model):
    """`raw/annotations/<article_id>.yaml`: all annotations of one article."""

    article_id: ArticleId = Field(description="The article annotated; must match the file name.")
    entities: list[EntityRecord] = Field(default_factory=list, description="Entities first declared here.")
    agreements: list[AgreementRecord] = Field(default_factory=list, description="Agreements first declared here.")
    statements: list[StatementAnnotation] = Field(default_factory=list, description="Reported statements.")
    quotations: list[QuotationAnnotation] = Field(default_factory=list, description="Direct quotations.")
    agreement_mentions: list[AgreementMentionAnnotation] = Field(
        default_factory=list, description="Mentions of agreements."
    )
    notes: str | None = Field(default=None, description="Free notes on the article's annotation.")
    review: ReviewState = Field(
        default="draft",
        description="draft until a person has checked every record against the guidelines; then reviewed (gold).",
    )


class MetadataFile(_Model):
    """`raw/metadata/<article_id>.yaml`: facts the text does not hold. Unknown stays null."""

    article_id: ArticleId = Field(description="The article described; must match the file name.")
    language: str = Field(default="ar", description="BCP 47 language tag of the text.")
    translated_from: str | None = Field(default=None, description="Source language if a translation; null if unknown.")
    outlet: str | None = Field(default=None, description="Outlet as named in the text, else null.")
    original_agency: str | None = Field(default=None, description="Agency or paper named by the text, else null.")
    credits: list[str] = Field(default_factory=list, description="People credited by the text.")
    event_date: dt.date | None = Field(default=None, description="Event date (first day of the period if coarser).")
    event_date_precision: DatePrecision | None = Field(default=None, description="day, month or year.")
    event_date_evidence: str | None = Field(default=None, description="One line of evidence for the event date.")
    paragraph_kinds: dict[int, SegmentKind] = Field(
        default_factory=dict,
        description="Overrides of the automatic segmentation: raw file line number (1-based) -> kind.",
    )
    notes: str | None = Field(default=None, description="Free notes.")
    # Provenance: where the text came from and under which licence (written by `jsec ingest`).
    headline: str | None = Field(default=None, description="Headline as the source gives it (HTML entities decoded), else null.")
    source_url: str | None = Field(default=None, description="The article's address when retrieved, else null.")
    outlet_id: str | None = Field(default=None, description="Identifier of the publishing outlet in its source corpus (e.g. `aawsat`).")
    outlet_name: str | None = Field(default=None, description="Display name of the publishing outlet.")
    byline: str | None = Field(default=None, description="Byline as printed (often agency and place), else null.")
    published: dt.date | None = Field(
        default=None, description="Publication date when the source states one; a crawl time is never used here."
    )
    retrieved: dt.datetime | None = Field(default=None, description="When the text was crawled or received, as the source states it.")
    collection: str | None = Field(default=None, description="Corpus or feed the record came from (e.g. SaudiNewsNet).")
    licence: str | None = Field(default=None, description="SPDX licence identifier of the text (e.g. CC-BY-NC-SA-4.0), null if unknown.")
    attribution: str | None = Field(default=None, description="Attribution the licence requires, as text.")
    source_record_sha256: str | None = Field(
        default=None, description="SHA-256 of the source record (canonical JSON of its fields), hex; null if not ingested."
    )
    near_copies: list[NearCopy] = Field(default_factory=list, description="Other printings of the same story, not kept as articles.")

    @model_validator(mode="after")
    def _date_and_precision_together(self) -> MetadataFile:
        if (self.event_date is None) != (self.event_date_precision is None):
            raise ValueError("event_date and event_date_precision are given together or not at all")
        return self


class EntitiesFile(_Model):
    """`raw/entities.yaml`: the entity registry."""

    entities: list[EntityRecord] = Field(description="Every known entity.")


class AgreementsFile(_Model):
    """`raw/agreements.yaml`: the agreement registry."""

    agreements: list[AgreementRecord] = Field(description="Every known agreement.")


#: Raw file format name -> model, exported to ``schema/`` beside the table schemas.
FILE_MODELS: dict[str, type[BaseModel]] = {
    "annotation_file": AnnotationFile,
    "metadata_file": MetadataFile,
    "entities_file": EntitiesFile,
    "agreements_file": AgreementsFile,
}


# --------------------------------------------------------------------------- evaluation splits


class EvaluationSplit(_Model):
    """One split of the gold articles for measuring the extractor (``raw/splits.yaml``)."""

    description: NonEmptyStr = Field(description="What the split is for, and how it was drawn.")
    articles: list[ArticleId] = Field(description="Article ids in the split (an id not yet in raw/ is allowed).")
    stories: dict[str, list[ArticleId]] = Field(
        default_factory=dict,
        description="Story name -> the split's articles that report it: a story is never in two splits.",
    )

    @model_validator(mode="after")
    def _stories_are_in_the_split(self) -> EvaluationSplit:
        if len(set(self.articles)) != len(self.articles):
            raise ValueError("an article is listed twice in the split")
        outside = sorted({a for ids in self.stories.values() for a in ids} - set(self.articles))
        if outside:
            raise ValueError(f"stories name articles that are not in the split: {', '.join(outside)}")
        return self


class SplitsFile(_Model):
    """`raw/splits.yaml`: the gold articles split by story into dev (for tuning) and test (held back)."""

    splits: dict[Annotated[str, Field(pattern=LOCAL_ID_PATTERN)], EvaluationSplit] = Field(
        description="Split name (dev, test) -> its articles."
    )

    @model_validator(mode="after")
    def _an_article_and_a_story_in_one_split_only(self) -> SplitsFile:
        seen: dict[str, str] = {}
        stories: dict[str, str] = {}
        for name, split in self.splits.items():
            for article_id in split.articles:
                if article_id in seen:
                    raise ValueError(f"article {article_id} is in both split {seen[article_id]} and split {name}")
                seen[article_id] = name
            for story in split.stories:
                if story in stories:
                    raise ValueError(f"story {story!r} is in both split {stories[story]} and split {name}")
                stories[story] = name
        return self
