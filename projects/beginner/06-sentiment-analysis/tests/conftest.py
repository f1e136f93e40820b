"""Shared fixtures: the tweets, the fitted models, the stand-in model of the web tests.

Everything costly is built once per session. The package is imported inside
the fixtures, not at the top: this file loads before the kata's conftest.py
has chosen which implementation (starter, solution or yours) to import.
"""

import numpy as np
import pytest

SEED = 0


@pytest.fixture(scope="session")
def seed() -> int:
    """The one seed of the tweet layer and of every model."""
    return SEED


@pytest.fixture(scope="session")
def train():
    """The training tweets: every model is fitted on these."""
    from sentiment.data import load_tweets

    return load_tweets("train", seed=SEED)


@pytest.fixture(scope="session")
def test_tweets():
    """The held-out test tweets, used only to measure."""
    from sentiment.data import load_tweets

    return load_tweets("test", seed=SEED)


@pytest.fixture(scope="session")
def pipeline(train):
    """Your Task 3 pipeline with your tokeniser, fitted on the training tweets."""
    from sentiment.linear import build_pipeline

    return build_pipeline(seed=SEED).fit(train.texts, train.labels)


@pytest.fixture(scope="session")
def pipeline_scores(pipeline, test_tweets) -> np.ndarray:
    """P(great) of each test tweet by the Task 3 pipeline."""
    return pipeline.predict_proba(test_tweets.texts)[:, 1]


@pytest.fixture(scope="session")
def bag_model(train):
    """Your Task 4 bag of n-grams, trained on the training tweets."""
    from sentiment.neural import train_bag_model

    return train_bag_model(train.texts, train.labels, seed=SEED, progress=False)


@pytest.fixture(scope="session")
def bag_scores(bag_model, test_tweets) -> np.ndarray:
    """P(great) of each test tweet by the Task 4 model."""
    return bag_model.predict_proba(test_tweets.texts)[:, 1]


class KeywordModel:
    """A stand-in for a trained model, so that Tasks 6 and 7 can be done before Tasks 3 and 4.

    P(great) is 0.9 for a text that says "love", 0.5 for one that says "okay",
    0.2 for any other. It records every batch it is asked about.
    """

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def predict_proba(self, texts) -> np.ndarray:
        self.calls.append(list(texts))
        great = np.array(
            [
                0.9 if "love" in text.lower() else 0.5 if "okay" in text.lower() else 0.2
                for text in texts
            ]
        )
        return np.column_stack([1.0 - great, great])


@pytest.fixture
def keyword_model() -> KeywordModel:
    """A fresh stand-in model for one test."""
    return KeywordModel()
