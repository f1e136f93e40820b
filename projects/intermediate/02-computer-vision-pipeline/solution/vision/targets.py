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
    # BEGIN SOLUTION (task 3): cell grid; per box its Gaussian, np.maximum, size, offset, mask
    boxes = as_boxes(boxes)
    cells = image_size // stride
    heatmap = np.zeros((n_classes, cells, cells), np.float32)
    size = np.zeros((2, cells, cells), np.float32)
    offset = np.zeros((2, cells, cells), np.float32)
    mask = np.zeros((cells, cells), bool)
    ys, xs = np.mgrid[0:cells, 0:cells]
    for (x0, y0, x1, y1), label in zip(boxes, labels, strict=True):
        width, height = x1 - x0, y1 - y0
        cx, cy = (x0 + x1) / 2 / stride, (y0 + y1) / 2 / stride
        i, j = int(np.floor(cx)), int(np.floor(cy))
        sigma = sigma_fraction * np.sqrt(width * height) / stride
        gaussian = np.exp(-((xs - i) ** 2 + (ys - j) ** 2) / (2 * sigma**2))
        heatmap[label] = np.maximum(heatmap[label], gaussian)
        size[:, j, i] = width / stride, height / stride
        offset[:, j, i] = cx - i, cy - j
        mask[j, i] = True
    return Targets(heatmap, size, offset, mask)
    # END SOLUTION


def local_maxima(heatmap: np.ndarray) -> np.ndarray:
    """(C, G, G) bool: True where a cell is at least as high as its 8 neighbours.

    Only neighbours inside the grid count (a corner cell has 3). Each class's map is on
    its own. Equal neighbours are both maxima.
    """
    # BEGIN SOLUTION (task 3): pad with -inf, take the maximum of the 9 shifted views, compare
    padded = np.pad(heatmap, ((0, 0), (1, 1), (1, 1)), constant_values=-np.inf)
    rows, columns = heatmap.shape[1:]
    neighbourhood = np.max(
        [padded[:, dy : dy + rows, dx : dx + columns] for dy in range(3) for dx in range(3)],
        axis=0,
    )
    return heatmap >= neighbourhood
    # END SOLUTION


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
    # BEGIN SOLUTION (task 3): maxima above the threshold, stable sort, cut, build the boxes
    labels, js, is_ = np.nonzero(local_maxima(heatmap) & (heatmap > score_threshold))
    scores = heatmap[labels, js, is_]
    order = np.argsort(-scores, kind="stable")[:max_detections]
    labels, js, is_, scores = labels[order], js[order], is_[order], scores[order]
    cx = (is_ + offset[0, js, is_]) * stride
    cy = (js + offset[1, js, is_]) * stride
    half_w = np.clip(size[0, js, is_], 0, None) * stride / 2
    half_h = np.clip(size[1, js, is_], 0, None) * stride / 2
    boxes = np.stack([cx - half_w, cy - half_h, cx + half_w, cy + half_h], axis=1)
    return Detections(boxes.astype(np.float64), scores.astype(np.float64), labels.astype(np.int64))
    # END SOLUTION
