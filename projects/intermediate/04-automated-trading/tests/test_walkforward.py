"""Task 5: walk-forward folds with a purge and an embargo, and models that never see the test."""

import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.model_selection import TimeSeriesSplit

from trading.walkforward import (
    EMBARGO,
    N_SPLITS,
    TEST_SIZE,
    FoldModel,
    default_model,
    fit_fold_models,
    predict_walk_forward,
    walk_forward_splits,
)

CASES = [  # n_samples, n_splits, test_size, horizon, embargo, max_train_size
    (100, 3, 20, 5, 5, None),
    (100, 4, 10, 2, 0, None),
    (257, 5, 31, 3, 7, 40),
    (60, 2, 25, 1, 1, 9),
    (1000, 2, 100, 0, 0, None),
]


class Recorder(ClassifierMixin, BaseEstimator):
    """Learns nothing: remembers its training rows, and answers len(rows) / 10,000."""

    def __init__(self, rising_first: bool = False):
        self.rising_first = rising_first

    def fit(self, X, y):
        self.X_, self.y_ = np.array(X, dtype=float), np.array(y, dtype=float)
        self.classes_ = np.array([1.0, 0.0] if self.rising_first else [0.0, 1.0])
        return self

    def predict_proba(self, X):
        rise = np.full(len(X), len(self.y_) / 10_000)
        columns = [rise, 1 - rise] if self.rising_first else [1 - rise, rise]
        return np.column_stack(columns)


def data(size: int, seed: int):
    rng = np.random.default_rng(seed)
    index = pd.date_range("2010-01-04", periods=size, freq="B")
    features = pd.DataFrame(rng.normal(size=(size, 3)), index=index, columns=list("abc"))
    features.iloc[:4] = np.nan  # warm-up rows
    features.iloc[50, 1] = np.nan  # a gap in the training rows
    features.iloc[100, 2] = np.nan  # and one in a test block
    labels = pd.Series((rng.random(size) < 0.5).astype(float), index=index)
    labels.iloc[60] = np.nan  # a label lost in the training rows
    labels.iloc[-3:] = np.nan  # the future is unknown
    return features, labels


def as_lists(splits):
    return [(train.tolist(), test.tolist()) for train, test in splits]


@pytest.mark.task(5)
@pytest.mark.parametrize(("n", "splits", "test_size", "horizon", "embargo", "max_train"), CASES)
def test_the_folds_are_time_series_splits_with_a_gap(
    n, splits, test_size, horizon, embargo, max_train
):
    got = as_lists(walk_forward_splits(n, splits, test_size, horizon, embargo, max_train))
    reference = TimeSeriesSplit(
        splits, test_size=test_size, gap=horizon + embargo, max_train_size=max_train
    )
    expected = as_lists(reference.split(np.zeros(n)))
    assert len(got) == len(expected), f"Task 5: expected {len(expected)} folds, got {len(got)}"
    for fold, ((train, test), (want_train, want_test)) in enumerate(
        zip(got, expected, strict=True)
    ):
        assert test == want_test, (
            f"Task 5: fold {fold} of n={n}, {splits} blocks of {test_size}: the test block should "
            f"be positions {want_test[0]}..{want_test[-1]}, got {test[:1]}..{test[-1:]}"
        )
        assert train == want_train, (
            f"Task 5: fold {fold} (horizon {horizon}, embargo {embargo}, max_train_size "
            f"{max_train}): train should be {want_train[0]}..{want_train[-1]} (it stops "
            f"horizon + embargo = {horizon + embargo} bars before the test block at "
            f"{want_test[0]}), got {train[:1]}..{train[-1:]}"
        )


@pytest.mark.task(5)
def test_the_defaults():
    got = as_lists(walk_forward_splits(5031))
    expected = as_lists(
        TimeSeriesSplit(N_SPLITS, test_size=TEST_SIZE, gap=5 + EMBARGO).split(np.zeros(5031))
    )
    assert got == expected, (
        f"Task 5: the defaults are {N_SPLITS} blocks of {TEST_SIZE}, a horizon of 5 and an "
        f"embargo of {EMBARGO}"
    )


@pytest.mark.task(5)
@pytest.mark.parametrize(("horizon", "embargo"), [(5, 0), (3, 4), (10, 10)])
def test_no_training_label_reaches_the_test_block(horizon, embargo):
    for train, test in walk_forward_splits(400, 3, 50, horizon, embargo):
        # the label of position i is made of positions i+1 .. i+horizon
        reach = train.max() + horizon
        assert reach + embargo == test.min() - 1, (
            f"Task 5: the last training label (position {train.max()}) looks ahead to {reach}; "
            f"with an embargo of {embargo} it must end exactly {embargo} bars before the test "
            f"block at {test.min()}: no closer (a leak), no further (data thrown away)"
        )


@pytest.mark.task(5)
def test_too_few_samples_is_an_error():
    with pytest.raises(ValueError):
        list(walk_forward_splits(100, 3, 30, 5, 5))  # 10 left before the first block: a gap of 10
    folds = list(walk_forward_splits(101, 3, 30, 5, 5))
    assert folds[0][0].tolist() == [0], (
        "Task 5: 101 samples, 3 blocks of 30 and a gap of 10 leave exactly one training "
        "position (0)"
    )


@pytest.mark.task(5)
def test_each_fold_model_learns_from_its_complete_training_rows(seed):
    features, labels = data(200, seed)
    folds = list(walk_forward_splits(200, 3, 40, 2, 3))
    template = Recorder()
    fitted = fit_fold_models(features, labels, iter(folds), template)
    assert not hasattr(template, "X_"), (
        "Task 5: fit a clone of the model for each fold, never the model itself"
    )
    assert len(fitted) == 3 and all(isinstance(fold, FoldModel) for fold in fitted)
    assert len({id(fold.model) for fold in fitted}) == 3, "Task 5: a fresh clone per fold"
    for number, (fold, (train, test)) in enumerate(zip(fitted, folds, strict=True)):
        assert fold.start == features.index[test[0]], (
            f"Task 5: fold {number}'s model may trade from its test block's first row, "
            f"{features.index[test[0]].date()}; got {fold.start}"
        )
        rows = features.iloc[train]
        known = rows.notna().all(axis=1) & labels.iloc[train].notna()
        assert np.array_equal(fold.model.X_, rows[known].to_numpy()) and np.array_equal(
            fold.model.y_, labels.iloc[train][known].to_numpy()
        ), (
            f"Task 5: fold {number} should be fitted on its {int(known.sum())} training rows "
            f"whose features and label are all known, got {len(fold.model.y_)} rows"
        )


@pytest.mark.task(5)
def test_the_future_does_not_change_a_fold_model(sp500, seed):
    from trading.features import forward_label, make_features

    features, labels = make_features(sp500["close"]), forward_label(sp500["close"])
    folds = list(walk_forward_splits(len(sp500), n_splits=3, test_size=600))
    first_train_end = folds[0][0][-1]
    rewritten = labels.copy()
    rewritten.iloc[first_train_end + 1 :] = np.random.default_rng(seed).integers(
        0, 2, len(labels) - first_train_end - 1
    )
    before = fit_fold_models(features, labels, iter(folds), default_model())[0].model
    after = fit_fold_models(features, rewritten, iter(folds), default_model())[0].model
    assert np.array_equal(before[-1].coef_, after[-1].coef_), (
        "Task 5: rewriting the labels after the first fold's last training row changed its model: "
        "it learnt from labels it should not see"
    )


@pytest.mark.task(5)
@pytest.mark.parametrize("rising_first", [False, True])
def test_each_row_is_predicted_by_the_model_of_its_block(seed, rising_first):
    features, labels = data(200, seed)
    folds = list(walk_forward_splits(200, 3, 40, 2, 3))
    fitted = fit_fold_models(features, labels, iter(folds), Recorder(rising_first))
    probabilities = predict_walk_forward(features, fitted)
    expected = pd.Series(np.nan, index=features.index)
    for (_train, test), fold in zip(folds, fitted, strict=True):
        expected.iloc[test] = len(fold.model.y_) / 10_000
    expected[features.isna().any(axis=1)] = np.nan
    assert probabilities.index.equals(features.index)
    same = np.isclose(probabilities, expected, equal_nan=True)
    bad = np.flatnonzero(~same)
    assert bad.size == 0, (
        f"Task 5: row {bad[0]} ({features.index[bad[0]].date()}) should get "
        f"{expected.iloc[bad[0]]} "
        f"from the fold model of its block (NaN before the first block and where a feature is "
        f"NaN; the column of label 1 in classes_), got {probabilities.iloc[bad[0]]}"
    )


@pytest.mark.task(5)
def test_the_walk_forward_probabilities_of_the_sp500(sp500, figure):
    from sklearn.metrics import roc_auc_score

    from trading.features import forward_label, make_features

    features, labels = make_features(sp500["close"]), forward_label(sp500["close"])
    fitted = fit_fold_models(features, labels, walk_forward_splits(len(sp500)), default_model())
    probabilities = predict_walk_forward(features, fitted)
    scored = probabilities.notna() & labels.notna()
    assert scored.sum() == N_SPLITS * TEST_SIZE - 5, (
        "Task 5: every test row but the last 5 (no label) is scored"
    )
    figure("walk_forward_auc", roc_auc_score(labels[scored], probabilities[scored]))
