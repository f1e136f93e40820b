"""Task 3: Platt scaling, late and early fusion, and what fusion adds."""

import math

import numpy as np
import pytest

NAN = math.nan


def oracle_platt(scores, labels, c):
    from sklearn.linear_model import LogisticRegression

    clipped = np.clip(scores, 1e-6, 1 - 1e-6)
    model = LogisticRegression(C=c).fit(np.log(clipped / (1 - clipped))[:, None], labels)
    return float(model.coef_[0, 0]), float(model.intercept_[0])


@pytest.mark.task(3)
@pytest.mark.parametrize("c", [None, 0.05])
def test_platt_scaling_is_a_logistic_regression_on_the_logit(c):
    from moderation.fusion import PLATT_C, Platt, fit_platt

    rng = np.random.default_rng(17)
    labels = (rng.random(300) < 0.3).astype(int)
    scores = np.clip(0.5 + 0.35 * (labels - 0.3) + rng.normal(0, 0.2, 300), 0, 1)
    scores[:3] = [0.0, 1.0, 0.5]  # the clip keeps logit finite
    got = fit_platt(scores, labels) if c is None else fit_platt(scores, labels, c=c)
    slope, intercept = oracle_platt(scores, labels, PLATT_C if c is None else c)
    assert isinstance(got, Platt) and isinstance(got.slope, float), (
        f"Task 3: fit_platt should return a Platt of two floats, got {got!r}"
    )
    assert math.isclose(got.slope, slope, abs_tol=1e-9) and math.isclose(
        got.intercept, intercept, abs_tol=1e-9
    ), (
        f"Task 3: with C={c or PLATT_C}, Platt scaling should give slope {slope:.6f} and "
        f"intercept {intercept:.6f}, got {got.slope:.6f} and {got.intercept:.6f}: fit "
        "LogisticRegression(C=c) on logit(scores)[:, None]"
    )


@pytest.mark.task(3)
def test_late_fusion_is_a_noisy_or_that_skips_a_missing_part():
    from moderation.fusion import late_fusion

    got = late_fusion(np.array([0.5, 0.2, NAN, 0.0, 0.9]), np.array([0.5, NAN, 0.3, 0.0, 1.0]))
    want = [0.75, 0.2, 0.3, 0.0, 1.0]
    np.testing.assert_allclose(
        got, want, atol=1e-12, err_msg="Task 3: 1 - (1 - t)(1 - i), NaN as 0"
    )
    with pytest.raises(ValueError, match="post 2 has neither"):
        late_fusion(np.array([0.1, 0.2, NAN, NAN]), np.array([0.1, NAN, NAN, NAN]))
    with pytest.raises(ValueError):
        late_fusion(np.array([0.1, 0.2]), np.array([0.1, 0.2, 0.3]))


@pytest.mark.task(3)
def test_early_features_join_both_parts_and_flag_a_missing_image():
    from scipy import sparse

    from moderation.fusion import early_features

    text = sparse.csr_matrix(np.array([[0.0, 1.0], [2.0, 0.0], [0.0, 0.0]]))
    embeddings = np.array([[1.0, 2.0, 3.0], [9.0, 9.0, 9.0], [4.0, 5.0, 6.0]], dtype=np.float32)
    got = early_features(text, embeddings, np.array([True, False, True]))
    want = [[0, 1, 1, 2, 3, 0], [2, 0, 0, 0, 0, 1], [0, 0, 4, 5, 6, 0]]
    assert sparse.issparse(got) and got.format == "csr" and got.dtype == np.float64, (
        f"Task 3: early_features should return a float64 CSR matrix, got "
        f"{type(got).__name__} {getattr(got, 'format', '')} {getattr(got, 'dtype', '')}"
    )
    np.testing.assert_array_equal(
        got.toarray(), want, err_msg="Task 3: [text | embedding, 0 if no image | no-image flag]"
    )
    with pytest.raises(ValueError):
        early_features(text, embeddings[:2], np.array([True, False, True]))
    with pytest.raises(ValueError):
        early_features(text, embeddings, np.array([True, False]))


def macro_f1(truth, probabilities) -> float:
    from sklearn.metrics import f1_score

    return f1_score(truth, np.nan_to_num(probabilities, nan=0.0) >= 0.5, average="macro")


@pytest.mark.task(3)
def test_fusion_beats_each_modality_alone(scores, test_posts, metric, figure):
    truth = test_posts.label
    text, image = macro_f1(truth, scores.text), macro_f1(truth, scores.image)
    late, early = macro_f1(truth, scores.late), macro_f1(truth, scores.early)
    figure("text_only_f1", text)
    figure("image_only_f1", image)
    figure("early_f1", early)
    metric("late_f1", late)
    assert late > max(text, image) and early > max(text, image), (
        f"Task 3: fused, the post's macro-F1 should beat each modality alone: late {late:.3f}, "
        f"early {early:.3f}, text alone {text:.3f}, image alone {image:.3f}"
    )


@pytest.mark.task(3)
def test_calibration_makes_the_fused_probabilities_honest(fitted, scores, test_posts, figure):
    from sklearn.metrics import brier_score_loss

    from moderation.fusion import late_fusion
    from moderation.model import raw_scores

    raw = raw_scores(fitted.text_model, fitted.cnn, fitted.early_model, test_posts.posts)
    uncalibrated = brier_score_loss(test_posts.label, late_fusion(raw["text"], raw["image"]))
    calibrated = brier_score_loss(test_posts.label, scores.late)
    figure("late_brier", calibrated)
    figure("uncalibrated_late_brier", uncalibrated)
    assert calibrated < uncalibrated, (
        f"Task 3: Platt scaling should lower the Brier score of the fused probabilities: "
        f"{calibrated:.4f} calibrated, {uncalibrated:.4f} not"
    )
