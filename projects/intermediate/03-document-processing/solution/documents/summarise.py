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
    # BEGIN SOLUTION (task 6): shared words over the sum of the logs of the sizes
    words = [set(WORD.findall(sentence.lower())) for sentence in sentences]
    weights = np.zeros((len(sentences), len(sentences)))
    for i, first in enumerate(words):
        for j in range(i + 1, len(words)):
            second = words[j]
            if not first or not second:
                continue
            denominator = math.log(len(first)) + math.log(len(second))
            if denominator > 0:
                weights[i, j] = weights[j, i] = len(first & second) / denominator
    return weights
    # END SOLUTION


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
    # BEGIN SOLUTION (task 6): normalise the rows, share the dangling rank, iterate to tolerance
    n = weights.shape[0]
    if n == 0:
        return np.zeros(0)
    out_weight = weights.sum(axis=1)
    dangling = out_weight == 0
    transition = np.divide(
        weights,
        out_weight[:, None],
        out=np.zeros_like(weights, dtype=float),
        where=~dangling[:, None],
    )
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iterations):
        previous = rank
        rank = damping * (previous @ transition + previous[dangling].sum() / n) + (1 - damping) / n
        if np.abs(rank - previous).sum() < n * tolerance:
            return rank
    raise RuntimeError(f"PageRank did not converge in {max_iterations} iterations")
    # END SOLUTION


def textrank(text: str, n_sentences: int = 1, damping: float = DAMPING) -> str:
    """The `n_sentences` sentences of highest PageRank, joined by a space in the text's order.

    Ranks are those of `pagerank(similarity_matrix(sentences), damping)`; ties go
    to the earlier sentence. A text of no sentence gives "".
    """
    # BEGIN SOLUTION (task 6): rank, keep the best n (earlier first on ties), restore their order
    sentences = split_sentences(text)
    if not sentences:
        return ""
    ranks = pagerank(similarity_matrix(sentences), damping)
    best = sorted(range(len(sentences)), key=lambda i: (-ranks[i], i))[:n_sentences]
    return " ".join(sentences[i] for i in sorted(best))
    # END SOLUTION


def lead(text: str, n_sentences: int = 1) -> str:
    """The baseline: the first `n_sentences` sentences, joined by a space."""
    # BEGIN SOLUTION (task 6): the first sentences
    return " ".join(split_sentences(text)[:n_sentences])
    # END SOLUTION
