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

This module reads the paragraphs in order and assembles the draft; the rules live
beside it, one concern each: :mod:`~jsec_data.extract.scan` (what each paragraph
holds), :mod:`~jsec_data.extract.quotations` (quotation records) over
:mod:`~jsec_data.extract.quotes` (quote marks, sentences),
:mod:`~jsec_data.extract.speakers` (speaker attribution) over
:mod:`~jsec_data.extract.cues` (reporting verbs) and :mod:`~jsec_data.extract.names`
(gazetteers, slugs), :mod:`~jsec_data.extract.mentions` (agreement mentions) over
:mod:`~jsec_data.extract.agreements` (heads, kinds, statuses),
:mod:`~jsec_data.extract.proposals` (new entities and agreements),
:mod:`~jsec_data.extract.model` (the draft's records) and
:mod:`~jsec_data.extract.matching` (the matching form with its offsets). The word
lists are package data (``jsec_data/extract/data/*.yaml``, :mod:`~jsec_data.extract.lexicon`).
"""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsec_data.article.segment import Paragraph, segment_paragraphs, split_paragraphs
from jsec_data.article.stage import Registry
from jsec_data.core.issues import Issue, Report
from jsec_data.core.models import CONTENT_KINDS, MetadataFile
from jsec_data.core.text import TextDecodeError, decode_article
from jsec_data.extract.cues import Cue, find_cues
from jsec_data.extract.mentions import Mentions
from jsec_data.extract.model import ArticleDraft
from jsec_data.extract.names import registry_gazetteers
from jsec_data.extract.proposals import Proposals
from jsec_data.extract.quotations import Quotations
from jsec_data.extract.quotes import QuoteSpan, find_quotes, split_sentences
from jsec_data.extract.scan import ArticleScan
from jsec_data.extract.speakers import Speakers
from jsec_data.raw.files import ARTICLE_FILE_RE, decode_issue, metadata_path, unsafe_character_issues
from jsec_data.raw.yamlfiles import read_model_file

__all__ = ["Draft", "extract_file", "extract_text"]


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
        self.proposals = Proposals(registry)
        self.speakers = Speakers(gazetteers, self.proposals)
        self.quotations = Quotations(text, self.speakers)
        self.mentions = Mentions(text, self.scan.normalized[0], registry, gazetteers.parties, self.proposals)

    def paragraph(self, para: Paragraph) -> None:
        inputs = self.scan.paragraph(para)
        if inputs is None:
            return
        normalized, cue_spans, keys, marks, stops = inputs
        text = para.text
        if not cue_spans and not marks:
            # No cue and no quote mark: no quotation and no speaker, only agreements.
            if keys:  # (else there is no head word)
                self.mentions.add_paragraph(para, None, normalized, keys, stops)
            return
        # normalized is shared by the cue, speaker and agreement rules.
        all_cues = find_cues(text, normalized, cue_spans) if cue_spans else []
        sentences = split_sentences(text, stops)
        # A sentence that begins with a reporting cue ends an unclosed quote before it.
        cut_before = [s.start for s in sentences for c in all_cues if c.start == s.start]
        quotes = find_quotes(text, cut_before, marks)
        # Reporting verbs inside quoted words are the speaker's, not the reporter's.
        cues = [c for c in all_cues if not any(q.start <= c.start < q.end for q in quotes)] if quotes else all_cues
        cue_speakers: dict[int, tuple[list[str], bool]] = {}
        for cue in cues:
            sentence = next((s for s in sentences if s.start <= cue.start < s.end), None)
            cue_speakers[cue.start] = self.speakers.after_cue(text, cue, sentence.end if sentence else len(text), cues,
                                                              normalized)
        # Cues and quotes in reading order: a quote's speaker may be the one a cue before it named.
        events: list[tuple[int, int, Cue | QuoteSpan]] = [(c.start, 0, c) for c in cues] + [(q.start, 1, q) for q in quotes]
        for _, _, item in sorted(events, key=_START_AND_KIND):
            if isinstance(item, Cue):
                ids, named = cue_speakers[item.start]
                if named and ids:
                    self.speakers.last = ids  # now the last named: "he said" after it refers to them
            else:
                self.quotations.add(para, item, cues, sentences, cue_speakers, normalized)
        if keys:
            self.mentions.add_paragraph(para, sentences, normalized, keys)

    def run(self, kinds: Sequence[str]) -> ArticleDraft:
        for para, kind in zip(self.paragraphs, kinds, strict=True):
            if kind in CONTENT_KINDS:
                self.paragraph(para)
        return ArticleDraft(self.article_id, list(self.proposals.entities.values()), list(self.proposals.agreements.values()),
                            self.quotations.records, self.mentions.records)


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
