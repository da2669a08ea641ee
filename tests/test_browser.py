"""The page in a real headless Chromium (Debian's chromium + chromium-driver, driven by selenium).

A real server (werkzeug, in a thread, on a free port) answers the browser. No browser is
downloaded: the driver path is given, and selenium-manager is made to fail if it runs at all.
Without Chromium the tests skip on a developer machine and FAIL in CI (``CI=true``):
``.ci/system-packages`` (run by ``make test`` and ``.ci/run``) installs it. Screenshots (desktop
and phone width) go to ``RINGKAS_SCREENSHOT_DIR`` when set, else to a pytest temporary directory.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

from service import create_app
from service.config import Config
from tests.conftest import SEEDS, seed, unavailable

if os.environ.get("CI"):
    import selenium.webdriver as webdriver  # in CI a missing selenium fails the run, never skips it
else:
    webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.selenium_manager import SeleniumManager
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
#: Flags for a root user in a container, and for a browser that contacts nobody on its own
#: (no component updates, sync, field trials or QUIC probes), so that the network log below
#: shows only what the page itself asked for.
CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
    "--disable-default-apps", "--metrics-recording-only", "--no-default-browser-check", "--window-size=1280,900",
)
HEADLINE = "Alibaba menghadirkan pengiriman 5 hari ke AS untuk bersaing dengan Shein, Temu"
#: Browser-internal pages (the blank start-up tab): never a network request.
INTERNAL = ("chrome:", "chrome-untrusted:", "about:")
WAIT = 20  # seconds: a cold Chromium on a busy 2-core machine




def _serve(app: Any) -> Iterator[str]:
    """Serve ``app`` on a free port with werkzeug in a thread; yields its base URL."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join(5)
    httpd.server_close()


@pytest.fixture(scope="module")
def server(resources, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real app (its SQLite headline store in a temporary directory)."""
    data_dir = str(tmp_path_factory.mktemp("browser-data"))
    yield from _serve(create_app(Config.load({"max_body_bytes": 256 * 1024, "data_dir": data_dir}), resources=resources))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
        unavailable(f"{CHROMIUM} or {CHROMEDRIVER} is missing (apt-get install chromium chromium-driver)")
    profile = tempfile.mkdtemp(prefix="ringkas-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(SeleniumManager, "binary_paths", _no_download)
        try:
            driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
        except WebDriverException as error:
            shutil.rmtree(profile, ignore_errors=True)
            unavailable(f"Chromium did not start: {error.msg}")
    driver.set_script_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _no_download(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("selenium-manager must not run: the tests use the system chromedriver")


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("RINGKAS_SCREENSHOT_DIR") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _paste(driver: Any, element_id: str, text: str) -> None:
    """Set a text box as a paste does (send_keys cannot type characters outside the BMP)."""
    driver.execute_script(
        "const box = document.getElementById(arguments[0]); box.value = arguments[1];"
        "box.dispatchEvent(new Event('input', {bubbles: true}));", element_id, text)


def _requested_urls(driver: Any) -> list[str]:
    """Every URL the browser sent a request for since the last call (from the DevTools log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _screenshot(driver: Any, path: Path, *, width: int, height: int, mobile: bool) -> bool:
    """Save a full-page PNG at the given viewport (phone widths emulate a device, viewport meta
    and all); return whether the page is wider than the viewport there (a horizontal scroll)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
    try:
        overflow = driver.execute_script(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth")
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    path.write_bytes(base64.b64decode(shot["data"]))
    return bool(overflow)


def _open_file(driver: Any, server: str, path: Path) -> None:
    """Load the page and open ``path`` into the article box, as a user picks a file."""
    driver.get(server + "/")
    driver.find_element(By.ID, "file").send_keys(str(path))
    WebDriverWait(driver, WAIT).until(lambda d: d.find_element(By.ID, "text").get_attribute("value"))


def _summarise(driver: Any, text: str) -> None:
    _paste(driver, "text", text)
    driver.find_element(By.ID, "summarize").click()


def test_seed_is_summarised_with_headline_copies_removed(browser, server, run, shots) -> None:
    text = seed("000_alibaba_id_double_headline.txt")
    expected = run(text)
    _requested_urls(browser)  # drain: the start-up tab's own (chrome://) requests
    browser.get(server + "/")
    _summarise(browser, text)
    wait = WebDriverWait(browser, WAIT)
    wait.until(ec.visibility_of_element_located((By.ID, "summary")))

    assert browser.find_element(By.ID, "summary").text == expected.summary
    removed = browser.find_elements(By.CSS_SELECTOR, "#removed li[data-reason='headline']")
    headline_copies = [span for span in expected.removed if span.reason == "headline"]
    assert len(headline_copies) >= 2
    assert len(removed) == len(headline_copies)
    for item in removed:
        assert item.find_element(By.CSS_SELECTOR, ".badge").text.lower() == "headline copy"
        assert item.find_element(By.CSS_SELECTOR, "del").text.strip() == HEADLINE
    # In the article view, the chosen sentences are marked and the copies struck through, in place.
    marks = [m.text for m in browser.find_elements(By.CSS_SELECTOR, "#article mark.chosen")]
    assert marks == [s.text for s in expected.sentences]
    cuts = [d.text.strip() for d in browser.find_elements(By.CSS_SELECTOR, "#article del.cut")]
    assert cuts == [span.text.strip() for span in expected.removed]
    shown = browser.execute_script(  # the article itself, in place, once the reason labels are left out
        "const copy = document.getElementById('article').cloneNode(true);"
        "copy.querySelectorAll('.reason').forEach(label => label.remove()); return copy.textContent")
    assert shown == text
    facts = browser.find_element(By.ID, "facts").text
    assert "id" in facts.split() and expected.algorithm in facts
    curl = browser.find_element(By.ID, "curl").text
    assert curl.startswith(f"curl -s {server}/v1/summarize") and '"algorithm":"learned"' in curl

    assert not _screenshot(browser, shots / "page-desktop.png", width=1280, height=900, mobile=False)
    assert not _screenshot(browser, shots / "page-phone.png", width=390, height=844, mobile=True)

    urls = _requested_urls(browser)
    assert any(url.endswith("/v1/summarize") for url in urls)
    strangers = [url for url in urls if not url.startswith((server + "/", "data:", *INTERNAL))]
    assert strangers == [], "the page must load nothing from elsewhere"
    violations = [e for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]
    assert violations == []


def test_offsets_are_code_points_even_with_astral_characters(browser, server, run) -> None:
    # Emoji and a mathematical letter lie outside the BMP: two UTF-16 units, one code point.
    text = ("Pasar 📈 naik tajam pada hari Senin 🚀 setelah laporan 𝐁𝐈. Investor menyambut data itu.\n"
            "Bank sentral menahan suku bunga acuan pada level yang sama. Para analis memperkirakan kenaikan bulan depan.\n"
            "Rupiah menguat terhadap dolar AS 💵 di pasar spot sore ini.")
    expected = run(text)
    browser.get(server + "/")
    _summarise(browser, text)
    WebDriverWait(browser, WAIT).until(ec.visibility_of_element_located((By.ID, "summary")))
    marks = browser.execute_script(
        "return Array.from(document.querySelectorAll('#article mark.chosen'), m => m.textContent)")
    assert marks == [s.text for s in expected.sentences]
    assert browser.execute_script("return document.getElementById('article').textContent") == text


def test_an_empty_article_shows_the_problem_detail(browser, server, client) -> None:
    expected = client.post("/v1/summarize", json={"text": "", "sentences": 3}).get_json()
    browser.get(server + "/")
    _summarise(browser, "")
    box = WebDriverWait(browser, WAIT).until(ec.visibility_of_element_located((By.ID, "error")))
    assert expected["status"] == 422
    assert expected["detail"] in box.text
    assert not browser.find_element(By.ID, "result").is_displayed()


def test_headlines_tab_shows_the_groups(browser, server, client, shots) -> None:
    headlines = [HEADLINE, HEADLINE + " - Kompas.com", "Bank sentral menahan suku bunga acuan"]
    rows = [{"id": str(i + 1), "text": h} for i, h in enumerate(headlines)]
    answer = client.post("/v1/headlines/dedup", json={"headlines": rows})
    browser.get(server + "/")
    browser.find_element(By.ID, "tab-headlines").click()
    _paste(browser, "headlines", "\n".join(headlines))
    browser.find_element(By.ID, "dedup").click()
    assert answer.status_code == 200 and answer.get_json()["groups"] == 2  # the copy with a suffix joins
    WebDriverWait(browser, WAIT).until(ec.visibility_of_element_located((By.ID, "groups")))
    groups = browser.find_elements(By.CSS_SELECTOR, "#groups > li")
    assert len(groups) == 2
    assert not _screenshot(browser, shots / "headlines-phone.png", width=390, height=844, mobile=True)


@pytest.fixture(scope="module")
def secured_server(resources, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with tokens configured."""
    data_dir = str(tmp_path_factory.mktemp("secured-data"))
    yield from _serve(create_app(Config.load({"api_tokens": "browser-token", "data_dir": data_dir}), resources=resources))


def test_with_auth_the_page_asks_for_a_token_and_keeps_it_in_memory(browser, secured_server, run, shots) -> None:
    _requested_urls(browser)  # drop what earlier tests requested
    browser.get(secured_server + "/")
    token = browser.find_element(By.ID, "token")
    assert token.is_displayed()
    assert not any(url.endswith("/v1/languages") for url in _requested_urls(browser))  # no 401 before a token
    text = seed("001_en_headline_twice.txt")
    _summarise(browser, text)
    box = WebDriverWait(browser, WAIT).until(ec.visibility_of_element_located((By.ID, "error")))
    assert "A valid bearer token is required" in box.text and "401" in box.text
    token.send_keys("browser-token")
    browser.find_element(By.ID, "summarize").click()
    WebDriverWait(browser, WAIT).until(ec.visibility_of_element_located((By.ID, "summary")))
    assert browser.find_element(By.ID, "summary").text == run(text).summary
    WebDriverWait(browser, WAIT).until(lambda driver: len(driver.find_elements(By.CSS_SELECTOR, "#language option")) > 100)
    assert "browser-token" not in browser.find_element(By.ID, "curl").text  # $RINGKAS_TOKEN instead
    stored = browser.execute_script("return [localStorage.length, sessionStorage.length, document.cookie]")
    assert stored == [0, 0, ""]
    browser.refresh()
    assert browser.find_element(By.ID, "token").get_attribute("value") == ""  # forgotten with the page

    browser.find_element(By.ID, "tab-headlines").click()
    browser.find_element(By.ID, "token").send_keys("browser-token")
    _paste(browser, "headlines", "\n".join([HEADLINE, HEADLINE + " - Kompas.com", "Bank sentral menahan suku bunga"]))
    browser.find_element(By.ID, "dedup").click()
    WebDriverWait(browser, WAIT).until(ec.visibility_of_element_located((By.ID, "groups")))
    groups = browser.find_elements(By.CSS_SELECTOR, "#groups > li")
    assert [len(group.find_elements(By.CSS_SELECTOR, "ul > li")) for group in groups] == [2, 1]
    assert "copy of #1" in groups[0].text
    assert not _screenshot(browser, shots / "headlines-groups-phone.png", width=390, height=844, mobile=True)


def test_a_file_can_be_opened_into_the_article_box(browser, server) -> None:
    path = SEEDS / "003_id_suffix_caps.txt"
    _open_file(browser, server, path)
    assert browser.find_element(By.ID, "text").get_attribute("value") == path.read_text(encoding="utf-8").replace("\r\n", "\n")
    assert browser.find_element(By.ID, "counter").text.startswith(f"{len(path.read_text(encoding='utf-8')):,}")


def test_a_page_opened_into_the_article_box_is_summarised_as_a_page(browser, server, client) -> None:
    """A saved page opened here goes as ``html``: its article is summarised and shown (with the
    chosen sentences marked in the extracted text), not its markup."""
    path = Path(__file__).resolve().parent / "fixtures" / "article_id.html"
    expected = client.post("/v1/summarize", json={"html": path.read_text(encoding="utf-8"), "sentences": 3}).get_json()
    _open_file(browser, server, path)
    browser.find_element(By.ID, "summarize").click()
    WebDriverWait(browser, WAIT).until(ec.visibility_of_element_located((By.ID, "summary")))
    assert browser.find_element(By.ID, "summary").text == expected["summary"] and "<" not in expected["summary"]
    marks = browser.execute_script("return Array.from(document.querySelectorAll('#article mark.chosen'), m => m.textContent)")
    assert marks == [s["text"] for s in expected["sentences"]]
    assert '"html":' in browser.find_element(By.ID, "curl").text


def test_a_network_error_hides_the_last_result(browser, resources, tmp_path) -> None:
    """The server stops after one answer: the next request shows why it failed, and the last
    summary (with a curl command that was already the new request's) is no longer on screen."""
    serving = _serve(create_app(Config.load({"data_dir": str(tmp_path)}), resources=resources))
    base = next(serving)
    browser.get(base + "/")
    _summarise(browser, seed("001_en_headline_twice.txt"))
    WebDriverWait(browser, WAIT).until(ec.visibility_of_element_located((By.ID, "summary")))
    next(serving, None)  # the server shuts down
    _summarise(browser, seed("004_id_no_headline.txt"))
    box = WebDriverWait(browser, WAIT).until(ec.visibility_of_element_located((By.ID, "error")))
    assert "Could not reach the server" in box.text
    assert not browser.find_element(By.ID, "result").is_displayed()
    assert browser.find_element(By.ID, "summarize").text == "Summarise" and browser.find_element(By.ID, "summarize").is_enabled()


@pytest.mark.parametrize(("typed", "sent"), [("1e3", '"sentences":1000'), ("2.5", '"sentences":2.5')])
def test_a_length_is_sent_as_typed(browser, server, typed: str, sent: str) -> None:
    """``parseInt`` made 1e3 one sentence and 2.5 two; the API says what is wrong with 2.5 itself."""
    browser.get(server + "/")
    browser.find_element(By.ID, "length").clear()
    browser.find_element(By.ID, "length").send_keys(typed)
    _summarise(browser, seed("002_en_no_headline.txt"))
    WebDriverWait(browser, WAIT).until(lambda driver: sent in driver.find_element(By.ID, "curl").get_attribute("textContent"))
    if typed == "2.5":
        box = WebDriverWait(browser, WAIT).until(ec.visibility_of_element_located((By.ID, "error")))
        assert "422" in box.text and "sentences" in box.text


@pytest.mark.parametrize(
    ("name", "opening"),
    [("saved.html", "<!-- saved from url=(0041)https://news.example/ -->\n"), ("bare.htm", "")],
    ids=["a saved page's comment first", "a page file without doctype or html tag"],
)
def test_a_page_file_is_a_page_whatever_it_opens_with(browser, server, client, tmp_path, name: str, opening: str) -> None:
    """A page file named so goes as ``html`` (it went as text when it did not begin with a doctype
    or an html tag, and its "summary" was markup)."""
    page = (Path(__file__).resolve().parent / "fixtures" / "article_id.html").read_text(encoding="utf-8")
    body = page if opening else page[page.index(">", page.index("<body")) + 1:]  # bare: no doctype, html, head, body
    path = tmp_path / name
    path.write_text(opening + body, encoding="utf-8")
    expected = client.post("/v1/summarize", json={"html": opening + body, "sentences": 3}).get_json()
    _open_file(browser, server, path)
    browser.find_element(By.ID, "summarize").click()
    WebDriverWait(browser, WAIT).until(ec.visibility_of_element_located((By.ID, "summary")))
    assert browser.find_element(By.ID, "summary").text == expected["summary"] and "<" not in expected["summary"]


@pytest.mark.parametrize(
    ("name", "data", "shown", "note"),
    [
        ("kafe.html", '<!doctype html><meta charset="windows-1252"><p>Caf\u00e9 se\u00f1or.</p>'.encode("cp1252"),
         "Caf\u00e9 se\u00f1or.", "read as windows-1252"),
        ("kafe.txt", "Kaf\u00e9 di Jalan Braga buka lagi.".encode("latin-1"), "Kaf\u00e9 di Jalan Braga", "read as windows-1252"),
        ("kafe-utf8.txt", "Kaf\u00e9 di Jalan Braga buka lagi.".encode(), "Kaf\u00e9 di Jalan Braga", None),
    ],
)
def test_a_file_not_in_utf8_is_read_in_its_charset_and_said_so(browser, server, tmp_path, name, data, shown, note) -> None:
    """``file.text()`` read every file as UTF-8: "caf\ufffd se\ufffdor", without a word."""
    path = tmp_path / name
    path.write_bytes(data)
    _open_file(browser, server, path)
    assert shown in browser.find_element(By.ID, "text").get_attribute("value")
    counter = browser.find_element(By.ID, "counter").text
    assert (note in counter) if note else ("UTF-8" not in counter)


def test_headline_problems_name_lines_and_long_headlines_wrap(browser, server, shots) -> None:
    """Ids are line numbers (blank lines and invisible ones are left out, not renumbered), so a
    problem names the line; an unbroken headline wraps at phone width instead of widening the page."""
    long_word = "x" * 120
    browser.get(server + "/")
    browser.find_element(By.ID, "tab-headlines").click()
    _paste(browser, "headlines", "\n".join([HEADLINE, "", "\u200b", "y" * 501]))
    browser.find_element(By.ID, "dedup").click()
    box = WebDriverWait(browser, WAIT).until(ec.visibility_of_element_located((By.ID, "headlines-error")))
    assert "line 4" in box.text
    _paste(browser, "headlines", "\n".join([HEADLINE, "", long_word, HEADLINE + " - Kompas.com"]))
    browser.find_element(By.ID, "dedup").click()
    WebDriverWait(browser, WAIT).until(ec.visibility_of_element_located((By.ID, "groups")))
    assert browser.find_element(By.ID, "groups-title").text == "2 groups in 3 headlines"
    assert "#4" in browser.find_element(By.ID, "groups").text
    assert not _screenshot(browser, shots / "headlines-long-phone.png", width=375, height=812, mobile=True)


def test_the_counter_warns_at_the_byte_limit_the_server_applies(browser, server) -> None:
    """The counter compared characters with max_text_chars only, but a text in a script of
    three-byte characters reaches max_body_bytes (256 KiB here) first: no warning, then a 413."""
    browser.get(server + "/")
    _paste(browser, "text", "a" * 100_000)
    assert browser.find_element(By.ID, "counter").text == "100,000 characters"
    _paste(browser, "text", "a" * 262_100)  # the text fits, the request with its options does not
    assert browser.find_element(By.ID, "counter").text.endswith("over this server's request limit of 262,144 bytes (UTF-8)")
    _summarise(browser, "語" * 100_000)  # 300,000 bytes of UTF-8
    counter = browser.find_element(By.ID, "counter").text
    assert counter == "100,000 characters — over this server's request limit of 262,144 bytes (UTF-8)"
    box = WebDriverWait(browser, WAIT).until(ec.visibility_of_element_located((By.ID, "error")))
    assert "413" in box.text or "too large" in box.text.lower()
