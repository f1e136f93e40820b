"""Task 6: extractive summaries, TextRank against the lead baseline.

TextRank (Mihalcea and Tarau, 2004) builds a graph whose nodes are the sentences
of a document, joined by edges weighted by how many words two sentences share,
and ranks them with PageRank: a sentence is central when sentences that are
central share its words. The summary is the best-ranked sentences, in the
document's order. The lead baseline takes the first sentences: in news, and in
documentation, the author often says the main thing first.
"""

import math
import re

import numpy as np

DAMPING = 0.85
TOLERANCE = 1e-6
MAX_ITERATIONS = 100
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'`])")
WORD = re.compile(r"[a-z0-9]+")


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`: spaces collapsed, cut after . ! ? before a capital or digit."""
    flat = re.sub(r"\s+", " ", text).strip()
    return [sentence for sentence in SENTENCE_END.split(flat) if sentence] if flat else []


def similarity_matrix(sentences: list[str]) -> np.ndarray:
    """TextRank's similarity of each pair of sentences, a symmetric n x n array.

    With W(s) the set of lower-case words of a sentence (runs of [a-z0-9] in
    s.lower()), the similarity of two different sentences is
    |W(a) & W(b)| / (log |W(a)| + log |W(b)|), and 0.0 when that denominator is
    not positive (both sentences of one word) or a sentence has no word. The
    diagonal is 0.
    """
    raise NotImplementedError("Task 6: shared words over the sum of the logs of the sizes")


def pagerank(
    weights: np.ndarray,
    damping: float = DAMPING,
    tolerance: float = TOLERANCE,
    max_iterations: int = MAX_ITERATIONS,
) -> np.ndarray:
    """PageRank of each node of a weighted graph, by power iteration, as networkx computes it.

    weights[i, j] >= 0 is the weight of the edge from i to j. Start from 1/n each;
    at each step a node gives (damping * its rank) to its neighbours in proportion
    to the weights of its edges, a node without edges (a row of zeros) gives it to
    every node equally, and every node gets (1 - damping) / n. Stop when the
    sum of the absolute changes is below n * tolerance; raise RuntimeError when
    that has not happened after max_iterations steps. An empty graph has no ranks.
    """
    raise NotImplementedError(
        "Task 6: normalise the rows, share the dangling rank, iterate to tolerance"
    )


def textrank(text: str, n_sentences: int = 1, damping: float = DAMPING) -> str:
    """The `n_sentences` sentences of highest PageRank, joined by a space in the text's order.

    Ranks are those of `pagerank(similarity_matrix(sentences), damping)`; ties go
    to the earlier sentence. A text of no sentence gives "".
    """
    raise NotImplementedError(
        "Task 6: rank, keep the best n (earlier first on ties), restore their order"
    )


def lead(text: str, n_sentences: int = 1) -> str:
    """The baseline: the first `n_sentences` sentences, joined by a space."""
    raise NotImplementedError("Task 6: the first sentences")
