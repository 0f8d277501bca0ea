"""From a source record's field to the stored text of an article.

:func:`normalise_text` makes exactly these changes, in this order, and nothing else:

1. HTML entities are decoded once (``html.unescape``, HTML5 entities: ``&quot;`` -> ``"``,
   ``&#1575;`` -> ``ا``; ``&amp;quot;`` becomes ``&quot;``, not ``"``);
2. newlines ``\\r\\n``, ``\\r``, U+0085, U+2028 and U+2029 become ``\\n``;
3. in each line, every run of other whitespace (``str.isspace()``: space, tab, form feed,
   no-break space, the Unicode spaces U+2000..U+200A, U+202F, U+205F, U+3000 ...) becomes
   one space, and the line is stripped;
4. empty lines are dropped: one paragraph per line;
5. the result is put in Unicode NFC.

Tatweel, quote marks, diacritics, zero-width and bidi control characters are left as they
are: the build reports hidden characters (``jsec validate``), so they are never removed
silently (the ingest run reports them too).
"""

from __future__ import annotations

import html
import unicodedata

__all__ = ["normalise_text", "normalise_title", "stored_article"]

# Newline forms that become "\n" besides CR (str.splitlines() would also split on \x0b, \x0c and
# \x1c-\x1e; those are whitespace here, as the spec says, and become a space).
_OTHER_NEWLINES = ("\u0085", "\u2028", "\u2029")
#: Every str.isspace() character that is neither a space nor a newline form (listed, not computed
#: at import: the tests check the list against str.isspace() over every code point).
_OTHER_SPACES = (
    "\t", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\xa0", "\u1680",
    "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005", "\u2006", "\u2007", "\u2008",
    "\u2009", "\u200a", "\u202f", "\u205f", "\u3000",
)


def normalise_text(s: str) -> str:
    """One record field -> its stored form (see the module docstring for the five rules).

    >>> normalise_text("  قال&nbsp;الوزير\\r\\n\\r\\n\\tإن  &quot;اليابان&quot; \\u2028")
    'قال الوزير\\nإن "اليابان"'

    Idempotent on text without entities left after one decoding (``&amp;amp;`` decodes
    once to ``&amp;``, a second pass would give ``&``).
    """
    # Each step tests for its characters first: `in` is a C scan, where re's character
    # classes walk Arabic text character by character (a regex version took 5x as long
    # over SaudiNewsNet's 53 M characters).
    if "&" in s:
        s = html.unescape(s)
    if "\r" in s:
        s = s.replace("\r\n", "\n").replace("\r", "\n")
    if not s.replace("\n", " ").isprintable():  # every other whitespace character is unprintable
        for char in _OTHER_NEWLINES:
            if char in s:
                s = s.replace(char, "\n")
        for char in _OTHER_SPACES:
            if char in s:
                s = s.replace(char, " ")
    while "  " in s:  # runs of spaces: each pass halves them
        s = s.replace("  ", " ")
    # Only spaces and "\n" are left as whitespace, so strip(" ") is the strip the rule means.
    s = "\n".join(filter(None, [line.strip(" ") for line in s.split("\n")]))
    if not unicodedata.is_normalized("NFC", s):  # most text is NFC already: a cheap check first
        s = unicodedata.normalize("NFC", s)
    return s


def normalise_title(title: str) -> str:
    """A title's stored form: :func:`normalise_text` with its lines joined by a space."""
    return normalise_text(title).replace("\n", " ")


def stored_article(title: str, body: str) -> str:
    """The raw file text of an article: normalised title, newline, normalised body, newline.

    Without a title (empty once normalised) the file is the body alone; an empty body
    gives the title alone. Either way the text ends with one ``\\n``.

    >>> stored_article("عنوان\\n  فرعي", "سطر\\r\\nسطر")
    'عنوان فرعي\\nسطر\\nسطر\\n'
    >>> stored_article("", "سطر")
    'سطر\\n'
    """
    lines = [part for part in (normalise_title(title), normalise_text(body)) if part]
    return "\n".join(lines) + "\n" if lines else ""
