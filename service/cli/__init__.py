"""``ringkas`` command line: one sub-command per module of this package.

``ringkas FILE`` (no sub-command) summarises one article, as ``ringkas summarize FILE`` does.
Each sub-command module exposes ``register(subparsers)``, which adds its parser with
``set_defaults(func=run)``, and ``run(args) -> int`` (the exit status); modules whose names start
with ``_`` are helpers. A sub-command is named after its module; adding one is adding a module.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

from ..config import ConfigError

#: The exit status of a command whose reader closed the pipe: 128 + SIGPIPE, as a shell reports it.
SIGPIPE_STATUS = 141
#: The exit status of a command stopped by Ctrl-C: 128 + SIGINT, as a shell reports it.
INTERRUPTED_STATUS = 130
#: The sub-command used when the first argument names none (``ringkas article.txt``).
DEFAULT_COMMAND = "summarize"
#: The exit status of unusable arguments, files or settings (argparse's own for bad arguments).
USAGE_STATUS = 2


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every sub-command module's parser (``summarize`` listed first)."""
    parser = argparse.ArgumentParser(
        prog="ringkas",
        description="Extractive news summaries without a server. "
        f"With no sub-command, '{DEFAULT_COMMAND}' is meant: ringkas FILE.",
    )
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in command_modules():
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def command_modules() -> list[str]:
    """The sub-command modules of this package, ``summarize`` first (help lists them in this order)."""
    names = (info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))
    return sorted(names, key=lambda name: (name != DEFAULT_COMMAND, name))


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``ringkas`` console script; returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser()  # imports every command's modules: a second or two, when Ctrl-C is likely
        if not arguments or (arguments[0] not in command_modules() and arguments[0] not in ("-h", "--help")):
            arguments.insert(0, DEFAULT_COMMAND)
        args = parser.parse_args(arguments)
        status: int = args.func(args)
        sys.stdout.flush()
    except KeyboardInterrupt:  # Ctrl-C (while loading, or waiting for standard input): no traceback
        print("ringkas: interrupted", file=sys.stderr)
        return INTERRUPTED_STATUS
    except BrokenPipeError:  # the reader stopped early (ringkas languages | head): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python's own flush at exit must not fail again
        return SIGPIPE_STATUS
    except ConfigError as error:  # a RINGKAS_* variable the service would refuse to start with
        print(f"ringkas: {error}", file=sys.stderr)
        return USAGE_STATUS
    return status


__all__ = ["build_parser", "command_modules", "main"]
