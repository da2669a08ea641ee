"""The table of news boilerplate patterns that ``boilerplate`` applies: data, one entry a kind.

Each entry names a kind of boilerplate and says where it may match (``scope``), what a match
removes (``extent``), what may stand before it (``after``) and which strings every match
contains (``needles``, a quick test before the regex runs); ``boilerplate``'s docstring
explains each. To handle a new outlet or widget, add an entry (and its case and near misses
to tests/test_boilerplate.py), then check ``python -m bench.boilerplate_eval``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Scope = Literal["head", "first", "anywhere"]
Extent = Literal["match", "link", "caption", "line"]
After = Literal["any", "sentence", "glued", "closing", "word", "caps"]

# Building blocks of the patterns.
_H = r"[^\S\n]"  # horizontal white space: no pattern crosses a line break
_DASH = r"(?:--?|[–—])"
#: A dateline's separator: a dash, then a space before the article begins.
_SEP = rf"{_H}*{_DASH}(?={_H}+\S)"
_CAP = r"[A-Z][a-z'’.-]*"  # Jakarta, St.
_CAPS = r"[A-Z][A-Z'’.-]+"  # JAKARTA
_PARTICLE = r"(?:de|da|do|del|di|la|le|van|von|al|el)"
#: A place: one to three words, all Capitalised or all in CAPITALS (never mixed, so a title-case
#: headline running into ``JAKARTA, …`` is not taken as part of the place).
_PLACE = rf"(?:{_CAP}(?:{_H}(?:{_PARTICLE}{_H})?{_CAP}){{0,2}}|{_CAPS}(?:{_H}{_CAPS}){{0,2}})"
#: ``(?<![A-Z0-9]){_PLACE}`` (a place not glued to a capital or digit), written with its first
#: capital first: both branches of ``_PLACE`` start with one, and a regex that starts with a
#: character class is tried only where that class matches (one that starts with a lookbehind,
#: at every character). tests/test_boilerplate.py checks both forms find the same matches.
_PLACE_ALONE = (
    rf"[A-Z](?<![A-Z0-9][A-Z])(?:[a-z'’.-]*(?:{_H}(?:{_PARTICLE}{_H})?{_CAP}){{0,2}}|[A-Z'’.-]+(?:{_H}{_CAPS}){{0,2}})"
)
#: A publisher's domain; a space may follow its dot, as simple detokenisers leave ``Liputan6 . com``.
_DOMAIN = r"[A-Za-z][A-Za-z0-9-]*\.[ ]?(?:com|COM|net|NET|co\.id|CO\.ID|id|ID|org|co|tv|TV)(?![A-Za-z0-9.])"
_OUTLETS = (
    r"(?:CNN Indonesia|CNBC Indonesia|KOMPAS|Kompas|TEMPO|Tempo|Tribunnews|detik(?:com|news|sport|finance|inet)?"
    r"|Okezone|Liputan6|Rimanews|ANTARA News|ANTARA|Antara|Republika|JawaPos|Bisnis|Reuters|AFP|AP|Bernama|Xinhua)"
)
_PUBLISHER = rf"(?:{_DOMAIN}|{_OUTLETS}(?![A-Za-z]))"
#: A wire credit in parentheses: ``(Reuters)``, ``(ANTARA News)``, ``(Pos Kota)`` — named, since
#: a place and a parenthesis before a dash are also a sports headline (``Wales (Sat) — …``).
_AGENCY = (
    rf"\({_H}*(?:Reuters|REUTERS|AP|AFP|Bloomberg|UPI|dpa|Xinhua|XINHUA|Bernama|BERNAMA|ANTARA{_H}?News|ANTARA|Antara"
    rf"|Pos{_H}Kota|KOMPAS\.com|Kompas\.com|Tempo\.co|TEMPO\.CO|CNN|CNN{_H}Indonesia|BBC|IANS|PTI|ANI|Yonhap|Kyodo"
    rf"|Sputnik|TASS|EFE|Anadolu){_H}*\)"
)
_DATE = rf"[A-Z][a-z]{{2,8}}\.?{_H}\d{{1,2}}"  # Jan 5, Sept. 12
#: A by-line's name: one to five Capitalised words (``Daily Mail Reporter``, ``Sam Webb``,
#: ``Ludwig van Beethoven``).
_NAME = rf"[A-Z][\w'’.-]*(?:{_H}+(?:{_PARTICLE}{_H}+)?[A-Z][\w'’.-]*){{0,4}}"
#: Up to four names: ``Sam Webb and Alex Ward``, ``Chris Greenwood, Crime Correspondent``,
#: ``Emma Glanfield for MailOnline`` (each joined by a literal, so the repetition is linear).
_NAMES = rf"{_NAME}(?:{_H}*,{_H}*{_NAME}|{_H}+(?:and|&|for){_H}+(?:\.{_H}+)?{_NAME}){{0,3}}"
#: ``By Sam Webb`` alone on its line, or ``By . Sam Webb .`` when the line breaks of a by-line
#: block became `` . `` (how flattened news corpora carry it). What follows it: a capital (the
#: article, a stamp) or the line's end; a name ending with a full stop at the end of its line is
#: a sentence (``By Christmas.``).
_BYLINE = rf"(?:By|BY){_H}+(?:\.{_H}+)?{_NAMES}(?:{_H}+\.(?={_H}+[\"“A-Z(]|{_H}*$)|(?<!\.){_H}*$)"
_MONTH = r"[A-Z][a-z]{2,8}\.?"
#: The label of a credit line (``Foto: …``, ``Editor: …``, ``Photo: Getty Images``), before its
#: colon (also what headline stripping reads as a credit between two copies, see ``runin``).
CREDIT_LABEL = (
    r"(?:Editor|EDITOR|Penulis|PENULIS|Reporter|REPORTER|Pewarta|PEWARTA|Penyunting|PENYUNTING"
    r"|Sumber|SUMBER|Foto|FOTO|Writer|Author|Source|Photo|Photograph|Credit|Copyright|Hak [Cc]ipta)"
)
#: A clock time: ``14:11 EST``, ``11:20 AM``, ``10.21 WIB`` (also what headline stripping reads as a
#: time stamp between two copies, see ``runin.repetition_around``).
CLOCK = rf"\d{{1,2}}[:.]\d{{2}}(?:{_H}*[AaPp]\.?[Mm]\.?)?(?:{_H}+[A-Z]{{2,4}}(?![A-Za-z]))?"
#: A calendar date: ``25 October 2013``, ``28th July 2011``, ``March 3, 2013``.
CALENDAR = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?{_H}+{_MONTH},?{_H}+\d{{4}}|{_MONTH}{_H}+\d{{1,2}},?{_H}+\d{{4}})"
#: A publication time stamp: ``PUBLISHED: . 14:11 EST, 25 October 2013 . |``, ``Last updated at
#: 11:20 AM on 28th July 2011``, ``Diperbarui 10.21 WIB``: a keyword, then a time or a date (a
#: keyword alone is prose: ``Updated figures show …``), and the separators flattening left.
_STAMP = (
    rf"(?:PUBLISHED|Published|UPDATED|Updated|CREATED|Created|Last{_H}+updated|LAST{_H}+UPDATED|Diperbarui|DIPERBARUI"
    rf"|Dipublikasikan)"
    rf"(?:{_H}+(?:at|on))?{_H}*:?{_H}*(?:\.{_H}+)?"
    rf"(?:{CLOCK}(?:,?{_H}*(?:on{_H}+)?{CALENDAR})?|{CALENDAR}(?:,?{_H}*{CLOCK})?)"
    rf"(?:{_H}+\.)?(?:{_H}+\|(?:{_H}+\.)?)?"
)

#: The verbs of Indonesian related-link markers, and the wires' credit words: a marker may
#: also open with a bracket, spelled out as an alternative so that each regex starts with a
#: literal (``re`` then skips quickly to the candidates).
_SEE = "(?:Baca|BACA|Simak|SIMAK|Lihat|LIHAT|Tonton|TONTON|Cek|CEK)"
_BY = "(?:Reporting|Additional reporting|Writing|Editing)"


def _opened_or_not(words: str, *brackets: str) -> str:
    r"""``(?:(?:{brackets}){words}|{words})`` with every alternative spelled out
    (``\[Baca|…|\(Baca|…|Baca|…``): re takes the first characters of a pattern as its
    quick-skip set only when each alternative starts with a literal, and a group first hides
    them (tests/test_boilerplate.py)."""
    alternatives = words.removeprefix("(?:").removesuffix(")").split("|")
    opened = [bracket + word for bracket in brackets for word in alternatives]
    return "(?:" + "|".join([*opened, *alternatives]) + ")"


#: A related link may open with a square bracket (``[Baca juga: …]``) or a round one
#: (``(Baca juga: …)``, as Kompas and Tribun set them inside a paragraph).
_SEE_MARKER = _opened_or_not(_SEE, r"\[", r"\(")
_BY_MARKER = _opened_or_not(_BY, r"\(")


@dataclass(frozen=True)
class Pattern:
    """One kind of boilerplate: a name (reported by the benchmark), where it may match, what goes."""

    name: str
    regex: re.Pattern[str]
    scope: Scope = "anywhere"
    extent: Extent = "match"
    after: After = "any"
    #: Strings one of which every match contains: when none occurs in the text, the regex is not
    #: run at all (``str.__contains__`` scans a megabyte in a millisecond, a regex in 20 or more).
    needles: tuple[str, ...] = ()
    #: A string every match contains (checked before the needles: one scan instead of many).
    requires: str = ""


def _p(
    name: str, regex: str, scope: Scope = "anywhere", extent: Extent = "match", after: After = "any",
    needles: tuple[str, ...] = (), requires: str = "",
) -> Pattern:
    return Pattern(name, re.compile(regex, re.MULTILINE), scope, extent, after, needles, requires)


#: The table. Near misses that must stay, with the reason they do: tests/test_boilerplate.py.
PATTERNS: tuple[Pattern, ...] = (
    # Datelines ---------------------------------------------------------------------------
    # LONDON (Reuters) -, NEW YORK, Jan 5 (Reuters) -, Jakarta (ANTARA News) -, LONDON, England (CNN) --
    _p("dateline_wire", rf"{_PLACE_ALONE}(?:,{_H}*{_PLACE})?(?:,{_H}*{_DATE})?{_H}*{_AGENCY}{_SEP}", "head"),
    # JAKARTA, KOMPAS.com -, Jakarta, CNN Indonesia --, LONDON, JUARA.net -
    _p("dateline_outlet", rf"{_PLACE_ALONE},{_H}*{_PUBLISHER}{_SEP}", "head"),
    # Merdeka.com -, JUARA.NET, MONZA -, Rimanews -
    _p("dateline_outlet_first", rf"(?<![A-Za-z0-9]){_PUBLISHER}(?:,{_H}*{_PLACE})?{_SEP}", "head"),
    # SEMARANG -, SPANYOL –: a place in capitals, then the article (a capital). Not "Iran - Opec's
    # second-biggest …" nor "Vera Drake - Leigh's drama …" (BBC dev): a Capitalised place and a
    # dash open prose too, so detik's "Jakarta - …" is left alone. Nor a headline in capitals
    # ("TEVEZ - AN ARGENTINE IN BRAZIL", syndicated dev): three words in capitals after the dash
    # (a lede may open with two: "JAKARTA - PT ANTAM Tbk …").
    _p(
        "dateline_place",
        rf"[A-Z]{{3}}[A-Z'’.-]*(?:{_H}{_CAPS}){{0,2}}{_SEP}(?={_H}+[\"“A-Z])"
        rf"(?!(?:{_H}+{_CAPS}){{3}}(?![a-z]))",
        "first",
    ),
    # Liputan6.com, Jakarta: — a publisher's dateline closed by a colon, at the start of a line.
    _p("dateline_colon", rf"{_PUBLISHER}(?:,{_H}*{_PLACE})?{_H}*:(?={_H}+[\"“A-Z])", "first"),
    # (CNN) -- , (EW.com) -- , (Kaiser Health News) -- : a credit in parentheses opening the
    # article, then a dash (a short name in capitals: any outlet); and a wire credit glued to the
    # first word, place or not: (CNN)Five …, Washington (CNN)President …
    _p(
        "dateline_credit",
        rf"\({_H}*[A-Z][\w.'’&-]*(?:{_H}+(?:[A-Z][\w.'’&-]*|[+&]|of|the|and)){{0,4}}{_H}*\){_SEP}"
        rf"|(?:{_PLACE}(?:,{_H}*{_PLACE})?{_H}*)?{_AGENCY}(?=[\"“A-Z])",
        "first",
    ),
    # By . Daily Mail Reporter . PUBLISHED: . 14:11 EST, 25 October 2013 . | . UPDATED: . …
    # By Sam Webb (alone on its line); Last updated at 11:20 AM on 28th July 2011 .
    _p("byline", rf"(?:{_BYLINE}|{_STAMP})(?:{_H}+{_STAMP})*", "first"),
    # Related links and widgets ----------------------------------------------------------------
    # Baca juga: …, [Baca juga: …], SIMAK JUGA: …, Lihat juga: …, Tonton juga - …
    _p(
        "related_id",
        rf"{_SEE_MARKER}{_H}+(?:[Jj]uga|JUGA)"
        rf"(?:{_H}+(?:[Vv]ideo|VIDEO|[Bb]erita|BERITA))?{_H}*[:\-–—]",
        extent="link", after="sentence", needles=("juga", "Juga", "JUGA"),
    ),
    # [baca: Petani dan Polisi Bentrok], [Lihat: …]: a bracketed link without "juga" (Liputan6);
    # (Baca: Petugas Pembongkaran Dilempari Batu) in round brackets, capitalised only: a lower-case
    # "(baca: …)" is how Indonesian prose spells out a reading ("Rp 1 M (baca: miliar)").
    _p(
        "related_bracket",
        rf"\[(?:[Bb]aca|BACA|[Ll]ihat|LIHAT){_H}*:|\((?:Baca|BACA|Lihat|LIHAT){_H}*:",
        extent="link", after="sentence", needles=("[", "("),
    ),
    # Baca_Juga: a placeholder left where a widget was.
    _p("related_placeholder", r"(?:Baca|BACA)_(?:Juga|juga|JUGA)(?![A-Za-z0-9])", after="word", needles=("_",)),
    # Simak video …, Simak Video "…", Saksikan video …, Simak selengkapnya di video.
    _p(
        "video_id",
        rf"(?:Simak|SIMAK|Saksikan|SAKSIKAN|Tonton|TONTON)(?:{_H}+(?:juga|JUGA|selengkapnya|beritanya))?"
        rf"(?:{_H}+(?:di|dalam))?{_H}+(?:[Vv]ideo|VIDEO)\b",
        extent="link", after="sentence", needles=("ideo", "IDEO"),
    ),
    # Read more: …, Read also: …, Related: …, Related articles: …, See also: …, Watch: …
    _p(
        "related_en",
        rf"(?:Read|READ){_H}+(?:more|More|MORE|also|Also|ALSO)(?:{_H}+(?:on|ON))?{_H}*:"
        rf"|(?:Related|RELATED)(?:{_H}+(?:[Aa]rticles?|[Ss]tories|[Cc]overage|[Nn]ews|ARTICLES?|STORIES))?{_H}*:"
        rf"|(?:See|SEE){_H}+(?:also|ALSO){_H}*:|(?:Also|ALSO){_H}+(?:read|READ){_H}*:|(?:Watch|WATCH){_H}*:",
        extent="link", after="sentence",
        needles=("Read", "READ", "Related", "RELATED", "See", "SEE", "Also", "ALSO", "Watch", "WATCH"), requires=":",
    ),
    # ADVERTISEMENT, SCROLL TO CONTINUE WITH CONTENT (in capitals: a widget, glued or not)
    _p(
        "widget_caps",
        r"(?:ADVERTISEMENT|ADVERTORIAL)(?![a-z])", after="caps", needles=("ADVERT",),
    ),
    # SCROLL TO CONTINUE WITH CONTENT, Scroll down for video
    _p(
        "widget_scroll",
        rf"SCROLL TO (?:CONTINUE|RESUME) WITH CONTENT(?![a-z])"
        rf"|(?:Scroll|SCROLL){_H}+(?:down|DOWN){_H}+(?:for|FOR){_H}+(?:the{_H}+)?(?:video|VIDEO)[sS]?(?![A-Za-z])(?:{_H}*\.)?",
        needles=("SCROLL", "Scroll"),
    ),
    # Advertisement, Iklan, Continue reading…, Share this article: alone on their line
    _p(
        "widget_line",
        rf"^{_H}*(?:Advertisement|IKLAN|Iklan|Advertorial|Continue reading(?: below| the main story)?"
        rf"|Share this (?:article|story)|Bagikan artikel ini|Scroll to continue with content){_H}*\.?{_H}*$",
        needles=("Advert", "IKLAN", "Iklan", "Continue reading", "Share this", "Bagikan", "Scroll to"),
    ),
    # Captions and credits -----------------------------------------------------------------
    # (Foto: Reuters), (FOTO: ANTARA/…), (Photo: AP), (Ilustrasi: …)
    _p(
        "photo_credit",
        rf"\({_H}*(?:[Ff]oto|FOTO|[Pp]hoto|PHOTO|[Ii]mage|IMAGE|[Gg]ambar|GAMBAR|[Ii]lustrasi|ILUSTRASI|[Ss]umber foto)"
        rf"{_H}*:[^()\n]{{1,150}}\)(?={_H}*(?:$|[\"“A-Z]))",
        extent="caption",
    ),
    # Editor: …, Penulis: …, Reporter: …, Sumber: …, Foto: … — to the end of the line
    _p(
        "credit_line",
        rf"{CREDIT_LABEL}{_H}*:",
        extent="line", after="glued", requires=":",
    ),
    # (Reporting by …; Editing by …), Reporting by … — the wires' credit line
    _p(
        "credit_wire",
        rf"{_BY_MARKER}{_H}+by{_H}",
        extent="line", after="glued", needles=("Reporting by", "reporting by", "Writing by", "Editing by"),
    ),
    # Trailing author tags ------------------------------------------------------------------------
    # (ant/tsa), (rsa / rsa), (*/yp), (end), (Antara), (WIL/AYB), (U.B018/T013) — after the last sentence, or alone on the line,
    # or glued to a capital or a digit with no space: the next line's start once line breaks were lost (curl -d)
    _p(
        "author_tag",
        rf"\((?:(?:[a-z*]{{1,6}}{_H}*/{_H}*){{0,3}}[a-z]{{2,5}}|ANTARA|Antara|AFP|AP|Reuters|dpa|Xinhua|Bernama"
        # (WIL/AYB), (ADO/Dandi Arigafur): an editor's capitals, then a slash and the reporters
        rf"|[A-Z]{{2,4}}(?:{_H}*/{_H}*[A-Za-z][^()\n/]{{0,40}}){{1,3}}"
        # (U.B018/T013), (T.H - ZG / S023), (UU.A026): ANTARA's desk and editor codes
        rf"|[A-Z]{{1,2}}\.[A-Z](?:[A-Z0-9/-]|{_H}){{0,20}}\d)\)\.?"
        rf"(?={_H}*$|[A-Z0-9])",
        after="closing",
    ),
)

#: Lower-case words that title-case headlines keep in lower case (Indonesian, English).
TITLE_FUNCTION_WORDS = frozenset({
    "dan", "di", "ke", "dari", "untuk", "yang", "dengan", "atau", "pada", "bagi", "oleh", "dalam", "se", "vs",
    "the", "of", "and", "to", "in", "a", "an", "for", "on", "at", "by", "with", "as", "from", "is", "via",
})
