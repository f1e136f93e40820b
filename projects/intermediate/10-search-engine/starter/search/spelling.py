"""Spelling correction: the nearest word of the corpus by edit distance.

A reader who types "regresion" finds nothing, though the corpus says "regression"
hundreds of times. Levenshtein's distance counts the insertions, deletions and
substitutions that turn one word into another; the suggestion is the corpus word
nearest the typed one, the most frequent among the nearest.
"""

from collections.abc import Mapping

MAX_DISTANCE = 2  # most typing slips are one or two edits away (Damerau, 1964)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein's distance: the fewest insertions, deletions and substitutions from a to b."""
    raise NotImplementedError("Task 8: dynamic programming, one row at a time")


def suggest(word: str, counts: Mapping[str, int], max_distance: int = MAX_DISTANCE) -> str | None:
    """The word of `counts` (word -> how often the corpus has it) to offer instead of `word`.

    None when `word` (lower-cased) is in `counts`, or when no word is within
    `max_distance` edits. Otherwise the nearest, then the most frequent, then the first
    in alphabetical order. Words whose lengths differ by more than `max_distance` cannot
    be that near: skip them without computing the distance.
    """
    raise NotImplementedError("Task 8: filter by length, then min over (distance, -count, word)")
