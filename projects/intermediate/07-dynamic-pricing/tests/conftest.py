"""Shared fixtures: the seed and the simulated market.

The package is imported inside the fixtures, not at the top: this file loads before the
kata's conftest.py has chosen which implementation (starter, solution or yours) to import.
"""

import pytest

SEED = 11


@pytest.fixture(scope="session")
def seed() -> int:
    """The seed of every random draw in the tests."""
    return SEED


@pytest.fixture(scope="session")
def market():
    """Two years of sales of six products, the seller pricing on its demand shocks."""
    from pricing.simulator import simulate_market

    return simulate_market(seed=SEED)
