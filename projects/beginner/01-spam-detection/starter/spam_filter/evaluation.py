"""Score a spam filter, choose the threshold at which it may flag a message, read its mistakes.

A filter that moves a real message to the spam folder costs more than one that
lets a spam through, so the decision threshold is not 0 but the one that keeps
precision (the share of flagged messages that are spam) at a target, chosen on
data the model was not fitted on and never on the test set. The figures say how
often the filter is wrong; only its mistakes, read one by one, say why.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.base import BaseEstimator

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
    raise NotImplementedError("Task 6: count the four combinations of true label and prediction")


def precision_recall_f1(labels: np.ndarray, predictions: np.ndarray) -> tuple[float, float, float]:
    """Return the precision, recall and F1 of the SPAM class, from the confusion matrix.

    precision = caught / flagged, recall = caught / actual spam, F1 their harmonic
    mean. A ratio whose denominator is 0 is 0.0 (no flagged message: precision
    0.0), as scikit-learn does with `zero_division=0`.
    """
    raise NotImplementedError(
        "Task 6: read TP, FP and FN off the confusion matrix, guard each division"
    )


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
    raise NotImplementedError(
        "Task 6: count flagged and caught messages at each spam score, keep the lowest"
    )


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
    raise NotImplementedError(
        "Task 6: score out of fold (cross_val_predict), then threshold_for_precision"
    )


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
    raise NotImplementedError(
        "Task 7: find the wrong decisions, sort them by margin, keep the first n"
    )
