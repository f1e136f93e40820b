"""Task 7: ROUGE-1, ROUGE-2 and ROUGE-L by hand, as Google's `rouge-score` computes them.

ROUGE (Lin, 2004) scores a candidate summary by the words it shares with a
reference: ROUGE-N counts the n-grams they share (each n-gram at most as often as
it is in both), ROUGE-L the longest common subsequence of their words (in order,
not necessarily next to each other). Each gives a precision (of the candidate), a
recall (of the reference) and their harmonic mean, the F measure.
"""

import re
from collections import Counter
from typing import NamedTuple


class Score(NamedTuple):
    """Precision, recall and F measure, as rouge-score's Score."""

    precision: float
    recall: float
    fmeasure: float


def rouge_tokens(text: str) -> list[str]:
    """rouge-score's tokens (without stemming): lower case, runs of [a-z0-9], in order."""
    raise NotImplementedError("Task 7: lower case, then every run of letters and digits")


def _score(overlap: int, reference_length: int, candidate_length: int) -> Score:
    """The Score of `overlap` units shared by a reference and a candidate of these lengths.

    Precision is overlap / candidate_length, recall overlap / reference_length (each
    0.0 when its length is 0), and F their harmonic mean (0.0 when both are 0).
    """
    raise NotImplementedError(
        "Task 7: the two ratios (0 over a length of 0), then the harmonic mean"
    )


def rouge_n(reference: str, candidate: str, n: int) -> Score:
    """ROUGE-N: the n-grams (runs of n consecutive tokens) the two texts share, clipped.

    The overlap is the sum over n-grams of the smaller of the two counts; the
    lengths are the number of n-grams of each text (len(tokens) - n + 1, at least 0).
    """

    raise NotImplementedError("Task 7: count the n-grams of each text with Counter; & clips them")


def longest_common_subsequence(first: list[str], second: list[str]) -> int:
    """The length of the longest sequence of tokens found, in order, in both lists."""
    raise NotImplementedError("Task 7: dynamic programming over a table of prefixes")


def rouge_l(reference: str, candidate: str) -> Score:
    """ROUGE-L: the longest common subsequence of the two texts' tokens, over their lengths."""
    raise NotImplementedError("Task 7: the LCS of the tokens; the lengths are the token counts")
