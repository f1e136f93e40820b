"""Shared fixtures: the seed, the two simulated fleets, and the fitted pipeline.

The package is imported inside the fixtures, not at the top: this file loads before
the kata's conftest.py has chosen which implementation (starter, solution or yours)
to import.
"""

import pytest

SEED = 11
TRAIN_UNITS, TEST_UNITS = 60, 30


@pytest.fixture(scope="session")
def seed() -> int:
    """The seed of every random draw in the tests."""
    return SEED


@pytest.fixture(scope="session")
def train_fleet():
    """The training fleet: 60 engines run to failure."""
    from maintenance.simulator import simulate_fleet

    return simulate_fleet(TRAIN_UNITS, seed=SEED)


@pytest.fixture(scope="session")
def test_fleet():
    """The held-out fleet: 30 engines of the same type, another seed."""
    from maintenance.simulator import simulate_fleet

    return simulate_fleet(TEST_UNITS, seed=SEED + 1)


@pytest.fixture(scope="session")
def pipeline(train_fleet):
    """Your regime normaliser and health index, fitted on the training fleet only."""
    from maintenance.pipeline import fit_pipeline

    return fit_pipeline(train_fleet.readings, seed=SEED)


@pytest.fixture(scope="session")
def train_features(pipeline, train_fleet):
    """Every cycle of the training fleet, cleaned, with rolling features and health."""
    return pipeline.features(train_fleet.readings)


@pytest.fixture(scope="session")
def test_features(pipeline, test_fleet):
    """Every cycle of the held-out fleet, through the pipeline fitted on training units."""
    return pipeline.features(test_fleet.readings)


@pytest.fixture(scope="session")
def quantile_model(train_features):
    """Your quantile boosting fitted on the training fleet's capped RUL."""
    from maintenance.pipeline import FEATURES
    from maintenance.rul import QuantileBoosting, piecewise_rul

    target = piecewise_rul(train_features)
    return QuantileBoosting(seed=SEED).fit(train_features[list(FEATURES)], target)
