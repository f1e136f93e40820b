"""How good are the churn probabilities? Ranking, top-decile lift and calibration, by hand.

A retention team calls the customers most likely to leave, as many as it has
people for. So what matters is first the ranking (ROC-AUC, and average precision,
which cares about the top of the list where the churners are rarer than not), then
how many churners the first tenth of the list holds compared with a random tenth
(lift), and last whether "30% likely to leave" means that 30 in 100 such customers
do leave (the Brier score and the reliability table), because the team budgets
offers with those numbers.
"""

from os import PathLike

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

TOP_FRACTION = 0.1  # the top decile: the tenth of customers a retention team can call
RELIABILITY_BINS = 10
FIGURE_SIZE = (5.0, 5.0)  # inches
FIGURE_DPI = 100


def check_binary(labels: np.ndarray) -> np.ndarray:
    """Return `labels` as an int array; raise ValueError unless it holds both 0 and 1, only."""
    labels = np.asarray(labels).astype(int)
    if set(np.unique(labels)) != {0, 1}:
        raise ValueError(f"need labels of both classes 0 and 1, got {np.unique(labels).tolist()}")
    return labels


def roc_auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """Return the area under the ROC curve: the probability that a random churner is
    scored above a random stayer, a tie counting one half.

    Computed from ranks (the Mann-Whitney U statistic), in O(n log n): with tied
    scores given their average rank, AUC = (sum of the churners' ranks
    - P(P + 1) / 2) / (P * N) for P churners and N stayers. Raises ValueError
    (from `check_binary`) unless both classes are present.
    """
    raise NotImplementedError(
        "Task 4: sum the churners' average ranks, subtract P(P + 1)/2, divide by P*N"
    )


def average_precision(labels: np.ndarray, scores: np.ndarray) -> float:
    """Return the average precision: sum over thresholds of (R_k - R_(k-1)) * P_k.

    The thresholds are the distinct scores, from the highest down; at threshold t
    every customer scored >= t is flagged, P_k is the precision and R_k the recall
    of that flagging (R_0 = 0). It is the area under the precision-recall curve as
    scikit-learn's `average_precision_score` defines it (no interpolation). Raises
    ValueError unless both classes are present.
    """
    raise NotImplementedError(
        "Task 4: cumulative churners and flagged counts at each distinct score"
    )


def lift(labels: np.ndarray, scores: np.ndarray, fraction: float = TOP_FRACTION) -> float:
    """Return the churn rate among the top `fraction` of customers by score, divided by the
    churn rate of all customers: 3.0 means the top of the list holds three times as many
    churners as a list drawn at random.

    The top is the ceil(fraction * n) highest scores (a tie at the cut is broken
    by position: the earlier customer first). Raises ValueError unless both classes
    are present.
    """
    raise NotImplementedError(
        "Task 4: take the ceil(fraction * n) highest scores, compare their churn rate"
    )


def brier_score(labels: np.ndarray, probabilities: np.ndarray) -> float:
    """Return the mean squared difference between the probability and the outcome (0 or 1).

    0 is perfect; a model that always says the base rate p scores p(1 - p).
    """
    raise NotImplementedError("Task 4: the mean of (probability - label) squared")


def reliability_table(
    labels: np.ndarray, probabilities: np.ndarray, bins: int = RELIABILITY_BINS
) -> pd.DataFrame:
    """Group the probabilities into `bins` equal-width bins of [0, 1]; one row per non-empty bin.

    Columns: `mean_probability` (the mean predicted probability of the bin's
    customers), `churn_rate` (the share of them who churned) and `customers` (how
    many). Rows in order of the bins. A probability exactly on a bin's upper edge
    belongs to that bin (0.2 is in [0.1, 0.2]), as in scikit-learn's
    `calibration_curve(..., strategy="uniform")`. A well-calibrated model's rows
    lie near churn_rate == mean_probability.
    """
    raise NotImplementedError("Task 4: find each probability's bin, then group and average per bin")


def calibration_error(table: pd.DataFrame) -> float:
    """The expected calibration error of a reliability table: the mean over customers of
    |churn rate - mean probability| of their bin."""
    gaps = (table["churn_rate"] - table["mean_probability"]).abs()
    return float(np.average(gaps, weights=table["customers"]))


def plot_reliability(table: pd.DataFrame, path: str | PathLike[str], title: str = "") -> None:
    """Draw a reliability table as a PNG: observed churn rate against mean probability per bin,
    with the diagonal of perfect calibration and each bin's size as the marker's area."""
    figure = Figure(figsize=FIGURE_SIZE, dpi=FIGURE_DPI)
    axes = figure.subplots()
    axes.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfectly calibrated")
    axes.scatter(
        table["mean_probability"],
        table["churn_rate"],
        s=20 + 200 * table["customers"] / table["customers"].max(),
        label="customers in a bin",
    )
    axes.plot(table["mean_probability"], table["churn_rate"])
    axes.set(
        xlabel="mean predicted churn probability",
        ylabel="observed churn rate",
        xlim=(0, 1),
        ylim=(0, 1),
        title=title or "Reliability of the churn probabilities",
    )
    axes.legend(loc="upper left")
    figure.tight_layout()
    figure.savefig(path, format="png")
