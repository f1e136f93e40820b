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
    # BEGIN SOLUTION (task 1): float64 array, empty -> (0, 4); check shape, finiteness, order
    array = np.asarray(boxes, dtype=np.float64)
    if array.size == 0:
        return array.reshape(0, 4)
    if array.ndim != 2 or array.shape[1] != 4:
        raise ValueError(f"boxes must have shape (N, 4), got {array.shape}")
    finite = np.isfinite(array).all(axis=1)
    if not finite.all():
        row = int(np.argmin(finite))
        raise ValueError(f"box {row} is not finite: {array[row].tolist()}")
    inverted = (array[:, 2] < array[:, 0]) | (array[:, 3] < array[:, 1])
    if inverted.any():
        row = int(np.argmax(inverted))
        raise ValueError(f"box {row} has x1 < x0 or y1 < y0: {array[row].tolist()}")
    return array
    # END SOLUTION


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
    # BEGIN SOLUTION (task 1): broadcast (N, 1) with (1, M); clip the overlap at 0; 0 if no union
    a, b = as_boxes(boxes_a), as_boxes(boxes_b)
    width = np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0])
    height = np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1])
    intersection = np.clip(width, 0.0, None) * np.clip(height, 0.0, None)
    union = box_area(a)[:, None] + box_area(b)[None, :] - intersection
    return np.divide(intersection, union, out=np.zeros_like(intersection), where=union > 0)
    # END SOLUTION


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
    # BEGIN SOLUTION (task 1): score filter, stable sort, top_k; keep while every IoU <= threshold
    boxes = as_boxes(boxes)
    scores = np.asarray(scores, dtype=np.float64)
    if scores.shape != (len(boxes),):
        raise ValueError(f"expected {len(boxes)} scores, one per box, got shape {scores.shape}")
    candidates = np.flatnonzero(scores > score_threshold)
    candidates = candidates[np.argsort(-scores[candidates], kind="stable")]
    if top_k is not None:
        candidates = candidates[:top_k]
    iou = box_iou(boxes[candidates], boxes[candidates])
    suppressed = np.zeros(len(candidates), dtype=bool)
    kept: list[int] = []
    for position in range(len(candidates)):
        if not suppressed[position]:
            kept.append(position)
            suppressed |= iou[position] > iou_threshold
    return candidates[kept].astype(np.int64)
    # END SOLUTION
