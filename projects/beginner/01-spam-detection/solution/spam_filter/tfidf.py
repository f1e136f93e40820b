"""TF-IDF by hand: the weighting behind scikit-learn's TfidfVectorizer.

A message becomes a row of a sparse matrix with one column per vocabulary term.
A term's weight grows with how often it occurs in the message (tf) and with how
rare it is across the training messages (idf): `free` in a spam says more than
`the`. Each row is then scaled to unit length, so a long message does not
outweigh a short one.

The four functions are the steps; `TfidfVectoriser` strings them together with
the same meaning of its settings as scikit-learn's `TfidfVectorizer`.
"""

from collections import Counter  # SOLUTION
from collections.abc import Callable, Iterable, Sequence
from typing import Self

import numpy as np
from scipy import sparse

from spam_filter.tokeniser import tokenise


def build_vocabulary(documents: Iterable[Sequence[str]], min_df: int = 1) -> dict[str, int]:
    """Map each term found in at least `min_df` documents to a column index.

    `documents` are token lists. A term counts once per document however often it
    occurs there (that count is its document frequency, df). The kept terms get
    the indices 0, 1, 2, ... in sorted (alphabetical) order of the terms, as in
    scikit-learn.
    """
    # BEGIN SOLUTION (task 3): count each term once per document and keep those with df >= min_df
    document_frequency = Counter(term for tokens in documents for term in set(tokens))
    kept = sorted(term for term, df in document_frequency.items() if df >= min_df)
    return {term: index for index, term in enumerate(kept)}
    # END SOLUTION


def count_matrix(
    documents: Iterable[Sequence[str]], vocabulary: dict[str, int]
) -> sparse.csr_matrix:
    """Return the term counts: row i, column vocabulary[t] = how often term t occurs in document i.

    Terms outside the vocabulary are ignored; a document with none of the
    vocabulary's terms gives a row of zeros. Shape (number of documents,
    len(vocabulary)), dtype float64, in CSR format.
    """
    # BEGIN SOLUTION (task 3): build the sparse matrix from (row, column, count) triplets
    documents = list(documents)
    rows, columns, counts = [], [], []
    for row, tokens in enumerate(documents):
        for term, count in Counter(t for t in tokens if t in vocabulary).items():
            rows.append(row)
            columns.append(vocabulary[term])
            counts.append(count)
    shape = (len(documents), len(vocabulary))
    return sparse.csr_matrix((counts, (rows, columns)), shape=shape, dtype=np.float64)
    # END SOLUTION


def inverse_document_frequency(counts: sparse.csr_matrix, smooth: bool = True) -> np.ndarray:
    """Return the idf of each column of the training `counts`, a float array of shape (terms,).

    With n documents and a term in df of them:

    - smooth=True:  idf = ln((1 + n) / (1 + df)) + 1, as if one extra document
      held every term once, so no ratio is ever divided by zero;
    - smooth=False: idf = ln(n / df) + 1.

    The `+ 1` keeps a term found in every document at weight 1 instead of 0.
    """
    # BEGIN SOLUTION (task 3): count the documents each term occurs in, then apply the formula
    n_documents = counts.shape[0]
    document_frequency = np.asarray((counts > 0).sum(axis=0)).ravel()
    if smooth:
        return np.log((1 + n_documents) / (1 + document_frequency)) + 1
    return np.log(n_documents / document_frequency) + 1
    # END SOLUTION


def tfidf_weights(
    counts: sparse.csr_matrix, idf: np.ndarray, sublinear_tf: bool = False
) -> sparse.csr_matrix:
    """Weight `counts` by `idf` and scale every row to unit L2 norm.

    The tf of a nonzero count c is c itself, or 1 + ln(c) with sublinear_tf (a
    word said ten times is not ten times the evidence). Each row of tf * idf is
    divided by its Euclidean norm; a row of zeros stays zeros. Returns a new CSR
    matrix; `counts` is left as it was.
    """
    # BEGIN SOLUTION (task 3): weight the nonzeros, multiply each column by its idf, L2-normalise
    weights = counts.astype(np.float64, copy=True)
    if sublinear_tf:
        weights.data = 1 + np.log(weights.data)
    weights = weights @ sparse.diags(idf)
    norms = sparse.linalg.norm(weights, axis=1)
    norms[norms == 0] = 1
    return sparse.diags(1 / norms) @ weights
    # END SOLUTION


class TfidfVectoriser:
    """Learn a vocabulary and idf from training texts, then turn texts into TF-IDF rows.

    The settings mean what they mean in scikit-learn's `TfidfVectorizer` (with
    norm="l2"), so both give the same matrix for the same analyzer.
    """

    def __init__(
        self,
        analyzer: Callable[[str], list[str]] = tokenise,
        min_df: int = 1,
        smooth_idf: bool = True,
        sublinear_tf: bool = False,
    ) -> None:
        self.analyzer = analyzer
        self.min_df = min_df
        self.smooth_idf = smooth_idf
        self.sublinear_tf = sublinear_tf

    def fit(self, texts: Iterable[str]) -> Self:
        """Learn `vocabulary_` and `idf_` from the training texts."""
        documents = [self.analyzer(text) for text in texts]
        self.vocabulary_ = build_vocabulary(documents, self.min_df)
        self.idf_ = inverse_document_frequency(
            count_matrix(documents, self.vocabulary_), self.smooth_idf
        )
        return self

    def transform(self, texts: Iterable[str]) -> sparse.csr_matrix:
        """Turn texts into TF-IDF rows with the fitted vocabulary and idf."""
        counts = count_matrix((self.analyzer(text) for text in texts), self.vocabulary_)
        return tfidf_weights(counts, self.idf_, self.sublinear_tf)

    def fit_transform(self, texts: Iterable[str]) -> sparse.csr_matrix:
        """Fit on the texts, then transform them."""
        texts = list(texts)
        return self.fit(texts).transform(texts)
