"""Judge the trained model on the test split: accuracy, the confusion matrix, its worst mistakes.

Accuracy says how often the model is right; the confusion matrix says which
digits it takes for which; and the mistakes it makes with the most confidence
are the quickest way to find what it has not understood, or a label that is
simply wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader

GRID_COLUMNS = 8  # images per row of the mistakes grid
CELL_WIDTH, CELL_HEIGHT = 1.2, 1.5  # inches per image of the grid, its title included
TITLE_FONT_SIZE = 8
DPI = 100


@dataclass(frozen=True)
class Predictions:
    """The model's verdict on every image of a loader, in the loader's order.

    `labels` are the true classes, `predicted` the classes with the highest
    probability, `confidence` that probability (the softmax of the logits), all
    numpy arrays of length N.
    """

    labels: np.ndarray
    predicted: np.ndarray
    confidence: np.ndarray


def predict(model: nn.Module, loader: DataLoader) -> Predictions:
    """Run `model` over `loader` in evaluation mode and without gradients; collect its verdicts."""
    raise NotImplementedError(
        "Task 5: eval mode and no_grad; softmax the logits, take max, concatenate"
    )


def confusion_matrix(labels: np.ndarray, predicted: np.ndarray, num_classes: int) -> np.ndarray:
    """Return the (num_classes, num_classes) integer counts: row = true class, column = predicted.

    The layout of `sklearn.metrics.confusion_matrix(labels, predicted,
    labels=range(num_classes))`: a class that never occurs keeps its row and
    column, of zeros. The diagonal holds the correct predictions.
    """
    raise NotImplementedError(
        "Task 5: count each (true, predicted) pair: np.add.at or one np.bincount"
    )


def most_confident_mistakes(predictions: Predictions, count: int) -> np.ndarray:
    """Return the indices of at most `count` wrong predictions, the most confident first.

    Only images whose prediction differs from their label qualify; with fewer
    mistakes than `count`, all of them are returned. Equal confidences keep the
    loader's order.
    """
    raise NotImplementedError(
        "Task 5: indices where predicted != labels, by confidence, highest first"
    )


def plot_mistakes(
    images: torch.Tensor, predictions: Predictions, indices: np.ndarray, path: Path
) -> Path:
    """Draw the images at `indices` in a grid of GRID_COLUMNS, and save it as a PNG at `path`.

    `images` are the pixel images (N, 1, H, W) in [0, 1] in the order of
    `predictions`. The grid has as many rows as the images need and GRID_COLUMNS
    columns (fewer when there are fewer images), each cell CELL_WIDTH x CELL_HEIGHT
    inches, with a tight layout and every axis off. Each image is drawn in grey on
    the pixels' own scale, 0 black and 1 white, under a title of TITLE_FONT_SIZE
    points that gives its true label, the predicted one and the confidence, for
    example "true 4, said 9" and "(97%)" on a second line. Save a PNG whatever the
    name of `path` and return `path`; raise ValueError if `indices` is empty: there
    is nothing to draw.

    Draw on a `matplotlib.figure.Figure` rather than through `pyplot`: it needs no
    window or backend, and it is freed like any other object when it goes out of scope.
    """
    raise NotImplementedError(
        "Task 5: a Figure, subplots in a grid, imshow each image in grey, savefig"
    )
