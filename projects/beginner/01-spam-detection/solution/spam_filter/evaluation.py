"""Score a spam filter, choose the threshold at which it may flag a message, read its mistakes.

A filter that moves a real message to the spam folder costs more than one that
lets a spam through, so the decision threshold is not 0 but the one that keeps
precision (the share of flagged messages that are spam) at a target, chosen on
data the model was not fitted on and never on the test set. The figures say how
often the filter is wrong; only its mistakes, read one by one, say why.
"""

import math  # SOLUTION
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.model_selection import cross_val_predict  # SOLUTION

from spam_filter.data import SPAM  # SOLUTION
from spam_filter.model import cross_validation  # SOLUTION

PRECISION_TARGET = 0.98
MISTAKES_SHOWN = 5


def confusion_matrix(labels: np.ndarray, predictions: np.ndarray) -> np.ndarray:
    """Return the 2x2 counts [[true ham, ham flagged as spam], [missed spam, caught spam]].

    Rows are the true label, columns the prediction, in the order HAM, SPAM (the
    constants of `spam_filter.data`): the layout of
    `sklearn.metrics.confusion_matrix(labels, predictions, labels=[0, 1])`. Both
    arrays hold 0/1 labels (or booleans, True = SPAM). A class that never occurs
    still gets its row and column, of zeros.
    """
    # BEGIN SOLUTION (task 6): count the four combinations of true label and prediction
    actual = np.asarray(labels) == SPAM
    flagged = np.asarray(predictions) == SPAM
    return np.array(
        [
            [np.sum(~actual & ~flagged), np.sum(~actual & flagged)],
            [np.sum(actual & ~flagged), np.sum(actual & flagged)],
        ]
    )
    # END SOLUTION


def precision_recall_f1(labels: np.ndarray, predictions: np.ndarray) -> tuple[float, float, float]:
    """Return the precision, recall and F1 of the SPAM class, from the confusion matrix.

    precision = caught / flagged, recall = caught / actual spam, F1 their harmonic
    mean. A ratio whose denominator is 0 is 0.0 (no flagged message: precision
    0.0), as scikit-learn does with `zero_division=0`.
    """
    # BEGIN SOLUTION (task 6): read TP, FP and FN off the confusion matrix, guard each division
    (_, false_positives), (false_negatives, true_positives) = confusion_matrix(labels, predictions)
    flagged = true_positives + false_positives
    actual = true_positives + false_negatives
    precision = true_positives / flagged if flagged else 0.0
    recall = true_positives / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return float(precision), float(recall), float(f1)
    # END SOLUTION


def threshold_for_precision(
    labels: np.ndarray, scores: np.ndarray, target: float = PRECISION_TARGET
) -> float:
    """Return the lowest threshold t whose precision on these scores is at least `target`.

    `labels` are the true 0/1 labels and `scores` the model's scores of the same
    messages, truth first as in `sklearn.metrics`. A message is flagged as spam
    when its score >= t, so equal scores are flagged together. The candidate
    thresholds are the scores of the spam messages: a threshold between two of
    them flags the same spam as the higher one, and more ham. Precision need not
    rise steadily with t, so check every candidate and keep the lowest that meets
    the target (precision >= target): it catches the most spam. If none does,
    return math.inf, which flags nothing.
    """
    # BEGIN SOLUTION (task 6): count flagged and caught messages at each spam score, keep the lowest
    scores = np.asarray(scores, dtype=np.float64)
    spam_scores = np.sort(scores[np.asarray(labels) == SPAM])
    candidates = np.unique(spam_scores)
    flagged = len(scores) - np.searchsorted(np.sort(scores), candidates, side="left")
    caught = len(spam_scores) - np.searchsorted(spam_scores, candidates, side="left")
    good_enough = candidates[caught / flagged >= target]
    return float(good_enough[0]) if good_enough.size else math.inf
    # END SOLUTION


def choose_threshold(
    estimator: BaseEstimator,
    texts: Sequence[str],
    labels: np.ndarray,
    target: float = PRECISION_TARGET,
    seed: int = 0,
) -> float:
    """Choose the decision threshold for `target` precision from out-of-fold scores.

    `estimator` is an unfitted or fitted scikit-learn pipeline with a
    `decision_function` (for example `search.best_estimator_`); `texts` and
    `labels` are the training split. Score each training message with a clone
    fitted on the other folds of `spam_filter.model.cross_validation(seed)`, so
    that no message is scored by a model that saw it, then apply
    `threshold_for_precision(labels, scores, target)`. A model's scores on its own
    training messages are too confident and give a threshold too low.
    """
    # BEGIN SOLUTION (task 6): score out of fold (cross_val_predict), then threshold_for_precision
    scores = cross_val_predict(
        estimator,
        texts,
        labels,
        cv=cross_validation(seed),
        method="decision_function",
    )
    return threshold_for_precision(labels, scores, target)
    # END SOLUTION


@dataclass(frozen=True)
class Mistake:
    """A message the filter got wrong, and how far its score sits on the wrong side."""

    text: str
    label: int  # the true label: HAM for a real message flagged, SPAM for a spam let through
    score: float
    margin: float  # |score - threshold|: how sure the filter was of its wrong decision


def most_confident_mistakes(
    labels: np.ndarray,
    scores: np.ndarray,
    texts: Sequence[str],
    threshold: float,
    n: int = MISTAKES_SHOWN,
) -> list[Mistake]:
    """Return the `n` messages the filter gets most confidently wrong at `threshold`, worst first.

    A message is flagged when its score >= threshold, as in `threshold_for_precision`.
    A mistake is a ham that is flagged (margin score - threshold, 0 for a score on
    the threshold) or a spam that is not (margin threshold - score). Sort the
    mistakes by margin, largest first; equal margins keep the order of the
    messages. With fewer than `n` mistakes, return them all.
    """
    # BEGIN SOLUTION (task 7): find the wrong decisions, sort them by margin, keep the first n
    labels, scores = np.asarray(labels), np.asarray(scores)
    wrong = (scores >= threshold) != (labels == SPAM)
    margins = np.abs(scores - threshold)
    worst_first = np.argsort(-margins, kind="stable")
    chosen = worst_first[wrong[worst_first]][:n]
    return [Mistake(texts[i], int(labels[i]), float(scores[i]), float(margins[i])) for i in chosen]
    # END SOLUTION
