"""Errors a user can act on. The CLI prints them as one line and exits with their code."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2


class ArgkgError(Exception):
    """A problem with the user's input or request: printed as one line, never a traceback."""

    exit_code = EXIT_FAILURE

    def __init__(self, problem: str, *, path: str | None = None, place: str | None = None):
        self.problem = problem
        self.path = path
        self.place = place
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ":".join(p for p in (self.path, self.place) if p)
        return f"{where}: {self.problem}" if where else self.problem


class InputError(ArgkgError):
    """Unknown or broken input: names the file, the place and the problem (exit code 2)."""

    exit_code = EXIT_BAD_INPUT
