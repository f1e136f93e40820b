"""Text analysis: the same words in a page and in a query must become the same terms.

"Variances", "variance" and "VARIANCE" are one term to a reader, so they must be one
term to the index: case is folded, stop words ("the", "of") are dropped, and each
word is stemmed by the Snowball (Porter 2) stemmer to "varianc".
"""

import functools
import re
from collections.abc import Iterable

import snowballstemmer

TOKEN = re.compile(r"(?u)\b\w\w+\b")  # words of two characters or more, as bm25s reads them
STEMMER = snowballstemmer.stemmer("english")
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "if",
        "in",
        "into",
        "is",
        "it",
        "no",
        "not",
        "of",
        "on",
        "or",
        "such",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "will",
        "with",
    ]
)
"""The English stop words of Lucene's StandardAnalyzer (and of bm25s's "english")."""


@functools.cache
def stem(word: str) -> str:
    """STEMMER's stem of `word`, remembered: a corpus repeats few distinct words. Provided."""
    return STEMMER.stemWord(word)


def analyse(text: str, stop_words: Iterable[str] = STOP_WORDS, stemming: bool = True) -> list[str]:
    """The terms of `text`, in order: tokens lower-cased, stop words dropped, stemmed.

    A token is TOKEN's match in the lower-cased text. A token is dropped when it is in
    `stop_words` (compared before stemming); the rest are stemmed by `stem` when `stemming`
    is true. A term's position is its index in the returned list.
    """
    raise NotImplementedError("Task 1: lower-case, TOKEN.findall, drop stop words, then stem")
