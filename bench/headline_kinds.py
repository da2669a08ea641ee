"""Kinds of in-article headline copy that ``syndicated/dev.jsonl`` lacks, in three renderings.

Run: ``python -m bench.headline_kinds``. The syndicated dev data has eight shapes of copy; real
feeds have more (its README: "the final evaluation uses other articles and more kinds of
artefact"). This builds, from each of its ``none`` articles (a body and its true title), the
article with one more kind of copy around the body, and sends it as stored, on one line (line
breaks as spaces) and glued (line breaks dropped, as ``curl -d`` sends it). Printed per kind and
rendering: copies removed (at least 90% of their characters, as bench/dedup_eval.py counts) and
body lines touched by a removal other than boilerplate (must be 0).

Not a gate and not tuned on: a map of what the detector does with shapes it was not written for.
"""

from __future__ import annotations

import html
import json
import sys
from collections import Counter
from collections.abc import Callable

from bench._harness import shared_data
from service.config import Config
from service.models import SummaryOptions
from service.pipeline import Resources, summarize

DATA = shared_data("syndicated")
RENDERINGS = {"stored": "\n", "one line": " ", "glued": ""}
Piece = tuple[str, str]  # (text, "copy" | "body" | "other")


def _copies(title: str, language: str) -> dict[str, Callable[[list[Piece]], list[Piece]]]:
    """Each kind: how it puts copies of ``title`` around the body's lines."""
    words = title.split()
    cut = " ".join(words[: max(2, int(len(words) * 0.6))])
    shorter = " ".join(words[:-1]) if len(words) > 4 else title
    date = "Rabu, 12 Mei 2017 10:00 WIB" if language == "id" else "Updated 10:21 GMT, 12 May 2017"
    dek = (
        "Pemerintah akan mengumumkan keputusan itu pekan depan."
        if language == "id"
        else "The decision will be announced next week, officials said."
    )
    tag = "(ant/tsa)" if language == "id" else "(Reporting by John Smith; Editing by Jane Doe)"
    suffix = " | Kompas.com" if language == "id" else " - Reuters"
    # An updated headline with one word changed: the middle word replaced.
    middle = len(words) // 2
    edited = " ".join([*words[:middle], "baru" if language == "id" else "new", *words[middle + 1 :]])
    section, site = ("Ekonomi: ", "Kompas.com - ") if language == "id" else ("Business: ", "BBC News - ")
    credit = "Foto: Dok. Istimewa" if language == "id" else "Photo: Getty Images"
    first_edited = " ".join(["Terkini" if language == "id" else "Breaking", *words[1:]])
    sentence = title[:1] + title[1:].lower()
    longest = max(words, key=len)
    typo = title.replace(longest, longest[:2] + longest[3:], 1) if len(longest) > 4 else title
    # Typography: curly quotes, a non-breaking space after the first word, an en dash for a hyphen.
    typographic = title.replace("'", "’").replace('"', "“").replace("-", "–").replace(" ", "\u00a0", 1)

    def top(*copies: Piece) -> Callable[[list[Piece]], list[Piece]]:
        return lambda body: [*copies, *body]

    return {
        "wire prefix (UPDATE 1-X, X)": top(("UPDATE 1-" + title, "copy"), (title, "copy")),
        "label prefix (BREAKING: X, X)": top(("BREAKING: " + title, "copy"), (title, "copy")),
        "three copies (X, X - Reuters, X in capitals)": top(
            (title, "copy"), (title + " - Reuters", "copy"), (title.upper(), "copy")
        ),
        "HTML-escaped copy": top((html.escape(title).replace("&#x27;", "&#39;"), "copy"), (title, "copy")),
        "sentence case copy": top((title, "copy"), (sentence, "copy")),
        "a time stamp between the copies": top((title, "copy"), (date, "other"), (title, "copy")),
        "a standfirst between the copies": top((title, "copy"), (dek, "other"), (title, "copy")),
        "last word dropped": top((title, "copy"), (shorter, "copy")),
        "cut short without an ellipsis": top((title, "copy"), (cut, "copy")),
        "one word edited": top((title, "copy"), (edited, "copy")),
        "typographic variant": top((title, "copy"), (typographic, "copy")),
        "cut short, then a suffix": top((title, "copy"), (cut + "..." + suffix, "copy")),
        "an edited copy at the end": lambda body: [(title, "copy"), *body, (edited, "copy")],
        "at the end after a tag": lambda body: [(title, "copy"), *body, (tag, "other"), (title, "copy")],
        # Two kinds at once (round 13).
        "a full stop added (X, X.)": top((title, "copy"), (title + ".", "copy")),
        "a labelled copy cut short (UPDATE 2-X cut..., X)": top(("UPDATE 2-" + cut + "...", "copy"), (title, "copy")),
        "one word edited, then a suffix": top((title, "copy"), (edited + suffix, "copy")),
        "a suffixed copy at the end": lambda body: [(title, "copy"), *body, (title + suffix, "copy")],
        "a section's name before a copy (Business: X, X)": top((section + title, "copy"), (title, "copy")),
        "a site's name before a copy (BBC News - X, X)": top((site + title, "copy"), (title, "copy")),
        "a letter dropped from the longest word": top((title, "copy"), (typo, "copy")),
        "a photo credit between the copies": top((title, "copy"), (credit, "other"), (title, "copy")),
        "the first word edited": top((title, "copy"), (first_edited, "copy")),
        "a photo credit over the copies": top((credit, "other"), (title, "copy"), (title, "copy")),
        # Markup before a copy (scrapers that deliver Markdown), tags after one (round 14).
        "a Markdown heading (# X, X)": top(("# " + title, "copy"), (title, "copy")),
        "bold (**X**, X)": top(("**" + title + "**", "copy"), (title, "copy")),
        'in quotes ("X", X)': top(('"' + title + '"', "copy"), (title, "copy")),
        "a bracketed label ([UPDATED] X, X)": top(("[UPDATED] " + title, "copy"), (title, "copy")),
        "a tag after a copy (X, X (VIDEO))": top((title, "copy"), (title + " (VIDEO)", "copy")),
        "a date after a copy (X, X (12/05/2017))": top((title, "copy"), (title + " (12/05/2017)", "copy")),
        # The top and the end in two cases (round 23).
        "title case at the top, sentence case at the end": lambda body: [(title, "copy"), *body, (sentence, "copy")],
        "sentence case at the top, title case at the end": lambda body: [(sentence, "copy"), *body, (title, "copy")],
    }


def _render(pieces: list[Piece], separator: str) -> tuple[str, list[tuple[int, int, str]]]:
    text, spans = "", []
    for piece, kind in pieces:
        if text:
            text += separator
        spans.append((len(text), len(text) + len(piece), kind))
        text += piece
    return text, spans


def main() -> int:
    if not DATA.exists():
        print(f"skipped: {DATA} not found (the evaluation data lives in ../shared/data).")
        return 0
    resources = Resources.build(Config.load())
    counts: dict[tuple[str, str], Counter] = {}
    for line in DATA.open(encoding="utf-8"):
        row = json.loads(line)
        if row["variant"] != "none" or not row["title"].strip():
            continue
        body: list[Piece] = [(text, "body") for text in row["text"].split("\n") if text.strip()]
        for kind, build in _copies(row["title"].strip(), row["lang"]).items():
            for rendering, separator in RENDERINGS.items():
                text, spans = _render(build(body), separator)
                result = summarize(text, SummaryOptions(), resources)
                removed = [(r.start, r.end) for r in result.removed]
                stripped = [(r.start, r.end) for r in result.removed if r.reason != "boilerplate"]
                c = counts.setdefault((kind, rendering), Counter())
                for start, end, role in spans:
                    if role == "copy":
                        covered = sum(max(0, min(end, b) - max(start, a)) for a, b in removed)
                        c["copies"] += 1
                        c["removed"] += covered >= 0.9 * (end - start)
                    elif role == "body":
                        c["body"] += 1
                        c["touched"] += any(a < end and start < b for a, b in stripped)
    print("| kind | " + " | ".join(f"{name}: removed, body touched" for name in RENDERINGS) + " |")
    print("|---|" + "---|" * len(RENDERINGS))
    for kind in dict.fromkeys(k for k, _ in counts):
        cells = [counts[(kind, name)] for name in RENDERINGS]
        print(f"| {kind} | " + " | ".join(f"{c['removed']}/{c['copies']}, {c['touched']}/{c['body']}" for c in cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
