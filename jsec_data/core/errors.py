"""The errors the library raises on purpose, under one base class.

Data problems are not exceptions: they are :class:`~jsec_data.core.issues.Issue` records in a
report. These errors mean a command cannot run as asked; ``exit_code`` is what ``jsec`` exits with.
"""

from __future__ import annotations

__all__ = ["BuildError", "JsecError", "PublishError", "PublishUsageError", "UnknownTableError", "UsageError",
           "ValidateUsageError"]


class JsecError(Exception):
    """Base of every error jsec-data raises on purpose."""

    exit_code = 1


class UsageError(JsecError):
    """The request itself is wrong (a path that does not exist, a bad option): fix the command."""

    exit_code = 2


class BuildError(UsageError):
    """A build that cannot start (bad paths); data problems go into the report instead."""


class ValidateUsageError(UsageError):
    """The command cannot run as asked (a path that does not exist, no raw folder)."""


class PublishError(JsecError):
    """Publishing failed (Hub unreachable, offline, no token, refused); the message says why."""


class PublishUsageError(PublishError, UsageError):
    """The publish request itself is wrong (bad repo id, not a build folder): fix the command."""


class UnknownTableError(JsecError, KeyError):
    """A table name that is not one of the dataset's tables."""

    def __str__(self) -> str:
        from jsec_data.core.tables import TABLE_NAMES

        return f"unknown table {self.args[0]!r}; the tables are: {', '.join(TABLE_NAMES)}"
