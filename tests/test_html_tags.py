"""Attributes counted before parsing (service/text/html_tags.py): libxml2's count, linear on any input."""

from __future__ import annotations

import random
import re

import pytest
from lxml import etree
from trafilatura.utils import HTML_PARSER, load_html

from service.text import html_tags
from service.text.extract import _parse
from service.text.html_tags import tag_attributes

MIB = 1 << 20
#: Pieces of random markup: every character the tokenizer turns on, the raw-text elements
#: (their end tags, in both cases), script escapes, comments, doctypes, blanks.
PIECES = [
    "<", "<", "<", ">", ">", "/", "!", "-", "?", '"', "'", "=", "=", " ", " ", "\n", "\t", "\r", "a", "b", "p", "x",
    "y", "z", "c", "A", "1", "é", "&amp;", "&", "#", ";", "script", "SCRIPT", "title", "Title", "style", "textarea",
    "plaintext", "xmp", "iframe", "noembed", "noframes", "noscript", "!--", "-->", "--!>", "doctype", "DOCTYPE",
    "data-x", "div", "span", "<p ", "<div ", "<b ", "<a ", "</script>", "<script>", "</script ", "<script ", "<!--",
    "</title>", "<title>", "</style>", "<style>", "<textarea>", "</TEXTAREA>", " q ", " r=", ' s="', " t='",
]
_BLANK_OR_END = re.compile(r"[\t\n\f\r />=]")
#: A tag but its closing ``>`` or ``/>``: all of the page if the page ends inside the tag.
_UNENDED_TAG = re.compile(html_tags._TAG_NAME.pattern + html_tags._TAG_REST, re.ASCII)


def start_tags(html: str) -> list[tuple[int, bool]]:
    """Each start tag's distinct attribute names (ASCII case folded, as libxml2 does) as
    counted here, and whether the page ends inside it."""
    tags = []
    for offset, count in tag_attributes(html):
        if html[offset + 1] == "/":
            continue
        name = html_tags._TAG_NAME.match(html, offset)
        end = html_tags._MARKUP.match(html, offset).end()
        attributes = html_tags._ATTRIBUTE.findall(html, name.end(), end)
        assert len(attributes) == count
        names = {(a[0] + _BLANK_OR_END.split(a[1:], maxsplit=1)[0]).encode().lower() for a in attributes}
        tags.append((len(names), _UNENDED_TAG.match(html, offset).end() == len(html)))
    return tags


def elements(html: str) -> list[int] | None:
    """The number of attributes of each element of libxml2's tree that has any."""
    try:
        root = etree.fromstring(html, HTML_PARSER)
    except etree.ParserError:  # "Document is empty"
        return None
    return None if root is None else [len(element.attrib) for element in root.iter() if len(element.attrib)]


def test_the_counts_are_libxml2s_on_random_markup() -> None:
    """On 10,000 random pages of markup's pieces, every element libxml2 makes has, in order, the
    attributes counted for its start tag: no quote, comment, script or raw text hides any. Only a
    tag the page ends inside may be counted and dropped (libxml2 drops it)."""
    rng = random.Random(20261206)
    for _ in range(10_000):
        html = ("<html><body>" if rng.random() < 0.5 else "") + "".join(rng.choices(PIECES, k=rng.randint(1, 60)))
        tree = elements(html)
        if tree is None:
            continue
        counted = start_tags(html)
        expected = [count for count, _ in counted if count]
        if counted and counted[-1][1] and counted[-1][0]:
            assert tree in (expected, expected[:-1]), html
        else:
            assert tree == expected, html


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<p a b=c d="e>f" g=\'h>i\' j = "k"l/m>', [7]),
        ('<p a0=">" a1=">" a2=">">', [3]),
        ('<p a=""b=""c="">', [3]),
        ("<p a/b/c/>", [3]),
        ("<p =a ==b>", [1]),  # the name "=a", the value "=b"
        ('<p a=b="c>"d>', [1]),  # the unquoted value ends at the first ">"
        ("<P\ra\nb\tc\fd>", [4]),
        ("<p a b></p c d>", [2, 2]),  # end tags are counted too
        ("<p a b c", [3]),  # and a tag the page ends inside
        ('<!-- <p title=" --><p a b>"', [2]),
        ("<!--><p a><!---><p b c><!-- a --!><p d>", [1, 2, 1]),
        ("<!DOCTYPE html a b><? x y ><! x y ></ x y ></><p a>", [1]),
        ("<script>x = '<p title=\"';</script><p a b>\"", [0, 0, 2]),
        ("<script><!--<script></script>'<p title=\"'</script><p a b>\"", [0, 0, 2]),
        ("<script><!--</script><p a b>", [0, 0, 2]),
        ("<script/><p a b>", [0, 2]),
        ("<title><p a b></TITLE ><textarea><p a b></textarea x><p a b>", [0, 0, 0, 1, 2]),
        ("<style><p a></stylex><p b></style/><p c d>", [0, 0, 2]),
        ("<plaintext></plaintext><p a b>", [0]),
        ("<noscript><p a b></noscript>", [0, 2, 0]),  # not raw text in libxml2
        ("< p a b><1 a b><ſcript><p a b></ſcript>", [2]),  # only ASCII letters begin a tag
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_what_is_a_tag_and_an_attribute(html: str, expected: list[int]) -> None:
    assert [count for _, count in tag_attributes(html)] == expected


@pytest.mark.parametrize(
    "html",
    [
        "<" * MIB,
        "<html><body><p " + "a " * (MIB // 2),
        '<html><body><p a="' + "b c " * (MIB // 4),
        "<html><body><p " + " ".join(f'a{i}=">"' for i in range(60_000)) + ">",
        "<a>" * (MIB // 3),
        "<!--" * (MIB // 4),
        "<!" * (MIB // 2),
        "</" * (MIB // 2),
        '<a"' * (MIB // 3),
        "<title></title>" * (MIB // 15),
        "<script>" + "<!-->" * (MIB // 5),
        "<script>" + "<!--<script></script>" * (MIB // 21),
        "<p " + "a=" * (MIB // 2),
        "<p " + "=" * MIB,
    ],
    ids=[
        "<", "a tag never closed", "a quote never closed", 'a=">"', "<a>", "<!--", "<!", "</", '<a"', "<title></title>",
        "script of <!-->", "script of <!--<script></script>", "a=a=", "=",
    ],
)
def test_hostile_megabytes_are_counted_in_one_pass(html: str) -> None:
    """Each 1 MiB page is counted in a fraction of a second (a quadratic or backtracking pattern
    would not finish); the tags over 2,000 characters are found with their attributes."""
    long = list(tag_attributes(html, longer_than=2_000))
    assert all(count * 2 < len(html) for _, count in long)
    assert sum(1 for _ in tag_attributes(html)) >= len(long)


def test_a_tag_of_n_attributes_is_longer_than_2n() -> None:
    """``longer_than=2 * limit`` misses no tag over the limit: the shortest tags of n attributes."""
    for n in (1, 2, 10, 1_001):
        for html in ("<p" + " a" * n + ">", "<p " + "/".join("a" * n) + ">", "<p " + 'a=""' * n + ">", "<p" + " a" * n):
            (_, count), *_ = tag_attributes(html)
            assert count == n and len(html) >= 2 * n + 2, html
            assert [c for _, c in tag_attributes(html, longer_than=2 * (n - 1))] == [n]


@pytest.mark.parametrize(
    "html",
    [
        (__import__("pathlib").Path(__file__).parent / "fixtures" / "article_id.html").read_text(encoding="utf-8"),
        "<p>x</p>",
        "<p>x</p><p>y</p>",
        "<!-- x -->",
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p></body></html>',
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\" \"x.dtd\"><html><body><p>x</p><!DOCTYPE a/b></body></html>",
        "<html lang='id'/>\n<body><p>x</p></body></html>",
        "<html><body><!-- <html --/>\n<p a b>x</p>\n--></body></html>",
        "<html><body><\x01p a b>x\x0c</p>\ufffe</body></html>",
        "<html><body><p>\ud800x</p><p>y</p></body></html>",
    ],
    ids=["fixture", "fragment", "fragments", "comment", "xml declaration", "doctypes", "<html/>", "<html --/>", "controls",
         "lone surrogate"],
)
def test_the_tree_is_load_htmls(html: str) -> None:
    """extract_article parses the page as trafilatura's load_html does (the text checked is the
    text parsed): the same tree, or None."""
    ours, theirs = _parse(html), load_html(html)
    assert (ours is None) == (theirs is None)
    if ours is not None:
        assert etree.tostring(ours) == etree.tostring(theirs)
