"""Task 6: the precision-recall curve, recall at a fixed precision, a threshold priced in money."""

import math

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, precision_recall_curve
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from fraud.data import load_default
from fraud.evaluation import (
    MIN_PRECISION,
    REVIEW_FEE,
    average_precision,
    cost_minimising_threshold,
    expected_cost,
    plot_precision_recall,
    precision_recall_points,
    recall_at_precision,
)
from fraud.models import fraud_scores

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
RANDOM_CASES = 20
DEFAULT_TEST_SHARE = 0.3


def random_case(rng: np.random.Generator, size: int = 200) -> tuple[np.ndarray, np.ndarray]:
    """Labels with about 10% fraud, and rounded scores that lean towards them: many ties."""
    labels = (rng.random(size) < 0.1).astype(int)
    labels[0] = 1
    scores = np.round(rng.normal(size=size) + 1.5 * labels, 1)
    return labels, scores


def brute_force_cost(labels, scores, amounts, threshold, fee):
    flagged = scores >= threshold
    return amounts[(labels == 1) & ~flagged].sum() + fee * np.sum((labels == 0) & flagged)


@pytest.mark.task(6)
def test_precision_recall_points_match_scikit_learn():
    rng = np.random.default_rng(0)
    for _ in range(RANDOM_CASES):
        labels, scores = random_case(rng)
        precision, recall, thresholds = map(np.asarray, precision_recall_points(labels, scores))
        p, r, t = precision_recall_curve(labels, scores)
        expected = (p[:-1][::-1], r[:-1][::-1], t[::-1])
        same = all(
            got.shape == want.shape and np.allclose(got, want)
            for got, want in zip((precision, recall, thresholds), expected, strict=True)
        )
        assert same, (
            "Task 6: one point per distinct score, highest first: expected thresholds "
            f"{expected[2][:4]}..., precision {expected[0][:4].round(3)}..., recall "
            f"{expected[1][:4].round(3)}...; got thresholds {thresholds[:4]}..., precision "
            f"{precision[:4].round(3)}..., recall {recall[:4].round(3)}..."
        )


@pytest.mark.task(6)
def test_no_fraud_is_an_error():
    with pytest.raises(ValueError):
        precision_recall_points(np.array([0, 0]), np.array([0.3, 0.2]))


@pytest.mark.task(6)
def test_precision_recall_points_by_hand():
    labels = np.array([1, 0, 1, 0, 1])
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.6])
    precision, recall, thresholds = map(np.asarray, precision_recall_points(labels, scores))
    expected = ([1, 1 / 2, 2 / 3, 3 / 5], [1 / 3, 1 / 3, 2 / 3, 1], [0.9, 0.8, 0.7, 0.6])
    same = all(
        got.shape == (4,) and np.allclose(got, want)
        for got, want in zip((precision, recall, thresholds), expected, strict=True)
    )
    assert same, (
        f"Task 6: labels {labels.tolist()}, scores {scores.tolist()}: flagging >= 0.9, 0.8, 0.7 "
        "and 0.6 (the two 0.6 rows together) gives precision 1, 1/2, 2/3, 3/5 and recall 1/3, "
        f"1/3, 2/3, 1; got precision {precision.round(3).tolist()}, recall "
        f"{recall.round(3).tolist()}, thresholds {thresholds.tolist()}"
    )


@pytest.mark.task(6)
def test_average_precision_of_your_points_matches_scikit_learn():
    rng = np.random.default_rng(1)
    for _ in range(RANDOM_CASES):
        labels, scores = random_case(rng)
        expected = average_precision_score(labels, scores)
        value = average_precision(labels, scores)
        assert value == pytest.approx(expected, abs=1e-12), (
            f"Task 6: on random scores with ties, sklearn's average_precision_score gives "
            f"{expected:.6f}; the provided average_precision over your precision_recall_points "
            f"gives {value:.6f} (equal scores are flagged together)"
        )


@pytest.mark.task(6)
def test_recall_at_precision():
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4])
    labels = np.array([1, 0, 1, 1, 0, 1])
    # precision at each threshold: 1, 1/2, 2/3, 3/4, 3/5, 4/6; recall: .25, .25, .5, .75, .75, 1
    cases = {0.7: 0.75, 0.75: 0.75, 0.5: 1.0, 0.9: 0.25}  # 0.75: a precision exactly on it
    for target, expected in cases.items():
        value = recall_at_precision(labels, scores, target)
        assert value == pytest.approx(expected), (
            f"Task 6: scores {scores.tolist()}, labels {labels.tolist()}, precision at least "
            f"{target}: the highest recall is {expected}; got {value}"
        )
    value = recall_at_precision(np.array([0, 1]), np.array([0.9, 0.1]), 0.9)
    assert value == 0.0, f"Task 6: when no threshold is precise enough, return 0.0; got {value}"


@pytest.mark.task(6)
def test_expected_cost_by_hand():
    labels = np.array([1, 1, 0, 0, 0])
    amounts = np.array([100.0, 7.0, 50.0, 20.0, 3.0])
    flagged = np.array([True, False, True, True, False])
    cost = expected_cost(labels, flagged, amounts, review_fee=4.0)
    assert cost == pytest.approx(7.0 + 2 * 4.0), (
        "Task 6: the fraud of 7.00 is missed (7.00) and two legitimate payments are flagged "
        f"(2 x 4.00, the review_fee given): expected 15.0, got {cost}"
    )
    nothing = expected_cost(labels, np.zeros(5, dtype=bool), amounts, review_fee=4.0)
    assert nothing == pytest.approx(107.0), (
        f"Task 6: flagging nothing costs every fraud amount, 107.0; got {nothing}"
    )


@pytest.mark.task(6)
def test_cost_minimising_threshold_by_hand():
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.5])
    labels = np.array([1, 0, 0, 1, 0])
    amounts = np.array([100.0, 1.0, 1.0, 8.0, 1.0])
    threshold = cost_minimising_threshold(labels, scores, amounts, review_fee=5.0)
    assert threshold == 0.9, (
        "Task 6: flag at 0.9: cost 8 (the fraud of 8 missed); at 0.6: 2 false alarms, 10; "
        f"nothing flagged: 108. Expected 0.9, got {threshold}"
    )
    threshold = cost_minimising_threshold(labels, scores, amounts, review_fee=3.0)
    assert threshold == 0.6, (
        "Task 6: with a fee of 3, flagging at 0.9 costs 8 but at 0.6 only 2 x 3 = 6: "
        f"expected 0.6, got {threshold}"
    )
    threshold = cost_minimising_threshold(labels, scores, amounts, review_fee=4.0)
    assert threshold == 0.9, (
        "Task 6: with a fee of 4, flagging at 0.9 and at 0.6 both cost 8: on a tie return the "
        f"higher threshold, which raises fewer alerts; got {threshold}"
    )
    threshold = cost_minimising_threshold(
        np.array([0, 1]), np.array([0.9, 0.5]), np.array([50.0, 3.0]), review_fee=5.0
    )
    assert threshold == math.inf, (
        "Task 6: scores [0.9, 0.5], labels [0, 1], amounts [50, 3], fee 5: any alert costs 5 "
        f"to stop a fraud of 3, so flag nothing: return math.inf; got {threshold}"
    )
    threshold = cost_minimising_threshold(
        np.array([1, 1]), np.array([0.9, 0.5]), np.array([50.0, 30.0]), review_fee=5.0
    )
    assert threshold == 0.5, (
        "Task 6: scores [0.9, 0.5], both fraud: flagging at the lowest score, 0.5, catches "
        f"both at no cost, so 0.5 is a candidate too (every distinct score is); got {threshold}"
    )


@pytest.mark.task(6)
def test_cost_minimising_threshold_matches_a_brute_force_search():
    rng = np.random.default_rng(2)
    for _ in range(RANDOM_CASES):
        labels, scores = random_case(rng)
        amounts = np.round(rng.lognormal(3.0, 1.5, size=len(scores)), 2)
        candidates = np.r_[math.inf, np.unique(scores)[::-1]]
        costs = [brute_force_cost(labels, scores, amounts, t, REVIEW_FEE) for t in candidates]
        expected = candidates[int(np.argmin(costs))]
        threshold = cost_minimising_threshold(labels, scores, amounts, REVIEW_FEE)
        cost = brute_force_cost(labels, scores, amounts, threshold, REVIEW_FEE)
        assert threshold == expected, (
            f"Task 6: the cheapest threshold on random scores is {expected} (cost "
            f"{min(costs):.2f}); got {threshold} (cost {cost:.2f})"
        )


@pytest.mark.task(6)
def test_precision_recall_png(boosting_scores, logistic, parts, tmp_path):
    from PIL import Image

    features, labels, _ = parts["test"]
    curves = {
        "weighted boosting": (labels, boosting_scores["test"]),
        "logistic regression": (labels, fraud_scores(logistic, features)),
    }
    path = plot_precision_recall(curves, tmp_path / "precision_recall.png")
    assert path.is_file() and path.read_bytes()[:8] == PNG_MAGIC, (
        f"Task 6: plot_precision_recall should write a PNG file at {path}"
    )
    with Image.open(path) as image:
        assert image.size[0] >= 300 and image.size[1] >= 200, (
            f"Task 6: the PNG should be a readable figure, got {image.size}"
        )


@pytest.mark.task(6)
def test_recall_at_half_precision(metric, boosting_scores, parts):
    labels = parts["test"][1]
    metric(
        "recall_at_precision", recall_at_precision(labels, boosting_scores["test"], MIN_PRECISION)
    )


@pytest.mark.task(6)
def test_cost_at_the_validation_threshold(metric, boosting_scores, parts):
    _, validation_labels, validation_amounts = parts["validation"]
    _, test_labels, test_amounts = parts["test"]
    threshold = cost_minimising_threshold(
        validation_labels, boosting_scores["validation"], validation_amounts
    )
    flagged = boosting_scores["test"] >= threshold
    cost = expected_cost(test_labels, flagged, test_amounts)
    approve_all = expected_cost(test_labels, np.zeros(len(test_labels), dtype=bool), test_amounts)
    metric("cost_ratio", cost / approve_all)


@pytest.mark.task(6)
def test_pr_auc_on_real_data(metric, seed):
    features, labels = load_default()
    train_x, test_x, train_y, test_y = train_test_split(
        features, labels, test_size=DEFAULT_TEST_SHARE, stratify=labels, random_state=seed
    )
    model = make_pipeline(StandardScaler(), LogisticRegression()).fit(train_x, train_y)
    scores = model.predict_proba(test_x)[:, 1]
    value = average_precision(test_y, scores)
    expected = average_precision_score(test_y, scores)
    assert value == pytest.approx(expected, abs=1e-12), (
        f"Task 6: on ISLR Default, sklearn's average precision is {expected:.4f}; summed over "
        f"your precision_recall_points it is {value:.4f}"
    )
    metric("default_pr_auc", value)
