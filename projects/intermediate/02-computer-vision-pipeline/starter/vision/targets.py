"""What a CenterNet-style detector learns, and how its output becomes boxes.

The detector looks at the image through a coarse grid (one cell for each STRIDE x
STRIDE pixels). For each class it predicts a heatmap over the grid, which should peak
at 1 on the cell that holds an object's centre and fall off around it like a
Gaussian; and at each cell, the size of the object centred there and the offset of
its exact centre within the cell. Decoding keeps the local maxima of the heatmaps:
the 3x3 maximum does the job of non-maximum suppression.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vision.boxes import as_boxes
from vision.evaluation import Detections

STRIDE = 4  # pixels per grid cell
SIGMA_FRACTION = 0.25  # the Gaussian's sigma, as a share of the box's geometric mean side
SCORE_THRESHOLD = 0.1
MAX_DETECTIONS = 100


@dataclass(frozen=True)
class Targets:
    """The training targets of one image on a grid of G x G cells.

    heatmap (C, G, G) float32 in [0, 1]; size (2, G, G) float32, an object's width and
    height in cells at its centre cell; offset (2, G, G) float32, its centre's x and y
    within that cell, in [0, 1); mask (G, G) bool, True at the centre cells.
    """

    heatmap: np.ndarray
    size: np.ndarray
    offset: np.ndarray
    mask: np.ndarray


def encode_targets(
    boxes: np.ndarray,
    labels: np.ndarray,
    n_classes: int,
    image_size: int,
    stride: int = STRIDE,
    sigma_fraction: float = SIGMA_FRACTION,
) -> Targets:
    """The targets of one image with these boxes (x0, y0, x1, y1 pixels) and labels.

    The grid has image_size // stride cells a side. For each box, in order: its centre
    in cells is cx = (x0 + x1) / 2 / stride, cy = (y0 + y1) / 2 / stride, its centre cell
    (i, j) = (floor(cx), floor(cy)). Its Gaussian, of sigma = sigma_fraction *
    sqrt(w * h) / stride (w, h the box's width and height in pixels), is
    exp(-((x - i)**2 + (y - j)**2) / (2 * sigma**2)) at cell (x, y): 1 at the centre
    cell. The heatmap of its class is the maximum of its Gaussian and what is already
    there. At the centre cell, size = (w / stride, h / stride), offset = (cx - i, cy - j),
    mask = True (a later box with the same centre cell overwrites them).
    """
    raise NotImplementedError(
        "Task 3: cell grid; per box its Gaussian, np.maximum, size, offset, mask"
    )


def local_maxima(heatmap: np.ndarray) -> np.ndarray:
    """(C, G, G) bool: True where a cell is at least as high as its 8 neighbours.

    Only neighbours inside the grid count (a corner cell has 3). Each class's map is on
    its own. Equal neighbours are both maxima.
    """
    raise NotImplementedError(
        "Task 3: pad with -inf, take the maximum of the 9 shifted views, compare"
    )


def decode(
    heatmap: np.ndarray,
    size: np.ndarray,
    offset: np.ndarray,
    stride: int = STRIDE,
    score_threshold: float = SCORE_THRESHOLD,
    max_detections: int = MAX_DETECTIONS,
) -> Detections:
    """The detections of one image from its predicted maps (probabilities, not logits).

    A detection is a local maximum of a class's heatmap whose value is strictly above
    `score_threshold`; its score is that value, its label the class. At its cell (i, j)
    the centre is ((i + offset[0, j, i]) * stride, (j + offset[1, j, i]) * stride) pixels
    and the width and height are size[:, j, i] * stride (a negative size counts as 0).
    Detections come best first (a stable sort by descending score of the maxima taken
    in (class, j, i) order), at most `max_detections` of them.
    """
    raise NotImplementedError(
        "Task 3: maxima above the threshold, stable sort, cut, build the boxes"
    )
