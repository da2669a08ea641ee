"""Reading a request body: bytes within the size limit, text in a known charset, JSON that is valid Unicode.

Every way a body can be wrong ends here as a client error, never a 500:

- a body the server cannot read (a malformed chunk size, a client gone mid-body) is a 400;
- a chunked body (no ``Content-Length``) over ``max_body_bytes`` is a 413, not silently cut at the
  limit (Werkzeug stops reading there without saying so);
- a charset outside :data:`TEXT_CHARSETS` is a 415: Python's codec registry also holds codecs that
  are not text encodings of the web (``undefined`` always fails, ``idna`` refuses long lines,
  ``punycode`` decodes in quadratic time, ``unicode_escape`` makes lone surrogates);
- JSON that is no object of Unicode text is a 400 (:func:`~service.json_input.parse_json_object`);
- a body in a content coding (``Content-Encoding: gzip``) is a 415 and one in a transfer coding
  other than ``chunked`` (``Transfer-Encoding: gzip, chunked``, which gunicorn passes on
  undecoded) a 501: neither is decoded, and their bytes would otherwise read as broken UTF-8;
- a multipart form that does not parse (no boundary, a part header that is not UTF-8, a body cut
  short) is a 400, where Werkzeug would read it as an empty form;
- UTF-16 or UTF-32 without a byte-order mark is big-endian (RFC 2781), not the machine's order.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from flask import Request, current_app, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.exceptions import NotImplemented as CodingNotImplemented
from werkzeug.formparser import FormDataParser

from ..exceptions import FieldError, InvalidOptions, MalformedRequest, PayloadTooLarge, UnsupportedMediaType
from ..json_input import parse_json_object
from ..models import MAX_FIELD_ERRORS, echoed_name, listed

#: The charsets a text body may declare: the encodings of the WHATWG Encoding Standard that
#: Python decodes (the ones browsers and scrapers meet on the web), plus UTF-32 and Latin-1's
#: aliases. Names are matched after Python's own normalisation (``codecs.lookup``), so every
#: alias of these (``utf8``, ``windows-1252``, ``latin1``, ``sjis``) works, and so do the web's
#: labels Python lacks (:data:`WEB_ONLY_LABELS`).
TEXT_CHARSETS = frozenset(codecs.lookup(label).name for label in (
    "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "ascii",
    *(f"iso-8859-{part}" for part in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16)),
    *(f"windows-{page}" for page in range(1250, 1259)), "cp874", "ibm866", "koi8-r", "koi8-u",
    "mac-roman", "mac-cyrillic", "gbk", "gb2312", "gb18030", "big5", "big5hkscs", "euc-jp", "iso-2022-jp",
    "shift_jis", "cp932", "euc-kr", "cp949", "tis-620",
))


#: Labels that the WHATWG Encoding Standard gives to the encodings above (so pages and HTTP
#: headers carry them: ``windows-874`` for Thai, ``x-sjis``, ``ks_c_5601-1989``, ``x-cp1252``,
#: ``iso88592``) but that Python's codec registry does not know, each with the codec that decodes
#: it (for the labels of an ISO 8859 part, that part, as Python reads ``iso-8859-1`` itself).
#: Only these are looked up here: every label Python knows keeps Python's meaning.
WEB_ONLY_LABELS = {
    **dict.fromkeys(("unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"), "utf-8"),
    **{f"iso8859{part}": f"iso8859-{part}" for part in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15)},
    **dict.fromkeys(("csiso88596e", "csiso88596i", "iso-8859-6-e", "iso-8859-6-i"), "iso8859-6"),
    "sun_eu_greek": "iso8859-7",
    **dict.fromkeys(("csiso88598e", "csiso88598i", "iso-8859-8-e", "iso-8859-8-i", "visual", "logical"), "iso8859-8"),
    "csisolatin9": "iso8859-15",
    **dict.fromkeys(("koi", "koi8"), "koi8-r"),
    **dict.fromkeys(("csmacintosh", "mac", "x-mac-roman"), "mac-roman"),
    **dict.fromkeys(("x-mac-cyrillic", "x-mac-ukrainian"), "mac-cyrillic"),
    **dict.fromkeys(("windows-874", "dos-874", "iso885911"), "cp874"),
    **{f"x-cp{page}": f"cp{page}" for page in range(1250, 1259)},
    **dict.fromkeys(("csgb2312", "gb_2312", "gb_2312-80", "x-gbk"), "gbk"),
    **dict.fromkeys(("cn-big5", "x-x-big5"), "big5"),
    **dict.fromkeys(("cseucpkdfmtjapanese", "x-euc-jp"), "euc-jp"),
    "x-sjis": "shift_jis",
    "windows-31j": "cp932",
    **dict.fromkeys(("cseuckr", "csksc56011987", "iso-ir-149", "ks_c_5601-1989", "ksc_5601", "windows-949"), "cp949"),
}


#: How far into an HTML body sent without a charset its ``<meta>`` charset is looked for: the
#: HTML standard's prescan reads the first 1,024 bytes.
META_CHARSET_BYTES = 1024
#: A ``<meta charset=…>`` or ``<meta http-equiv="Content-Type" content="…; charset=…">``.
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_page(data: bytes, declared: str | None) -> str:
    """An HTML body as text: in the charset its media type ``declared``; else by its byte-order
    mark; else as UTF-8 if the bytes are valid UTF-8 (a page saved as UTF-8 often keeps the
    ``<meta>`` of its old charset, and legacy text is almost never valid UTF-8 by chance); else in
    its ``<meta>`` charset (the HTML standard's prescan, simplified); else as UTF-8, which is a 400.
    A ``<meta>`` label that is no charset we read, or a UTF-16/32 one (which an ASCII-readable tag
    cannot truly be), is ignored, as browsers ignore it.

    Raises: as :func:`decode`.
    """
    if declared:
        return decode(data, declared)
    for mark, charset in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(mark):
            return decode(data, charset)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    found = _META_CHARSET.search(data[:META_CHARSET_BYTES])
    name = _codec(found.group(1).decode("ascii")) if found else None
    return decode(data, name if name and not name.startswith(("utf-16", "utf-32")) else "utf-8")


def _codec(label: str) -> str | None:
    """Python's codec for a charset label (Python's or the web's), if it is one we read."""
    try:
        name = codecs.lookup(WEB_ONLY_LABELS.get(label.strip().lower(), label)).name
    except LookupError:
        return None
    return name if name in TEXT_CHARSETS else None


class _LoudFormDataParser(FormDataParser):
    """Werkzeug's form parser, made to raise on a multipart body it cannot parse instead of
    answering an empty form (``silent``), which a view would report as a missing text."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **{**kwargs, "silent": False})


class BodyRequest(Request):
    """The application's request class (``create_app``): its forms parse loudly."""

    form_data_parser_class = _LoudFormDataParser


#: Codings a body may be sent in: none (``identity``), and HTTP/1.1 chunks, which the server undoes.
_PLAIN_CODINGS = frozenset({"", "identity"})


def _refuse_codings() -> None:
    """Raise if the body is compressed: nothing here decompresses, so its bytes are not the text.

    Raises:
        UnsupportedMediaType: a ``Content-Encoding`` other than ``identity`` (415, RFC 9110 §15.5.16).
        CodingNotImplemented: a ``Transfer-Encoding`` other than ``chunked`` and ``identity`` (501, RFC 9112 §6.1).
    """
    if not _codings("Content-Encoding") <= _PLAIN_CODINGS:
        named = request.headers["Content-Encoding"][:40]
        raise UnsupportedMediaType(f"Content-Encoding {named!r} is not supported: send the body uncompressed.")
    if not _codings("Transfer-Encoding") <= _PLAIN_CODINGS | {"chunked"}:
        named = request.headers["Transfer-Encoding"][:40]
        raise CodingNotImplemented(f"Transfer-Encoding {named!r} is not supported: send the body uncompressed.")


def _codings(header: str) -> set[str]:
    """The codings a header lists (``"gzip, chunked"``), in lower case; ``{""}`` when it is absent."""
    return {part.strip().lower() for part in request.headers.get(header, "").split(",")}


def read_body(*, keep: bool = False) -> bytes:
    """The whole request body; ``keep`` leaves it for ``request.form`` to parse as well.

    Raises:
        RequestEntityTooLarge: a body over the limit, with or without ``Content-Length`` (413).
        MalformedRequest: a body the server could not read (400).
        UnsupportedMediaType: a compressed body (``Content-Encoding``, 415).
        CodingNotImplemented: a transfer coding other than chunks (501).
    """
    _refuse_codings()
    with _reading():
        data = request.get_data(cache=keep)
        limit = current_app.config["MAX_CONTENT_LENGTH"]
        # Werkzeug stops reading a chunked body at the limit: one more byte from the server
        # tells a body of exactly the limit from a larger one.
        if request.content_length is None and len(data) >= limit and request.environ["wsgi.input"].read(1):
            raise RequestEntityTooLarge()
    return data


def read_form() -> dict[str, str]:
    """The fields of a ``multipart/form-data`` body (its files stay in ``request.files``).

    Werkzeug decodes a field's bytes with U+FFFD in place of what does not decode, so a field in
    Latin-1 would lose its accented letters without a word. A replacement character in a field
    whose body holds none (as UTF-8 bytes) is such a loss, and a 400 like any other undecodable
    body's; a body that does hold one may mean it, so nothing is refused for it.

    Raises:
        PayloadTooLarge: a form of more than ``MAX_FORM_PARTS`` parts within the body limit (413).
        RequestEntityTooLarge: a body over the limit (413).
        MalformedRequest: a body the server could not read, or a field that does not decode (400).
    """
    try:
        raw = read_body(keep=True)
        try:
            pairs = list(request.form.items(multi=True))
        except ValueError as error:  # werkzeug's reason: "Missing boundary", "Invalid form-data …"
            raise MalformedRequest(f"The multipart form could not be parsed ({str(error)[:80]}): resend it whole.") from None
    except RequestEntityTooLarge:
        length = request.content_length
        if length is not None and length <= current_app.config["MAX_CONTENT_LENGTH"]:
            parts = current_app.config["MAX_FORM_PARTS"]
            raise PayloadTooLarge(f"The form has more than {parts:,} parts: send the text and options only.") from None
        raise
    fields = single_valued(pairs, "The form")
    if _REPLACEMENT_BYTES not in raw:
        for name, value in fields.items():
            if _REPLACEMENT in value:
                at = value.index(_REPLACEMENT)
                raise MalformedRequest(f"The form field {name[:40]!r} is not valid UTF-8 (at character {at}): send UTF-8 text.")
    return fields


def single_valued(pairs: Iterable[tuple[str, str]], where: str) -> dict[str, str]:
    """``pairs`` (name, value) as a dict, every name given once.

    A field sent twice (``?sentences=2&sentences=5``) is ambiguous, and readers disagree on it:
    werkzeug's ``to_dict`` keeps the first value, ``dict(parse_qsl(…))`` the last. So it is
    refused, wherever it is sent, rather than read one way in the query string and another in
    the body.

    Raises:
        InvalidOptions: a name given more than once (422), each such name listed (the first
            ``MAX_FIELD_ERRORS``).
    """
    fields: dict[str, str] = {}
    repeated: dict[str, None] = {}
    for name, value in pairs:
        if name in fields:
            repeated[name] = None
        else:
            fields[name] = value
    if repeated:
        names = [echoed_name(name) for name in repeated]
        shown = listed([repr(name) for name in names[:MAX_FIELD_ERRORS]], len(names))
        which = shown if len(names) == 1 else f"{len(names):,} fields ({shown})"
        raise InvalidOptions(
            f"{where} gives {which} more than once: send each field once.",
            tuple(FieldError(name, "Given more than once.") for name in names[:MAX_FIELD_ERRORS]),
        )
    return fields


#: U+FFFD, which werkzeug puts for bytes that do not decode, and its UTF-8 bytes.
_REPLACEMENT = "\ufffd"
_REPLACEMENT_BYTES = _REPLACEMENT.encode()


@contextmanager
def _reading() -> Iterator[None]:
    """Errors of the server's body reader as a 400; HTTP errors (413, a disconnect's 400) as they are.

    Each server fails its own way on a broken body (gunicorn raises ``InvalidChunkSize``,
    ``NoMoreData``…), and the web layer must not import any server: so every other exception
    raised while reading is the client's broken body.
    """
    try:
        yield
    except HTTPException:
        raise
    except Exception as error:
        raise MalformedRequest(f"The request body could not be read ({type(error).__name__}): resend it whole.") from None


#: Python's names of UTF-8 (a JSON body's charset parameter that names another is not followed).
_UTF8_CODECS = frozenset({codecs.lookup("utf-8").name, codecs.lookup("utf-8-sig").name})
#: UTF-16 and UTF-32 without a byte-order mark are big-endian (RFC 2781 §4.3; Unicode, §3.10),
#: where Python's codecs would read the machine's order: each with its big-endian codec, and the
#: marks that say the order (of UTF-32 first: its little-endian mark begins with UTF-16's).
_UNMARKED_BIG_ENDIAN = {
    codecs.lookup("utf-16").name: ("utf-16-be", (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)),
    codecs.lookup("utf-32").name: ("utf-32-be", (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)),
}


def decode(data: bytes, charset: str) -> str:
    """``data`` decoded as ``charset``.

    Raises:
        UnsupportedMediaType: a charset that is not a text encoding of :data:`TEXT_CHARSETS` (415).
        MalformedRequest: bytes that are not valid in it (400).
    """
    name = _codec(charset)
    if name is None:
        raise UnsupportedMediaType(f"Unsupported charset {charset[:40]!r}: send UTF-8 (or another text encoding of the web).")
    if name in _UNMARKED_BIG_ENDIAN and not data.startswith(_UNMARKED_BIG_ENDIAN[name][1]):
        name = _UNMARKED_BIG_ENDIAN[name][0]
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        raise MalformedRequest(f"The body is not valid {charset} (byte {exc.start}): send UTF-8 text.") from None


def json_body() -> dict[str, Any]:
    """The request body parsed as a JSON object (see :func:`~service.json_input.parse_json_object`).

    Raises:
        MalformedRequest: an empty body, or one that is no JSON object of Unicode text (400).
    """
    raw = read_body()
    if not raw.strip():
        raise MalformedRequest("The request body is empty: send a JSON object such as {\"text\": \"...\"}.")
    charset = request.mimetype_params.get("charset")
    if charset and _codec(charset) not in _UTF8_CODECS:  # say so in any problem the body has
        return parse_json_object(raw, f"The JSON body, read as UTF-8 (RFC 8259) whatever its charset ({charset[:40]!r}),")
    return parse_json_object(raw, "The JSON body")
