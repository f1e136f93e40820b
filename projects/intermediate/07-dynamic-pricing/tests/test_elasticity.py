"""Tasks 1 and 2: the log-log regression with controls, and two-stage least squares."""

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from statsmodels.sandbox.regression.gmm import IV2SLS

from pricing.elasticity import (
    CONTROLS,
    WEEKDAY_COLUMNS,
    iv_elasticity,
    log_log_frame,
    naive_elasticity,
    two_stage_least_squares,
)
from pricing.simulator import (
    CROSS_ELASTICITY,
    DAYS_PER_YEAR,
    PROMOTION_LIFT,
    YEARLY,
    simulate_market,
)

COLUMNS = [
    "log_sales",
    "log_price",
    "log_cost",
    "log_competitor",
    "promotion",
    "season_sin",
    "season_cos",
]


def small_history() -> pd.DataFrame:
    """Fourteen days of two products; product 1 stocks out on day 3 and sells nothing on day 5."""
    days = np.arange(14)
    rows = []
    for product in (0, 1):
        for day in days:
            sales = 10 + day + 5 * product
            stocked_out = product == 1 and day == 3
            if product == 1 and day == 5:
                sales = 0
            if product == 0 and day == 6:
                sales = 1  # one unit sold is a measurement: log 1 = 0
            rows.append(
                {
                    "day": day + 100,
                    "product": product,
                    "weekday": (day + 100) % 7,
                    "price": 5.0 + 0.5 * day + product,
                    "cost": 2.0 + 0.1 * day,
                    "competitor_price": 6.0 - 0.2 * day,
                    "promotion": int(day % 4 == 0),
                    "stock": 40,
                    "sales": 40 if stocked_out else sales,
                    "stocked_out": stocked_out,
                }
            )
    return pd.DataFrame(rows, index=np.arange(28) + 500)


# Task 1: the naive log-log regression ---------------------------------------------------


@pytest.mark.task(1)
@pytest.mark.parametrize("product", [0, 1])
def test_log_log_frame_by_hand(product):
    history = small_history()
    frame = log_log_frame(history, product)
    rows = history[
        (history["product"] == product) & ~history["stocked_out"] & (history["sales"] > 0)
    ]
    assert list(frame.index) == list(rows.index), (
        f"Task 1: log_log_frame(history, {product}) should keep the rows {list(rows.index)} "
        f"(its product, no stock-out, sales > 0), got {list(frame.index)}"
    )
    assert set(frame.columns) == set(COLUMNS + WEEKDAY_COLUMNS), (
        f"Task 1: expected the columns {COLUMNS + WEEKDAY_COLUMNS}, got {list(frame.columns)}"
    )
    angle = 2 * np.pi * rows["day"] / DAYS_PER_YEAR
    want = {
        "log_sales": np.log(rows["sales"]),
        "log_price": np.log(rows["price"]),
        "log_cost": np.log(rows["cost"]),
        "log_competitor": np.log(rows["competitor_price"]),
        "promotion": rows["promotion"],
        "season_sin": np.sin(angle),
        "season_cos": np.cos(angle),
    }
    for k, column in enumerate(WEEKDAY_COLUMNS, start=1):
        want[column] = (rows["weekday"] == k).astype(float)
    for column, values in want.items():
        np.testing.assert_allclose(
            frame[column].to_numpy(dtype=float),
            np.asarray(values, dtype=float),
            rtol=1e-12,
            err_msg=f"Task 1: column {column} of log_log_frame is wrong (see its docstring)",
        )
    mondays = frame.loc[rows.index[rows["weekday"] == 0], WEEKDAY_COLUMNS]
    assert (mondays.to_numpy() == 0).all(), (
        "Task 1: Monday is the reference: all its weekday columns are 0"
    )


@pytest.mark.task(1)
@pytest.mark.parametrize("controls", [CONTROLS, ["promotion", "season_sin"]])
def test_naive_elasticity_matches_statsmodels(market, controls):
    frame = log_log_frame(market.history, 2)
    design = sm.add_constant(frame[["log_price", *controls]])
    fit = sm.OLS(frame["log_sales"], design).fit()
    got = naive_elasticity(frame, controls=controls)
    assert got.elasticity == pytest.approx(-fit.params["log_price"], rel=1e-9), (
        f"Task 1: with controls {controls}, statsmodels' OLS gives the elasticity "
        f"{-fit.params['log_price']:.6f}, you gave {got.elasticity:.6f}: the elasticity is "
        "minus the coefficient of log_price"
    )
    assert got.std_error == pytest.approx(fit.bse["log_price"], rel=1e-9), (
        f"Task 1: the standard error should be {fit.bse['log_price']:.6f}, got {got.std_error:.6f}"
    )
    assert list(got.params.index) == ["const", "log_price", *controls], (
        "Task 1: params should be indexed const, log_price, then the controls; "
        f"got {list(got.params.index)}"
    )
    np.testing.assert_allclose(got.params.to_numpy(), fit.params.to_numpy(), rtol=1e-9)
    np.testing.assert_allclose(got.std_errors.to_numpy(), fit.bse.to_numpy(), rtol=1e-9)


@pytest.mark.task(1)
def test_a_control_that_never_varies_still_gets_its_own_constant(market):
    frame = log_log_frame(market.history, 1).assign(promotion=1.0)  # always on promotion
    design = sm.add_constant(frame[["log_price", "promotion"]], has_constant="add")
    fit = sm.OLS(frame["log_sales"], design).fit()
    got = naive_elasticity(frame, controls=["promotion"])
    assert list(got.params.index) == ["const", "log_price", "promotion"], (
        "Task 1: add the constant even when a control is constant (has_constant='add'); got "
        f"{list(got.params.index)}"
    )
    assert got.elasticity == pytest.approx(-fit.params["log_price"], rel=1e-9)


@pytest.mark.task(1)
def test_without_endogeneity_the_regression_recovers_the_market(seed):
    exogenous = simulate_market(n_products=3, endogeneity=0.0, seed=seed)
    for product, truth in enumerate(exogenous.elasticity):
        estimate = naive_elasticity(log_log_frame(exogenous.history, product))
        assert estimate.elasticity == pytest.approx(truth, rel=0.15), (
            f"Task 1: when prices ignore demand shocks, the log-log regression should recover "
            f"product {product}'s elasticity {truth}; got {estimate.elasticity:.3f}"
        )
        effects = {
            "log_competitor": CROSS_ELASTICITY,
            "promotion": PROMOTION_LIFT,
            "season_sin": YEARLY,
            "season_cos": 0.0,
        }
        for name, value in effects.items():
            assert estimate.params[name] == pytest.approx(value, abs=0.15), (
                f"Task 1: the coefficient of {name} should be near the market's {value}, got "
                f"{estimate.params[name]:.3f}"
            )


# Task 2: two-stage least squares --------------------------------------------------------


def random_iv_data(rng, n_instruments):
    n = 400
    z = rng.normal(size=(n, n_instruments))
    exog = np.column_stack([np.ones(n), rng.normal(size=n)])
    shock = rng.normal(size=n)
    endog = (z.sum(axis=1) + 0.8 * shock + rng.normal(size=n))[:, None]
    y = exog @ [1.0, 0.5] - 2.0 * endog[:, 0] + shock
    return y, exog, endog, z


@pytest.mark.task(2)
@pytest.mark.parametrize("n_instruments", [1, 3])
def test_two_stage_least_squares_matches_statsmodels(seed, n_instruments):
    y, exog, endog, z = random_iv_data(np.random.default_rng(seed + n_instruments), n_instruments)
    fit = IV2SLS(y, np.column_stack([exog, endog]), np.column_stack([exog, z])).fit()
    params, errors = two_stage_least_squares(y, exog, endog, z)
    np.testing.assert_allclose(
        params,
        fit.params,
        rtol=1e-9,
        err_msg=f"Task 2: 2SLS coefficients differ from statsmodels' IV2SLS ({n_instruments} IVs)",
    )
    np.testing.assert_allclose(
        errors,
        fit.bse,
        rtol=1e-9,
        err_msg="Task 2: 2SLS standard errors differ from statsmodels': residuals use the "
        "regressors themselves (y - X b), not their projection, and divide by n - (k + m)",
    )


@pytest.mark.task(2)
def test_two_stage_least_squares_refuses_too_few_instruments(seed):
    y, exog, endog, z = random_iv_data(np.random.default_rng(seed), 1)
    two_endogenous = np.column_stack([endog, endog[:, 0] ** 2])
    try:
        two_stage_least_squares(y, exog, two_endogenous, z)
    except ValueError as refused:
        assert "instrument" in str(refused), f"Task 2: name the instruments, got {refused}"
    else:
        pytest.fail(
            "Task 2: one instrument for two endogenous regressors cannot identify them: "
            "raise ValueError naming the instruments"
        )


@pytest.mark.task(2)
@pytest.mark.parametrize("controls", [CONTROLS, ["promotion", "log_competitor"]])
def test_iv_elasticity_matches_statsmodels(market, controls):
    frame = log_log_frame(market.history, 4)
    exog = sm.add_constant(frame[controls])
    fit = IV2SLS(
        frame["log_sales"],
        pd.concat([exog, frame[["log_price"]]], axis=1),
        pd.concat([exog, frame[["log_cost"]]], axis=1),
    ).fit()
    got = iv_elasticity(frame, controls=controls)
    assert got.elasticity == pytest.approx(-fit.params["log_price"], rel=1e-9), (
        f"Task 2: with controls {controls} and log_cost instrumenting log_price, IV2SLS gives "
        f"{-fit.params['log_price']:.6f}, you gave {got.elasticity:.6f}"
    )
    assert got.std_error == pytest.approx(fit.bse["log_price"], rel=1e-9)
    assert list(got.params.index) == ["const", *controls, "log_price"], (
        "Task 2: params should be indexed const, the controls, log_price; "
        f"got {list(got.params.index)}"
    )
    np.testing.assert_allclose(got.params.to_numpy(), fit.params.to_numpy(), rtol=1e-9)
    np.testing.assert_allclose(got.std_errors.to_numpy(), fit.bse.to_numpy(), rtol=1e-9)


@pytest.mark.task(2)
def test_instruments_undo_the_bias_the_seller_planted(market, metric, figure):
    naive, corrected = [], []
    for product in range(len(market.elasticity)):
        frame = log_log_frame(market.history, product)
        naive.append(naive_elasticity(frame).elasticity)
        corrected.append(iv_elasticity(frame).elasticity)
    naive_error = float(np.mean(np.abs(np.array(naive) - market.elasticity)))
    iv_error = float(np.mean(np.abs(np.array(corrected) - market.elasticity)))
    figure("naive_elasticity_error", naive_error)
    assert naive_error > 3 * iv_error, (
        f"Task 2: the instrumented elasticities should be far closer to the truth than the "
        f"naive ones; mean absolute errors {iv_error:.3f} (IV) and {naive_error:.3f} (naive)"
    )
    metric("iv_elasticity_error", iv_error)
