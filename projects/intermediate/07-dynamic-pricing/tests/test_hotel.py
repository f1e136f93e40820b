"""Task 4: a model of what real bookings pay, judged by shuffled folds and by time."""

import numpy as np
import pandas as pd
import pytest
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.model_selection import KFold

from pricing.hotel import (
    CATEGORICAL,
    NUMERIC,
    TARGET,
    cross_validated_rmse,
    fit_rate_model,
    load_hotel_rates,
    time_split_rmse,
)

FEATURES = NUMERIC + CATEGORICAL
SPLIT_DATE = "2017-05-01"  # ten months to learn from, four to judge on


@pytest.fixture(scope="module")
def bookings() -> pd.DataFrame:
    return load_hotel_rates()


@pytest.fixture(scope="module")
def sample(bookings) -> pd.DataFrame:
    """Every fifth booking: enough to tell one protocol from another, quickly."""
    return bookings.iloc[::5]


def reference_model(train, max_iter, learning_rate, seed):
    return HistGradientBoostingRegressor(
        categorical_features="from_dtype",
        monotonic_cst=[1 if feature == "historical_adr" else 0 for feature in FEATURES],
        max_iter=max_iter,
        learning_rate=learning_rate,
        random_state=seed,
    ).fit(train[FEATURES], train[TARGET])


def pooled_cv_rmse(frame) -> float:
    """The oracle of cross_validated_rmse(frame, n_splits=3, seed=5, max_iter=10,
    learning_rate=0.3): one RMSE over every out-of-fold prediction."""
    predictions = np.empty(len(frame))
    for train_rows, test_rows in KFold(3, shuffle=True, random_state=5).split(frame):
        model = reference_model(frame.iloc[train_rows], 10, 0.3, 5)
        predictions[test_rows] = model.predict(frame.iloc[test_rows][FEATURES])
    return rmse(frame[TARGET], predictions)


def rmse(y_true, y_pred) -> float:
    return float(np.sqrt(np.mean((np.asarray(y_true) - np.asarray(y_pred)) ** 2)))


@pytest.mark.task(4)
def test_the_rate_model_is_the_constrained_boosting_asked_for(sample):
    train, test = sample.iloc[:2000], sample.iloc[2000:]
    want = reference_model(train, 15, 0.3, 5).predict(test[FEATURES])
    got = fit_rate_model(train, max_iter=15, learning_rate=0.3, seed=5)
    assert isinstance(got, HistGradientBoostingRegressor)
    np.testing.assert_allclose(
        got.predict(test[FEATURES]),
        want,
        rtol=1e-9,
        err_msg=(
            "Task 4: fit_rate_model(max_iter=15, learning_rate=0.3, seed=5) should equal a "
            "HistGradientBoostingRegressor on NUMERIC + CATEGORICAL (categories from the "
            "dtypes), monotonic_cst +1 on historical_adr, every parameter passed on"
        ),
    )


@pytest.mark.task(4)
def test_a_dearer_history_never_predicts_a_cheaper_room(sample):
    model = fit_rate_model(sample.iloc[:2000], max_iter=40)
    rows = sample.iloc[2000:]
    higher = rows.copy()
    higher["historical_adr"] += 20.0
    falling = int(np.sum(model.predict(higher[FEATURES]) < model.predict(rows[FEATURES]) - 1e-9))
    assert falling == 0, (
        f"Task 4: raising historical_adr by 20 lowered the predicted rate of {falling} bookings; "
        "the model must be increasing in it (monotonic_cst)"
    )


@pytest.mark.task(4)
def test_cross_validation_pools_the_out_of_fold_predictions(sample):
    want = pooled_cv_rmse(sample)
    got = cross_validated_rmse(sample, n_splits=3, seed=5, max_iter=10, learning_rate=0.3)
    assert got == pytest.approx(want, rel=1e-9), (
        f"Task 4: cross_validated_rmse(n_splits=3, seed=5, max_iter=10, learning_rate=0.3) "
        f"should be {want:.6f} (KFold(3, shuffle=True, random_state=5), one RMSE over every "
        f"out-of-fold prediction), got {got:.6f}"
    )


@pytest.mark.task(4)
@pytest.mark.parametrize("split_date", ["2017-01-01", "2017-06-15"])
def test_time_split_trains_on_the_past_only(sample, split_date):
    later = sample["arrival_date"] >= pd.Timestamp(split_date)
    assert (sample["arrival_date"] == pd.Timestamp(split_date)).any(), (
        "the boundary day has arrivals"
    )
    model = reference_model(sample[~later], 10, 0.3, 5)
    want = rmse(sample.loc[later, TARGET], model.predict(sample.loc[later, FEATURES]))
    got = time_split_rmse(sample, split_date, seed=5, max_iter=10, learning_rate=0.3)
    assert got == pytest.approx(want, rel=1e-9), (
        f"Task 4: time_split_rmse(split_date={split_date!r}, seed=5, max_iter=10, "
        f"learning_rate=0.3) should be {want:.6f} (train on arrivals before the date, test on "
        f"the date and after), got {got:.6f}"
    )


# Above 10,000 training rows HistGradientBoostingRegressor stops early on a validation set
# it draws with its random_state: only on the full bookings does the seed change the model.


@pytest.mark.task(4)
def test_the_seed_reaches_the_model_once_it_holds_out_rows(bookings):
    train, test = bookings.iloc[:12000], bookings.iloc[12000:]
    want = reference_model(train, 15, 0.3, 5).predict(test[FEATURES])
    got = fit_rate_model(train, max_iter=15, learning_rate=0.3, seed=5).predict(test[FEATURES])
    np.testing.assert_allclose(
        got,
        want,
        rtol=1e-9,
        err_msg=(
            "Task 4: on 12,000 bookings the model holds out a validation set drawn with its "
            "random_state; fit_rate_model(..., seed=5) should pass random_state=seed"
        ),
    )


@pytest.mark.task(4)
def test_every_fold_uses_the_seed(bookings):
    want = pooled_cv_rmse(bookings)
    got = cross_validated_rmse(bookings, n_splits=3, seed=5, max_iter=10, learning_rate=0.3)
    assert got == pytest.approx(want, rel=1e-9), (
        f"Task 4: cross_validated_rmse(all bookings, n_splits=3, seed=5, max_iter=10, "
        f"learning_rate=0.3) should be {want:.6f}, got {got:.6f}; each fold trains on over "
        "10,000 bookings, where the seed draws the model's validation set: pass seed to "
        "every fit_rate_model, not only to KFold"
    )


@pytest.mark.task(4)
def test_the_time_split_model_uses_the_seed(bookings):
    later = bookings["arrival_date"] >= pd.Timestamp(SPLIT_DATE)
    model = reference_model(bookings[~later], 10, 0.3, 5)
    want = rmse(bookings.loc[later, TARGET], model.predict(bookings.loc[later, FEATURES]))
    got = time_split_rmse(bookings, SPLIT_DATE, seed=5, max_iter=10, learning_rate=0.3)
    assert got == pytest.approx(want, rel=1e-9), (
        f"Task 4: time_split_rmse(all bookings, {SPLIT_DATE!r}, seed=5, max_iter=10, "
        f"learning_rate=0.3) should be {want:.6f}, got {got:.6f}; the {int((~later).sum()):,} "
        "earlier bookings are over 10,000, where the seed draws the model's validation set: "
        "pass seed to fit_rate_model"
    )


@pytest.mark.task(4)
def test_rates_of_next_season(bookings, metric, figure):
    later = bookings["arrival_date"] >= pd.Timestamp(SPLIT_DATE)
    figure("hotel_test_sd", float(bookings.loc[later, TARGET].std()))
    figure("hotel_cv_rmse", cross_validated_rmse(bookings))
    metric("hotel_time_rmse", time_split_rmse(bookings, SPLIT_DATE))
