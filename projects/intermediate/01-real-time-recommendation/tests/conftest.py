"""Shared fixtures: the seed and the simulated click streams.

The package is imported inside the fixtures, not at the top: this file loads before
the kata's conftest.py has chosen which implementation (starter, solution or yours)
to import.
"""

import pytest

SEED = 11


@pytest.fixture(scope="session")
def seed() -> int:
    """The seed of every random draw in the tests."""
    return SEED


@pytest.fixture(scope="session")
def small_stream():
    """A short click stream: 600 slates of 10 items, 80 users, 60 items."""
    from streamrec.simulator import simulate_clicks

    return simulate_clicks(n_requests=600, n_users=80, n_items=60, seed=SEED)


@pytest.fixture(scope="session")
def stream():
    """The click stream of the learning tasks: 4,000 slates, with a drift half-way."""
    from streamrec.simulator import simulate_clicks

    return simulate_clicks(seed=SEED)


class RiverModel:
    """river's logistic regression behind the interface of the kata's models: an oracle."""

    def __init__(self, lr: float, l2: float, intercept_lr: float):
        from river import linear_model, optim

        self.model = linear_model.LogisticRegression(
            optim.SGD(lr), l2=l2, intercept_lr=intercept_lr
        )

    def predict_proba(self, x) -> float:
        return self.model.predict_proba_one(x)[True]

    def learn(self, x, y) -> None:
        self.model.learn_one(x, y)


@pytest.fixture
def river_model():
    """Return a function that makes river's model with the given steps and penalty."""
    return RiverModel


def roc_auc(y_true, y_score) -> float:
    """The area under the ROC curve, from the Mann-Whitney U statistic."""
    import numpy as np
    from scipy.stats import mannwhitneyu

    y_true = np.asarray(y_true)
    y_score = np.asarray(y_score)
    positives, negatives = y_score[y_true == 1], y_score[y_true == 0]
    return float(mannwhitneyu(positives, negatives).statistic / (len(positives) * len(negatives)))


@pytest.fixture(scope="session")
def auc():
    """The ROC-AUC of scores against 0/1 labels."""
    return roc_auc
