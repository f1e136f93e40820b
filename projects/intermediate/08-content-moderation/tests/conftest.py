"""Shared fixtures: the posts, and the whole model fitted once.

The package is imported inside the fixtures, not at the top: this file loads before
the kata's conftest.py has chosen which implementation (starter, solution or yours)
to import.
"""

import pytest

TRAIN_SEED, CALIBRATION_SEED, TEST_SEED, MODEL_SEED = 11, 12, 13, 3
TRAIN_POSTS, CALIBRATION_POSTS, TEST_POSTS = 1200, 600, 1000
TRAIN_OBFUSCATION = 0.2  # adversaries adapt: the posts to judge hide more of their words
TEST_OBFUSCATION = 0.6


@pytest.fixture(scope="session")
def train():
    from moderation.data import make_posts

    return make_posts(TRAIN_POSTS, seed=TRAIN_SEED, obfuscation=TRAIN_OBFUSCATION)


@pytest.fixture(scope="session")
def calibration():
    from moderation.data import make_posts

    return make_posts(CALIBRATION_POSTS, seed=CALIBRATION_SEED, obfuscation=TEST_OBFUSCATION)


@pytest.fixture(scope="session")
def test_posts():
    from moderation.data import make_posts

    return make_posts(TEST_POSTS, seed=TEST_SEED, obfuscation=TEST_OBFUSCATION)


@pytest.fixture(scope="session")
def cnn(train):
    """Your CNN trained on the training posts' images (Task 2)."""
    from moderation.image import train_cnn

    return train_cnn(train.images(), train.image_label[train.has_image], seed=MODEL_SEED)


@pytest.fixture(scope="session")
def fitted(train, calibration, cnn):
    """Your text model, CNN and fusion, trained and calibrated as moderation.model does."""
    from moderation.model import ModerationModel

    return ModerationModel.fit(train, calibration, seed=MODEL_SEED, cnn=cnn)


@pytest.fixture(scope="session")
def scores(fitted, test_posts):
    """The calibrated scores of the test posts."""
    return fitted.score(test_posts.posts)
