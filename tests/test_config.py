import pytest

from service.config import Config, ConfigError


def test_defaults() -> None:
    config = Config.load()
    assert config.max_body_bytes == 1024 * 1024 and config.default_sentences == 3 and config.api_tokens == ()
    assert config.prometheus_multiproc_dir is None


def test_environment_wins_over_mapping(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RINGKAS_MAX_BODY_BYTES", "20")
    monkeypatch.setenv("RINGKAS_API_TOKENS", "a, b,")
    config = Config.load({"max_body_bytes": 10, "max_text_chars": 30})
    assert (config.max_body_bytes, config.max_text_chars, config.api_tokens) == (20, 30, ("a", "b"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0.75", 0.75), ("1", 1.0), (" 0.5 ", 0.5)],
)
def test_environment_strings_are_converted(monkeypatch: pytest.MonkeyPatch, value: str, expected: float) -> None:
    monkeypatch.setenv("RINGKAS_DEDUP_THRESHOLD", value)
    assert Config.load().dedup_threshold == expected


def test_prometheus_directory_uses_the_library_variable(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    assert Config.load().prometheus_multiproc_dir == str(tmp_path)


@pytest.mark.parametrize(
    ("overrides", "environ", "message"),
    [
        ({"nope": 1}, {}, "nope: Extra inputs are not permitted"),
        ({}, {"RINGKAS_MAX_BODY_BYTES": "lots"}, "max_body_bytes: Input should be a valid integer"),
        ({}, {"RINGKAS_MAX_SENTENCES": "0"}, "max_sentences: Input should be greater than or equal to 1"),
        ({}, {"RINGKAS_LANGUAGE_DETECTION_MIN_PROBABILITY": "1.5"}, "less than or equal to 1"),
        ({"dedup_threshold": 0}, {}, "dedup_threshold: Input should be greater than 0"),
        ({"max_body_bytes": True}, {}, "boolean"),
        ({"default_sentences": "three"}, {}, "default_sentences"),
        # prometheus-client would read a set-but-empty variable as "the working directory".
        ({}, {"PROMETHEUS_MULTIPROC_DIR": ""}, "set but empty"),
    ],
)
def test_bad_configuration(monkeypatch: pytest.MonkeyPatch, overrides: dict, environ: dict, message: str) -> None:
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=message):
        Config.load(overrides)
