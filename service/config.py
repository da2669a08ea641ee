"""Configuration: defaults, then the mapping given to ``create_app``, then ``RINGKAS_*`` variables.

This is the only module that reads ``os.environ`` (house style §11), through pydantic-settings,
which also converts and validates every value. Every bound that protects the service from a
client (body size, option ranges, the prefix used for language detection) is a field here, so
that it is documented and changeable in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import AliasChoices, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, PydanticBaseSettingsSource, SettingsConfigDict

ENV_PREFIX = "RINGKAS_"


class ConfigError(ValueError):
    """A configuration value is missing, unknown or malformed (raised at start-up, never per request)."""


class Config(BaseSettings):
    """Service settings; every field can be set as ``RINGKAS_<FIELD NAME IN CAPITALS>`` except
    ``prometheus_multiproc_dir``, which is prometheus_client's own ``PROMETHEUS_MULTIPROC_DIR``."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid", frozen=True, case_sensitive=False)

    #: Largest request body accepted, in bytes; larger bodies get 413.
    max_body_bytes: int = Field(1024 * 1024, ge=1)
    #: Largest text accepted, in characters (a JSON body can carry more characters than bytes
    #: only through escapes, so this equals the body limit by default).
    max_text_chars: int = Field(1024 * 1024, ge=1)
    #: Most sentences ranked in one text; more gets 413. Ranking is close to linear in it, but
    #: 1 MiB of one-word lines would be ~150,000 "sentences": this keeps the worst case at a
    #: few seconds (docs/PERFORMANCE.md measures 10,000).
    max_sentences: int = Field(10_000, ge=1)
    #: Sentences in a summary when the client asks for no length.
    default_sentences: int = Field(3, ge=1)
    #: Cosine similarity (TF-IDF over character n-grams) at which two lines count as copies.
    #: Tuned on shared/data/syndicated/dev.jsonl; see docs/EVALUATION.md.
    dedup_threshold: float = Field(0.6, gt=0.0, le=1.0)
    #: Characters read from the start of the text to detect its language: detection is linear in
    #: its input (a Python loop over bytes). 600 characters identified all 1,829 BBC and IndoSum
    #: dev articles correctly; 300 missed 0.3% (docs/PERFORMANCE.md).
    language_detection_chars: int = Field(600, ge=1)
    #: Language used when detection is not confident (probability below this) ...
    language_detection_min_probability: float = Field(0.5, ge=0.0, le=1.0)
    #: ... namely this one (checked against the language catalogue when resources are built).
    fallback_language: str = Field("en", min_length=2)
    #: Bearer tokens accepted on /v1/ routes; empty means no authentication. Kept out of the
    #: repr so that logging a Config can never leak a token. Comma-separated in the environment.
    api_tokens: Annotated[tuple[str, ...], NoDecode] = Field((), repr=False)
    #: Most documents in one ``POST /v1/summarize/batch`` (413 above). 100 keeps a batch of
    #: ordinary articles (~5 KB each) well inside the body limit and the 30 s worker timeout.
    max_batch_documents: int = Field(100, ge=1)
    #: Directory of prometheus-client's multiprocess files; ``None``: single-process metrics.
    #: Read from ``PROMETHEUS_MULTIPROC_DIR``, the name prometheus-client itself reads, so the
    #: two cannot disagree; gunicorn.conf.py creates, cleans and sets it.
    prometheus_multiproc_dir: str | None = Field(
        None, validation_alias=AliasChoices("prometheus_multiproc_dir", "PROMETHEUS_MULTIPROC_DIR")
    )
    #: Directory of the service's own files (the SQLite headline store); relative to the
    #: working directory; created on start.
    data_dir: str = Field("data", min_length=1)
    #: Where /v1/headlines/check remembers headlines: empty for SQLite in ``data_dir`` (shared
    #: by all workers of one machine), ``redis://host:port/db`` for Redis (shared by replicas).
    headline_store: str = Field("", pattern=r"^$|^(redis|rediss|unix)://")
    #: Seconds a remembered headline is kept: 7 days, longer than a news story is re-syndicated.
    headline_ttl: float = Field(7 * 24 * 3600.0, gt=0)
    #: Most headlines in one /v1/headlines request (413 above): 10,000 headlines of ~100 bytes
    #: of JSON each fit the default body limit; grouping them takes about a second (PERFORMANCE.md).
    max_headlines: int = Field(10_000, ge=1)
    #: Most headlines in one /v1/headlines/check request (413 above). A check reads each
    #: headline's word pairs from the store: against a namespace where every pair has many
    #: remembered headlines that costs up to ~6 ms a headline (PERFORMANCE.md), so 10,000 took
    #: 37 s, past a worker's 30 s; 1,000 stay under ~7 s. A stream sends far fewer at a time.
    max_check_headlines: int = Field(1_000, ge=1)
    #: Longest headline, in characters (422 above): real headlines run under 200 characters.
    max_headline_chars: int = Field(500, ge=1)
    #: Most headlines remembered per namespace (507 above): bounds a namespace's storage
    #: (docs/PERFORMANCE.md measures the bytes per remembered headline).
    max_namespace_headlines: int = Field(1_000_000, ge=1)

    @field_validator(
        "max_body_bytes", "max_text_chars", "max_sentences", "default_sentences", "dedup_threshold",
        "language_detection_chars", "language_detection_min_probability", "max_batch_documents",
        "headline_ttl", "max_headlines", "max_check_headlines", "max_headline_chars", "max_namespace_headlines", mode="before",
    )
    @classmethod
    def _no_booleans(cls, value: Any) -> Any:
        if isinstance(value, bool):  # pydantic would read True as 1: surely a mistake in a mapping
            raise ValueError("expected a number, not a boolean")
        return value

    @field_validator("api_tokens", mode="before")
    @classmethod
    def _split_tokens(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("prometheus_multiproc_dir")
    @classmethod
    def _no_empty_directory(cls, value: str | None) -> str | None:
        # prometheus-client treats a set-but-empty variable as "multiprocess mode in the working
        # directory" and scatters .db files there; refuse it instead of guessing.
        if value is not None and not value.strip():
            raise ValueError("PROMETHEUS_MULTIPROC_DIR is set but empty: unset it, or name a directory.")
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Environment variables win over the mapping given in code (an operator overrides a default)."""
        return env_settings, init_settings

    @classmethod
    def load(cls, overrides: Mapping[str, Any] | None = None) -> Config:
        """Build the configuration: defaults < ``overrides`` < environment variables.

        Raises:
            ConfigError: an unknown key, or a value that is malformed or out of range.
        """
        try:
            return cls(**{key.lower(): value for key, value in (overrides or {}).items()})
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(part) for part in error['loc']) or 'config'}: {error['msg']}"
                for error in exc.errors(include_url=False)
            )
            raise ConfigError(f"Invalid configuration: {problems}. Known keys: {', '.join(sorted(cls.model_fields))}.") from None
