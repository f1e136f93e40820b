"""Task 3: vocabulary, counts, idf and TF-IDF weights by hand, checked against scikit-learn."""

import warnings

import numpy as np
import pytest
from scipy import sparse

from spam_filter.tfidf import (
    TfidfVectoriser,
    build_vocabulary,
    count_matrix,
    inverse_document_frequency,
    tfidf_weights,
)
from spam_filter.tokeniser import tokenise

TOLERANCE = 1e-9
ORACLE_TRAIN_MESSAGES = 1500
ORACLE_UNSEEN_MESSAGES = 300


@pytest.mark.task(3)
def test_vocabulary_is_sorted_and_indexed_from_zero():
    documents = [["win", "a", "prize"], ["a", "call"], ["win"]]
    vocabulary = build_vocabulary(documents)
    expected = {"a": 0, "call": 1, "prize": 2, "win": 3}
    assert vocabulary == expected, f"Task 3: expected {expected}, got {vocabulary}"


@pytest.mark.task(3)
def test_min_df_counts_documents_not_occurrences():
    documents = [["free", "free"], ["ok", "free"], ["ok"], ["txt", "txt", "txt"]]
    vocabulary = build_vocabulary(documents, min_df=2)
    expected = {"free": 0, "ok": 1}
    assert vocabulary == expected, (
        f"Task 3: with min_df=2 only 'free' and 'ok' occur in 2 documents; expected {expected}, "
        f"got {vocabulary} ('txt' three times in one document is still in 1 document)"
    )


@pytest.mark.task(3)
def test_count_matrix():
    documents = [["win", "cash", "win"], ["unknown", "words"], []]
    counts = count_matrix(documents, {"cash": 0, "win": 1})
    assert sparse.issparse(counts) and counts.format == "csr", (
        f"Task 3: count_matrix should return a scipy.sparse CSR matrix, got {type(counts).__name__}"
    )
    expected = np.array([[1, 2], [0, 0], [0, 0]])
    assert counts.shape == expected.shape and np.array_equal(counts.toarray(), expected), (
        "Task 3: one row per document (a row of zeros when no term is in the vocabulary); "
        f"expected {expected.tolist()}, got {counts.toarray().tolist()}"
    )


@pytest.mark.task(3)
@pytest.mark.parametrize(
    ("smooth", "expected"),
    [
        (True, [np.log(4 / 3) + 1, np.log(4 / 2) + 1, np.log(4 / 4) + 1]),
        (False, [np.log(3 / 2) + 1, np.log(3 / 1) + 1, np.log(3 / 3) + 1]),
    ],
    ids=["smooth", "not smooth"],
)
def test_inverse_document_frequency(smooth, expected):
    counts = sparse.csr_matrix([[2.0, 1.0, 1.0], [1.0, 0.0, 3.0], [0.0, 0.0, 1.0]])
    idf = inverse_document_frequency(counts, smooth=smooth)
    formula = "ln((1 + n) / (1 + df)) + 1" if smooth else "ln(n / df) + 1"
    assert np.allclose(idf, expected, rtol=0, atol=TOLERANCE), (
        f"Task 3: 3 documents, document frequencies [2, 1, 3], smooth={smooth}: idf = {formula} "
        f"= {np.round(expected, 6).tolist()}, got {np.round(idf, 6).tolist()}"
    )


@pytest.mark.task(3)
@pytest.mark.parametrize("sublinear_tf", [False, True], ids=["raw tf", "sublinear tf"])
def test_tfidf_weights_by_hand(sublinear_tf):
    counts = sparse.csr_matrix([[3.0, 1.0, 0.0], [0.0, 0.0, 0.0]])
    before = counts.toarray()
    idf = np.array([1.0, 2.0, 3.0])
    tf = np.array([1 + np.log(3), 1.0, 0.0]) if sublinear_tf else np.array([3.0, 1.0, 0.0])
    row = tf * idf / np.linalg.norm(tf * idf)
    expected = np.vstack([row, np.zeros(3)])
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        try:
            weights = tfidf_weights(counts, idf, sublinear_tf=sublinear_tf)
        except RuntimeWarning as warning:
            pytest.fail(
                f"Task 3: {warning} while weighting [[3, 1, 0], [0, 0, 0]]: the row of zeros has "
                "norm 0; divide it by 1 instead (replace zero norms by 1 before dividing)"
            )
    result = weights.toarray() if sparse.issparse(weights) else np.asarray(weights)
    assert np.allclose(result, expected, rtol=0, atol=TOLERANCE), (
        f"Task 3: counts [[3, 1, 0], [0, 0, 0]], idf [1, 2, 3], sublinear_tf={sublinear_tf}: "
        f"expected {np.round(expected, 6).tolist()} (tf * idf, each row divided by its L2 norm, "
        f"a zero row left at zero), got {np.round(result, 6).tolist()}"
    )
    assert np.array_equal(counts.toarray(), before), (
        "Task 3: tfidf_weights must leave `counts` as it was; work on a copy"
    )


@pytest.fixture(scope="module")
def oracle_texts(messages):
    return (
        messages.texts[:ORACLE_TRAIN_MESSAGES],
        messages.texts[ORACLE_TRAIN_MESSAGES : ORACLE_TRAIN_MESSAGES + ORACLE_UNSEEN_MESSAGES],
    )


@pytest.mark.task(3)
@pytest.mark.parametrize(
    ("min_df", "smooth_idf", "sublinear_tf"),
    [(1, True, False), (2, True, True), (1, False, True), (3, False, False)],
)
def test_matches_scikit_learn(oracle_texts, min_df, smooth_idf, sublinear_tf):
    fit_texts, unseen_texts = oracle_texts
    settings = {"min_df": min_df, "smooth_idf": smooth_idf, "sublinear_tf": sublinear_tf}
    ours = TfidfVectoriser(analyzer=tokenise, **settings).fit(fit_texts)
    # scikit-learn loads only once your vectoriser has run: its import takes seconds, and a
    # check of unfinished work should not wait for it.
    from sklearn.feature_extraction.text import TfidfVectorizer

    oracle = TfidfVectorizer(analyzer=tokenise, **settings).fit(fit_texts)

    assert ours.vocabulary_ == oracle.vocabulary_, (
        f"Task 3: with {settings} the vocabulary differs from scikit-learn's: "
        f"{len(ours.vocabulary_)} terms against {len(oracle.vocabulary_)}; only yours: "
        f"{sorted(set(ours.vocabulary_) - set(oracle.vocabulary_))[:5]}, only scikit-learn's: "
        f"{sorted(set(oracle.vocabulary_) - set(ours.vocabulary_))[:5]}"
    )
    worst_idf = np.max(np.abs(ours.idf_ - oracle.idf_))
    assert worst_idf <= TOLERANCE, (
        f"Task 3: with {settings} idf differs from scikit-learn's idf_ by up to {worst_idf:.3g}"
    )
    for name, texts in (("the training texts", fit_texts), ("unseen texts", unseen_texts)):
        difference = abs(ours.transform(texts) - oracle.transform(texts)).max()
        assert difference <= TOLERANCE, (
            f"Task 3: with {settings} the TF-IDF matrix of {name} differs from scikit-learn's "
            f"by up to {difference:.3g}"
        )
