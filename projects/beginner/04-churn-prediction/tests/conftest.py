"""Shared fixtures: the customers, the cross-validated probabilities and a fitted pipeline.

Everything costly is built once per session. The package is imported inside
the fixtures, not at the top: this file loads before the kata's conftest.py
has chosen which implementation (starter, solution or yours) to import.
"""

import pytest

SEED = 0


@pytest.fixture(scope="session")
def seed() -> int:
    """The one seed of the folds and of every model."""
    return SEED


@pytest.fixture(scope="session")
def raw_customers():
    """The 7,043 customers as `load_customers` gives them (an id, 19 features, churn)."""
    from churn.data import load_customers

    return load_customers()


@pytest.fixture(scope="session")
def customers(raw_customers):
    """The customers with their columns typed (without your Task 1 validator, so that
    later tasks can be checked before Task 1 is done)."""
    from churn.schema import coerce_types

    return coerce_types(raw_customers)


@pytest.fixture(scope="session")
def labels(customers):
    """1 for a customer who churned, 0 for one who stayed."""
    from churn.data import churn_labels

    return churn_labels(customers)


@pytest.fixture(scope="session")
def logistic_probabilities(customers, labels):
    """Your Task 3 out-of-fold churn probabilities of the logistic regression pipeline."""
    from churn.model import build_pipeline, out_of_fold_probabilities

    return out_of_fold_probabilities(build_pipeline("logistic", SEED), customers, labels, SEED)


@pytest.fixture(scope="session")
def boosting_probabilities(customers, labels):
    """Your Task 3 out-of-fold churn probabilities of the gradient boosting pipeline."""
    from churn.model import build_pipeline, out_of_fold_probabilities

    return out_of_fold_probabilities(build_pipeline("boosting", SEED), customers, labels, SEED)


@pytest.fixture(scope="session")
def fitted_pipeline(customers, labels):
    """Your Task 3 logistic regression pipeline, fitted on every customer."""
    from churn.model import build_pipeline

    return build_pipeline("logistic", SEED).fit(customers, labels)


@pytest.fixture(scope="session")
def model_path(fitted_pipeline, tmp_path_factory):
    """The fitted pipeline saved by your Task 5 `save_model`."""
    from churn.score import save_model

    path = tmp_path_factory.mktemp("model") / "model.skops"
    save_model(fitted_pipeline, path)
    return path
