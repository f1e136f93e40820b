"""Task 6: precision, recall and F1 by hand, and a threshold that keeps precision at 98%."""

import math

import numpy as np
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix as sklearn_confusion_matrix
from sklearn.metrics import precision_recall_fscore_support, precision_score, recall_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline

from spam_filter.data import HAM, SPAM
from spam_filter.evaluation import (
    PRECISION_TARGET,
    choose_threshold,
    confusion_matrix,
    precision_recall_f1,
    threshold_for_precision,
)
from spam_filter.model import CV_FOLDS

TOLERANCE = 1e-12
RANDOM_CASES = 20
MEMORISED_SCORE = 100.0
FOLD_TEST_MESSAGES = 400
FOLD_TEST_SEEDS = (5, 9)


def random_labels(rng: np.random.Generator, size: int, spam_share: float) -> np.ndarray:
    return (rng.random(size) < spam_share).astype(int)


def brute_force_threshold(labels: np.ndarray, scores: np.ndarray, target: float) -> float:
    """The lowest spam score whose threshold flags messages at least `target` precise."""
    spam_scores = sorted(set(scores[labels == SPAM]))
    good = [t for t in spam_scores if np.mean(labels[scores >= t] == SPAM) >= target]
    return good[0] if good else math.inf


@pytest.mark.task(6)
def test_confusion_matrix_matches_scikit_learn():
    rng = np.random.default_rng(0)
    cases = [
        (random_labels(rng, 50, 0.3), random_labels(rng, 50, 0.3)) for _ in range(RANDOM_CASES)
    ]
    cases.append((np.zeros(8, dtype=int), np.zeros(8, dtype=int)))  # no spam at all
    for labels, predictions in cases:
        ours = np.asarray(confusion_matrix(labels, predictions))
        expected = sklearn_confusion_matrix(labels, predictions, labels=[0, 1])
        assert ours.shape == (2, 2) and np.array_equal(ours, expected), (
            f"Task 6: labels {labels.tolist()}, predictions {predictions.tolist()}: expected "
            f"[[TN, FP], [FN, TP]] = {expected.tolist()}, got {ours.tolist()}"
        )


@pytest.mark.task(6)
def test_precision_recall_f1_match_scikit_learn():
    rng = np.random.default_rng(1)
    cases = [
        (random_labels(rng, 50, 0.3), random_labels(rng, 50, 0.2)) for _ in range(RANDOM_CASES)
    ]
    cases.append((np.array([1, 1, 0]), np.array([0, 0, 0])))  # nothing flagged
    cases.append((np.array([0, 0, 0]), np.array([0, 1, 0])))  # no spam to catch
    for labels, predictions in cases:
        ours = precision_recall_f1(labels, predictions)
        expected = precision_recall_fscore_support(
            labels, predictions, average="binary", zero_division=0
        )[:3]
        assert np.allclose(ours, expected, rtol=0, atol=TOLERANCE), (
            f"Task 6: labels {labels.tolist()}, predictions {predictions.tolist()}: expected "
            f"(precision, recall, F1) = {tuple(round(x, 4) for x in expected)} (a division by "
            f"zero gives 0.0), got {ours}"
        )


@pytest.mark.task(6)
def test_threshold_is_the_lowest_that_meets_the_target():
    labels = np.array([1, 1, 0, 1, 0])
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.5])
    # precision at 0.9: 1/1, 0.8: 2/2, 0.6: 3/4 (0.7 and 0.5 are ham scores)
    threshold = threshold_for_precision(labels, scores, target=0.75)
    assert threshold == 0.6, (
        "Task 6: labels [1, 1, 0, 1, 0], scores [0.9, 0.8, 0.7, 0.6, 0.5], target 0.75: precision "
        "is 1 at 0.8, dips to 2/3 at 0.7 and is back to 3/4 at 0.6, so the lowest threshold "
        f"that meets the target is 0.6; got {threshold}"
    )


@pytest.mark.task(6)
def test_a_precision_exactly_at_the_default_target_meets_it():
    spam_scores = np.linspace(1.0, 5.0, 49)
    labels = np.array([SPAM] * 49 + [HAM] * 11)
    scores = np.concatenate([spam_scores, [3.05], np.linspace(-2.0, 0.0, 10)])
    # at the lowest spam score, 49 spam and the ham scored 3.05 are flagged: 49 / 50 = 0.98
    threshold = threshold_for_precision(labels, scores)
    assert threshold == spam_scores[0], (
        f"Task 6: with the default target ({PRECISION_TARGET}), 49 spam and 1 ham flagged at "
        f"{spam_scores[0]} give precision 49/50 = 0.98 exactly, which meets the target "
        f"(at least, >=): the answer is {spam_scores[0]}; got {threshold}"
    )


@pytest.mark.task(6)
def test_threshold_sits_on_a_spam_score():
    threshold = threshold_for_precision(
        np.array([1, 1, 1, 0]), np.array([0.9, 0.8, 0.7, 0.6]), 0.75
    )
    assert threshold == 0.7, (
        "Task 6: labels [1, 1, 1, 0], scores [0.9, 0.8, 0.7, 0.6], target 0.75: 0.6 still gives "
        "precision 3/4, but it catches no more spam than 0.7 and flags a real message; the "
        f"candidates are the spam scores, so the answer is 0.7; got {threshold}"
    )


@pytest.mark.task(6)
def test_equal_scores_are_flagged_together():
    threshold = threshold_for_precision(np.array([1, 1, 0]), np.array([0.9, 0.5, 0.5]), target=1.0)
    assert threshold == 0.9, (
        "Task 6: labels [1, 1, 0], scores [0.9, 0.5, 0.5], target 1.0: a threshold of 0.5 flags "
        f"both messages scored 0.5 (precision 2/3), so the answer is 0.9; got {threshold}"
    )


@pytest.mark.task(6)
def test_an_unreachable_target_flags_nothing():
    threshold = threshold_for_precision(np.array([0, 1, 1]), np.array([0.9, 0.8, 0.1]), target=0.98)
    assert threshold == math.inf, (
        "Task 6: the highest score is ham, so no threshold reaches precision 0.98: return "
        f"math.inf (flag nothing), got {threshold}"
    )


@pytest.mark.task(6)
def test_threshold_matches_a_brute_force_search():
    rng = np.random.default_rng(2)
    for target in (0.8, 0.9, 0.98):
        labels = random_labels(rng, 300, 0.15)
        scores = np.round(rng.normal(size=300) + 2.5 * labels, 1)  # rounded: many ties
        expected = brute_force_threshold(labels, scores, target)
        threshold = threshold_for_precision(labels, scores, target)
        assert threshold == expected, (
            f"Task 6: target {target} on 300 random scores: the lowest spam score whose "
            f"threshold meets the target is {expected}, got {threshold}"
        )


class MemorisingClassifier(ClassifierMixin, BaseEstimator):
    """Scores a text it was fitted on by its label (+-100), any other text by `table`.

    A caricature of a model scored on its own training messages: perfectly sure of them.
    """

    def __init__(self, table: dict[str, float] | None = None):
        self.table = table

    def fit(self, texts, labels):
        self.seen_ = dict(zip(texts, labels, strict=True))
        self.classes_ = np.unique(labels)
        return self

    def decision_function(self, texts):
        return np.array(
            [
                (MEMORISED_SCORE if self.seen_[text] == SPAM else -MEMORISED_SCORE)
                if text in self.seen_
                else self.table[text]
                for text in texts
            ]
        )

    def predict(self, texts):
        return np.where(self.decision_function(texts) >= 0, SPAM, HAM)


@pytest.mark.task(6)
def test_threshold_is_chosen_on_out_of_fold_scores(seed):
    rng = np.random.default_rng(3)
    labels = np.repeat([0, 1], 30)
    texts = [f"message {i}" for i in range(len(labels))]
    scores = np.round(rng.normal(size=len(labels)) + 1.5 * labels, 2)
    model = MemorisingClassifier(dict(zip(texts, scores, strict=True)))
    expected = brute_force_threshold(labels, scores, target=0.9)
    threshold = choose_threshold(model, texts, labels, target=0.9, seed=seed)
    hint = (
        " (the score of a model on the messages it was fitted on)"
        if threshold == MEMORISED_SCORE
        else ""
    )
    assert threshold == expected, (
        f"Task 6: score every training message with a model fitted on the other folds "
        f"(cross_val_predict with method='decision_function'), then pick the threshold: "
        f"expected {expected}, got {threshold}{hint}"
    )


@pytest.mark.task(6)
def test_choose_threshold_scores_on_the_folds_of_its_seed(messages):
    texts, labels = messages.texts[:FOLD_TEST_MESSAGES], messages.labels[:FOLD_TEST_MESSAGES]
    model = make_pipeline(CountVectorizer(), LogisticRegression())
    for seed in FOLD_TEST_SEEDS:
        folds = StratifiedKFold(n_splits=CV_FOLDS, shuffle=True, random_state=seed)
        scores = cross_val_predict(model, texts, labels, cv=folds, method="decision_function")
        expected = brute_force_threshold(labels, scores, target=0.9)
        threshold = choose_threshold(model, texts, labels, target=0.9, seed=seed)
        assert threshold == expected, (
            f"Task 6: with seed={seed}, score the messages on the folds of "
            f"cross_validation({seed}) and pick the threshold from those scores: expected "
            f"{expected}, got {threshold}"
        )


@pytest.mark.task(6)
def test_recall_at_target_precision(metric, tuned_search, spam_threshold, held_out):
    flagged = tuned_search.decision_function(held_out.texts) >= spam_threshold
    metric("recall_at_precision", recall_score(held_out.labels, flagged))


@pytest.mark.task(6)
def test_precision_at_the_chosen_threshold(metric, tuned_search, spam_threshold, held_out):
    flagged = tuned_search.decision_function(held_out.texts) >= spam_threshold
    metric("precision_at_threshold", precision_score(held_out.labels, flagged, zero_division=0))
