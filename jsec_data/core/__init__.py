"""Shared pieces every stage uses: the models (the single source of every schema), the table names
and Arrow schemas, stored and matching text, anchoring of quote selectors, the issue catalogue,
the errors, span matching and the parallel executor.

Importing this package imports nothing else (``import jsec_data`` stays cheap); import the
modules: ``from jsec_data.core.models import ArticleRecord``.
"""

__all__ = ["anchor", "arrow", "errors", "executor", "issues", "models", "spans", "tables", "text"]
