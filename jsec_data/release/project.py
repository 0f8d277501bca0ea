"""The project's public places and its datasheet, in one place for the card, Croissant and the Data Package.

**Where the repository and the Hub dataset are set.** :data:`REPOSITORY` (the code, the issue
tracker, the guidelines) and :data:`HUB_REPO_ID` (the Hugging Face dataset the card's examples load)
are set here and nowhere else; ``pyproject.toml``'s ``[project.urls]`` and ``CITATION.cff`` repeat them
and a test keeps them equal. Change them here when the project moves, then rebuild
(``jsec build --evaluate --out jsec_data/dataset``). ``jsec publish --repo-id`` can upload anywhere;
the card names this one.

**The datasheet.** The texts below are written once and used twice: as sections of the dataset card
(Uses, Curation rationale, Annotations, Personal and sensitive information, Bias, risks and
limitations, Recommendations, Contact) and as Croissant's Responsible-AI (``rai:``) properties.
They describe how the data is made, so they change with the process, not with each build; counts
and dates come from the tables.
"""

from __future__ import annotations

__all__ = [
    "AGREEMENT", "ANNOTATION_PROTOCOL", "ANNOTATORS", "CREATOR", "CURATION_RATIONALE", "DATA_BIASES", "DATA_COLLECTION",
    "DATA_LIMITATIONS", "DIRECT_USES", "HUB_REPO_ID", "ISSUES_URL", "OUT_OF_SCOPE_USES", "PERSONAL_SENSITIVE_INFORMATION",
    "RECOMMENDATIONS", "REPOSITORY", "TAKEDOWN", "hub_url",
]

#: The code repository: home page, issue tracker, guidelines and changelog.
REPOSITORY = "https://github.com/jsec-data/jsec-data"
#: Where to report a problem or ask for a text's removal.
ISSUES_URL = f"{REPOSITORY}/issues"
#: The Hugging Face dataset repository (ORG/NAME) the card's examples load; `jsec publish --repo-id` uploads there.
HUB_REPO_ID = "jsec-data/jsec-data"
#: Who made the dataset (an organisation: the project's contributors).
CREATOR = "jsec-data developers"


def hub_url(repo_id: str = HUB_REPO_ID) -> str:
    """The Hub page of a dataset repository.

    >>> hub_url("jsec-data/jsec-data")
    'https://huggingface.co/datasets/jsec-data/jsec-data'
    """
    return f"https://huggingface.co/datasets/{repo_id}"


CURATION_RATIONALE = (
    "Arabic-language reporting on Japan's security and defence partnerships (with NATO, the United States, "
    "the EU, the UK, Australia, the Philippines, South Korea) is read by a large audience but rarely studied "
    "with structured data: who is quoted, in whose words, and how agreements are reported. The corpus "
    "records that reporting as it was published, with every statement, quotation and agreement mention "
    "anchored in the text, so that claims about it can be checked against the words themselves."
)

DATA_COLLECTION = (
    "Articles are Arabic news texts on Japan's security partnerships. The first (seed) articles were "
    "collected by hand from news sites; later articles come from published news corpora (e.g. SaudiNewsNet), "
    "added by `jsec ingest`, which keeps the text as the corpus gives it, records its provenance (source URL, "
    "outlet, retrieval time, licence, a checksum of the source record) and keeps only articles a measured "
    "relevance filter finds on topic (measured on a held-back labelled sample of SaudiNewsNet: recall 1.00, 5/5, "
    "precision 0.71, 5/7; docs/relevance.md); near-copies of one story are recorded on the kept article, not kept "
    "twice. Which ingested articles are annotated is decided per story (docs/gold-selection.md). Texts are "
    "stored byte for byte; nothing is translated, corrected or rewritten."
)

ANNOTATION_PROTOCOL = (
    "Annotations follow the written guidelines (docs/annotation-guidelines.md): reported statements (speaker, "
    "cue, mode, content span, topics), direct quotations (span without quote marks, speakers, cue, fragment or "
    "not, statement), agreement mentions with the status the article reports, and registries of entities and "
    "agreements. Each annotation is a W3C TextQuoteSelector resolved to code-point offsets; the build refuses "
    "any span that does not resolve once, any unknown id and any span in page furniture. A rule-based drafter "
    "(`jsec extract`) may propose a draft; every record is then checked against the guidelines and the file "
    "marked `review: reviewed`. Only reviewed files are gold (`articles.annotation_status`)."
)

ANNOTATORS = (
    "The annotations were made by AI assistants (large language model sessions) working as annotators under "
    "the guidelines, not by people. The real-news gold articles were annotated in two independent passes, "
    "whose disagreements were adjudicated in a third pass, and the result was reviewed against the guidelines "
    "in this project; agreement between passes can be measured with `jsec agreement` (docs/agreement.md). The "
    "seed articles were annotated once, then reviewed. No crowd workers were involved and no annotator "
    "demographics apply. Treat the annotations as careful but machine-made: check them against the text "
    "before relying on a single record."
)

#: Measured by `jsec agreement` on the passes kept in annotation-passes/ (docs/agreement.md);
#: tests/release/test_card.py recomputes every figure here from those folders.
AGREEMENT = (
    "Pass a against pass b over the 12 real articles (`jsec agreement annotation-passes/a1 annotation-passes/a2 "
    "--against annotation-passes/b1 annotation-passes/b2`; definitions in docs/agreement.md): quotations 58 and 58, "
    "exact-span F1 1.00, speaker accuracy 0.93 (54/58), is_fragment kappa 0.91; statements 113 and 116, exact-span "
    "F1 0.96, overlap F1 0.98, speaker accuracy 0.86 (96/112), cue accuracy 0.99, mode kappa 1.00; agreement "
    "mentions 10 and 10, exact-span F1 1.00, agreement-link accuracy 0.80 (8/10), status kappa 1.00; entity ids "
    "used per article F1 0.83; event dates 12/12. The most common disagreements: an entity used by one pass only "
    "(27), a different speaker id (12 statements, 4 quotations), the same entity under two ids (5): nearly all "
    "are two names for the same unnamed source, not attribution to a different person. Both passes are AI "
    "assistants of the same kind, so this agreement says the guidelines can be applied consistently; it is not "
    "evidence of the accuracy human annotators would reach."
)

PERSONAL_SENSITIVE_INFORMATION = (
    "The texts are published news. They name public figures (ministers, heads of government, officials, "
    "diplomats, analysts) and quote them in their public roles; the entity registry adds each one's public "
    "role and affiliation at the time of the reports. Anonymous sources stay anonymous (described as a group "
    "or an unnamed official, never identified). Credited journalists are kept as printed. No private "
    "individual's data was sought or added, and nothing beyond what the articles publish."
)

DATA_BIASES = (
    "Selection: only Arabic-language outlets that the collections hold, and only stories a relevance filter "
    "kept, so some outlets, countries and years are over- or under-represented; the seed articles were chosen "
    "by hand. Most texts are Arabic renderings of Western wire or newspaper reports, so the framing and the "
    "voices quoted are those of the original reports (officials of Japan, the US and Europe dominate). "
    "Annotation: the annotators are AI assistants, whose errors may be systematic (for example in resolving "
    "pronouns or titles to people); the guidelines' decisions (what counts as a statement, which status an "
    "agreement is reported with) shape every count."
)

DATA_LIMITATIONS = (
    "A small corpus, not a representative sample of Arabic news and too small for statistical claims about "
    "coverage. Quoted words are often translations, not the speaker's own words. Event dates are inferred "
    "from the text and public events (with precision and evidence); publication dates are often unknown. "
    "List columns (speaker_ids, topic_ids, parties) refer to entities but cannot be declared as foreign keys "
    "in the Data Package or Croissant; the build checks them. Drafts (`annotation_status: draft`) are not gold."
)

DIRECT_USES = (
    "Studying how Arabic news reports Japan's security partnerships: who is quoted and how (directly, "
    "indirectly, in fragments), which agreements are mentioned and with what status, and how that changes "
    "over time or between outlets; evaluating quotation, speaker-attribution and agreement-mention extraction "
    "on Arabic news (the gold articles); teaching annotation and source criticism with spans anchored in the text."
)

OUT_OF_SCOPE_USES = (
    "Training or benchmarking models whose scores are reported as representative of Arabic news in general "
    "(the sample is small and selected); inferring what a person actually said in another language from the "
    "Arabic wording; attributing views to the anonymous sources; profiling or monitoring the people named; "
    "commercial use of the news texts, which stay under their publishers' terms (see the licence section)."
)

RECOMMENDATIONS = (
    "Select gold with `annotation_status == 'reviewed'`; count a story once (near-copies are recorded, not "
    "kept); check a surprising record against `articles.text` (the spans make that one slice); cite the "
    "version and content fingerprint; report problems in the repository's issue tracker."
)

TAKEDOWN = (
    f"Questions, corrections and requests go to the repository's issue tracker: {ISSUES_URL}. A rights "
    "holder who objects to the inclusion of a text, or a person named who asks for a correction, can open "
    "an issue there (or ask in it for a private contact); the text will then be removed from the next "
    "release, with its annotations."
)
