"""Shared fixtures: the generated messages, their split, and the fitted models.

Everything costly is built once per session. The package is imported inside
the fixtures, not at the top: this file loads before the kata's conftest.py
has chosen which implementation (starter, solution or yours) to import.
"""

import pytest

SEED = 0


@pytest.fixture(scope="session")
def seed() -> int:
    """The one seed of the generator, the split and every model."""
    return SEED


@pytest.fixture(scope="session")
def messages():
    """Every generated message, for the tests of text processing that need no split."""
    from spam_filter.data import generate_sms

    return generate_sms(seed=SEED)


@pytest.fixture(scope="session")
def split(messages):
    """The generated messages split into training and held-out test messages."""
    from spam_filter.data import split_corpus

    return split_corpus(messages, seed=SEED)


@pytest.fixture(scope="session")
def train(split):
    """The training messages: every model and threshold is fitted or chosen on these."""
    return split[0]


@pytest.fixture(scope="session")
def held_out(split):
    """The held-out test messages, used only to measure."""
    return split[1]


@pytest.fixture(scope="session")
def tuned_search(train):
    """Your Task 5 grid search, fitted on the training messages."""
    from spam_filter.model import tune_pipeline

    return tune_pipeline(train.texts, train.labels, seed=SEED)


@pytest.fixture(scope="session")
def spam_threshold(tuned_search, train) -> float:
    """Your Task 6 threshold for the target precision, chosen on the training messages."""
    from spam_filter.evaluation import choose_threshold

    return choose_threshold(tuned_search.best_estimator_, train.texts, train.labels, seed=SEED)
