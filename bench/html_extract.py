"""Time of HTML extraction (``service.text.extract``) on hostile pages: nested tags, a huge
attribute, many elements, a tag of many attributes; each at 1 MiB (the default body limit), and
pages of many elements at the element limit and at half of it (the time should halve: extraction
is linear in elements, and a batch's pages are bounded by their elements together,
``MAX_BATCH_HTML_ELEMENTS``), and elements at the attribute limit.

Run: ``python -m bench.html_extract``. Prints, per page, its size, its elements, the outcome
(characters extracted, or the error status) and the time; the largest time is the bound that
``MAX_HTML_ELEMENTS`` and ``MAX_ATTRIBUTES_PER_ELEMENT`` buy (a tag over the latter is refused
before the page is parsed: a page of one ``<p>`` of 60,000 attributes took a minute before).
"""

from __future__ import annotations

import sys
import time

from service.exceptions import RingkasError
from service.text.extract import MAX_ATTRIBUTES_PER_ELEMENT, MAX_HTML_ELEMENTS, extract_article

MIB = 1 << 20
PARAGRAPH = "<p>" + "Kalimat ini adalah bagian dari artikel yang cukup panjang untuk diekstrak dengan baik. " * 3 + "</p>"
#: A ``<p>`` start tag of as many distinct attributes as a tag may have.
AT_LIMIT = "<p " + " ".join(f"a{i}" for i in range(MAX_ATTRIBUTES_PER_ELEMENT)) + ">"


def pages(elements: int) -> dict[str, str]:
    """Hostile pages of about 1 MiB, and pages of ``elements`` elements of each shape."""
    return {
        "1 MiB nested <div>": "<html><body>" + "<div>" * (MIB // 5) + "text",
        "1 MiB nested <b> in <p>": "<html><body><p>" + "<b>" * (MIB // 3) + "word",
        "1 MiB attribute": '<html><body><p title="' + "a" * (MIB - 200) + '">' + PARAGRAPH + "</p></body></html>",
        "1 MiB of <span>": "<html><body>" + "<span>x</span>" * (MIB // 14),
        "1 MiB of text, no tags": "x " * (MIB // 2),
        "1 MiB of entities": "<html><body><p>" + "&amp;" * (MIB // 5) + "</p></body></html>",
        "60,000 attributes on a <p>": "<html><body><p " + " ".join(f"a{i}" for i in range(60_000)) + ">" + PARAGRAPH,
        '1 MiB of a<i>=">" in a <p>': "<html><body><p " + " ".join(f'a{i}=">"' for i in range(MIB // 11)) + ">" + PARAGRAPH,
        "1 MiB of a <p> never closed": "<html><body>" + PARAGRAPH + "<p " + "a " * (MIB // 2 - 200),
        f"1 MiB of <p> of {MAX_ATTRIBUTES_PER_ELEMENT:,} attributes": "<html><body>"
        + (AT_LIMIT + PARAGRAPH[3:]) * (MIB // len(AT_LIMIT + PARAGRAPH[3:])),
        f"{elements:,} <span>": "<html><body>" + "<span>x</span>" * (elements - 3),
        f"{elements:,} <p><a> links": "<html><body><article>" + '<p><a href="/x">link text here</a></p>' * (elements // 2 - 2),
        f"{elements:,} distinct <p>": "<html><body><article>"
        + "".join(f"<p>Kalimat nomor {i} adalah bagian dari artikel yang panjang.</p>" for i in range(elements - 4)),
        f"{elements:,} <li>": "<html><body><ul>" + "<li>Item satu dua tiga empat lima enam tujuh</li>" * (elements - 4),
        f"{elements:,} short <div> blocks": "<html><body>"
        + "<div><div>Kalimat pendek.</div></div>" * ((elements - 3) // 2),
        f"{elements:,} <div><p>x</p>": "<html><body>" + "<div><p>x</p></div>" * ((elements - 3) // 2),
    }


def main() -> int:
    worst = 0.0
    every = {**pages(MAX_HTML_ELEMENTS), **pages(MAX_HTML_ELEMENTS // 2)}
    for name, page in every.items():
        began = time.perf_counter()
        try:
            outcome = f"{len(extract_article(page).text):,} characters"
        except RingkasError as error:
            outcome = f"{error.status} ({error.detail[:60]}…)"
        elapsed = time.perf_counter() - began
        worst = max(worst, elapsed)
        print(f"{name:36s} {len(page) / MIB:5.2f} MiB  {elapsed:6.2f} s  {outcome}", flush=True)
    print(f"slowest: {worst:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
