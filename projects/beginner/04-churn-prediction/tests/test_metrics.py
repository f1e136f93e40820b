"""Task 4: ranking, lift and calibration metrics by hand, checked against scikit-learn."""

import math

import numpy as np
import pytest
from PIL import Image
from sklearn.calibration import calibration_curve
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

from churn.metrics import (
    FIGURE_DPI,
    FIGURE_SIZE,
    average_precision,
    brier_score,
    calibration_error,
    lift,
    plot_reliability,
    reliability_table,
    roc_auc,
)

TOLERANCE = 1e-12
RANDOM_CASES = 20
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def random_case(rng: np.random.Generator, size: int, ties: bool) -> tuple[np.ndarray, np.ndarray]:
    """0/1 labels with both classes, and scores that lean towards the label."""
    labels = (rng.random(size) < 0.3).astype(int)
    labels[:2] = [0, 1]
    scores = rng.random(size) + 0.4 * labels
    return labels, np.round(scores, 1) if ties else scores


def brute_force_lift(labels: np.ndarray, scores: np.ndarray, fraction: float) -> float:
    top = math.ceil(fraction * len(labels))
    order = sorted(range(len(labels)), key=lambda i: -scores[i])[:top]
    return float(np.mean(labels[order]) / np.mean(labels))


@pytest.mark.task(4)
def test_roc_auc_by_hand():
    labels, scores = np.array([0, 0, 1, 1, 0, 1]), np.array([0.1, 0.4, 0.35, 0.8, 0.35, 0.9])
    # pairs (churner, stayer): 0.35 beats 0.1, ties 0.35, loses to 0.4; 0.8 and 0.9 beat all
    expected = (1 + 0.5 + 3 + 3) / 9
    assert math.isclose(roc_auc(labels, scores), expected, abs_tol=TOLERANCE), (
        f"Task 4: labels {labels.tolist()}, scores {scores.tolist()}: of the 9 (churner, "
        f"stayer) pairs the churner scores higher in 7, ties in 1 (counts 1/2), so AUC is "
        f"{expected:.4f}; got {roc_auc(labels, scores)}"
    )


@pytest.mark.task(4)
def test_roc_auc_matches_scikit_learn():
    rng = np.random.default_rng(0)
    for case in range(RANDOM_CASES):
        labels, scores = random_case(rng, 200, ties=case % 2 == 0)
        ours, theirs = roc_auc(labels, scores), roc_auc_score(labels, scores)
        assert math.isclose(ours, theirs, abs_tol=TOLERANCE), (
            f"Task 4: random case {case} ({'with' if case % 2 == 0 else 'without'} tied "
            f"scores): scikit-learn's ROC-AUC is {theirs:.6f}, yours {ours:.6f}"
        )


@pytest.mark.task(4)
@pytest.mark.parametrize("function", [roc_auc, average_precision, lift])
def test_one_class_only_is_an_error(function):
    with pytest.raises(ValueError):
        function(np.zeros(5, dtype=int), np.linspace(0, 1, 5))


@pytest.mark.task(4)
def test_average_precision_by_hand():
    labels, scores = np.array([1, 0, 1, 0, 1]), np.array([0.9, 0.8, 0.7, 0.6, 0.6])
    # flag >= 0.9: P 1, R 1/3; >= 0.7: P 2/3, R 2/3; >= 0.6 (two at once): P 3/5, R 1
    expected = 1 / 3 * 1 + 1 / 3 * 2 / 3 + 1 / 3 * 3 / 5
    ours = average_precision(labels, scores)
    assert math.isclose(ours, expected, abs_tol=TOLERANCE), (
        f"Task 4: labels {labels.tolist()}, scores {scores.tolist()}: the thresholds 0.9, 0.8, "
        "0.7, 0.6 give (recall, precision) (1/3, 1), (1/3, 1/2), (2/3, 2/3), (1, 3/5); the "
        f"two scores of 0.6 are flagged together. Expected {expected:.4f}, got {ours}"
    )


@pytest.mark.task(4)
def test_average_precision_matches_scikit_learn():
    rng = np.random.default_rng(1)
    for case in range(RANDOM_CASES):
        labels, scores = random_case(rng, 200, ties=case % 2 == 0)
        ours, theirs = average_precision(labels, scores), average_precision_score(labels, scores)
        assert math.isclose(ours, theirs, abs_tol=TOLERANCE), (
            f"Task 4: random case {case} ({'with' if case % 2 == 0 else 'without'} tied "
            f"scores): scikit-learn's average precision is {theirs:.6f}, yours {ours:.6f}"
        )


@pytest.mark.task(4)
def test_lift_by_hand():
    labels = np.array([1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1])
    scores = np.array([0.9, 0.95, 0.1, 0.8, 0.2, 0.3, 0.4, 0.5, 0.15, 0.25, 0.35, 0.05])
    # the top 25% is ceil(3) customers: 0.95 (stayed), 0.9 and 0.8 (churned): 2/3 vs 3/12
    ours = lift(labels, scores, fraction=0.25)
    assert math.isclose(ours, (2 / 3) / (3 / 12), abs_tol=TOLERANCE), (
        "Task 4: of 12 customers, 3 churned (25%); the top 25% by score is 3 customers of "
        f"whom 2 churned (67%), so the lift is 2.667; got {ours}"
    )
    top_decile = lift(labels, scores)
    assert math.isclose(top_decile, 2.0, abs_tol=TOLERANCE), (
        "Task 4: the default fraction is the top 10%: ceil(1.2) = 2 customers, 0.95 (stayed) "
        f"and 0.9 (churned), a churn rate of 50% against 25%: lift 2.0; got {top_decile}"
    )


@pytest.mark.task(4)
def test_lift_matches_a_brute_force_count():
    rng = np.random.default_rng(2)
    for case in range(RANDOM_CASES):
        labels, scores = random_case(rng, 157, ties=False)
        fraction = (0.1, 0.2, 0.05, 0.33)[case % 4]
        expected, ours = brute_force_lift(labels, scores, fraction), lift(labels, scores, fraction)
        assert math.isclose(ours, expected, abs_tol=TOLERANCE), (
            f"Task 4: random case {case}, top {fraction:.0%} of 157 customers "
            f"(ceil gives {math.ceil(fraction * 157)}): expected lift {expected:.4f}, got {ours}"
        )


@pytest.mark.task(4)
def test_brier_score_matches_scikit_learn():
    rng = np.random.default_rng(3)
    for case in range(RANDOM_CASES):
        labels, _ = random_case(rng, 100, ties=False)
        probabilities = rng.random(100)
        ours, theirs = brier_score(labels, probabilities), brier_score_loss(labels, probabilities)
        assert math.isclose(ours, theirs, abs_tol=TOLERANCE), (
            f"Task 4: random case {case}: scikit-learn's Brier score is {theirs:.6f}, "
            f"yours {ours:.6f}"
        )
    base_rate = brier_score(np.array([1, 0, 0, 0]), np.full(4, 0.25))
    assert math.isclose(base_rate, 0.25 * 0.75, abs_tol=TOLERANCE), (
        f"Task 4: always saying the base rate 0.25 scores 0.25 * 0.75 = 0.1875, got {base_rate}"
    )


@pytest.mark.task(4)
def test_reliability_table_matches_calibration_curve():
    rng = np.random.default_rng(4)
    probabilities = rng.beta(2, 5, size=2_000)
    labels = (rng.random(2_000) < probabilities).astype(int)
    table = reliability_table(labels, probabilities)
    churn_rate, mean_probability = calibration_curve(labels, probabilities, n_bins=10)
    assert list(table.columns[:3]) == ["mean_probability", "churn_rate", "customers"], (
        "Task 4: the table's columns are mean_probability, churn_rate and customers; got "
        f"{list(table.columns)}"
    )
    assert len(table) == len(churn_rate) and np.allclose(
        table["mean_probability"], mean_probability
    ), (
        "Task 4: the bins' mean probabilities should match calibration_curve's prob_pred, "
        f"{np.round(mean_probability, 3).tolist()}; got "
        f"{np.round(table['mean_probability'].to_numpy(float), 3).tolist()}"
    )
    assert np.allclose(table["churn_rate"], churn_rate), (
        "Task 4: the bins' churn rates should match calibration_curve's prob_true, "
        f"{np.round(churn_rate, 3).tolist()}; got "
        f"{np.round(table['churn_rate'].to_numpy(float), 3).tolist()}"
    )
    assert table["customers"].sum() == len(labels), (
        f"Task 4: every customer falls in one bin: the counts should sum to {len(labels)}"
    )


@pytest.mark.task(4)
def test_reliability_table_bins_the_edges_as_scikit_learn_does():
    probabilities = np.array([0.0, 0.05, 0.2, 0.25, 1.0])
    labels = np.array([0, 0, 1, 0, 1])
    table = reliability_table(labels, probabilities)
    counts = table["customers"].tolist()
    assert counts == [2, 1, 1, 1], (
        "Task 4: probabilities 0.0, 0.05, 0.2, 0.25 and 1.0 fall in the bins [0, 0.1], "
        "(0.1, 0.2], (0.2, 0.3] and (0.9, 1.0]: 0.0 in the first bin, 1.0 in the last, 0.2 "
        f"in the second; expected customers [2, 1, 1, 1], got {counts}"
    )


@pytest.mark.task(4)
def test_the_metrics_agree_with_scikit_learn_on_the_real_probabilities(
    logistic_probabilities, labels
):
    pairs = {
        "ROC-AUC": (roc_auc, roc_auc_score),
        "average precision": (average_precision, average_precision_score),
        "Brier score": (brier_score, brier_score_loss),
    }
    for name, (ours, theirs) in pairs.items():
        mine, reference = (
            ours(labels, logistic_probabilities),
            theirs(labels, logistic_probabilities),
        )
        assert math.isclose(mine, reference, abs_tol=1e-9), (
            f"Task 4: on the out-of-fold probabilities, scikit-learn's {name} is "
            f"{reference:.6f}, yours {mine:.6f}"
        )


@pytest.mark.task(4)
def test_the_reliability_plot_is_a_png(logistic_probabilities, labels, tmp_path):
    path = tmp_path / "reliability.png"
    plot_reliability(reliability_table(labels, logistic_probabilities), path)
    assert path.is_file() and path.read_bytes()[:8] == PNG_MAGIC, (
        f"Task 4: plot_reliability should write a PNG file to {path}"
    )
    with Image.open(path) as image:
        expected = tuple(int(inches * FIGURE_DPI) for inches in FIGURE_SIZE)
        assert image.size == expected, (
            f"Task 4: the reliability plot should be {expected} pixels, got {image.size}"
        )


@pytest.mark.task(4)
def test_average_precision_of_the_logistic_regression(logistic_probabilities, labels, metric):
    metric("logistic_average_precision", average_precision(labels, logistic_probabilities))


@pytest.mark.task(4)
def test_top_decile_lift_of_the_logistic_regression(logistic_probabilities, labels, metric):
    metric("top_decile_lift", lift(labels, logistic_probabilities))


@pytest.mark.task(4)
def test_brier_score_of_the_logistic_regression(logistic_probabilities, labels, metric):
    metric("logistic_brier", brier_score(labels, logistic_probabilities))


@pytest.mark.task(4)
def test_calibration_of_the_logistic_regression(logistic_probabilities, labels, metric):
    table = reliability_table(labels, logistic_probabilities)
    metric("calibration_error", calibration_error(table))


@pytest.mark.task(4)
def test_lift_breaks_a_tie_at_the_cut_by_position():
    scores = np.full(100, 0.5)
    scores[::7] = 0.9  # 15 customers above a tie of 85 at 0.5
    labels = np.zeros(100, dtype=int)
    labels[:6] = labels[50:60] = 1  # among the tie, the earliest churned
    fraction = 0.25
    top = math.ceil(fraction * len(labels))
    by_position = sorted(range(len(scores)), key=lambda i: -scores[i])[:top]  # a stable sort
    expected = labels[by_position].mean() / labels.mean()
    got = lift(labels, scores, fraction)
    assert got == pytest.approx(expected, abs=TOLERANCE), (
        f"Task 4: with ties at the cut, the top {top} are the highest scores, the earlier "
        f"customer first among equals, for a lift of {expected:.4f}; got {got}. "
        'np.argsort(..., kind="stable") keeps equal scores in their order; the default sort '
        "does not"
    )


@pytest.mark.task(4)
def test_reliability_table_keeps_every_bin_apart():
    probabilities = np.array([0.1, 0.3, 0.55, 0.7, 0.8, 0.85, 0.95, 1.0])
    labels = np.array([0, 0, 1, 0, 1, 1, 1, 1])
    counts = reliability_table(labels, probabilities, bins=4)["customers"].tolist()
    assert counts == [1, 1, 2, 4], (
        "Task 4: with bins=4 the bins are [0, 0.25], (0.25, 0.5], (0.5, 0.75] and "
        f"(0.75, 1]: 0.1 | 0.3 | 0.55, 0.7 | 0.8, 0.85, 0.95, 1.0, so counts [1, 1, 2, 4]; got "
        f"{counts}"
    )
    counts = reliability_table(labels, probabilities)["customers"].tolist()
    assert counts == [1, 1, 1, 1, 1, 1, 2], (
        "Task 4: with the default 10 bins, each of 0.1, 0.3, 0.55, 0.7, 0.8, 0.85 is alone in "
        f"its bin and 0.95 and 1.0 share (0.9, 1]: counts [1, 1, 1, 1, 1, 1, 2]; got {counts}"
    )
