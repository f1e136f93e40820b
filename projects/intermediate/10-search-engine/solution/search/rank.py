"""Ranking: BM25 (as Lucene and bm25s compute it), and TF-IDF to compare it with.

Both score a document by the query's distinct terms found in one field. BM25 lets a
term's weight saturate as it repeats (k1) and discounts long fields (b); TF-IDF grows
with the logarithm of the count and divides by the field's length in a vector space.
"""

import math
from collections.abc import Iterable

from search.index import InvertedIndex

K1, B = 1.5, 0.75  # bm25s's defaults: tf saturation and length normalisation


def bm25_idf(document_frequency: int, n_documents: int) -> float:
    """Lucene's BM25 idf: log(1 + (N - df + 0.5) / (df + 0.5)), never negative."""
    return math.log(1 + (n_documents - document_frequency + 0.5) / (document_frequency + 0.5))


def bm25_scores(
    index: InvertedIndex, terms: Iterable[str], field: str = "body", k1: float = K1, b: float = B
) -> dict[int, float]:
    """The BM25 score of every document of `index` holding at least one of the distinct `terms`.

    A term t of the query adds to document d:
        bm25_idf(df_t, N) * tf / (tf + k1 * (1 - b + b * len_d / avg_len))
    with tf its count in d's `field`, N the documents indexed, len_d the field's length
    in d and avg_len its average over the index. A term repeated in the query counts
    once. Documents without any of the terms are left out.
    """
    # BEGIN SOLUTION (task 4): per distinct term, add its contribution to each document holding it
    n_documents, average = len(index), index.average_length(field)
    lengths, scores = index.lengths[field], {}
    for term in dict.fromkeys(terms):
        postings = index.positions(term, field)
        idf = bm25_idf(len(postings), n_documents)
        for doc_id, positions in postings.items():
            tf = len(positions)
            norm = k1 * (1 - b + b * lengths[doc_id] / average)
            scores[doc_id] = scores.get(doc_id, 0.0) + idf * tf / (tf + norm)
    return scores
    # END SOLUTION


def tfidf_scores(
    index: InvertedIndex, terms: Iterable[str], field: str = "body"
) -> dict[int, float]:
    """The TF-IDF score of every document holding at least one of the distinct `terms`.

    A term adds (1 + ln tf) * ln(N / df) / sqrt(len_d) to a document: a log count,
    weighted by the term's rarity and divided by the square root of the field's length.
    """
    # BEGIN SOLUTION (task 4): the same loop as BM25 with the TF-IDF contribution
    n_documents, lengths, scores = len(index), index.lengths[field], {}
    for term in dict.fromkeys(terms):
        postings = index.positions(term, field)
        idf = math.log(n_documents / len(postings)) if postings else 0.0
        for doc_id, positions in postings.items():
            weight = (1 + math.log(len(positions))) * idf / math.sqrt(lengths[doc_id])
            scores[doc_id] = scores.get(doc_id, 0.0) + weight
    return scores
    # END SOLUTION


def top_k(scores: dict[int, float], k: int) -> list[tuple[int, float]]:
    """The `k` best (doc_id, score), the highest score first, ties by the smaller id. Provided."""
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:k]
