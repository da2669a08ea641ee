"""Worst-case inputs at the 1 MiB limit: each must finish within seconds or be refused (413).

Run: ``python -m bench.adversarial [--options JSON]``. Prints, for each pathological text, the
time of one ``summarize`` call (``summarize_html`` for the pages of ``HTML_CASES``), with the
request options given (e.g. ``'{"ratio": 1}'``; the defaults otherwise), and its outcome. Guards
the documented bounds (``max_text_chars``, ``max_sentences``, the run-in limits of
service/dedup.py, the graphs' budget of term matches) rather than typical speed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time

from service.config import Config
from service.exceptions import RingkasError
from service.models import SummaryOptions
from service.pipeline import Resources, summarize, summarize_html

LIMIT = 1024 * 1024


def _tiny_vocabulary(separator: str, words: int = 15) -> str:
    """9,990 sentences of 5-10 words drawn from ``words`` words (seeded): every pair of sentences
    shares terms, so every pair is a candidate edge of both graphs (docs/PERFORMANCE.md, round 10)."""
    rng = random.Random(0)
    vocabulary = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon"
    chosen = vocabulary.split()[:words]
    return separator.join(
        " ".join(rng.choice(chosen) for _ in range(rng.randint(5, 10))).capitalize() + "." for _ in range(9_990)
    )


CASES = {
    "one line repeating a headline-like phrase": "Breaking news here now " * 45_000,
    "one word repeated on one line": "a " * 500_000,
    "one sentence of 1 MiB": "wordwordword " * 80_000,
    "glued capitals at the start, glued sentences after": "one two three " + "ab" + "Ab" * 1_200 + "Lede.Next. "
    + ("Filler " + "filler " * 27 + "words.") * 5_000,
    # A headline-like start on one line, each word a capitalised common word the text repeats: every
    # candidate end is weighed and each reads the text for the word's other places.
    "spaced capitals at the start, one line": "one two three " + "low Cap " * 18 + ("Cap low cap " * 80_000),
    "no spaces at all": "x" * LIMIT,
    "only punctuation": ". " * 500_000,
    "one-word lines": "kata\n" * 200_000,
    "a headline line repeated": "Markets tumble on rate fears\n" * 35_000,
    "two short sentences repeated": "Harga naik. Harga turun.\n" * 40_000,
    # Line breaks lost (curl -d): glued sentence ends, glued quotes, glued headline copies.
    "glued sentence ends": "Harga naik.Pedagang mengeluh.Dia pergi." * 27_000,
    "glued quotes": 'He said."We won."They said."No." ' * 32_000,
    "glued headline copies": "Markets tumble on rate fearsMarkets tumble on rate fears" * 19_000,
    "glued headline, capitals and suffix": "Harga Beras NaikHARGA BERAS NAIK | Kompas.comHarga beras naik lagi. " * 15_000,
    "glued dotted words": "U.S.A.B.C.Node.js.Kompas.com.JUARA.NET." * 27_000,
    "unbalanced quotes": '"a. "B. ' * 130_000,
    "real text, 1 MiB of short paragraphs": "Harga beras naik lagi di pasar induk. Pedagang mengeluh.\n" * 18_000,
    # news boilerplate (service/dedup/boilerplate.py): markers everywhere, glued and on lines
    "glued 'Baca juga:' links, no line breaks": "Harga naik.Baca juga: Judul Berita Lain Hari IniPedagang mengeluh." * 16_000,
    "boilerplate lines": "JAKARTA, KOMPAS.com - Harga naik. (ant/tsa)\nBaca juga: Judul\nADVERTISEMENT\nEditor: A\n" * 12_000,
    "open parentheses and colons": "(Foto: " * 150_000,
    # by-lines and time stamps (round 7): a first line of names and stamps, then the same as lines
    "by-line blocks": ("By . Sam Webb and Alex Ward . PUBLISHED: . 14:11 EST, 25 October 2013 . | . " * 6_000)
    + "\n" + "By Sarah Lyall, Chief Correspondent\nUpdated 10:21 EST, 3 March 2013\n" * 8_000,
    # detached stops before lower-case words (round 8): every cut is undone, one line of 1 MB,
    # with long runs of spaces before the stops that the rule reads back over
    "detached stops, one line": "A woman" + ("  who" + " " * 40 + ". claims") * 20_000,
    "a photo credit over a repeated phrase": "Foto: " + "Getty Images Harga beras naik " * 34_000,
    # markup and tags around copies (round 14): quotes and bold marks to count, a tag after
    # every copy, one line
    "quoted and tagged copies": ('"**Harga beras naik**" Harga beras naik (VIDEO) ' * 21_000)[:1_000_000],
    # scripts sentencex does not cover: Thai sentences end at spaces, Khmer ones at the khan, and
    # the Burmese genitive is not a stop (all on one line)
    "Thai words between spaces, one line": "ราคาข้าวสูงขึ้น " * 70_000,
    "Thai letters and spaces alternating": "ก " * 500_000,
    "Khmer stops, one line": "តម្លៃអង្ករឡើង។ " * 70_000,
    "Burmese genitives, one line": "မြန်မာနိုင်ငံ၏ " * 70_000,
    # exact repetitions in scripts without capitals: a headline glued to itself, an almost-copy
    # (the last character differs) that sends the search on through every recurrence
    "a Chinese headline glued to itself, one line": "北京宣布新的公共交通计划" * 90_000,
    "almost-copies of a Hindi phrase, one line": (
        "दिल्ली सरकार ने योजना घोषित की " * 12_000 + "दिल्ली सरकार ने योजना घोषित क" * 12_000
    ),
    # quotations in single marks read again without their marks, one unbalanced quote opening a
    # 1 MB line of sentences; stops after words sentencex lists as abbreviations (round 17)
    "single-quoted sentences, one line": "He said: 'We won. They lost.' " * 34_000,
    "one open single quote, one line": "'" + "Harga naik. Pedagang mengeluh. " * 33_000,
    "stops after listed words, one line": "Give it to me. SSL won in May. SEC. (SEC). Iya kan. Budi " * 17_000,
    # graphs where every pair of sentences is an edge (round 8 of docs/PERFORMANCE.md): the
    # longest and most tied rows there are, just under the sentence limit
    "9,990 sentences, every pair sharing four words": " ".join(f"Alpha beta gamma delta item{i}." for i in range(9_990)),
    "9,990 sentences, every pair sharing a word": " ".join(
        f"The {('harbour', 'council', 'budget', 'river', 'school')[i % 5]} report {i} was read by staff{i}." for i in range(9_990)
    ),
    # a tiny vocabulary (round 10): every pair of sentences shares several terms, on lines and on one line
    "9,990 sentences of 5-10 words out of 15, lines": _tiny_vocabulary("\n"),
    "9,990 sentences of 5-10 words out of 15, one line": _tiny_vocabulary(" "),
    "9,990 sentences of 5-10 words out of 10, lines": _tiny_vocabulary("\n", 10),
}
#: HTML pages just under ``extract.MAX_HTML_ELEMENTS`` (``summarize_html``; round 10): 9,990 lines
#: between ``<br>``s or in ``<p>``s, sharing their words (every pair of sentences an edge), in
#: random words, or short lines without a stop (each of them a framing line, ``select.summary_worthy``).
HTML_CASES = {
    "page: 9,990 <br> lines sharing words": "<html><body>"
    + "".join(f"Line {i} of the page with some words.<br>" for i in range(9_990)),
    "page: 9,990 <p> lines sharing words": "<html><body>"
    + "".join(f"<p>Line {i} of the page with some words.</p>" for i in range(9_990)),
    "page: 9,990 <br> lines of words out of 15": "<html><body>" + _tiny_vocabulary("<br>"),
    "page: 9,990 <br> lines of one word, no stop": "<html><body>" + "".join(f"w{i}<br>" for i in range(9_990)),
    "page: 9,990 <br>s, no text": "<html><body>" + "<br>" * 9_990,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--options", type=json.loads, default={}, help="request options, as JSON")
    options = SummaryOptions.parse(parser.parse_args().options)
    resources = Resources.build(Config.load())
    print("| input | time | outcome |\n|---|---:|---|")
    for name, text in [*CASES.items(), *HTML_CASES.items()]:
        text = text[:LIMIT]
        began = time.perf_counter()
        try:
            result = (summarize_html if name in HTML_CASES else summarize)(text, options, resources)
            outcome = f"200: {result.stats.sentences:,} sentences ranked, {len(result.removed)} spans removed"
        except RingkasError as error:
            outcome = f"{error.status}: {error.detail}"
        print(f"| {name} | {time.perf_counter() - began:.2f} s | {outcome} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
