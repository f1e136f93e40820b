"""Box geometry: intersection over union and non-maximum suppression.

Boxes are rows x0, y0, x1, y1 in pixels (x1, y1 exclusive: a box's width is x1 - x0).
A detector proposes many boxes around each object; non-maximum suppression keeps the
best-scored one and drops those that overlap it too much. OpenCV's
`cv2.dnn.NMSBoxes` does the same (on x, y, w, h boxes): yours must keep the same
indices, in the same order.
"""

from __future__ import annotations

import numpy as np


def as_boxes(boxes: np.ndarray | list) -> np.ndarray:
    """Return `boxes` as a float64 array of shape (N, 4); refuse a malformed one.

    Raises ValueError when the array's shape is not (N, 4) (the message says "shape"),
    and when a box holds a NaN or an infinity ("not finite") or has x1 < x0 or y1 < y0,
    naming the first such row as "box 3". A box of zero width or height is allowed (it
    has no area).
    """
    raise NotImplementedError(
        "Task 1: float64 array, empty -> (0, 4); check shape, finiteness, order"
    )


def box_area(boxes: np.ndarray) -> np.ndarray:
    """The area of each box, (N,)."""
    boxes = as_boxes(boxes)
    return (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])


def box_iou(boxes_a: np.ndarray, boxes_b: np.ndarray) -> np.ndarray:
    """The (N, M) matrix of the IoU of every box of `boxes_a` with every box of `boxes_b`.

    IoU = area of the intersection / area of the union. Two boxes that only touch
    (an edge in common) have an intersection of 0. Where the union has no area (two
    empty boxes), the IoU is 0.0. Vectorised: no Python loop over the boxes.
    """
    raise NotImplementedError(
        "Task 1: broadcast (N, 1) with (1, M); clip the overlap at 0; 0 if no union"
    )


def nms(
    boxes: np.ndarray,
    scores: np.ndarray,
    iou_threshold: float = 0.5,
    score_threshold: float = 0.0,
    top_k: int | None = None,
) -> np.ndarray:
    """Greedy non-maximum suppression, as `cv2.dnn.NMSBoxes`; the kept indices, best first.

    1. Candidates: the boxes whose score is strictly above `score_threshold`, by
       descending score (a stable sort: of equal scores, the lower index comes first);
       only the first `top_k` of them when `top_k` is given.
    2. Go through the candidates in that order; keep a box unless its IoU with a box
       already kept is strictly above `iou_threshold`.

    Returns an int64 array of indices into `boxes`. Raises ValueError when `scores`
    does not have one score per box.
    """
    raise NotImplementedError(
        "Task 1: score filter, stable sort, top_k; keep while every IoU <= threshold"
    )
