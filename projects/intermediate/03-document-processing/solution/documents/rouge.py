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
    # BEGIN SOLUTION (task 7): lower case, then every run of letters and digits
    return re.findall(r"[a-z0-9]+", text.lower())
    # END SOLUTION


def _score(overlap: int, reference_length: int, candidate_length: int) -> Score:
    """The Score of `overlap` units shared by a reference and a candidate of these lengths.

    Precision is overlap / candidate_length, recall overlap / reference_length (each
    0.0 when its length is 0), and F their harmonic mean (0.0 when both are 0).
    """
    # BEGIN SOLUTION (task 7): the two ratios (0 over a length of 0), then the harmonic mean
    precision = overlap / candidate_length if candidate_length else 0.0
    recall = overlap / reference_length if reference_length else 0.0
    total = precision + recall
    return Score(precision, recall, 2 * precision * recall / total if total else 0.0)
    # END SOLUTION


def rouge_n(reference: str, candidate: str, n: int) -> Score:
    """ROUGE-N: the n-grams (runs of n consecutive tokens) the two texts share, clipped.

    The overlap is the sum over n-grams of the smaller of the two counts; the
    lengths are the number of n-grams of each text (len(tokens) - n + 1, at least 0).
    """

    # BEGIN SOLUTION (task 7): count the n-grams of each text with Counter; & clips them
    def ngrams(text: str) -> Counter:
        tokens = rouge_tokens(text)
        return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))

    reference_ngrams, candidate_ngrams = ngrams(reference), ngrams(candidate)
    overlap = sum((reference_ngrams & candidate_ngrams).values())
    return _score(overlap, reference_ngrams.total(), candidate_ngrams.total())
    # END SOLUTION


def longest_common_subsequence(first: list[str], second: list[str]) -> int:
    """The length of the longest sequence of tokens found, in order, in both lists."""
    # BEGIN SOLUTION (task 7): dynamic programming over a table of prefixes
    table = [[0] * (len(second) + 1) for _ in range(len(first) + 1)]
    for i, token in enumerate(first, start=1):
        for j, other in enumerate(second, start=1):
            if token == other:
                table[i][j] = table[i - 1][j - 1] + 1
            else:
                table[i][j] = max(table[i - 1][j], table[i][j - 1])
    return table[-1][-1]
    # END SOLUTION


def rouge_l(reference: str, candidate: str) -> Score:
    """ROUGE-L: the longest common subsequence of the two texts' tokens, over their lengths."""
    # BEGIN SOLUTION (task 7): the LCS of the tokens; the lengths are the token counts
    reference_tokens, candidate_tokens = rouge_tokens(reference), rouge_tokens(candidate)
    overlap = longest_common_subsequence(reference_tokens, candidate_tokens)
    return _score(overlap, len(reference_tokens), len(candidate_tokens))
    # END SOLUTION
