"""GET /metrics: Prometheus text format, and the counters move with the traffic."""

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import seed

SEED = seed("000_alibaba_id_double_headline.txt")


def sample(client, name: str, **labels: str) -> float:
    response = client.get("/metrics")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    for family in text_string_to_metric_families(response.get_data(as_text=True)):
        for s in family.samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                return float(s.value)
    return 0.0


@pytest.mark.parametrize(
    ("name", "labels", "call", "delta"),
    [
        ("ringkas_http_requests_total", {"route": "/v1/summarize", "method": "POST", "status": "200"},
         lambda c: c.post("/v1/summarize", json={"text": SEED}), 1),
        ("ringkas_http_requests_total", {"route": "/v1/summarize", "method": "POST", "status": "422"},
         lambda c: c.post("/v1/summarize", json={"text": " "}), 1),
        ("ringkas_http_requests_total", {"route": "unmatched", "method": "GET", "status": "404"},
         lambda c: c.get("/no/such/path/12345"), 1),
        ("ringkas_http_requests_total", {"route": "unmatched", "method": "other", "status": "405"},
         lambda c: [c.open("/healthz", method=f"M{n}X") for n in range(3)], 3),  # not three new series
        ("ringkas_errors_total", {"route": "/v1/summarize", "status": "415", "scope": "request"},
         lambda c: c.post("/v1/summarize", data="x", content_type="application/xml"), 1),
        ("ringkas_errors_total", {"route": "/v1/summarize/batch", "status": "422", "scope": "document"},
         lambda c: c.post("/v1/summarize/batch", json={"documents": [{"text": ""}, {"text": SEED}, {}]}), 2),
        ("ringkas_removed_spans_total", {"reason": "headline"},
         lambda c: c.post("/v1/summarize", json={"text": SEED}), 2),  # the seed carries its headline twice
        ("ringkas_http_request_duration_seconds_count", {"route": "/v1/languages", "method": "GET"},
         lambda c: c.get("/v1/languages"), 1),
        ("ringkas_http_request_body_bytes_count", {"route": "/v1/summarize"},
         lambda c: c.post("/v1/summarize", data=SEED.encode(), content_type="text/plain"), 1),
        ("ringkas_input_characters_count", {},
         lambda c: c.post("/v1/summarize/batch", json={"documents": [{"text": SEED}, {"text": SEED}]}), 2),
    ],
)
def test_counters_move(client, name: str, labels: dict, call, delta: int) -> None:
    before = sample(client, name, **labels)
    call(client)
    assert sample(client, name, **labels) - before == delta


def test_input_size_histogram_buckets(client) -> None:
    before = sample(client, "ringkas_input_characters_bucket", le="4096.0")
    client.post("/v1/summarize", json={"text": SEED})  # ~3 KB
    assert sample(client, "ringkas_input_characters_bucket", le="4096.0") - before == 1


def test_a_method_clients_make_up_adds_no_series(client) -> None:
    """Each label value is a series kept until restart: made-up methods share one (``other``)."""
    for n in range(5):
        client.open("/healthz", method=f"BREW{n}")
    exposition = client.get("/metrics").get_data(as_text=True)
    assert "BREW" not in exposition
