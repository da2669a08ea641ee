"""A batch's HTML pages share one budget (``text.extract.MAX_BATCH_HTML_ELEMENTS``): each page is
bounded on its own (10,000 elements), but a 1 MiB batch of element-dense pages took longer than
gunicorn's 30 s. A page that does not fit in what the earlier pages left is its document's 413;
every other document keeps its result. The pages are news pages we wrote (an article, and menus
that hold most of the elements, as on real pages) and a photo gallery of thousands of thumbnails."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import trafilatura
from flask.testing import FlaskClient
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from service import create_app
from service.config import Config
from service.pipeline import Resources
from service.text import extract
from service.text.extract import MAX_BATCH_HTML_ELEMENTS, MAX_HTML_ELEMENTS
from service.web.openapi import build_openapi

CITIES = ["Semarang", "Surabaya", "Bandung", "Medan", "Makassar", "Padang", "Malang", "Solo", "Bogor", "Denpasar"]


def paragraphs(i: int) -> list[str]:
    city = CITIES[i % len(CITIES)]
    return [
        f"{city.upper()} - Pemerintah Kota {city} mulai memperbaiki {12 + i} ruas jalan yang rusak setelah "
        "musim hujan panjang tahun ini.",
        f"Kepala Dinas Pekerjaan Umum {city} mengatakan anggaran perbaikan mencapai Rp {40 + i} miliar dan "
        "pekerjaan ditargetkan selesai sebelum akhir tahun.",
        "Menurut dia, sebagian besar kerusakan terjadi di jalan yang setiap hari dilalui truk pengangkut barang "
        "dengan muatan berlebih.",
        f"Warga di kawasan utara {city} berharap perbaikan dilakukan lebih cepat karena lubang di jalan sering "
        "menyebabkan kecelakaan sepeda motor.",
        "Dinas juga akan memasang lampu penerangan baru di titik-titik yang selama ini gelap pada malam hari.",
        f"Selain jalan, pemerintah kota menyiapkan perbaikan {3 + i % 5} jembatan kecil yang fondasinya tergerus arus sungai.",
        "Pengawasan proyek melibatkan inspektorat daerah agar kualitas pekerjaan sesuai dengan kontrak yang "
        "telah ditandatangani.",
        "Pemerintah kota meminta warga melaporkan jalan rusak melalui aplikasi pengaduan yang tersedia sejak awal bulan ini.",
    ]


def news_page(i: int, elements: int) -> str:
    """An article page of about ``elements`` elements, most of them in its menus (as on real pages)."""
    city = CITIES[i % len(CITIES)]
    title = f"Pemkot {city} Perbaiki {12 + i} Ruas Jalan Rusak Tahun Ini"
    head = (
        f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{title} - Warta Contoh</title>'
        f'<meta property="og:title" content="{title}"><meta name="viewport" content="width=device-width">'
        '<link rel="stylesheet" href="/css/main.css"><script src="/js/app.js"></script></head><body>'
    )
    article = (
        f'<main><article><h1>{title}</h1><p class="byline">Senin, 2 Desember 2024 | 09:{10 + i % 50} WIB</p>'
        f'<figure><img src="/img/{i}.jpg" alt="Jalan">'
        "<figcaption>Pekerja menambal jalan (Foto: Warta Contoh)</figcaption></figure>"
        + "".join(f"<p>{p}</p>" for p in paragraphs(i))
        + "</article></main>"
    )
    links = max(0, elements - count(head + article + "</body></html>") - 6) // 3  # <li><a><span> each

    def menu(name: str, entries: int, first: int) -> str:
        items = "".join(f'<li><a href="/kanal/{k}"><span>Kanal {k}</span></a></li>' for k in range(first, first + entries))
        return f'<nav class="{name}"><ul>{items}</ul></nav>'

    header, footer = menu("utama", links // 2, 0), menu("peta-situs", links - links // 2, links // 2)
    return f"{head}<header>{header}</header>{article}<footer>{footer}</footer></body></html>"


def gallery_page(i: int, thumbnails: int) -> str:
    """A photo story: four paragraphs and ``thumbnails`` images (extraction is quick on it)."""
    city = CITIES[i % len(CITIES)]
    images = "".join(f'<img src="/foto/{i}/{k}.jpg">' for k in range(thumbnails))
    return (
        f"<!DOCTYPE html><html><head><title>Foto: Banjir di {city}</title></head><body><article>"
        f"<h1>Foto: Banjir di {city}</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs(i)[:4])
        + f'<div class="galeri">{images}</div></article></body></html>'
    )


def count(html: str) -> int:
    """The page's elements, counted as extraction counts them."""
    tree = load_html(html)
    assert tree is not None
    return sum(1 for _ in tree.iter())


@pytest.fixture(scope="module")
def client(resources: Resources, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    """The app with the default bounds (a 1 MiB body: the hostile batch is a 1 MiB one)."""
    app = create_app(Config.load({"data_dir": str(tmp_path_factory.mktemp("data"))}), resources=resources)
    with app.test_client() as test_client:
        yield test_client


@pytest.fixture()
def extracted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The elements of every page trafilatura extracts (wrapping the real ``bare_extraction``)."""
    counted: list[int] = []
    real = trafilatura.bare_extraction  # what service.text.extract calls

    def counting(tree: HtmlElement, **kwargs: Any) -> Any:
        counted.append(sum(1 for _ in tree.iter()))
        return real(tree, **kwargs)

    monkeypatch.setattr(extract, "bare_extraction", counting)
    return counted


def batch(client: FlaskClient, documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    response = client.post("/v1/summarize/batch", json={"sentences": 2, "documents": documents})
    assert response.status_code == 200
    results: list[dict[str, Any]] = response.get_json()["results"]
    for result in results:
        result.get("stats", {}).pop("elapsed_ms", None)
    return results


def statuses(results: list[dict[str, Any]]) -> list[tuple[Any, int]]:
    return [(result["id"], result["status"]) for result in results]


def test_a_page_past_the_budget_is_its_documents_413_and_the_others_keep_their_results(client: FlaskClient) -> None:
    """Real budget: an article page and two 9,000-photo galleries fit (3,000 + 2 x 9,0xx of 30,000
    elements), a third gallery does not; a text document and a later, smaller article page are
    unaffected."""
    documents = [
        {"id": "jalan", "html": news_page(0, 3_000)},
        *({"id": f"galeri-{k}", "html": gallery_page(k, 9_000)} for k in range(1, 4)),
        {"id": "teks", "text": "\n".join(paragraphs(4))},
        {"id": "jembatan", "html": news_page(3, 1_000)},
    ]
    elements = [count(document["html"]) for document in documents if "html" in document]
    assert sum(elements[:3]) <= MAX_BATCH_HTML_ELEMENTS < sum(elements[:4])
    assert sum(elements[:3]) + elements[4] <= MAX_BATCH_HTML_ELEMENTS
    results = batch(client, documents)
    assert statuses(results) == [
        ("jalan", 200), ("galeri-1", 200), ("galeri-2", 200), ("galeri-3", 413), ("teks", 200), ("jembatan", 200),
    ]
    refused = results[3]
    assert refused["title"] == "Content Too Large"
    assert f"This page has {elements[3]:,} HTML elements and the batch's earlier pages {sum(elements[:3]):,}" in refused["detail"]
    assert f"may have {MAX_BATCH_HTML_ELEMENTS:,} elements in all" in refused["detail"]
    assert refused["detail"].endswith("Send this page in another request.")
    # The others are exactly what they are alone, and the refused page fits in a batch of its own.
    for document, result in zip(documents, results, strict=True):
        if document["id"] != "galeri-3":
            assert batch(client, [document]) == [result]
    (alone,) = batch(client, [documents[3]])
    assert alone["status"] == 200 and alone["text"].startswith("Foto: Banjir di Medan")


def test_the_hostile_batch_extracts_three_pages_worth(client: FlaskClient, extracted: list[int]) -> None:
    """The batch of the finding: 1 MiB of pages of 9,990 ``<br>``s (26 pages; ~31 s before, past
    gunicorn's 30 s). trafilatura now runs on pages of at most the budget's elements in all: three."""
    page = "<html><body><p>w</p>" + "<br>" * 9_990
    documents = [{"id": k, "html": page} for k in range(26)]
    response = client.post("/v1/summarize/batch", json={"documents": documents})
    assert response.status_code == 200 and len(response.data) < 1 << 20
    results = response.get_json()["results"]
    assert [result["status"] for result in results] == [200] * 3 + [413] * 23
    assert all("Send this page in another request." in result["detail"] for result in results[3:])
    assert extracted == [count(page)] * 3
    assert sum(extracted) <= MAX_BATCH_HTML_ELEMENTS


def test_pages_sent_in_text_fields_are_charged_like_pages(client: FlaskClient, extracted: list[int]) -> None:
    """A whole page in a document's ``text`` is read as a page (summarize's rule), so it draws
    on the batch's budget too: the hostile batch in ``text`` fields extracts three pages, not 26."""
    page = "<html><body><p>w</p>" + "<br>" * 9_990
    response = client.post("/v1/summarize/batch", json={"documents": [{"id": k, "text": page} for k in range(26)]})
    assert [result["status"] for result in response.get_json()["results"]] == [200] * 3 + [413] * 23
    assert extracted == [count(page)] * 3


def test_three_pages_at_the_page_limit_fill_a_batch(client: FlaskClient) -> None:
    """The budget is three pages at the 10,000-element limit: such a page is never refused for the
    budget as a batch's first page, and nothing fits after the third."""
    galleries = [{"id": f"galeri-{k}", "html": gallery_page(k, 9_989)} for k in range(3)]
    assert all(count(gallery["html"]) == MAX_HTML_ELEMENTS for gallery in galleries)
    assert MAX_BATCH_HTML_ELEMENTS == 3 * MAX_HTML_ELEMENTS == 30_000
    results = batch(client, [*galleries, {"id": "artikel", "html": news_page(6, 1_000)}])
    assert statuses(results) == [("galeri-0", 200), ("galeri-1", 200), ("galeri-2", 200), ("artikel", 413)]


def test_a_page_over_the_page_limit_is_refused_on_its_own_and_spends_nothing(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A budget of two article pages: a page over the per-page limit between them (its own 413,
    never extracted) leaves the second one its room; a third does not fit."""
    pages = [news_page(i, 1_500) for i in range(3)]
    monkeypatch.setattr(extract, "MAX_BATCH_HTML_ELEMENTS", count(pages[0]) + count(pages[1]))
    huge = "<html><body>" + "<p>Kalimat.</p>" * MAX_HTML_ELEMENTS
    results = batch(client, [
        {"id": "pertama", "html": pages[0]},
        {"id": "raksasa", "html": huge},
        {"id": "kedua", "html": pages[1]},
        {"id": "ketiga", "html": pages[2]},
    ])
    assert statuses(results) == [("pertama", 200), ("raksasa", 413), ("kedua", 200), ("ketiga", 413)]
    assert "send the article's text instead" in results[1]["detail"]
    assert "Send this page in another request." in results[3]["detail"]


def test_each_batch_has_its_own_budget_and_a_single_page_has_none(client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """A budget of one page of 1,500 elements: a heavier page after it is refused, again in a
    second request (the budget does not carry over), but summarised by the single endpoint."""
    light, heavy = news_page(7, 1_500), news_page(8, 3_000)
    monkeypatch.setattr(extract, "MAX_BATCH_HTML_ELEMENTS", count(light))
    documents = [{"id": "ringan", "html": light}, {"id": "berat", "html": heavy}]
    first = batch(client, documents)
    assert statuses(first) == [("ringan", 200), ("berat", 413)]
    assert batch(client, documents) == first
    single = client.post("/v1/summarize?sentences=2", json={"html": heavy})
    assert single.status_code == 200 and single.get_json()["text"].startswith("Pemkot Bogor")


def test_a_batch_of_article_pages_fits_and_only_the_page_past_it_is_refused(client: FlaskClient) -> None:
    """Eleven article pages of 1,000-3,000 elements (real news pages have 600-1,500 at the median
    and p90: see MAX_BATCH_HTML_ELEMENTS) hold 22,191 of 30,000 (weighed as before, 31,886): every one is summarised as it is
    alone. A twelfth of 8,000 elements would take them past: it alone is refused."""
    sizes = [1_000, 1_500, 2_000, 2_500, 3_000, 1_200, 1_800, 2_200, 2_500, 2_000, 2_500]
    documents = [{"id": f"berita-{i}", "html": news_page(i, n)} for i, n in enumerate(sizes)]
    elements = sum(count(document["html"]) for document in documents)
    assert 22_000 < elements <= MAX_BATCH_HTML_ELEMENTS
    results = batch(client, documents)
    assert all(result["status"] == 200 for result in results)
    for document, result in zip(documents, results, strict=True):
        alone = client.post("/v1/summarize?sentences=2", json={"html": document["html"]}).get_json()
        alone["stats"].pop("elapsed_ms")
        assert result == {"id": document["id"], "status": 200, **alone}
    last = {"id": "berita-11", "html": news_page(11, 8_000)}
    assert elements + count(last["html"]) > MAX_BATCH_HTML_ELEMENTS
    *same, refused = batch(client, [*documents, last])
    assert same == results
    assert (refused["id"], refused["status"]) == ("berita-11", 413) and f"earlier pages {elements:,}:" in refused["detail"]


def test_the_openapi_description_states_the_batch_bound() -> None:
    description = build_openapi(Config.load())
    bound = f"may have {MAX_BATCH_HTML_ELEMENTS:,} elements in all (each at most {MAX_HTML_ELEMENTS:,})"
    assert bound in description["paths"]["/v1/summarize/batch"]["post"]["description"]
    assert bound in description["components"]["schemas"]["BatchRequest"]["properties"]["documents"]["description"]
