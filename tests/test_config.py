import pytest

from service.config import Config, ConfigError


def test_defaults() -> None:
    config = Config.load(environ={})
    assert config.max_body_bytes == 1024 * 1024 and config.default_sentences == 3 and config.api_tokens == ()


def test_environment_wins_over_mapping() -> None:
    config = Config.load({"max_body_bytes": 10}, environ={"RINGKAS_MAX_BODY_BYTES": "20", "RINGKAS_API_TOKENS": "a, b,"})
    assert config.max_body_bytes == 20 and config.api_tokens == ("a", "b")


@pytest.mark.parametrize(
    ("overrides", "environ", "message"),
    [
        ({"nope": 1}, {}, "Unknown configuration key"),
        ({}, {"RINGKAS_MAX_BODY_BYTES": "lots"}, "cannot use"),
        ({"dedup_threshold": 0}, {}, "dedup_threshold"),
        ({"max_body_bytes": True}, {}, "boolean"),
    ],
)
def test_bad_configuration(overrides: dict, environ: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Config.load(overrides, environ=environ)
