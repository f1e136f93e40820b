"""Shared fixtures: the price bars, and the walk-forward models of the S&P 500.

Everything costly is built once per session. The package is imported inside the
fixtures, not at the top: this file loads before the kata's conftest.py has chosen
which implementation (starter, solution or yours) to import.
"""

import pytest

SEED = 7


@pytest.fixture(scope="session")
def seed() -> int:
    """The seed of every random draw in the tests (the replayed streams, the models)."""
    return SEED


@pytest.fixture(scope="session")
def aapl():
    """Apple's daily bars, 2000 to 2013, adjusted for splits and dividends."""
    from trading.data import load_prices

    return load_prices("AAPL")


@pytest.fixture(scope="session")
def sp500():
    """The S&P 500 index's daily bars, 1999 to 2018."""
    from trading.data import load_prices

    return load_prices("SP500")


@pytest.fixture(scope="session")
def sp500_fold_models(sp500):
    """The walk-forward models of the S&P 500 (Task 5's defaults): 8 blocks of 500 bars."""
    from trading.features import forward_label, make_features
    from trading.walkforward import default_model, fit_fold_models, walk_forward_splits

    features, labels = make_features(sp500["close"]), forward_label(sp500["close"])
    return fit_fold_models(features, labels, walk_forward_splits(len(sp500)), default_model(SEED))
