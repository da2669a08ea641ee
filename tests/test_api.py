"""HTTP API: every media type, the response contract, and a problem+json for every bad input."""

import gzip
import io
import json

import pytest

from service import create_app
from service.config import Config
from tests.conftest import seed

SEED = seed("000_alibaba_id_double_headline.txt")
HEADLINE = "Alibaba menghadirkan pengiriman 5 hari ke AS untuk bersaing dengan Shein, Temu"


def check_contract(text: str, body: dict) -> None:
    assert set(body) == {"summary", "sentences", "headline", "removed", "language", "algorithm", "stats"}
    for item in body["sentences"] + body["removed"]:
        assert text[item["start"] : item["end"]] == item["text"]
    indices = [s["index"] for s in body["sentences"]]
    assert indices == sorted(indices)


def test_seed_as_text_plain(client) -> None:
    response = client.post("/v1/summarize", data=SEED.encode(), content_type="text/plain")
    assert response.status_code == 200
    body = response.get_json()
    check_contract(SEED, body)
    assert body["headline"] == HEADLINE
    assert [r["text"] for r in body["removed"]] == [HEADLINE, HEADLINE]
    assert all(r["reason"] == "headline" for r in body["removed"])
    assert len(body["sentences"]) == 3 and body["language"] == "id" and body["algorithm"] == "learned"
    assert all("Alibaba menghadirkan" not in s["text"] for s in body["sentences"])


def test_json_with_options(client) -> None:
    response = client.post("/v1/summarize", json={"text": SEED, "sentences": 5, "algorithm": "textrank"})
    body = response.get_json()
    assert response.status_code == 200 and body["algorithm"] == "textrank" and len(body["sentences"]) == 5
    check_contract(SEED, body)


@pytest.mark.parametrize(("query", "count"), [("ratio=0.25", None), ("words=40", None), ("sentences=1", 1)])
def test_text_plain_options_in_query(client, query: str, count: int | None) -> None:
    response = client.post(f"/v1/summarize?{query}", data=SEED, content_type="text/plain; charset=utf-8")
    body = response.get_json()
    assert response.status_code == 200
    if count is not None:
        assert len(body["sentences"]) == count
    if query.startswith("ratio"):
        assert len(body["sentences"]) == -(-body["stats"]["sentences"] // 4)
    if query.startswith("words"):
        assert sum(len(s["text"].split()) for s in body["sentences"]) <= 40


def test_form_field(client) -> None:
    response = client.post("/v1/summarize", data={"text": SEED, "sentences": "2"})
    assert response.status_code == 200 and len(response.get_json()["sentences"]) == 2


def test_form_file_upload(client) -> None:
    data = {"file": (io.BytesIO(SEED.encode()), "article.txt", "text/plain"), "language": "id"}
    response = client.post("/v1/summarize", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    check_contract(SEED, response.get_json())


def test_accept_text_plain(client) -> None:
    response = client.post("/v1/summarize", json={"text": SEED}, headers={"Accept": "text/plain"})
    assert response.status_code == 200 and response.mimetype == "text/plain"
    lines = response.get_data(as_text=True).splitlines()
    assert len(lines) == 3 and all(line in SEED for line in lines)
    assert "Accept" in response.headers["Vary"]


def test_offsets_count_code_points_of_the_input_as_sent(client) -> None:
    text = "\ufeff😀 Emoji first line.\r\nSecond line, with “quotes”.\r\nThird line here."
    response = client.post("/v1/summarize", json={"text": text, "sentences": 3})
    check_contract(text, response.get_json())


def test_languages_and_health(client) -> None:
    languages = client.get("/v1/languages").get_json()["languages"]
    indonesian = next(row for row in languages if row["code"] == "id")
    assert indonesian == {
        "code": "id", "name": "Indonesian", "detectable": True,
        "stop_words": True, "stemmer": "indonesian", "sentences": "sentencex",
    }
    thai = next(row for row in languages if row["code"] == "th")
    assert thai["sentences"] == "spaces"  # segment.py's rule for Thai and Lao, not sentencex's
    assert client.get("/healthz").get_json() == {"status": "ok"}


def problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status and body["title"] and body["detail"] and body["type"] == "about:blank"
    assert "Traceback" not in response.get_data(as_text=True)
    return body


@pytest.mark.parametrize(
    ("kwargs", "status", "fragment"),
    [
        ({"data": b"{not json", "content_type": "application/json"}, 400, "not valid JSON"),
        ({"data": b"", "content_type": "application/json"}, 400, "empty"),
        ({"data": b"[1, 2]", "content_type": "application/json"}, 400, "object"),
        ({"data": b"[" * 100_000, "content_type": "application/json"}, 400, "JSON"),
        ({"data": b"\xff\xfe\xfa", "content_type": "text/plain"}, 400, "not valid utf-8"),
        ({"data": b"{\"text\": \"\xff\"}", "content_type": "application/json"}, 400, "UTF-8"),
        ({"data": b"hello", "content_type": "application/xml"}, 415, "not supported"),
        ({"data": b"hello"}, 415, "Content-Type"),
        ({"data": b"hello", "content_type": "text/plain; charset=klingon"}, 415, "charset"),
        # Codecs of Python's registry that are no text encoding of the web: 'undefined' always
        # fails, 'idna' refuses long labels, 'punycode' decodes in quadratic time.
        ({"data": b"hello", "content_type": "text/plain; charset=undefined"}, 415, "charset"),
        ({"data": b"hello" * 20, "content_type": "text/plain; charset=idna"}, 415, "charset"),
        ({"data": b"a" * 50_000 + b"-b", "content_type": "text/html; charset=punycode"}, 415, "charset"),
        ({"data": b"\\ud800 hello", "content_type": "text/plain; charset=unicode_escape"}, 415, "charset"),
        ({"data": b"hello", "content_type": "text/plain; charset=rot13"}, 415, "charset"),
        # JSON Python cannot turn into values, or strings that are no Unicode text.
        ({"data": b'{"text": "Hello.", "sentences": 1' + b"0" * 5000 + b"}", "content_type": "application/json"},
         400, "number too long"),
        ({"data": b'{"text": "Hello \\ud800 world. Two."}', "content_type": "application/json"}, 400, "surrogate"),
        ({"data": b'{"text": "Hello world.", "title": "\\udfff"}', "content_type": "application/json"}, 400, "surrogate"),
        ({"json": {"text": "Hello world.", "sentences": 1e308 * 10}}, 422, "finite"),
        # A form of ours whose %-escapes are not UTF-8 (an article with them is sent verbatim).
        ({"data": b"text=Hello%FF+world.&sentences=1", "content_type": "application/x-www-form-urlencoded"}, 400, "UTF-8"),
        ({"json": {"txt": "hello"}}, 422, "Unknown option"),
        ({"json": {"sentences": 3}}, 422, "text"),
        ({"json": {"text": 42}}, 422, "string"),
        ({"json": {"text": "   "}}, 422, "empty"),
        ({"json": {"text": "Hello world.", "sentences": 2, "ratio": 0.5}}, 422, "at most one"),
        ({"json": {"text": "Hello world.", "sentences": 0}}, 422, "sentences"),
        ({"json": {"text": "Hello world.", "sentences": True}}, 422, "boolean"),
        ({"json": {"text": "Hello world.", "ratio": 1.5}}, 422, "ratio"),
        ({"json": {"text": "Hello world.", "algorithm": "luhn"}}, 422, "lexrank"),
        ({"json": {"text": "Hello world.", "language": "klingon"}}, 422, "Unknown language"),
        ({"json": {"text": "Hello world.", "dedup_threshold": 0}}, 422, "dedup_threshold"),
        ({"json": {"text": "Hello world.", "title": "x" * 5000}}, 422, "title"),
    ],
)
def test_bad_input_gets_a_problem(client, kwargs: dict, status: int, fragment: str) -> None:
    body = problem(client.post("/v1/summarize", **kwargs), status)
    assert fragment.casefold() in (body["detail"] + str(body.get("errors", ""))).casefold()


def test_field_errors_listed(client) -> None:
    body = problem(client.post("/v1/summarize", json={"text": "x y.", "sentences": -1, "ratio": 3}), 422)
    assert {e["field"] for e in body["errors"]} == {"sentences", "ratio"}


def test_body_over_the_limit(client, app) -> None:
    big = b"word " * (app.config["MAX_CONTENT_LENGTH"] // 5 + 1)
    body = problem(client.post("/v1/summarize", data=big, content_type="text/plain"), 413)
    assert "limit" in body["detail"]


def test_text_over_the_character_limit_in_json_escapes(client, resources) -> None:
    # \u escapes make the text longer in characters than a small body: the text bound applies.
    response = client.post("/v1/summarize", json={"text": "a" * 200_001})
    problem(response, 413)


def test_wrong_method_and_unknown_route(client) -> None:
    response = client.get("/v1/summarize")
    problem(response, 405)
    assert "POST" in response.headers["Allow"]
    problem(client.get("/nope"), 404)


@pytest.mark.parametrize(
    ("options", "status"),
    [
        ({"position_prior": 0}, 200),
        ({"position_prior": None}, 200),  # null: the default (0), as for mmr
        ({"position_prior": 2.5, "lexrank_weights": "threshold"}, 200),
        ({"headline_bias": 0.5, "mmr": 0.7}, 200),
        ({"position_prior": -1}, 422),
        ({"position_prior": 99}, 422),
        ({"lexrank_weights": "dense"}, 422),
        ({"headline_bias": 1.5}, 422),
        ({"mmr": 0}, 422),
        ({"position_prior": True}, 422),
    ],
)
def test_ranking_options(client, options: dict, status: int) -> None:
    response = client.post("/v1/summarize", json={"text": SEED, **options})
    assert response.status_code == status
    if status == 200:
        check_contract(SEED, response.get_json())
    else:  # one readable sentence naming the field
        detail = response.get_json()["detail"]
        assert detail.startswith(next(iter(options))) and detail.endswith(".") and not detail.endswith("..")


def test_position_prior_tilts_the_default_towards_the_lead_over_http(client) -> None:
    text = seed("002_en_no_headline.txt")  # the Indonesian seed's default summary is its lead already
    default = client.post("/v1/summarize", json={"text": text}).get_json()
    tilted = client.post("/v1/summarize", json={"text": text, "position_prior": 5}).get_json()
    # The default summary passes over the third sentence for the fourth; at α = 5 it is the lead.
    assert [s["index"] for s in default["sentences"]] == [0, 1, 3]
    assert [s["index"] for s in tilted["sentences"]] == [0, 1, 2]
    assert tilted["algorithm"] == default["algorithm"] == "learned"


def test_curl_data_without_content_type_is_taken_as_the_article(client) -> None:
    """`curl -d @file` posts the file urlencoded, without field names and line breaks."""
    flattened = SEED.replace("\n", "")
    response = client.post("/v1/summarize", data=flattened.encode(), content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    body = response.get_json()
    check_contract(flattened, body)
    assert body["language"] == "id" and len(body["sentences"]) == 3


def test_urlencoded_form_with_fields_is_still_a_form(client) -> None:
    form = "application/x-www-form-urlencoded"
    response = client.post("/v1/summarize", data="text=Satu+kalimat+di+sini.&sentences=1", content_type=form)
    assert response.status_code == 200 and response.get_json()["summary"] == "Satu kalimat di sini."
    unknown = client.post("/v1/summarize", data="txt=abc&sentences=1", content_type=form)
    assert unknown.status_code == 422 and "Unknown option 'txt'" in unknown.get_json()["detail"]


def test_a_bug_is_a_bare_500_problem_without_a_traceback(app, client, monkeypatch, caplog) -> None:
    """An unexpected exception is logged with its traceback and answered with nothing of it."""

    def broken(*args, **kwargs):
        raise RuntimeError("secret internal state /srv/ringkas/pipeline.py line 42")

    monkeypatch.setattr("service.web.views.summarize", broken)
    with caplog.at_level("ERROR"):
        response = client.post("/v1/summarize", json={"text": "A perfectly good article. With two sentences."})
    assert response.status_code == 500 and response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body == {
        "type": "about:blank", "title": "Internal Server Error", "status": 500,
        "detail": "The server failed to handle this request; the error has been logged.",
    }
    assert "secret" not in response.get_data(as_text=True) and "Traceback" not in response.get_data(as_text=True)
    assert "RuntimeError: secret internal state" in caplog.text  # the operator still sees it


def test_a_surrogate_pair_is_one_character_and_text_plain_answers_it(client) -> None:
    body = b'{"text": "Emoji \\ud83d\\ude00 first. Then a second sentence. And a third one."}'
    response = client.post("/v1/summarize", data=body, content_type="application/json", headers={"Accept": "text/plain"})
    assert response.status_code == 200
    assert response.get_data(as_text=True).splitlines()[0] == "Emoji \U0001F600 first."


def test_a_lone_surrogate_with_accept_text_plain_is_a_400_not_a_failed_encoding(client) -> None:
    body = b'{"text": "Broken \\ud800 first. Then a second sentence. And a third one."}'
    response = client.post("/v1/summarize", data=body, content_type="application/json", headers={"Accept": "text/plain"})
    problem(response, 400)


@pytest.mark.parametrize("charset", ["windows-1252", "cp1252", "latin1", "ISO-8859-1", "utf-16", "shift_jis"])
def test_text_in_a_declared_web_charset(client, charset: str) -> None:
    text = "Café owners said prices rose. The council met on Monday. Nothing was decided."
    if charset == "shift_jis":
        text = "東京で会議が開かれた。価格が上がった。何も決まらなかった。"
    response = client.post("/v1/summarize", data=text.encode(charset), content_type=f"text/plain; charset={charset}")
    assert response.status_code == 200
    assert response.get_json()["summary"].replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize(
    ("label", "text"),
    [
        ("windows-874", "ราคาข้าวในตลาดสูงขึ้นมากในสัปดาห์นี้ พ่อค้าบอกว่าฝนตกน้อย รัฐบาลจะช่วยเหลือชาวนา"),
        ("x-sjis", "東京で会議が開かれた。価格が上がった。何も決まらなかった。"),
        ("ks_c_5601-1989", "서울에서 회의가 열렸다. 가격이 올랐다. 아무것도 결정되지 않았다."),
        ("x-cp1252", "Café owners said prices rose “sharply”. The council met on Monday. Nothing was decided."),
        ("iso88592", "Ceny w Łodzi wzrosły. Rada miasta zebrała się w poniedziałek. Nic nie postanowiono."),
        ("x-mac-roman", "Café owners said prices rose. The council met on Monday. Nothing was decided."),
    ],
)
def test_text_in_a_web_label_python_does_not_know(client, label: str, text: str) -> None:
    """Labels of the WHATWG Encoding Standard, as pages and headers carry them: read, not a 415."""
    from service.web.body import WEB_ONLY_LABELS

    data = text.encode(WEB_ONLY_LABELS[label])
    response = client.post("/v1/summarize", data=data, content_type=f"text/plain; charset={label.upper()}")
    assert response.status_code == 200
    assert response.get_json()["summary"].replace(" ", "") == text.replace(" ", "")


def test_web_only_labels_add_to_pythons_names_and_change_none() -> None:
    import codecs

    from service.web.body import TEXT_CHARSETS, WEB_ONLY_LABELS

    for label, codec in WEB_ONLY_LABELS.items():
        with pytest.raises(LookupError):
            codecs.lookup(label)
        assert codecs.lookup(codec).name in TEXT_CHARSETS


def test_urlencoded_article_with_percent_bytes_is_kept_verbatim(client) -> None:
    article = "Harga cabai naik 50%FF di pasar. Pedagang mengeluh. Pemerintah berjanji turun tangan."
    response = client.post("/v1/summarize", data=article, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200 and "50%FF" in response.get_json()["summary"]


def test_a_form_field_may_be_as_large_as_the_body_limit(resources, tmp_path) -> None:
    # Werkzeug's own bound on a form field is 500 kB; ours is the body limit (1 MiB by default).
    app = create_app(Config.load({"data_dir": str(tmp_path)}), resources=resources)
    text = "Kata kata kata di sini tanpa akhir " * 16_000 + ". Kalimat terakhir."
    assert 500_000 < len(text) < app.config["MAX_CONTENT_LENGTH"] - 1000
    # Encoded here: the test client would spool a body this large to a file it never closes.
    body = f'--b0\r\nContent-Disposition: form-data; name="text"\r\n\r\n{text}\r\n--b0--\r\n'.encode()
    response = app.test_client().post("/v1/summarize", data=body, content_type="multipart/form-data; boundary=b0")
    assert response.status_code == 200


def test_a_form_of_too_many_parts_says_so(client) -> None:
    fields = {f"field{i}": "x" for i in range(1_100)}
    body = problem(client.post("/v1/summarize", data=fields, content_type="multipart/form-data"), 413)
    assert "1,000 parts" in body["detail"]


def test_a_form_field_that_is_not_utf8_is_a_400_not_replacement_characters(client) -> None:
    """Werkzeug decodes form fields with U+FFFD for bytes that do not decode: a field sent in
    Latin-1 would lose its accents silently. It is a 400, as an undecodable body is."""
    latin1 = "Kafé di Jalan Braga buka kembali. Pemiliknya senang sekali. Pengunjung datang lagi.".encode("latin-1")

    def form(*fields: tuple[str, bytes]) -> bytes:
        parts = [b'--b0\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' % (n.encode(), v) for n, v in fields]
        return b"".join(parts) + b"--b0--\r\n"

    def post(body: bytes) -> str:
        response = client.post("/v1/summarize", data=body, content_type="multipart/form-data; boundary=b0")
        return str(problem(response, 400)["detail"])

    assert "'text' is not valid UTF-8 (at character 3)" in post(form(("text", latin1)))
    assert "'title' is not valid UTF-8" in post(form(("title", "Kafé".encode("latin-1")), ("text", b"Satu. Dua.")))


def test_a_replacement_character_sent_as_utf8_is_kept(client) -> None:
    text = "Harga naik \ufffd persen menurut data lama. Pedagang di pasar mengeluh. Pemerintah berjanji turun tangan."
    response = client.post("/v1/summarize?sentences=3", data={"text": text}, content_type="multipart/form-data")
    assert response.status_code == 200 and "\ufffd" in response.get_json()["summary"]


@pytest.mark.parametrize(("charset", "codec"), [("utf-16", "utf-16-be"), ("UTF-32", "utf-32-be"), ("utf-16", "utf-16")])
def test_utf16_and_utf32_without_a_mark_are_big_endian(client, charset: str, codec: str) -> None:
    """RFC 2781: without a byte-order mark, UTF-16 is big-endian (Python's codec would read the
    machine's order and answer 200 with CJK garbage); with one (Python's ``utf-16`` writes it,
    little-endian here), the mark decides."""
    text = "Prices rose in Jakarta this week. Traders blamed the rain. The council will meet on Monday."
    response = client.post("/v1/summarize", data=text.encode(codec), content_type=f"text/plain; charset={charset}")
    assert response.status_code == 200 and response.get_json()["summary"] == text


@pytest.mark.parametrize(
    ("path", "headers", "status"),
    [
        ("/v1/summarize", {"Content-Encoding": "gzip"}, 415),
        ("/v1/summarize", {"Content-Encoding": "br"}, 415),
        ("/v1/headlines/dedup", {"Content-Encoding": "deflate"}, 415),
        ("/v1/summarize", {"Transfer-Encoding": "gzip, chunked"}, 501),
    ],
)
def test_a_compressed_body_is_refused_not_misread(client, path: str, headers: dict[str, str], status: int) -> None:
    """Nothing decompresses a body: a gzip body read as UTF-8 was a 400 'not valid UTF-8', and a
    plain body labelled 'br' was summarised as if the label were not there."""
    article = {"text": "Prices rose. Traders blamed the rain. The council met."}
    body = article if path == "/v1/summarize" else {"headlines": [{"id": "1", "text": "Prices rose in Jakarta"}]}
    data = json.dumps(body).encode()
    sent = gzip.compress(data) if headers.get("Content-Encoding") == "gzip" else data
    answer = problem(client.post(path, data=sent, content_type="application/json", headers=headers), status)
    assert next(iter(headers)) in answer["detail"] and "uncompressed" in answer["detail"]
    plain = client.post(path, data=data, content_type="application/json", headers={"Content-Encoding": "identity"})
    assert plain.status_code == 200


@pytest.mark.parametrize(
    ("content_type", "body", "reason"),
    [
        ("multipart/form-data", b'--b0\r\nContent-Disposition: form-data; name="text"\r\n\r\nOne. Two.\r\n--b0--\r\n',
         "Missing boundary"),
        ("multipart/form-data; boundary=b0",
         b'--b0\r\nContent-Disposition: form-data; name="text"\r\n\r\nOne. Two.\r\n--b0\r\n'
         b'Content-Disposition: form-data; name="file"; filename="caf\xe9.txt"\r\n\r\nabc\r\n--b0--\r\n', "utf-8"),
        ("multipart/form-data; boundary=b0", b'--b0\r\nContent-Disposition: form-data; name="text"\r\n\r\nOne. Tw', "form-data"),
    ],
    ids=["no boundary", "a part header not in UTF-8", "cut short"],
)
def test_a_multipart_body_that_does_not_parse_is_a_400(client, content_type: str, body: bytes, reason: str) -> None:
    """Werkzeug reads such a body as an empty form, which was answered '422: the article text is missing'."""
    detail = problem(client.post("/v1/summarize", data=body, content_type=content_type), 400)["detail"]
    assert detail.startswith("The multipart form could not be parsed") and reason in detail


def test_a_body_of_unknown_options_gets_a_bounded_answer(client) -> None:
    """A 1 MiB body can hold 100,000 unknown options: each was listed (a 30 MB 422), now the
    first MAX_FIELD_ERRORS are, and the detail counts the rest."""
    from service.models import MAX_FIELD_ERRORS

    body = {"text": "One sentence. Another one.", **{f"k{i}": 0 for i in range(5_000)}}
    response = client.post("/v1/summarize", json=body)
    answer = problem(response, 422)
    assert len(answer["errors"]) == MAX_FIELD_ERRORS and [e["field"] for e in answer["errors"][:2]] == ["k0", "k1"]
    assert answer["detail"].startswith("5,000 options are invalid: k0, k1,") and "and 4,980 more" in answer["detail"]
    assert len(response.data) < 10_000


@pytest.mark.parametrize(("query", "fragment"), [
    ("ratio=nan", "ratio: Input should be a finite number"),
    ("mmr=inf", "mmr: Input should be a finite number"),
    ("=1", "Unknown option '' (a field without a name)"),  # was "Unknown option 'options'"
])
def test_option_details_name_what_is_wrong(client, query: str, fragment: str) -> None:
    detail = problem(client.post(f"/v1/summarize?{query}", json={"text": "One. Two."}), 422)["detail"]
    assert fragment in detail


@pytest.mark.parametrize("path", ["/v1/summarize", "/v1/summarize/batch"])
def test_a_query_string_that_is_not_utf8_is_a_400(client, path: str) -> None:
    """Werkzeug puts U+FFFD for %-escapes that are not UTF-8: a title sent in Latin-1 lost its
    accents without a word (a form body's were already a 400)."""
    body = {"text": "One. Two."} if path == "/v1/summarize" else {"documents": [{"text": "One. Two."}]}
    detail = problem(client.post(f"{path}?title=Caf%E9", json=body), 400)["detail"]
    assert "query string" in detail and "UTF-8" in detail
    assert client.post(f"{path}?title=Caf%C3%A9", json=body).status_code == 200


@pytest.mark.parametrize(("content_type", "data", "status", "fragment"), [
    (";;;", b'{"text": "One. Two."}', 415, "Content-Type ';;;' names no media type"),  # not "Missing Content-Type"
    ("application/json; charset=latin-1", b'{"text": "Caf\xe9 one. Two."}', 400, "read as UTF-8 (RFC 8259) whatever its charset"),
])
def test_media_type_details_say_what_was_sent(client, content_type: str, data: bytes, status: int, fragment: str) -> None:
    assert fragment in problem(client.post("/v1/summarize", data=data, headers={"Content-Type": content_type}), status)["detail"]


@pytest.mark.parametrize(("path", "data", "content_type", "where"), [
    ("/v1/summarize?sentences=1&sentences=2", b'{"text": "One. Two. Three."}', "application/json", "The query string"),
    ("/v1/summarize", b"text=One.+Two.+Three.&sentences=1&sentences=2", "application/x-www-form-urlencoded", "The form"),
    ("/v1/summarize", b'--b0\r\nContent-Disposition: form-data; name="text"\r\n\r\nOne. Two. Three.\r\n'
     b'--b0\r\nContent-Disposition: form-data; name="sentences"\r\n\r\n1\r\n'
     b'--b0\r\nContent-Disposition: form-data; name="sentences"\r\n\r\n2\r\n--b0--\r\n',
     "multipart/form-data; boundary=b0", "The form"),
], ids=["query string", "urlencoded", "multipart"])
def test_an_option_given_twice_is_a_422_wherever_it_is_sent(
    client, path: str, data: bytes, content_type: str, where: str
) -> None:
    """The query string and multipart forms were read first-wins (werkzeug's to_dict) and
    urlencoded bodies last-wins (dict of parse_qsl): the same request meant 1 or 2 sentences."""
    answer = problem(client.post(path, data=data, content_type=content_type), 422)
    assert answer["detail"] == f"{where} gives 'sentences' more than once: send each field once."
    assert answer["errors"] == [{"field": "sentences", "message": "Given more than once."}]


def test_every_repeated_field_is_named_and_the_list_is_bounded(client) -> None:
    from service.models import MAX_FIELD_ERRORS

    query = "&".join(f"k{i}=1&k{i}=2" for i in range(30))
    answer = problem(client.post(f"/v1/summarize?{query}", json={"text": "One. Two."}), 422)
    assert [e["field"] for e in answer["errors"]] == [f"k{i}" for i in range(MAX_FIELD_ERRORS)]
    assert answer["detail"].startswith("The query string gives 30 fields ('k0', 'k1',")
    assert answer["detail"].endswith("'k19' and 10 more) more than once: send each field once.")


def _upload(name: str, filename: str, content: bytes) -> bytes:
    return (f'--b0\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + content + b"\r\n"


TEXT_PART = b'--b0\r\nContent-Disposition: form-data; name="text"\r\n\r\nOne sentence here. Another one there.\r\n'


@pytest.mark.parametrize(("parts", "fragment", "field"), [
    (_upload("a", "a.txt", b"First article. Its end.") + _upload("b", "b.txt", b"Second article. Its end."),
     "The form has 2 files", "b"),
    (TEXT_PART + _upload("file", "a.txt", b"An article in a file. Its end."), "both a 'text' field and a file", "file"),
], ids=["two files", "text and a file"])
def test_a_form_with_two_articles_is_a_422(client, parts: bytes, fragment: str, field: str) -> None:
    """The second file, or the file beside a 'text' field, was ignored without a word."""
    response = client.post("/v1/summarize", data=parts + b"--b0--\r\n", content_type="multipart/form-data; boundary=b0")
    answer = problem(response, 422)
    assert fragment in answer["detail"] and answer["errors"][0]["field"] == field


def test_a_text_field_left_empty_beside_a_file_is_no_second_article(client) -> None:
    """A plain HTML form with a textarea and a file input: the file chosen, the textarea left empty."""
    body = (b'--b0\r\nContent-Disposition: form-data; name="text"\r\n\r\n\r\n'
            + _upload("file", "a.txt", b"An article in a file. It has two sentences.") + b"--b0--\r\n")
    response = client.post("/v1/summarize", data=body, content_type="multipart/form-data; boundary=b0")
    assert response.status_code == 200 and response.get_json()["summary"].startswith("An article in a file.")


def test_a_file_input_left_empty_is_no_second_article(client) -> None:
    """A browser sends an unchosen file input as a part with an empty name and no content."""
    body = TEXT_PART + _upload("file", "", b"") + b"--b0--\r\n"
    response = client.post("/v1/summarize", data=body, content_type="multipart/form-data; boundary=b0")
    assert response.status_code == 200 and response.get_json()["stats"]["sentences"] == 2
    only_empty = _upload("file", "", b"") + b"--b0--\r\n"
    missing = problem(client.post("/v1/summarize", data=only_empty, content_type="multipart/form-data; boundary=b0"), 422)
    assert missing["detail"].startswith("The article text is missing")
