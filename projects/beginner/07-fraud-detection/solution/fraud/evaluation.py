"""Judge a fraud model by what matters: precision and recall, and what its mistakes cost.

Average precision (the area under the precision-recall curve, PR-AUC, which you
wrote by hand in 04 churn-prediction) measures how well the scores rank fraud
above legitimate payments where it counts, at the top; ROC-AUC looks flattering
on rare fraud because it weighs the sea of easy legitimate rows. Here the curve
itself is the tool: recall at a precision the analysts can live with is read off
it. And a bank does not deploy a curve but a threshold, so the last step prices
the mistakes: a missed fraud costs its amount, a false alarm costs a review, and
the threshold with the lowest total cost wins.

Every function takes the truth first (`labels`), as scikit-learn's metrics do.
"""

from collections.abc import Mapping
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from fraud.data import FRAUD

REVIEW_FEE = 5.0  # what a false alarm costs: an analyst's review and an annoyed customer
MIN_PRECISION = 0.5  # for recall at a fixed precision: at most one false alarm per fraud caught
FIGURE_SIZE = (6.0, 4.5)
FIGURE_DPI = 100


def precision_recall_points(
    labels: np.ndarray, scores: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (precision, recall, thresholds): one point per distinct score, highest first.

    `thresholds` are the distinct scores in decreasing order; precision[i] and
    recall[i] are those of flagging every row whose score is >= thresholds[i].
    Rows with equal scores are flagged together. These are scikit-learn's
    `precision_recall_curve` points in reverse, without its final (1, 0)
    point. Raise ValueError when there is no fraud (recall is undefined).

    In 04 churn-prediction your `average_precision` found these points on its
    way to one number; here the points are the result, and `average_precision`
    below adds them up.
    """
    # BEGIN SOLUTION (task 6): sort scores descending, cumulate fraud, keep the last row of each tie
    scores, labels = np.asarray(scores, dtype=float), np.asarray(labels)
    fraud = labels == FRAUD
    if not fraud.any():
        raise ValueError("there is no fraud among the labels, so recall is undefined")
    order = np.argsort(-scores, kind="stable")
    sorted_scores = scores[order]
    caught = np.cumsum(fraud[order])
    flagged = np.arange(1, len(scores) + 1)
    last_of_tie = np.r_[sorted_scores[1:] != sorted_scores[:-1], True]
    precision = caught[last_of_tie] / flagged[last_of_tie]
    recall = caught[last_of_tie] / fraud.sum()
    return precision, recall, sorted_scores[last_of_tie]
    # END SOLUTION


def average_precision(labels: np.ndarray, scores: np.ndarray) -> float:
    """Return the average precision: the sum over points of (R_i - R_(i-1)) * P_i, R_0 = 0.

    The precision at each threshold, weighted by the recall it adds: the same
    figure as `sklearn.metrics.average_precision_score`, no interpolation. You
    wrote this sum in 04 churn-prediction; here it is given, and adds up the
    points of your `precision_recall_points`.
    """
    precision, recall, _ = precision_recall_points(labels, scores)
    return float(np.sum(np.diff(recall, prepend=0.0) * precision))


def recall_at_precision(
    labels: np.ndarray, scores: np.ndarray, min_precision: float = MIN_PRECISION
) -> float:
    """Return the highest recall of any threshold whose precision is at least `min_precision`.

    0.0 when no threshold is that precise.
    """
    # BEGIN SOLUTION (task 6): keep the points precise enough, take their highest recall
    precision, recall, _ = precision_recall_points(labels, scores)
    good_enough = recall[precision >= min_precision]
    return float(good_enough.max()) if good_enough.size else 0.0
    # END SOLUTION


def expected_cost(
    labels: np.ndarray,
    flagged: np.ndarray,
    amounts: np.ndarray,
    review_fee: float = REVIEW_FEE,
) -> float:
    """Return what a set of decisions costs: missed fraud amounts plus a fee per false alarm.

    A fraud that is not flagged costs its amount; a legitimate payment that is
    flagged costs `review_fee`; a flagged fraud and an approved legitimate
    payment cost nothing. With nothing flagged this is the cost of having no
    model: the sum of all fraud amounts.
    """
    # BEGIN SOLUTION (task 6): add the amounts of unflagged fraud and a fee per flagged legit row
    flagged = np.asarray(flagged, dtype=bool)
    fraud = np.asarray(labels) == FRAUD
    missed = np.asarray(amounts, dtype=float)[fraud & ~flagged].sum()
    return float(missed + review_fee * np.sum(flagged & ~fraud))
    # END SOLUTION


def cost_minimising_threshold(
    labels: np.ndarray,
    scores: np.ndarray,
    amounts: np.ndarray,
    review_fee: float = REVIEW_FEE,
) -> float:
    """Return the threshold t (flag when score >= t) with the lowest `expected_cost`.

    The candidates are the distinct scores and `math.inf` (flag nothing); on a
    tie of costs, return the highest threshold, which raises the fewest alerts.
    Choose it on validation scores; judge it on the test split.
    """
    # BEGIN SOLUTION (task 6): sort descending, cumulate caught amounts and false alarms per tie
    scores, amounts = np.asarray(scores, dtype=float), np.asarray(amounts, dtype=float)
    fraud = np.asarray(labels) == FRAUD
    order = np.argsort(-scores, kind="stable")
    sorted_scores = scores[order]
    caught = np.cumsum(np.where(fraud, amounts, 0.0)[order])
    false_alarms = np.cumsum(~fraud[order])
    last_of_tie = np.r_[sorted_scores[1:] != sorted_scores[:-1], True]
    total_fraud = amounts[fraud].sum()
    costs = np.r_[
        total_fraud, total_fraud - caught[last_of_tie] + review_fee * false_alarms[last_of_tie]
    ]
    candidates = np.r_[np.inf, sorted_scores[last_of_tie]]
    return float(candidates[np.argmin(costs)])
    # END SOLUTION


def plot_precision_recall(curves: Mapping[str, tuple[np.ndarray, np.ndarray]], path: Path) -> Path:
    """Draw each model's precision-recall curve into one PNG at `path`, and return the path.

    `curves` maps a model's name to its (labels, scores). The legend gives each
    model's average precision; a dashed line marks the fraud share, the
    precision of flagging at random.
    """
    figure = Figure(figsize=FIGURE_SIZE, dpi=FIGURE_DPI)
    axes = figure.add_subplot()
    for name, (labels, scores) in curves.items():
        precision, recall, _ = precision_recall_points(labels, scores)
        label = f"{name} (AP {average_precision(labels, scores):.3f})"
        axes.step(np.r_[0.0, recall], np.r_[precision[0], precision], where="pre", label=label)
    fraud_share = np.mean(np.asarray(next(iter(curves.values()))[0]) == FRAUD)
    axes.axhline(fraud_share, linestyle="--", color="grey", label=f"fraud share {fraud_share:.2%}")
    axes.set(xlabel="recall", ylabel="precision", xlim=(0, 1), ylim=(0, 1.02))
    axes.set_title("Precision-recall on the test split")
    axes.legend(loc="upper right", fontsize="small")
    figure.savefig(path)
    return Path(path)
