"""Task 5: the capped RUL target, RMSE and NASA's score by hand, and quantile boosting."""

import math

import numpy as np
import pandas as pd
import pytest
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import root_mean_squared_error

from maintenance.pipeline import FEATURES, last_reading_rul, linear_degradation_rul
from maintenance.rul import QuantileBoosting, nasa_score, piecewise_rul, rmse


@pytest.mark.task(5)
@pytest.mark.parametrize("cap", [125, 50])
def test_piecewise_rul(cap):
    frame = pd.DataFrame(
        {"unit": [2] * 70 + [5] * 60, "cycle": list(range(1, 71)) + list(range(11, 71))}
    )
    got = piecewise_rul(frame) if cap == 125 else piecewise_rul(frame, cap=cap)
    want = np.minimum(cap, 70 - frame["cycle"].to_numpy())  # both units end at cycle 70
    np.testing.assert_array_equal(
        np.asarray(got),
        want,
        err_msg=f"Task 5: min({cap}, the unit's last cycle - cycle), per unit",
    )
    shuffled = frame.sample(frac=1.0, random_state=3)
    np.testing.assert_array_equal(
        np.asarray(piecewise_rul(shuffled, cap=cap)),
        np.minimum(cap, 70 - shuffled["cycle"].to_numpy()),
        err_msg="Task 5: rows in any order: each row's own unit's last cycle",
    )
    other = frame.assign(cycle=frame["cycle"] + np.where(frame["unit"] == 5, 30, 0))
    assert np.asarray(piecewise_rul(other, cap=cap))[70] == min(cap, 100 - 41), (
        "Task 5: each unit has its own last cycle"
    )


@pytest.mark.task(5)
def test_rmse_and_nasa_score_by_hand():
    rng = np.random.default_rng(5)
    truth, prediction = rng.uniform(0, 125, 50), rng.uniform(0, 125, 50)
    assert rmse(truth, prediction) == pytest.approx(
        root_mean_squared_error(truth, prediction), rel=1e-12
    ), "Task 5: RMSE is the square root of the mean squared error"
    assert rmse([3.0], [7.0]) == pytest.approx(4.0)
    assert nasa_score([50.0], [50.0]) == 0.0, "Task 5: a perfect prediction scores 0"
    assert nasa_score([50.0], [37.0]) == pytest.approx(math.e - 1), (
        "Task 5: 13 cycles too early costs exp(13 / 13) - 1"
    )
    assert nasa_score([50.0], [60.0]) == pytest.approx(math.e - 1), (
        "Task 5: 10 cycles too late costs exp(10 / 10) - 1"
    )
    assert nasa_score([50.0, 50.0], [40.0, 60.0]) > 2 * nasa_score([50.0], [40.0]), (
        "Task 5: late is costlier than early by the same number of cycles"
    )
    d = prediction - truth
    want = np.sum(np.where(d < 0, np.exp(-d / 13) - 1, np.exp(d / 10) - 1))
    assert nasa_score(list(truth), list(prediction)) == pytest.approx(want, rel=1e-12), (
        "Task 5: d = y_pred - y_true, summed over the units (truth first, as scikit-learn)"
    )


@pytest.mark.task(5)
def test_quantile_boosting_is_scikit_learns_protocol(train_features):
    rows = train_features.iloc[::8]
    features, target = rows[list(FEATURES)], piecewise_rul(rows)
    quantiles, max_iter, learning_rate, seed = (0.2, 0.5, 0.75), 15, 0.3, 5
    model = QuantileBoosting(quantiles, max_iter=max_iter, learning_rate=learning_rate, seed=seed)
    got = model.fit(features, target).predict(features.iloc[:300])
    columns = []
    for quantile in quantiles:
        reference = HistGradientBoostingRegressor(
            loss="quantile",
            quantile=quantile,
            max_iter=max_iter,
            learning_rate=learning_rate,
            early_stopping=True,
            random_state=seed,
        ).fit(features, target)
        columns.append(reference.predict(features.iloc[:300]))
    want = np.sort(np.column_stack(columns), axis=1)
    assert got.shape == (300, 3), f"Task 5: predict gives (rows, quantiles), got {got.shape}"
    np.testing.assert_allclose(
        got,
        want,
        rtol=1e-12,
        err_msg=f"Task 5: one HistGradientBoostingRegressor(loss='quantile', quantile=q, "
        f"max_iter={max_iter}, learning_rate={learning_rate}, early_stopping=True, "
        f"random_state={seed}) per quantile, each row sorted",
    )
    assert [m.quantile for m in model.models] == list(quantiles)
    assert np.all(np.diff(got, axis=1) >= 0), "Task 5: quantiles must not cross"


@pytest.mark.task(5)
def test_the_seed_reaches_the_models(train_features):
    rows = train_features.iloc[::8]
    features, target = rows[list(FEATURES)], piecewise_rul(rows)
    one = QuantileBoosting((0.5,), max_iter=10, seed=3).fit(features, target).predict(features)
    two = QuantileBoosting((0.5,), max_iter=10, seed=4).fit(features, target).predict(features)
    assert not np.array_equal(one, two), (
        "Task 5: two seeds should give two models (early stopping draws its validation set)"
    )


@pytest.mark.task(5)
def test_rul_on_the_held_out_fleet(quantile_model, train_features, test_features, metric, figure):
    truth = piecewise_rul(test_features)
    predicted = quantile_model.predict(test_features[list(FEATURES)])
    error = rmse(truth, predicted[:, 1])
    last_reading = rmse(
        truth, last_reading_rul(train_features, piecewise_rul(train_features), test_features)
    )
    trend = rmse(truth, linear_degradation_rul(test_features))
    metric("rul_rmse", error)
    metric("rmse_gain_over_last_reading", last_reading - error)
    metric("rmse_gain_over_linear_degradation", trend - error)
    metric("interval_coverage", np.mean((predicted[:, 0] <= truth) & (truth <= predicted[:, 2])))
    figure("nasa_score_per_cycle", nasa_score(truth, predicted[:, 1]) / truth.size)
    figure("last_reading_rmse", last_reading)
    figure("linear_degradation_rmse", trend)
