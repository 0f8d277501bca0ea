"""``jsec extract``: a rule-based draft annotation file for a new article.

Deterministic, offline, no model weights. The draft is a starting point for a
contributor, never gold: every record it writes resolves in the article (so the
draft passes ``jsec validate``), but speakers, agreements and statuses are guesses.

The rules (see docs/extractor.md, with what they get wrong):

* paragraphs and boilerplate come from :mod:`jsec_data.article.segment`; lead and body
  paragraphs are read, the title only for a headline label (ويكيليكس: ...);
* quotations are found by pairing quote marks per paragraph in every common style
  (``"…"``, ``“…”``, reversed ``”…“``, ``«…»``); a mark's role (opening or closing)
  is read from the characters around it, so a quote left unclosed runs to the end
  of its paragraph (or to the next sentence that starts with a reporting cue) and
  ends before its full stop, and a closing mark with no opening one closes a quote
  that began with the paragraph; names and terms in quote marks (a ship name, "2+2",
  the name after وكالة، موقع، صحيفة ...) are dropped;
* reporting cues (قال، أضاف، أكد ...) are matched on the matching form of the text,
  with attached و/ف; the speaker is read by context: the phrase right after the cue
  (or before a present tense), an office or body resolved with its country, a
  description taking up an entity named before, else the speaker carried over from
  the last cue or sentence subject;
* statements: the content of each cue (after a complementiser, a colon, a preposition
  the verb governs or its noun object), attributions (بحسب، وفقا لـ) and headline labels,
  with a mode; every quotation is linked to the statement that holds it;
* agreement mentions come from a lexicon of agreement words, with parties read from
  the sentence and a status from its verbs; a bare head takes up the agreement named
  before it, or stays unlinked.

Every id the draft declares is namespaced by its article (``draft-<article id>-...``),
so drafts of many articles validate together.

This module reads the paragraphs in order and assembles the draft; the rules live
beside it, one concern each: :mod:`~jsec_data.extract.scan` (what each paragraph
holds), :mod:`~jsec_data.extract.quotations` (quotation records) over
:mod:`~jsec_data.extract.quotes` (quote marks, sentences),
:mod:`~jsec_data.extract.statements` (statements, and the links of quotations to them),
:mod:`~jsec_data.extract.speakers` (speaker attribution) over
:mod:`~jsec_data.extract.people` (offices, bodies, descriptions and names),
:mod:`~jsec_data.extract.cues` (reporting verbs) and :mod:`~jsec_data.extract.names`
(gazetteers, slugs), :mod:`~jsec_data.extract.mentions` (agreement mentions) over
:mod:`~jsec_data.extract.agreements` (heads, kinds, statuses),
:mod:`~jsec_data.extract.proposals` (new entities and agreements),
:mod:`~jsec_data.extract.model` (the draft's records),
:mod:`~jsec_data.extract.selectors` (text-quote selectors) and
:mod:`~jsec_data.extract.matching` (the matching form with its offsets). The word
lists are package data (``jsec_data/extract/data/*.yaml``, :mod:`~jsec_data.extract.lexicon`).
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsec_data.article.segment import Paragraph, segment_paragraphs, split_paragraphs
from jsec_data.article.stage import Registry
from jsec_data.core.issues import Issue, Report
from jsec_data.core.models import CONTENT_KINDS, MetadataFile
from jsec_data.core.text import TextDecodeError, decode_article
from jsec_data.extract.article_names import described_person
from jsec_data.extract.cues import Cue, find_cues, reporting_cues
from jsec_data.extract.lexicon import complementisers
from jsec_data.extract.matching import matching_name, window
from jsec_data.extract.mentions import Mentions
from jsec_data.extract.model import ArticleDraft
from jsec_data.extract.names import registry_gazetteers
from jsec_data.extract.people import people_words
from jsec_data.extract.proposals import Proposals
from jsec_data.extract.quotations import Quotations
from jsec_data.extract.quotes import QuoteSpan, Sentence, find_quotes, split_sentences
from jsec_data.extract.scan import ArticleScan
from jsec_data.extract.selectors import SelectorCache
from jsec_data.extract.speakers import Speakers
from jsec_data.extract.statements import Statements
from jsec_data.raw.files import ARTICLE_FILE_RE, decode_issue, metadata_path, unsafe_character_issues
from jsec_data.raw.yamlfiles import read_model_file

__all__ = ["Draft", "extract_file", "extract_text"]

#: كان right before a present cue (وكانت تدعو، كان يقول): a past of the one spoken of, not the reporter's formula.
_AFTER_KANA = re.compile(r"(?<!\w)[وف]?كان(?:ت|وا)?\s+$")


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


class _Drafter:
    """Drafts one article: each content paragraph in turn, through the rules of each concern."""

    def __init__(self, article_id: str, text: str, registry: Registry, paragraphs: Sequence[Paragraph]) -> None:
        self.article_id, self.paragraphs = article_id, paragraphs
        gazetteers = registry_gazetteers(registry)
        self.scan = ArticleScan(text)
        self.proposals = Proposals(registry, article_id)
        self.speakers = Speakers(gazetteers, self.proposals, registry, self.scan.normalized[0],
                                 (text, self.scan.normalized))
        selectors = SelectorCache(text)
        self.quotations = Quotations(text, self.speakers, selectors)
        self.statements = Statements(text, self.speakers, selectors)
        self.mentions = Mentions(text, self.scan.normalized[0], registry, gazetteers.parties, self.proposals)

    def paragraph(self, para: Paragraph, *, title: bool = False) -> None:
        """Draft one content paragraph; in the ``title``, statements and agreement mentions only: its quote marks
        mostly set off names and terms («الدخيل» يشدد ...), which a title's few words cannot tell from quoted words."""
        inputs = self.scan.paragraph(para)
        if inputs is None:
            return
        normalized, cue_spans, keys, marks, stops = inputs
        if title and not cue_spans:  # (a title's statements need a cue, and its quote marks make no quotation)
            if keys:
                self.mentions.add_paragraph(para, None, normalized, keys, stops)
            return
        text = para.text
        if not cue_spans and not marks:
            # No cue and no quote mark: no quotation and no speaker, only agreements (and attributions).
            sentences = None
            if self.scan.attribution_in(para):
                sentences = split_sentences(text, stops)
                self.statements.add_attributions(para.start, text, sentences, (), normalized, self._at(para.start))
            if keys:  # (else there is no head word)
                self.mentions.add_paragraph(para, sentences, normalized, keys, stops)
            return
        # normalized is shared by the cue, speaker and agreement rules.
        all_cues = reporting_cues(text, find_cues(text, normalized, cue_spans)) if cue_spans else []
        sentences = split_sentences(text, stops)
        # A sentence that begins with a reporting cue ends an unclosed quote before it.
        if all_cues:
            cue_starts = {c.start for c in all_cues}
            cut_before = [s.start for s in sentences if s.start in cue_starts]
        else:
            cut_before = []
        quotes = find_quotes(text, cut_before, marks)
        # Reporting verbs inside quoted words are the speaker's, not the reporter's.
        is_cue = self.statements.is_cue
        cues = [c for c in all_cues if is_cue(text, c) and (not quotes or _outside(c.start, quotes))]
        sentence_of: dict[int, Sentence] = {}
        at: list[int] = []  # each cue's article matching-form offset
        if cues:  # (else a paragraph with quote marks only)
            starts = [s.start for s in sentences]
            sentence_of = {c.start: _sentence_at(sentences, starts, c.start, len(text)) for c in cues}
            article_index = self.scan.normalized[1].position  # (self._at, without a call per cue)
            at = [article_index(para.start + c.start) for c in cues]
        cue_speakers = self.speakers.subjects(text, cues, sentence_of, normalized, at, self.statements)
        if cues:
            strict = self.statements.strict_verbs
            cues = [c for c in cues if c.verb not in strict or cue_speakers.get(c.start, ([], False))[1]]
        # Cues and quotes in reading order: a quote's speaker may be the one a cue before it named,
        # or the subject that opened a sentence before it (the sentences up to each are noted first).
        events: list[tuple[int, int, Cue | QuoteSpan]] = [(c.start, 0, c) for c in cues] + [(q.start, 1, q) for q in quotes]
        speakers_of: dict[int, list[str]] = {}
        self.quotations.after_colon.clear()
        kept: list[tuple[int, int]] = []  # the quotations' spans (paragraph offsets)
        kept_quotes: list[QuoteSpan] = []  # and their quotes (not the names and terms in quote marks)
        noted = 0  # the sentences noted so far (as pending subjects)
        pending = self.speakers.pending
        if cues and quotes:
            events.sort(key=_START_AND_KIND)  # (else already in order: cues, or quotes, each in text order)
        for position, _, item in events:
            while noted < len(sentences) and sentences[noted].start <= position:
                pending.append((normalized, sentences[noted].start, sentences[noted].end))
                noted += 1
            if isinstance(item, Cue):
                sentence = sentence_of[item.start]
                named = cue_speakers.get(item.start, ([], False))[1]
                if (item.relative or item.tense == "present") and not item.takes_subject and not named \
                        and not _AFTER_KANA.search(text, max(0, item.start - 8), item.start):
                    speakers_of[item.start] = []  # a bare present with no subject before it: the reporter's formula
                    continue
                speakers_of[item.start] = self.speakers.of_cue(text, item, cue_speakers, sentence.start,
                                                               normalized=normalized)
            elif not title:
                span = self.quotations.add(para, item, cues, sentences, cue_speakers, normalized)
                if span is not None:
                    kept.append(span)
                    kept_quotes.append(item)
        for sentence in sentences[noted:]:
            pending.append((normalized, sentence.start, sentence.end))
        opens = self.statements.opens_statement
        after_colon = self.quotations.after_colon
        for index, cue in enumerate(cues):
            if cue.start in after_colon:
                continue  # وقال فلان للصحفيين: «...»: the quotation is the content (Statements.link makes its statement)
            sentence = sentence_of[cue.start]
            following = None
            for later in cues[index + 1:]:
                if later.start >= sentence.end:
                    break
                if opens(text, later, sentence.start):
                    following = later.start
                    break
            self.statements.add_cue(para.start, text, cue, speakers_of.get(cue.start, []), sentence, following,
                                    kept_quotes, kept, normalized, self.speakers.subject_end.get(cue.start))
        if self.scan.attribution_in(para):
            self.statements.add_attributions(para.start, text, sentences, kept, normalized, self._at(para.start))
        if keys:
            self.mentions.add_paragraph(para, sentences, normalized, keys)

    def _at(self, offset: int) -> int:
        """The article matching-form offset of article offset ``offset``."""
        return self.scan.normalized[1].position(offset)

    def label(self, para: Paragraph) -> None:
        """A headline label (the title, or a short item headline): ويكيليكس: ..."""
        colon = para.text.find(":", 0, 48)  # (a label is at most three words, and no reporting verb)
        if colon > 0 and para.text.count(" ", 0, colon) <= 4 and len(para.text.split(maxsplit=25)) <= 25 \
                and not self.statements.has_cue(para.text[:colon]):
            normalized = window(self.scan.normalized, para.start, para.start + len(para.text))
            self.statements.add_label(para.start, para.text, normalized, ())

    def run(self, kinds: Sequence[str]) -> ArticleDraft:
        for para, kind in zip(self.paragraphs, kinds, strict=True):
            # (label's first test, inlined: most paragraphs have no colon near their start)
            if kind in CONTENT_KINDS or kind == "title":
                if para.text.find(":", 0, 48) > 0:
                    self.label(para)
                if kind in CONTENT_KINDS:
                    self.paragraph(para)
        for para, kind in zip(self.paragraphs, kinds, strict=True):
            if kind == "title":  # (after the body: what the title names is not carried into it, nor proposed first)
                with self.speakers.aside():
                    self.paragraph(para, title=True)
        self.statements.link(self.quotations.records, self.quotations.spans, self.quotations.marks)
        merged = self.proposals.merge_offices()
        merged.update(self._merge_descriptions())
        if merged:
            for record in (*self.statements.records, *self.quotations.records):
                record["speaker_ids"] = list(dict.fromkeys(merged.get(s, s) for s in record["speaker_ids"]))
        # Speakers read for cues that made no record (قد يقول المرء) are not proposed.
        self.proposals.prune({speaker for record in (*self.statements.records, *self.quotations.records)
                              for speaker in record["speaker_ids"]})
        draft = ArticleDraft(self.article_id, list(self.proposals.entities.values()), list(self.proposals.agreements.values()),
                             self.statements.records, self.quotations.records, self.mentions.records)
        if self.mentions.unlinked:
            unlinked = "، ".join(dict.fromkeys(self.mentions.unlinked))
            draft = draft._replace(notes=f"{draft.notes} Not drafted as agreement mentions (a bare head with no "
                                         f"agreement named before it): {unlinked}.")
        return draft

    def _merge_descriptions(self) -> dict[str, str]:
        """Fold each speaker proposed as a description (المبعوث الأميركي, kind ``unknown``) into the one person proposed
        whom the article names with it (:func:`.article_names.described_person`); returns description id -> person id."""
        entities = self.proposals.entities
        described = [e for e in entities.values() if e.kind == "unknown" and e.entity_id not in self.proposals.stand_ins
                     and ("ال" in e.names_ar[0] or " " in e.names_ar[0])]  # (only a definite one is named: described_person)
        if not described:
            return {}
        people = {e.entity_id: [tuple(matching_name(n).split()) for n in e.names_ar] for e in entities.values() if e.kind == "person"}
        lists, blocked = people_words(), complementisers()
        merged = {}
        for entity in described:
            person = described_person(matching_name(entity.names_ar[0]), people, self.scan.normalized[0], lists, blocked)
            if person is not None:
                merged[entity.entity_id] = person
                del entities[entity.entity_id]
        return merged


def _outside(offset: int, quotes: Sequence[QuoteSpan]) -> bool:
    """Whether ``offset`` lies outside every quote's words (a loop: cheaper than any() over a generator)."""
    for quote in quotes:  # noqa: SIM110
        if quote.start <= offset < quote.end:
            return False
    return True


def _sentence_at(sentences: Sequence[Sentence], starts: Sequence[int], offset: int, length: int) -> Sentence:
    """The sentence that holds ``offset`` (``starts``: the sentences' starts), else the whole paragraph."""
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and offset < sentences[index].end:
        return sentences[index]
    return Sentence(0, length)


def extract_text(text: str, article_id: str, registry: Registry | None = None,
                 overrides: Mapping[int, str] | None = None) -> dict[str, Any]:
    """Draft annotation data for stored article ``text`` (plain dicts, in file order)."""
    paragraphs = split_paragraphs(text)
    segmented = segment_paragraphs(paragraphs, overrides, text=text)
    drafter = _Drafter(article_id, text, registry or Registry(), [p for p, _ in segmented])
    return drafter.run([kind for _, kind in segmented]).as_dict()


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
