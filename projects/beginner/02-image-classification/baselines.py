"""The reference network beside classic baselines, with and without augmentation.

Compares, on the split of seed 0: scikit-learn classifiers on the raw pixels
(a logistic regression, 3 nearest neighbours, `SVC()`), and the reference
`DigitCNN` trained by `fit` for the tests' 4 epochs or with `TrainingSettings()`,
each without and with `Augmentation()`. Then the SVM and the two full runs again
on seeds 0, 1 and 2 (split, loaders and training all take the seed). Everything runs
on one CPU thread and is seeded, so the output is the same on every run.

    python baselines.py    (with the reference solution's folder on PYTHONPATH)

`nox -s sync` runs it and writes its blocks into the brief (README.md): the
`baselines` table under "Acceptance bar" and the `seeds` table after it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np
import torch
from sklearn.base import ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier
from sklearn.svm import SVC

from digit_classifier.augment import Augmentation
from digit_classifier.data import Digits, Split, load_mnist, make_loaders, split_digits
from digit_classifier.evaluate import predict
from digit_classifier.model import DigitCNN
from digit_classifier.train import TrainingSettings, fit

SEEDS = (0, 1, 2)
# The tests' short run (tests/conftest.py): at most 4 epochs, patience 2.
TEST_SETTINGS = TrainingSettings(max_epochs=4, patience=2)
FULL_SETTINGS = TrainingSettings()
# scikit-learn's classifiers on the raw pixels: their defaults, but 3 neighbours, and
# enough iterations for the logistic regression to converge (it needs about 100).
PIXEL_CLASSIFIERS: dict[str, Callable[[], ClassifierMixin]] = {
    "`LogisticRegression(max_iter=1000)`": lambda: LogisticRegression(max_iter=1000),
    "`KNeighborsClassifier(3)`": lambda: KNeighborsClassifier(3),
    "`SVC()`": SVC,
}


@dataclass(frozen=True)
class Run:
    """What one training run of the network gives."""

    epochs: int
    best_epoch: int
    best_validation_loss: float
    test_accuracy: float


def pixels(digits: Digits) -> np.ndarray:
    """The images as rows of raw pixels in [0, 1], for a scikit-learn classifier."""
    return digits.images.reshape(len(digits), -1).numpy()


@cache
def split_of(seed: int) -> Split:
    """The kata's split of the 5,000 digits with `seed` (Task 1)."""
    return split_digits(load_mnist(), seed=seed)


@cache
def pixel_accuracy(name: str, seed: int) -> float:
    """Test accuracy of PIXEL_CLASSIFIERS[name] fitted on the raw training pixels."""
    split = split_of(seed)
    classifier = PIXEL_CLASSIFIERS[name]()
    classifier.fit(pixels(split.train), split.train.labels.numpy())
    return float(classifier.score(pixels(split.test), split.test.labels.numpy()))


@cache
def train_network(seed: int, settings: TrainingSettings, augment: bool) -> Run:
    """Train the reference network as the tests do (tests/conftest.py), then score it."""
    loaders = make_loaders(split_of(seed), seed=seed, augment=Augmentation() if augment else None)
    torch.manual_seed(seed)
    model = DigitCNN()
    history = fit(model, loaders.train, loaders.validation, settings, seed=seed)
    predictions = predict(model, loaders.test)
    return Run(
        epochs=len(history.validation_loss),
        best_epoch=history.best_epoch,
        best_validation_loss=history.validation_loss[history.best_epoch - 1],
        test_accuracy=float(np.mean(predictions.predicted == predictions.labels)),
    )


def row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def baselines_table() -> str:
    """Every model on the split of seed 0."""
    lines = [
        row(["Run", "Epochs run (best)", "Best validation loss", "Test accuracy"]),
        "|---|---|---|---|",
    ]
    for name in PIXEL_CLASSIFIERS:
        accuracy = pixel_accuracy(name, 0)
        lines.append(row([f"{name} on the raw pixels", "", "", f"{accuracy:.3f}"]))
    networks = {
        "CNN, 4 epochs, no augmentation": (TEST_SETTINGS, False),
        "CNN, 4 epochs, `Augmentation()` (the tests' run)": (TEST_SETTINGS, True),
        "CNN, `TrainingSettings()` (up to 12, patience 3), no augmentation": (
            FULL_SETTINGS,
            False,
        ),
        "CNN, `TrainingSettings()`, `Augmentation()`": (FULL_SETTINGS, True),
    }
    for name, (settings, augment) in networks.items():
        run = train_network(0, settings, augment)
        lines.append(
            row(
                [
                    name,
                    f"{run.epochs} ({run.best_epoch})",
                    f"{run.best_validation_loss:.3f}",
                    f"{run.test_accuracy:.3f}",
                ]
            )
        )
    return "\n".join(lines)


def seeds_table() -> str:
    """The SVM and the two full runs of the network on each seed."""
    lines = [
        row(
            [
                "Seed",
                "`SVC()` on the raw pixels",
                "CNN, `TrainingSettings()`, no augmentation",
                "CNN, `TrainingSettings()`, `Augmentation()`",
            ]
        ),
        "|---|---|---|---|",
    ]
    for seed in SEEDS:
        accuracies = [
            pixel_accuracy("`SVC()`", seed),
            train_network(seed, FULL_SETTINGS, augment=False).test_accuracy,
            train_network(seed, FULL_SETTINGS, augment=True).test_accuracy,
        ]
        lines.append(row([str(seed), *(f"{accuracy:.3f}" for accuracy in accuracies)]))
    return "\n".join(lines)


def main() -> None:
    print("<!-- block: baselines -->")
    print(baselines_table())
    print("<!-- block: seeds -->")
    print(seeds_table())


if __name__ == "__main__":
    main()
