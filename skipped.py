"""What `--skip-bad` left out: each bad record or file with where it is and why, written
beside the outputs as skipped.jsonl (one JSON object a line: file, line, id, place, error).

Without --skip-bad the first bad record stops the build (exit code 2); with it, the build
goes on, the report lists every one, and argkg exits with code 3 (EXIT_SKIPPED), so that a
script can tell a complete build from one that left something out.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from argkg.errors import InputError

REPORT = "skipped.jsonl"


@dataclass(frozen=True)
class Skipped:
    file: str | None
    line: int | None
    """The line of the file the bad record is on; None for a whole file."""
    id: str | None
    """The discussion's id, where the record gives one."""
    place: str | None
    error: str


@dataclass
class SkipLog:
    """Collects what was skipped; `add` is the readers' `on_bad`."""

    entries: list[Skipped] = field(default_factory=list)

    def add(self, error: InputError) -> None:
        self.entries.append(Skipped(error.path, error.line, error.record, error.place,
                                    error.problem))

    def __len__(self) -> int:
        return len(self.entries)

    def report(self) -> bytes:
        lines = (json.dumps(asdict(entry), ensure_ascii=False) + "\n" for entry in self.entries)
        return "".join(lines).encode("utf-8")

    def write(self, output_dir: Path) -> Path | None:
        """skipped.jsonl in `output_dir` if anything was skipped; otherwise a report left
        there by an earlier build goes, since it would describe outputs no longer there."""
        from argkg.pipeline import atomic_write

        target = output_dir / REPORT
        if not self.entries:
            target.unlink(missing_ok=True)
            return None
        return atomic_write(target, self.report())

    def warning(self, report: Path | None) -> str:
        first = self.entries[0]
        where = ":".join(str(p) for p in (first.file, first.place) if p)
        return (f"skipped {len(self.entries):,} bad {_records(len(self.entries))} "
                f"(--skip-bad), listed in {report}; the first: {where}: {first.error}")


def _records(count: int) -> str:
    return "record" if count == 1 else "records"
