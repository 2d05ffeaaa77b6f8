"""Kept for existing imports: actor scoring now lives in argkg.evaluation.actors."""

from argkg.evaluation.actors import SetScore, Totals, actor_scores, format_scores
from argkg.evaluation.text import fold

__all__ = ["SetScore", "Totals", "actor_scores", "fold", "format_scores"]
