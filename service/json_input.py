"""JSON from clients (a request body, a row of a batch file): an object of values that are Unicode text.

``json.loads`` accepts two things that fail later, far from the input, as a 500 or a traceback:

- an integer literal of more than 4,300 digits (Python's bound on ``int()`` of a string) raises a
  bare ``ValueError``;
- a lone surrogate escape (``"\\ud800"``) is valid JSON syntax, but the string it makes is no
  Unicode text: it cannot be encoded in a response, hashed as UTF-8 or written to a file.

Here both are a :class:`~service.exceptions.MalformedRequest` (400), like any other broken JSON.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .exceptions import MalformedRequest

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_json_object(raw: bytes | str, what: str = "The JSON body") -> dict[str, Any]:
    """``raw`` parsed as a JSON object; ``what`` names it in the problem's detail.

    Raises:
        MalformedRequest: invalid UTF-8 or JSON, nesting too deep, an integer too long to
            convert, a lone surrogate in a string, or not an object (400).
    """
    try:
        value = json.loads(raw)
    except UnicodeDecodeError as exc:
        raise MalformedRequest(f"{what} is not valid UTF-8 (byte {exc.start}).") from None
    except json.JSONDecodeError as exc:
        raise MalformedRequest(f"{what} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.") from None
    except ValueError:  # int(): a literal of more than sys.get_int_max_str_digits() digits
        raise MalformedRequest(f"{what} has a number too long to read (over 4,300 digits).") from None
    except RecursionError:
        raise MalformedRequest(f"{what} is nested too deeply.") from None
    if not isinstance(value, dict):
        raise MalformedRequest(f'{what} must be a JSON object such as {{"text": "..."}}, not {type(value).__name__}.')
    if has_lone_surrogate(value):
        raise MalformedRequest(f"{what} has a lone surrogate escape (\\ud800-\\udfff) in a string: that is not Unicode text.")
    return value


def has_lone_surrogate(value: Any) -> bool:
    """Whether a string anywhere in parsed JSON holds a surrogate code point (pairs were joined by the parser).

    Iterative, so a value nested as deeply as the parser allows is walked without recursion.
    """
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if _LONE_SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False
