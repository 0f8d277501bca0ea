"""One licence story for a build, from the articles table's ``licence`` column.

Each article carries the licence of its text (an SPDX id, or null when the text came without
one: then its publisher's rights apply). The card, ``LICENSE``, Croissant and the Data Package
all state the same thing, derived here: per licence, how many articles; annotations are CC BY 4.0
except where they quote a ShareAlike text, which makes them adapted material under the same
licence; and the whole is never offered on terms more permissive than its most restrictive part.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["ANNOTATION_LICENCE", "KNOWN", "LicenceSummary", "croissant_licence", "datapackage_licences", "licence_summary"]

#: SPDX id -> (name, URL) of the licences the project knows how to describe.
KNOWN: dict[str, tuple[str, str]] = {
    "CC-BY-4.0": ("Creative Commons Attribution 4.0 International", "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": ("Creative Commons Attribution-ShareAlike 4.0 International",
                     "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC-BY-NC-4.0": ("Creative Commons Attribution-NonCommercial 4.0 International",
                     "https://creativecommons.org/licenses/by-nc/4.0/"),
    "CC-BY-NC-SA-4.0": ("Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International",
                        "https://creativecommons.org/licenses/by-nc-sa/4.0/"),
    "CC0-1.0": ("Creative Commons Zero 1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"),
}
ANNOTATION_LICENCE = "CC-BY-4.0"
_PUBLISHER_TERMS = (
    "no licence stated: the texts remain the property of their publishers and authors. They are "
    "redistributed unchanged, with their source identified where the text names it, for non-commercial "
    "research and teaching. They are not licensed by the jsec-data developers; anyone wishing to reuse them "
    "beyond that purpose must obtain permission from the rights holders")


@dataclass(frozen=True)
class LicenceSummary:
    """How many articles carry each licence (None: no licence stated), with their attributions."""

    counts: dict[str | None, int]
    attributions: dict[str | None, list[str]]

    @property
    def non_commercial(self) -> bool:
        """True when some text may only be used non-commercially (an NC licence, or publisher terms)."""
        return any(licence is None or "-NC" in licence or licence not in KNOWN for licence in self.counts)

    @property
    def share_alike(self) -> list[str]:
        return sorted(licence for licence in self.counts if licence and "-SA" in licence)

    def urls(self) -> list[str]:
        """Licence URLs of the texts present and of the annotations, most restrictive first."""
        present = sorted((licence for licence in self.counts if licence in KNOWN), key=_strictness, reverse=True)
        return list(dict.fromkeys([*(KNOWN[licence][1] for licence in present), KNOWN[ANNOTATION_LICENCE][1]]))

    def spdx(self) -> list[str]:
        """SPDX ids of the texts present (``LicenseRef-publisher-terms`` for none) and of the annotations."""
        ids = sorted((licence or "LicenseRef-publisher-terms" for licence in self.counts), key=_strictness, reverse=True)
        return list(dict.fromkeys([*ids, ANNOTATION_LICENCE]))

    def hf_licence_name(self) -> str:
        """The card's ``license_name`` (with ``license: other``): what the parts are, most restrictive first."""
        texts = [licence.lower() if licence else "publisher-terms" for licence in
                 sorted(self.counts, key=lambda licence: (_strictness(licence), licence or ""), reverse=True)]
        return "-and-".join([*texts, "cc-by-4.0-annotations"])

    def terms(self) -> str:
        """The ``LICENSE`` text of the build (also the card's licence section)."""
        lines = ["News texts (the `text`, `title` and `body` columns of `articles`, and the quoted `text` of "
                 "spans taken from them): each article's licence is in `articles.licence` (an SPDX id) with the "
                 "attribution it requires in `articles.attribution`.", ""]
        for licence in sorted(self.counts, key=lambda value: (value is None, value or "")):
            count = self.counts[licence]
            noun = "article" if count == 1 else "articles"
            if licence is None:
                lines.append(f"- {count} {noun}, {_PUBLISHER_TERMS}. Rights holders who object to the inclusion "
                             "of a text can ask for its removal.")
                continue
            name, url = KNOWN.get(licence, (licence, ""))
            credits = "; ".join(self.attributions.get(licence, []))
            lines.append(f"- {count} {noun} under {name} ({licence}){f', {url}' if url else ''}"
                         f"{f'. Attribution: {credits}' if credits else ''}.")
        annotation_name, annotation_url = KNOWN[ANNOTATION_LICENCE]
        lines += ["", f"Annotations, metadata and registries (every other column and table): {annotation_name} "
                  f"({ANNOTATION_LICENCE}), {annotation_url}"]
        if self.share_alike:
            lines[-1] += (f", except the records of articles under {', '.join(self.share_alike)}: they quote "
                          "those texts, so they are adapted material under the same licence as the text.")
        else:
            lines[-1] += "."
        if self.non_commercial:
            lines += ["", "The dataset as a whole may be used for non-commercial research and teaching only: it is "
                      "never offered on terms more permissive than its most restrictive part. Select articles by "
                      "`articles.licence` for other uses."]
        return "\n".join(lines) + "\n"


def _strictness(licence: str | None) -> int:
    if licence is None or licence not in KNOWN:
        return 4  # publisher's rights: more restrictive than any public licence
    return ("-NC" in licence) * 2 + ("-SA" in licence)


def licence_summary(articles_parquet: Path) -> LicenceSummary:
    """The licence summary of a build's articles table."""
    import pyarrow.parquet as pq

    table = pq.ParquetFile(articles_parquet).read(columns=["licence", "attribution"])
    counts: Counter[str | None] = Counter()
    attributions: dict[str | None, list[str]] = {}
    for licence, attribution in zip(table.column("licence").to_pylist(), table.column("attribution").to_pylist(),
                                    strict=True):
        counts[licence] += 1
        if attribution and attribution not in attributions.setdefault(licence, []):
            attributions[licence].append(attribution)
    return LicenceSummary(dict(counts), {k: sorted(v) for k, v in attributions.items()})


def croissant_licence(summary: LicenceSummary) -> list[str] | str:
    """Croissant's ``license``: the licence URLs present (one string when there is one)."""
    urls: list[str] = summary.urls()
    return urls[0] if len(urls) == 1 else urls


def datapackage_licences(summary: LicenceSummary) -> list[dict[str, Any]]:
    """The Data Package's ``licenses`` list."""
    result = []
    for spdx in summary.spdx():
        name, url = KNOWN.get(spdx, (spdx, ""))
        entry: dict[str, Any] = {"name": spdx, "title": name if spdx in KNOWN else
                                 "News texts under their publishers' rights (see LICENSE)"}
        if url:
            entry["path"] = url
        result.append(entry)
    return result
