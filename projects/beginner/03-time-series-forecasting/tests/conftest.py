"""Shared fixtures: the two series, their splits, the fitted models and the backtests.

Everything costly is built once per session. The package is imported inside the
fixtures, not at the top: this file loads before the kata's conftest.py has chosen
which implementation (starter, solution or yours) to import.
"""

import pytest


@pytest.fixture(scope="session")
def co2_split():
    """The monthly CO2 up to 1997-12 (training) and the 48 months after it (test)."""
    from forecasting.experiments import co2_split

    return co2_split()


@pytest.fixture(scope="session")
def co2_train(co2_split):
    return co2_split[0]


@pytest.fixture(scope="session")
def co2_test(co2_split):
    return co2_split[1]


@pytest.fixture(scope="session")
def baseline_forecasts(co2_train, co2_test):
    """Your naive and seasonal naive forecasts of the 48 test months."""
    from forecasting.experiments import baseline_forecasts

    return baseline_forecasts(co2_train, len(co2_test))


@pytest.fixture(scope="session")
def seasonal_naive_mape(co2_test, baseline_forecasts):
    """The bar both models must beat: the seasonal naive forecast's MAPE on the test months."""
    from forecasting.experiments import SEASONAL_NAIVE
    from forecasting.metrics import mape

    return mape(co2_test, baseline_forecasts[SEASONAL_NAIVE]["mean"])


@pytest.fixture(scope="session")
def order_table(co2_train):
    """Your Task 3 AIC ranking of the SARIMA candidates on the training months."""
    from forecasting.sarima import select_order

    return select_order(co2_train)


@pytest.fixture(scope="session")
def chosen_order(order_table):
    """The (order, seasonal_order) with the lowest AIC."""
    best = order_table.iloc[0]
    return tuple(best["order"]), tuple(best["seasonal_order"])


@pytest.fixture(scope="session")
def sarima_results(co2_train, chosen_order):
    """The chosen SARIMA fitted on the training months."""
    from forecasting.sarima import fit_sarima

    return fit_sarima(co2_train, *chosen_order)


@pytest.fixture(scope="session")
def sarima_holdout(sarima_results, co2_test):
    """Your SARIMA forecast of the test months, with its 95% interval."""
    from forecasting.sarima import sarima_forecast

    return sarima_forecast(sarima_results, len(co2_test))


@pytest.fixture(scope="session")
def prophet_model(co2_train):
    """Your Prophet fitted on the training months."""
    from forecasting.prophet_model import fit_prophet

    return fit_prophet(co2_train)


@pytest.fixture(scope="session")
def prophet_holdout(prophet_model, co2_test):
    """Your Prophet forecast of the test months, with its 95% interval."""
    from forecasting.prophet_model import prophet_forecast

    return prophet_forecast(prophet_model, co2_test.index)


@pytest.fixture(scope="session")
def co2_backtest(chosen_order):
    """Your rolling-origin backtest of every model over the four test years."""
    from forecasting.experiments import co2_backtest

    return co2_backtest(*chosen_order)


@pytest.fixture(scope="session")
def aapl_backtest():
    """Your one-day-ahead backtest over AAPL's last 250 trading days."""
    from forecasting.experiments import aapl_backtest

    return aapl_backtest()
