"""Configuration: defaults, then the mapping given to ``create_app``, then ``RINGKAS_*`` variables.

This is the only module that reads ``os.environ`` (house style §11). Every bound that protects
the service from a client (body size, option ranges, the prefix used for language detection) is
a field here, so that it is documented and changeable in one place.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

ENV_PREFIX = "RINGKAS_"
#: Fields read from a variable other than ``RINGKAS_<FIELD>``: names fixed by a library.
ENV_NAMES = {"prometheus_multiproc_dir": "PROMETHEUS_MULTIPROC_DIR"}


class ConfigError(ValueError):
    """A configuration value is missing, unknown or malformed (raised at start-up, never per request)."""


@dataclass(frozen=True)
class Config:
    """Service settings; every field can be set as ``RINGKAS_<FIELD NAME IN CAPITALS>``."""

    #: Largest request body accepted, in bytes; larger bodies get 413.
    max_body_bytes: int = 1024 * 1024
    #: Largest text accepted, in characters (a JSON body can carry more characters than bytes
    #: only through escapes, so this equals the body limit by default).
    max_text_chars: int = 1024 * 1024
    #: Most sentences ranked in one text; more gets 413. Ranking is close to linear in it, but
    #: 1 MiB of one-word lines would be ~150,000 "sentences": this keeps the worst case at a
    #: few seconds (docs/PERFORMANCE.md measures 10,000).
    max_sentences: int = 10_000
    #: Sentences in a summary when the client asks for no length.
    default_sentences: int = 3
    #: Cosine similarity (TF-IDF over character n-grams) at which two lines count as copies.
    #: Tuned on shared/data/syndicated/dev.jsonl; see docs/EVALUATION.md.
    dedup_threshold: float = 0.6
    #: Characters read from the start of the text to detect its language: detection is linear in
    #: its input (a Python loop over bytes). 600 characters identified all 1,829 BBC and IndoSum
    #: dev articles correctly; 300 missed 0.3% (docs/PERFORMANCE.md).
    language_detection_chars: int = 600
    #: Language used when detection is not confident (probability below this) ...
    language_detection_min_probability: float = 0.5
    #: ... namely this one.
    fallback_language: str = "en"
    #: Bearer tokens accepted on /v1/ routes; empty means no authentication. Kept out of the
    #: repr so that logging a Config can never leak a token.
    api_tokens: tuple[str, ...] = field(default=(), repr=False)
    #: Most documents in one ``POST /v1/summarize/batch`` (413 above). 100 keeps a batch of
    #: ordinary articles (~5 KB each) well inside the body limit and the 30 s worker timeout.
    max_batch_documents: int = 100
    #: Directory of prometheus-client's multiprocess files; empty: single-process metrics.
    #: Read from ``PROMETHEUS_MULTIPROC_DIR`` (the name prometheus-client itself reads, so the
    #: two cannot disagree); gunicorn.conf.py creates, cleans and sets it.
    prometheus_multiproc_dir: str = ""
    #: Directory of the service's own files (the SQLite headline store); relative to the
    #: working directory; created on start.
    data_dir: str = "data"
    #: Where /v1/headlines/check remembers headlines: empty for SQLite in ``data_dir`` (shared
    #: by all workers of one machine), ``redis://host:port/db`` for Redis (shared by replicas).
    headline_store: str = ""
    #: Seconds a remembered headline is kept: 7 days, longer than a news story is re-syndicated.
    headline_ttl: float = 7 * 24 * 3600.0
    #: Most headlines in one /v1/headlines request (413 above): 10,000 headlines of ~100 bytes
    #: of JSON each fit the default body limit; grouping them takes about a second (PERFORMANCE.md).
    max_headlines: int = 10_000
    #: Longest headline, in characters (422 above): real headlines run under 200 characters.
    max_headline_chars: int = 500
    #: Most headlines remembered per namespace (507 above): bounds a namespace's storage
    #: (docs/PERFORMANCE.md measures the bytes per remembered headline).
    max_namespace_headlines: int = 1_000_000

    @classmethod
    def load(cls, overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> Config:
        """Build the configuration: defaults < ``overrides`` < environment variables.

        Raises:
            ConfigError: an unknown key, or a value that cannot be converted to the field's type.
        """
        environ = os.environ if environ is None else environ
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in (overrides or {}).items():
            name = key.lower()
            if name not in known:
                raise ConfigError(f"Unknown configuration key {key!r}; known keys: {', '.join(sorted(known))}.")
            values[name] = value
        for name in known:
            env_name = ENV_NAMES.get(name, ENV_PREFIX + name.upper())
            if env_name in environ:
                values[name] = environ[env_name]
        converted = {name: _convert(name, known[name].type, value) for name, value in values.items()}
        config = dataclasses.replace(cls(), **converted)
        config.validate()
        return config

    def validate(self) -> None:
        """Reject settings that would make the service unsafe or useless."""
        if self.max_body_bytes < 1 or self.max_text_chars < 1 or self.max_sentences < 1:
            raise ConfigError("max_body_bytes, max_text_chars and max_sentences must be positive.")
        if not 0.0 < self.dedup_threshold <= 1.0:
            raise ConfigError("dedup_threshold must be in (0, 1].")
        if self.default_sentences < 1:
            raise ConfigError("default_sentences must be at least 1.")
        if self.language_detection_chars < 1:
            raise ConfigError("language_detection_chars must be positive.")
        if self.max_batch_documents < 1:
            raise ConfigError("max_batch_documents must be at least 1.")
        if min(self.max_headlines, self.max_headline_chars, self.max_namespace_headlines) < 1 or self.headline_ttl <= 0:
            raise ConfigError("max_headlines, max_headline_chars, max_namespace_headlines and headline_ttl must be positive.")
        if self.headline_store and not self.headline_store.startswith(("redis://", "rediss://", "unix://")):
            raise ConfigError("headline_store must be empty (SQLite in data_dir) or a redis:// URL.")


def _convert(name: str, annotation: Any, value: Any) -> Any:
    """Convert an environment string (or a Python value) to the field's declared type."""
    kind = str(annotation)
    try:
        if kind.startswith("tuple"):
            if isinstance(value, str):
                return tuple(part.strip() for part in value.split(",") if part.strip())
            return tuple(str(part) for part in value)
        if kind == "int":
            if isinstance(value, bool):
                raise TypeError("a boolean is not a number")
            return int(value)
        if kind == "float":
            return float(value)
        if kind == "str":
            return str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"Configuration {name!r}: cannot use {value!r} ({exc}).") from exc
    raise ConfigError(f"Configuration {name!r} has an unsupported type {kind}.")  # pragma: no cover
