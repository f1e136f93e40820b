"""Task 3: SARIMA fitted with statsmodels, its orders chosen by AIC, forecasts with intervals."""

import numpy as np
import pytest
from statsmodels.tsa.statespace.sarimax import SARIMAX

from forecasting.metrics import mape
from forecasting.sarima import (
    NO_SEASON,
    ORDERS,
    SEASONAL_ORDERS,
    fit_sarima,
    sarima_forecast,
    select_order,
)

AR_COEFFICIENTS = (0.6, -0.3)  # y[t] = 0.6 y[t-1] - 0.3 y[t-2] + noise
SAMPLES = 400
AR_ORDERS = [(p, 0, 0) for p in range(4)]


@pytest.fixture(scope="module")
def ar2_series() -> np.ndarray:
    """A simulated AR(2) process: the order the AIC should find."""
    rng = np.random.default_rng(0)
    noise = rng.standard_normal(SAMPLES)
    values = np.zeros(SAMPLES)
    for t in range(2, SAMPLES):
        values[t] = AR_COEFFICIENTS[0] * values[t - 1] + AR_COEFFICIENTS[1] * values[t - 2]
        values[t] += noise[t]
    return values


@pytest.mark.task(3)
def test_fit_sarima_recovers_the_coefficients_of_a_known_process(ar2_series):
    results = fit_sarima(ar2_series, (2, 0, 0))
    assert isinstance(getattr(results, "model", None), SARIMAX), (
        "Task 3: fit_sarima should return the fitted results of statsmodels' SARIMAX, got "
        f"{type(results).__name__}"
    )
    assert results.model.order == (2, 0, 0) and results.model.seasonal_order == NO_SEASON, (
        f"Task 3: expected a SARIMAX of order (2, 0, 0) and no season, got {results.model.order} "
        f"and {results.model.seasonal_order}"
    )
    estimated = results.params[:2]
    assert np.allclose(estimated, AR_COEFFICIENTS, atol=0.1), (
        f"Task 3: the series was simulated with AR coefficients {AR_COEFFICIENTS}; the fit "
        f"estimated {np.round(estimated, 3)}: was it fitted at all?"
    )


@pytest.mark.task(3)
def test_select_order_ranks_candidates_by_aic_and_finds_the_true_order(ar2_series):
    table = select_order(ar2_series, AR_ORDERS, [NO_SEASON])
    assert list(table.columns[:3]) == ["order", "seasonal_order", "aic"] and len(table) == 4, (
        "Task 3: expected one row per candidate with the columns order, seasonal_order, aic; "
        f"got {len(table)} rows and columns {list(table.columns)}"
    )
    assert table["aic"].is_monotonic_increasing and list(table.index) == [0, 1, 2, 3], (
        f"Task 3: sort the rows by AIC, lowest (best) first, on a fresh index 0..n-1; got\n{table}"
    )
    assert {tuple(order) for order in table["order"]} == set(AR_ORDERS), (
        f"Task 3: every candidate of the grid should be in the table, got {list(table['order'])}"
    )
    assert tuple(table["order"].iloc[0]) == (2, 0, 0), (
        "Task 3: the series is an AR(2), and the AIC should prefer order (2, 0, 0) among "
        f"AR(0) to AR(3); the table is\n{table}"
    )
    own = table.set_index(table["order"].map(tuple)).loc[[(1, 0, 0)], "aic"].iloc[0]
    assert own == pytest.approx(fit_sarima(ar2_series, (1, 0, 0)).aic), (
        "Task 3: the AIC in the table should be that of fit_sarima on the same data"
    )


@pytest.mark.task(3)
def test_select_order_refuses_candidates_with_different_differencing(ar2_series):
    with pytest.raises(ValueError):
        select_order(ar2_series, [(1, 0, 0), (1, 1, 0)], [NO_SEASON])
        pytest.fail(
            "Task 3: orders (1, 0, 0) and (1, 1, 0) differ in d: the second is fitted to the "
            "differenced series, so their AICs are not comparable. Raise a ValueError"
        )
    with pytest.raises(ValueError):
        select_order(ar2_series, [(0, 1, 1)], [(0, 1, 1, 12), (0, 0, 1, 12)])
        pytest.fail(
            "Task 3: seasonal orders (0, 1, 1, 12) and (0, 0, 1, 12) differ in D, the seasonal "
            "differencing: their AICs are not comparable either. Raise a ValueError"
        )


@pytest.mark.task(3)
def test_co2_search_covers_the_grid(order_table):
    expected = {(order, seasonal) for order in ORDERS for seasonal in SEASONAL_ORDERS}
    found = {(tuple(row.order), tuple(row.seasonal_order)) for row in order_table.itertuples()}
    assert found == expected, (
        f"Task 3: select_order should try every pair of ORDERS and SEASONAL_ORDERS, {expected}; "
        f"got {found}"
    )
    assert order_table["aic"].is_monotonic_increasing, (
        f"Task 3: rank the candidates by AIC, best first; got\n{order_table}"
    )


@pytest.mark.task(3)
def test_the_chosen_orders_are_the_ones_fitted(sarima_results, chosen_order):
    order, seasonal_order = chosen_order
    fitted = (tuple(sarima_results.model.order), tuple(sarima_results.model.seasonal_order))
    assert fitted == (order, seasonal_order), (
        f"Task 3: fit_sarima(train, {order}, {seasonal_order}) should fit those orders, "
        f"got {fitted}: pass both order= and seasonal_order= to SARIMAX"
    )


@pytest.mark.task(3)
def test_sarima_forecast_has_dated_means_inside_widening_intervals(sarima_holdout, co2_test):
    assert list(sarima_holdout.columns) == ["mean", "lower", "upper"], (
        f"Task 3: expected the columns mean, lower, upper; got {list(sarima_holdout.columns)}"
    )
    assert sarima_holdout.index.equals(co2_test.index), (
        "Task 3: the forecast should be indexed by the 48 months after training, 1998-01 to "
        f"2001-12; got {sarima_holdout.index[0]} to {sarima_holdout.index[-1]}"
    )
    lower, mean, upper = (
        sarima_holdout[column].to_numpy() for column in ("lower", "mean", "upper")
    )
    assert np.all(lower < mean) and np.all(mean < upper), (
        "Task 3: every forecast mean should lie strictly inside its interval"
    )
    width = upper - lower
    assert width[-1] > 2 * width[0], (
        f"Task 3: uncertainty grows with the horizon: the interval is {width[0]:.2f} ppm wide "
        f"one month ahead and should be far wider 48 months ahead, got {width[-1]:.2f}. Pass "
        "alpha to conf_int"
    )


@pytest.mark.task(3)
def test_a_lower_confidence_gives_a_narrower_interval(sarima_results, sarima_holdout):
    narrow = sarima_forecast(sarima_results, len(sarima_holdout), alpha=0.5)
    assert np.allclose(narrow["mean"], sarima_holdout["mean"]), (
        "Task 3: alpha changes the interval, not the forecast"
    )
    ratio = (narrow["upper"] - narrow["lower"]) / (
        sarima_holdout["upper"] - sarima_holdout["lower"]
    )
    assert np.allclose(ratio, 0.6745 / 1.96, atol=1e-3), (
        "Task 3: a 50% interval (alpha=0.5) is 0.6745 / 1.96 = 0.344 times as wide as the 95% "
        f"one (alpha=0.05, the default); got ratios from {ratio.min():.3f} to {ratio.max():.3f}"
    )


@pytest.mark.task(3)
def test_co2_sarima_mape(metric, co2_test, sarima_holdout, seasonal_naive_mape):
    value = mape(co2_test, sarima_holdout["mean"])
    assert value < seasonal_naive_mape, (
        f"Task 3: SARIMA's MAPE {value:.3f}% should beat the seasonal naive forecast's "
        f"{seasonal_naive_mape:.3f}%"
    )
    metric("co2_sarima_mape", value)
