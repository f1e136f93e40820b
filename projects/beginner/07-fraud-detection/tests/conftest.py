"""Shared fixtures: the generated log, its time split, the features and the fitted models.

Everything costly is built once per session. The package is imported inside
the fixtures, not at the top: this file loads before the kata's conftest.py
has chosen which implementation (starter, solution or yours) to import.
"""

import numpy as np
import pytest

SEED = 0


@pytest.fixture(scope="session")
def seed() -> int:
    """The one seed of the generator, the resampling and every model."""
    return SEED


@pytest.fixture(scope="session")
def transactions():
    """The generated log: about 200,000 payments over 60 days, 0.2% fraud."""
    from fraud.data import generate_transactions

    return generate_transactions(seed=SEED)


@pytest.fixture(scope="session")
def split(transactions):
    """Your Task 1 split: (fit, validation, test), the last 20% by time then 25% of the rest."""
    from fraud.split import VALIDATION_SHARE, time_split

    train, test = time_split(transactions)
    fit, validation = time_split(train, VALIDATION_SHARE)
    return fit, validation, test


@pytest.fixture(scope="session")
def train(split):
    """The fit and validation parts together, in time order: everything before the test."""
    import pandas as pd

    return pd.concat(split[:2])


@pytest.fixture(scope="session")
def features(transactions):
    """Raw and (your Task 3) velocity features of every payment, computed on the whole log."""
    from fraud.features import model_features

    return model_features(transactions)


@pytest.fixture(scope="session")
def parts(split, features):
    """For each of fit, validation and test: (features, labels, amounts)."""
    return {
        name: (features.loc[part.index], part["is_fraud"].to_numpy(), part["amount"].to_numpy())
        for name, part in zip(("fit", "validation", "test"), split, strict=True)
    }


@pytest.fixture(scope="session")
def logistic(parts):
    """The logistic regression on raw and velocity features, fitted on the fit part."""
    from fraud.models import logistic_regression

    features, labels, _ = parts["fit"]
    return logistic_regression(SEED).fit(features, labels)


@pytest.fixture(scope="session")
def boosting(parts):
    """Your Task 5 weighted boosting, fitted on the fit part."""
    from fraud.models import weighted_boosting

    features, labels, _ = parts["fit"]
    return weighted_boosting(SEED).fit(features, labels)


@pytest.fixture(scope="session")
def boosting_scores(boosting, parts) -> dict[str, np.ndarray]:
    """Fraud scores of your weighted boosting on the validation and test parts."""
    from fraud.models import fraud_scores

    return {name: fraud_scores(boosting, parts[name][0]) for name in ("validation", "test")}
