"""Task 3: a demand model with price monotonicity, trained on the past, judged on the future."""

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingRegressor

from pricing.demand import FEATURES, demand_features, fit_demand_model, rmse, time_split
from pricing.simulator import simulate_market

SPLIT_DAY = 548  # eighteen months to learn from, six to judge on


@pytest.fixture(scope="module")
def split(market):
    """The history before SPLIT_DAY and from it on, cut here rather than by your time_split."""
    history = market.history
    return history[history["day"] < SPLIT_DAY], history[history["day"] >= SPLIT_DAY]


@pytest.fixture(scope="module")
def model(split):
    """Your model with its defaults, fitted once on first use (inside the test that asks)."""
    fitted = {}

    def get():
        if "model" not in fitted:
            fitted["model"] = fit_demand_model(split[0])
        return fitted["model"]

    return get


@pytest.mark.task(3)
@pytest.mark.parametrize("split_day", [1, 300, 729])
def test_time_split_cuts_on_the_day(market, split_day):
    train, test = time_split(market.history, split_day)
    assert train["day"].max() == split_day - 1 and test["day"].min() == split_day, (
        f"Task 3: time_split(history, {split_day}) should train on days < {split_day} and test "
        f"on days >= {split_day}; got training days up to {train['day'].max()} and test days "
        f"from {test['day'].min()}"
    )
    assert len(train) + len(test) == len(market.history)
    assert train.index.union(test.index).equals(market.history.index), (
        "Task 3: time_split should keep history's index: every row in one part, once"
    )


@pytest.mark.task(3)
@pytest.mark.parametrize(
    ("drop_censored", "max_iter", "learning_rate", "seed"),
    [(True, 30, 0.2, 5), (False, 20, 0.05, 13)],
)
def test_the_model_is_the_constrained_boosting_asked_for(
    split, drop_censored, max_iter, learning_rate, seed
):
    train, test = split
    rows = train[~train["stocked_out"]] if drop_censored else train
    want = HistGradientBoostingRegressor(
        loss="poisson",
        categorical_features=["product", "weekday"],
        monotonic_cst=[-1 if feature == "log_price" else 0 for feature in FEATURES],
        max_iter=max_iter,
        learning_rate=learning_rate,
        random_state=seed,
    ).fit(demand_features(rows), rows["sales"])
    got = fit_demand_model(
        train,
        drop_censored=drop_censored,
        max_iter=max_iter,
        learning_rate=learning_rate,
        seed=seed,
    )
    assert isinstance(got, HistGradientBoostingRegressor)
    np.testing.assert_allclose(
        got.predict(demand_features(test)),
        want.predict(demand_features(test)),
        rtol=1e-9,
        err_msg=(
            f"Task 3: fit_demand_model(drop_censored={drop_censored}, max_iter={max_iter}, "
            f"learning_rate={learning_rate}, seed={seed}) should equal a Poisson "
            "HistGradientBoostingRegressor with product and weekday categorical, monotonic_cst "
            "-1 on log_price, every parameter passed on, trained on the rows asked for"
        ),
    )


@pytest.mark.task(3)
def test_the_seed_reaches_the_model_once_it_holds_out_rows(split, seed):
    """Above 10,000 rows, HistGradientBoostingRegressor stops early on a validation set it
    draws with its random_state: only then does the seed change the model."""
    history = simulate_market(n_products=14, seed=seed).history  # 10,220 rows
    assert len(history) > 10_000
    test = split[1]
    want = HistGradientBoostingRegressor(
        loss="poisson",
        categorical_features=["product", "weekday"],
        monotonic_cst=[-1 if feature == "log_price" else 0 for feature in FEATURES],
        max_iter=20,
        learning_rate=0.2,
        random_state=5,
    ).fit(demand_features(history), history["sales"])
    got = fit_demand_model(history, max_iter=20, learning_rate=0.2, seed=5)
    np.testing.assert_allclose(
        got.predict(demand_features(test)),
        want.predict(demand_features(test)),
        rtol=1e-9,
        err_msg=(
            "Task 3: on 10,220 rows the model holds out a validation set drawn with its "
            "random_state, and fit_demand_model(..., seed=5) differs from the same model with "
            "random_state=5: pass random_state=seed, not a fixed seed"
        ),
    )


@pytest.mark.task(3)
def test_predicted_demand_never_rises_with_price(split, model):
    test, model = split[1], model()
    rows = test.iloc[::50]
    for factor_low, factor_high in [(0.6, 0.8), (0.8, 1.0), (1.0, 1.25), (1.25, 1.6)]:
        low, high = rows.copy(), rows.copy()
        low["price"] *= factor_low
        high["price"] *= factor_high
        cheaper = model.predict(demand_features(low))
        dearer = model.predict(demand_features(high))
        rising = int(np.sum(dearer > cheaper + 1e-9))
        assert rising == 0, (
            f"Task 3: raising the price from {factor_low} to {factor_high} times the observed one "
            f"raised the predicted demand of {rising} of {len(rows)} days; demand must never rise "
            "with its own price (monotonic_cst)"
        )


@pytest.mark.task(3)
def test_rmse_by_hand():
    assert rmse(np.array([1.0, 2.0, 3.0, 4.0]), np.array([2.0, 2.0, 1.0, 4.0])) == pytest.approx(
        np.sqrt(5 / 4)
    ), "Task 3: rmse is the square root of the mean of the squared differences"
    assert rmse([3.0], [3.0]) == 0.0


@pytest.mark.task(3)
def test_demand_forecast_on_the_future(market, split, model, metric, figure):
    train, test = split
    features = demand_features(test)
    prediction = model().predict(features)
    censored = test["stocked_out"].to_numpy()
    by_product = train.groupby("product")["sales"].mean()
    figure("product_mean_rmse", rmse(test["demand"], by_product.loc[test["product"]].to_numpy()))
    dropped = fit_demand_model(train, drop_censored=True).predict(features)
    figure("dropped_censored_rmse", rmse(test["demand"], dropped))
    figure(
        "stockout_day_shortfall",
        float(np.mean(test["demand"].to_numpy()[censored] - prediction[censored])),
    )
    free = HistGradientBoostingRegressor(
        loss="poisson", categorical_features=["product", "weekday"], random_state=7
    ).fit(demand_features(train), train["sales"])
    cheaper, dearer = test.copy(), test.copy()
    dearer["price"] *= 1.1
    rise = free.predict(demand_features(dearer)) > free.predict(demand_features(cheaper)) + 1e-9
    figure("unconstrained_rising_share", float(np.mean(rise)))
    metric("demand_rmse", rmse(test["demand"], prediction))
