"""Task 2: class weights, random under- and oversampling, applied inside training folds only."""

import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.metrics import average_precision_score
from sklearn.utils.class_weight import compute_class_weight

from fraud.data import FRAUD
from fraud.features import raw_features
from fraud.models import default_boosting
from fraud.resampling import (
    LEGIT_PER_FRAUD,
    OVERSAMPLED_FRAUD_SHARE,
    balanced_class_weights,
    out_of_time_scores,
    oversample,
    undersample,
)

N_ROWS = 400
N_SPLITS = 4


def labels_with(n_rows: int, n_fraud: int, seed: int = 0) -> np.ndarray:
    labels = np.zeros(n_rows, dtype=int)
    labels[np.random.default_rng(seed).choice(n_rows, size=n_fraud, replace=False)] = FRAUD
    return labels


@pytest.mark.task(2)
def test_balanced_class_weights_match_scikit_learn():
    for n_fraud in (1, 7, 60, 200):
        labels = labels_with(N_ROWS, n_fraud)
        expected = compute_class_weight("balanced", classes=np.array([0, 1]), y=labels)
        weights = balanced_class_weights(labels)
        assert set(weights) == {0, 1} and np.allclose([weights[0], weights[1]], expected), (
            f"Task 2: {N_ROWS} rows, {n_fraud} fraud: expected {{0: {expected[0]:.4f}, "
            f"1: {expected[1]:.4f}}} (n / (2 * count)), got {weights}"
        )
    with pytest.raises(ValueError):
        balanced_class_weights(np.zeros(10, dtype=int))


@pytest.mark.task(2)
def test_undersample_keeps_every_fraud_and_some_legit_rows():
    labels = labels_with(N_ROWS, 5)
    rows = np.asarray(undersample(labels, np.random.default_rng(0), legit_per_fraud=10))
    fraud = np.flatnonzero(labels == FRAUD)
    assert np.isin(fraud, rows).all(), "Task 2: undersampling must keep every fraud row"
    assert len(rows) == 5 + 50 and len(np.unique(rows)) == len(rows), (
        "Task 2: 5 fraud rows and legit_per_fraud=10 should keep 5 + 50 distinct rows "
        f"(legitimate rows drawn without replacement); got {len(rows)} rows, "
        f"{len(np.unique(rows))} distinct"
    )
    assert np.array_equal(rows, np.sort(rows)) and rows.min() >= 0 and rows.max() < N_ROWS, (
        "Task 2: return sorted positions into the labels (time order is kept)"
    )
    other = np.asarray(undersample(labels, np.random.default_rng(1), legit_per_fraud=10))
    assert not np.array_equal(rows, other), (
        "Task 2: draw the legitimate rows with the rng you are given: two seeds gave the same rows"
    )
    again = np.asarray(undersample(labels, np.random.default_rng(0), legit_per_fraud=10))
    assert np.array_equal(rows, again), "Task 2: the same rng seed should give the same rows"


@pytest.mark.task(2)
def test_undersample_edge_cases():
    few_legit = labels_with(30, 10)
    rows = np.asarray(undersample(few_legit, np.random.default_rng(0)))
    assert np.array_equal(rows, np.arange(30)), (
        f"Task 2: with fewer legitimate rows than {LEGIT_PER_FRAUD} per fraud, keep them all: "
        f"expected every position 0..29, got {rows.tolist()}"
    )
    rows = np.asarray(undersample(np.zeros(12, dtype=int), np.random.default_rng(0)))
    assert np.array_equal(rows, np.arange(12)), (
        f"Task 2: with no fraud there is nothing to balance: return every position, got {rows}"
    )


@pytest.mark.task(2)
def test_oversample_repeats_fraud_rows_only():
    labels = labels_with(N_ROWS, 4)
    rows = np.asarray(oversample(labels, np.random.default_rng(0), fraud_share=0.2))
    expected_fraud = int(np.floor(0.2 * 396 / 0.8))
    assert np.isin(np.arange(N_ROWS), rows).all(), "Task 2: oversampling must keep every row"
    assert np.sum(labels[rows] == FRAUD) == expected_fraud and len(rows) == 396 + expected_fraud, (
        f"Task 2: 396 legitimate rows and fraud_share=0.2 should give floor(0.2 * 396 / 0.8) = "
        f"{expected_fraud} fraud rows (the 4 originals and repeats) and 396 legitimate ones; got "
        f"{np.sum(labels[rows] == FRAUD)} fraud rows of {len(rows)}"
    )
    assert np.array_equal(rows, np.sort(rows)), "Task 2: return sorted positions"
    again = np.asarray(oversample(labels, np.random.default_rng(0), fraud_share=0.2))
    assert np.array_equal(rows, again), "Task 2: the same rng seed should give the same rows"
    for common in (labels_with(20, 10), np.zeros(20, dtype=int)):
        rows = np.asarray(oversample(common, np.random.default_rng(0), OVERSAMPLED_FRAUD_SHARE))
        assert np.array_equal(rows, np.arange(20)), (
            "Task 2: when fraud is already common enough, or absent, add nothing: "
            f"expected every position once, got {rows.tolist()}"
        )


class SpyModel(ClassifierMixin, BaseEstimator):
    """Remembers which rows each clone was fitted on and scored, by the `row` column.

    It scores row r as r / 10_000, so a score tells which row it belongs to.
    """

    calls: list = []

    def fit(self, features, labels):
        self.classes_ = np.array([0, 1])
        SpyModel.calls.append(("fit", features["row"].to_numpy().copy()))
        return self

    def predict_proba(self, features):
        rows = features["row"].to_numpy().copy()
        SpyModel.calls.append(("score", rows))
        return np.column_stack([1 - rows / 10_000, rows / 10_000])


def spy_resampler(seen: list):
    def resample(labels: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        seen.append(np.asarray(labels).copy())
        return oversample(labels, rng, fraud_share=0.3)

    return resample


@pytest.mark.task(2)
def test_validation_rows_are_never_resampled():
    labels = labels_with(N_ROWS, 40)
    features = pd.DataFrame({"row": np.arange(N_ROWS), "amount": np.ones(N_ROWS)})
    SpyModel.calls = []
    seen: list = []
    scores = out_of_time_scores(SpyModel(), features, labels, spy_resampler(seen), N_SPLITS)
    first = N_ROWS // (N_SPLITS + 1)  # TimeSeriesSplit's first training block
    assert np.isnan(scores[:first]).all(), (
        f"Task 2: the first {first} rows are never validated: their score should be NaN"
    )
    assert np.allclose(scores[first:], np.arange(first, N_ROWS) / 10_000), (
        "Task 2: every later row should be scored exactly once, at its own position, by a model "
        "that did not train on it (the spy model scores row r as r / 10000)"
    )
    fits = [rows for kind, rows in SpyModel.calls if kind == "fit"]
    scored = [rows for kind, rows in SpyModel.calls if kind == "score"]
    assert len(fits) == N_SPLITS and len(scored) == N_SPLITS, (
        f"Task 2: expected {N_SPLITS} fits and {N_SPLITS} scorings (one per fold), got "
        f"{len(fits)} fits and {len(scored)} scorings: fit a fresh clone(model) in every fold"
    )
    for fold, (fitted, validated) in enumerate(zip(fits, scored, strict=True), start=1):
        assert len(np.unique(validated)) == len(validated), (
            f"Task 2: fold {fold} scored some validation rows twice: resample the training rows "
            "only, never the validation rows"
        )
        assert fitted.max() < validated.min(), (
            f"Task 2: fold {fold} fitted on rows up to {fitted.max()} and validated from row "
            f"{validated.min()}: fit on earlier rows only (TimeSeriesSplit)"
        )
        assert len(np.unique(fitted)) < len(fitted), (
            f"Task 2: fold {fold} fitted on no repeated row: pass the training labels to "
            "`resample` and fit on the rows it returns"
        )
    for fold, training_labels in enumerate(seen, start=1):
        assert np.array_equal(training_labels, labels[: len(training_labels)]), (
            f"Task 2: fold {fold}: `resample` should get the labels of that fold's training "
            "rows, and nothing else"
        )
    assert len(seen) == N_SPLITS, f"Task 2: call resample once per fold, got {len(seen)} calls"


@pytest.mark.task(2)
def test_without_a_resampler_every_training_row_is_used_once():
    labels = labels_with(N_ROWS, 40)
    features = pd.DataFrame({"row": np.arange(N_ROWS)})
    SpyModel.calls = []
    out_of_time_scores(SpyModel(), features, labels, None, N_SPLITS)
    fits = [rows for kind, rows in SpyModel.calls if kind == "fit"]
    assert all(np.array_equal(rows, np.arange(len(rows))) for rows in fits), (
        "Task 2: with resample=None, fit each fold on all of its training rows, once each"
    )


@pytest.mark.task(2)
def test_one_generator_made_from_the_seed_draws_for_every_fold():
    labels = labels_with(N_ROWS, 40)
    features = pd.DataFrame({"row": np.arange(N_ROWS)})
    draws: list = []

    def recording(training_labels: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        draws.append(int(rng.integers(1_000_000)))
        return np.arange(len(training_labels))

    out_of_time_scores(SpyModel(), features, labels, recording, N_SPLITS, seed=7)
    reference = np.random.default_rng(7)
    expected = [int(reference.integers(1_000_000)) for _ in range(N_SPLITS)]
    assert draws == expected, (
        f"Task 2: with seed=7, the {N_SPLITS} folds should draw from one "
        f"np.random.default_rng(7), made once before the loop, so their first draws are "
        f"{expected}; got {draws}. The same draw in every fold means a generator made anew "
        "per fold; other values mean the seed argument was not used"
    )


@pytest.fixture(scope="session")
def raw_training(train):
    return raw_features(train), train["is_fraud"].to_numpy()


@pytest.fixture(scope="session")
def undersampled_pr_auc(raw_training, seed) -> float:
    features, labels = raw_training
    scores = out_of_time_scores(default_boosting(seed), features, labels, undersample, seed=seed)
    scored = ~np.isnan(scores)
    return average_precision_score(labels[scored], scores[scored])


@pytest.mark.task(2)
def test_undersampling_rescues_default_boosting(raw_training, undersampled_pr_auc, seed):
    features, labels = raw_training
    scores = out_of_time_scores(default_boosting(seed), features, labels, None, seed=seed)
    scored = ~np.isnan(scores)
    plain = average_precision_score(labels[scored], scores[scored])
    assert undersampled_pr_auc > plain + 0.05, (
        "Task 2: default HistGradientBoosting on out-of-time folds scored PR-AUC "
        f"{plain:.3f} trained on every row and {undersampled_pr_auc:.3f} on undersampled rows; "
        "undersampling should clearly help"
    )


@pytest.mark.task(2)
def test_undersampled_boosting_pr_auc(metric, undersampled_pr_auc):
    metric("undersampled_pr_auc", undersampled_pr_auc)
