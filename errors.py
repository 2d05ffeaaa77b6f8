"""Errors a user can act on. The CLI prints them as one line and exits with their code.

Exit codes of the `argkg` command:

    0   success
    1   a request argkg could not carry out (a missing model, an unreachable scheduler, ...)
    2   unknown or broken input, or a wrong command line; no output was replaced
    3   built with --skip-bad, but some input was skipped: the outputs hold everything else,
        and skipped.jsonl in the output directory lists what was left out and why
   70   an internal error: a bug (please report it; --debug shows the traceback)
  130   interrupted (Ctrl-C)
"""

from __future__ import annotations

import re

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2
EXIT_SKIPPED = 3
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130

# What must not reach a terminal raw from user data: control characters (a line break
# would make a one-line error two, an escape sequence would recolour or move the cursor)
# and the bidirectional overrides and isolates (they reorder what follows on the line).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                          "\u2066-\u2069\ud800-\udfff]")


def one_line(text: str) -> str:
    """`text` safe to print as one line: each unprintable character as its escape (\\n,
    \\x1b, \\u202e)."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


class ArgkgError(Exception):
    """A problem with the user's input or request: printed as one line, never a traceback."""

    exit_code = EXIT_FAILURE

    def __init__(self, problem: str, *, path: str | None = None, place: str | None = None,
                 line: int | None = None, record: str | None = None):
        self.problem = problem
        self.path = path
        self.place = place if place is not None or line is None else f"line {line}"
        """Where in the file: as given, else "line N" where the line is known."""
        self.line = line
        """The line of the file the problem is on, where one is known."""
        self.record = record
        """The id of the discussion the problem is in, where one is known."""
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ":".join(p for p in (self.path, self.place) if p)
        return f"{where}: {self.problem}" if where else self.problem


class InputError(ArgkgError):
    """Unknown or broken input: names the file, the place and the problem (exit code 2)."""

    exit_code = EXIT_BAD_INPUT
