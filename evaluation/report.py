"""Scores as a table for people or as JSON for machines."""

from __future__ import annotations

import json

from argkg.evaluation.scores import Score

COLUMNS = ("task", "gold", "found", "correct", "P", "R", "F1", "acc")


def format_table(scores: list[Score]) -> str:
    """One row per task; '-' where a ratio has no denominator (nothing found, no gold).
    The accuracy column only shows when a task has one."""
    if not scores:
        return "nothing to score: the gold file annotates none of the tasks"
    rows = [COLUMNS] + [_row(s) for s in scores]
    if all(s.accuracy is None for s in scores):
        rows = [row[:-1] for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                  for i, (cell, w) in enumerate(zip(row, widths, strict=True))).rstrip()
        for row in rows)


def _row(score: Score) -> tuple[str, ...]:
    return (score.task, str(score.gold), str(score.found), str(score.correct),
            _ratio(score.precision), _ratio(score.recall), _ratio(score.f1),
            _ratio(score.accuracy) if score.accuracy is not None else "")


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def format_json(scores: list[Score], build: str, gold: str) -> str:
    return json.dumps({"build": build, "gold": gold, "tasks": [_task(s) for s in scores]},
                      ensure_ascii=False, indent=2)


def _task(score: Score) -> dict:
    task = {"task": score.task, "gold": score.gold, "found": score.found,
            "correct": score.correct, "precision": _rounded(score.precision),
            "recall": _rounded(score.recall), "f1": _rounded(score.f1)}
    if score.accuracy is not None:
        task["accuracy"] = _rounded(score.accuracy)
    return task


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
