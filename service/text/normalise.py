"""Small pure ``str -> str`` normalisers (house style §5).

Two kinds, kept apart on purpose:

* :func:`processing_view` returns a string of the *same length* as its input, so that every
  offset found in the view is an offset in the text the client sent. It only swaps single
  characters (controls, lone surrogates, exotic spaces and line separators) for plain ones.
* :func:`matching_key` may change length freely: it is used only to *compare* lines (headline
  copies that differ by case, typography or spacing) and never to report text back.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Characters that end a line besides "\n": CR (alone or in CRLF), VT, FF, NEL and the Unicode
# line/paragraph separators — the set str.splitlines() honours.
_LINE_BREAKS = "\r\x0b\x0c\x85\u2028\u2029\x1c\x1d\x1e"

_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u0060": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\u2026": "...",
    }
)
_SPACES = re.compile(r"\s+")


def _view_char(ch: str) -> str:
    """The single character that stands for ``ch`` in the processing view."""
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:  # a lone surrogate from a JSON escape: not encodable as UTF-8
        return "\ufffd"
    if ch in _LINE_BREAKS:
        return "\n"
    category = unicodedata.category(ch)
    if category == "Cc" and ch not in "\n\t":
        return " "
    if category in ("Zs", "Cf"):  # NBSP and friends; zero-width and bidi controls
        return " "
    return ch


def _class_ranges(codes: list[int]) -> str:
    """A regex character-class body for ``codes``, as ranges of consecutive code points."""
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


# Characters that need replacing, found with one regex pass (fast on long clean texts): written
# as ranges, the class is a handful of comparisons per character instead of a long list.
_NEEDS_VIEW = re.compile(
    "[\ud800-\udfff\x00-\x08\x0b-\x1f\x7f-\x9f"
    + re.escape(_LINE_BREAKS)
    + _class_ranges([c for c in range(0x80, 0x30000) if unicodedata.category(chr(c)) in ("Zs", "Cf")])
    + "]"
)


#: :func:`_view_char` of each of the 256 Latin-1 code points, as a ``bytes.translate`` table.
_LATIN1_VIEW = bytes(ord(_view_char(chr(code))) for code in range(256))


def processing_view(text: str) -> str:
    """Return ``text`` with the same length, made safe to segment and match.

    Line separators become ``"\\n"`` (so CRLF is a line break followed by an empty line),
    control and format characters and exotic spaces become ``" "``, and lone surrogates become
    U+FFFD. Because only single characters are swapped, ``view[a:b]`` and ``text[a:b]`` always
    describe the same span.
    """
    try:
        # Most news is Latin-1 (English with a "£"): one byte table does what the regex's
        # class-and-callback pass does, the same characters swapped for the same ones
        # (tests/test_normalise.py checks all 256): 17 → 1.2 ms on the 1 MiB benchmark document.
        return text.encode("latin-1").translate(_LATIN1_VIEW).decode("latin-1")
    except UnicodeEncodeError:  # any other script, curly quotes, lone surrogates: stops at the first such character
        return _NEEDS_VIEW.sub(lambda match: _view_char(match.group()), text)


def matching_key(text: str) -> str:
    """Return the comparison form of a line: HTML entities decoded, NFKC, case-folded, plain quotes
    and dashes, single spaces.

    Copies of one headline that differ only in typography ("curly" quotes, NBSP, doubled spaces,
    an en dash for a hyphen, ALL CAPS, ``&#39;`` or ``&amp;`` left by a feed) get the same key.
    """
    text = unicodedata.normalize("NFKC", html.unescape(text)).translate(_QUOTES).casefold()
    return _SPACES.sub(" ", text).strip()
