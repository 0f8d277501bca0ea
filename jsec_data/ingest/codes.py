"""The issue codes ``jsec ingest`` reports: the ``ingest-*`` entries of the one catalogue.

They are defined in :data:`~jsec_data.core.issues.CATALOGUE` with every other code
(``docs/issue-codes.md`` lists them all); this module names the ingest's share of them.
"""

from __future__ import annotations

from jsec_data.core.issues import CATALOGUE, Issue, IssueCode, issue

__all__ = ["INGEST_CODES", "ingest_issue"]

INGEST_CODES: tuple[IssueCode, ...] = tuple(entry for code, entry in CATALOGUE.items() if code.startswith("ingest-"))


def ingest_issue(file: str, code: str, message: str, *, line: int | None = None, column: int | None = None,
                 field: str | None = None, hint: str | None = None) -> Issue:
    """An :class:`Issue` with ``code``'s severity and, without ``hint``, the catalogue's fix as the hint."""
    return issue(file, code, message, line=line, column=column, field=field,
                 hint=hint if hint is not None else CATALOGUE[code].fix)
