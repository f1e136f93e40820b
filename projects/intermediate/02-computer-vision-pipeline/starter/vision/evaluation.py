"""Mean average precision, the COCO way, written by hand.

For each class and each IoU threshold, the detections of every image are matched to
the ground-truth boxes (a detection is a true positive when it claims a box of its
class that no better-scored detection claimed, with an IoU of at least the
threshold); ranked by score over all the images, they trace a precision-recall
curve, whose area by COCO's 101-point rule is the average precision. mAP@0.5 is its
mean over the classes at the threshold 0.5; COCO's headline mAP@[.5:.95] is the mean
over the classes and the ten thresholds 0.5, 0.55, ..., 0.95. pycocotools' COCOeval
computes both; yours must agree with it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vision.boxes import as_boxes, box_iou

# COCO's thresholds, made the way pycocotools makes them (0.55 is not exactly 0.55).
IOU_THRESHOLDS = np.linspace(0.5, 0.95, 10)
RECALL_POINTS = np.linspace(0.0, 1.0, 101)
MAX_DETECTIONS = 100  # per image and class, as COCO's default


@dataclass(frozen=True)
class Detections:
    """What a detector found in one image: boxes (N, 4) x0, y0, x1, y1, their scores (N,)
    and class indices (N,)."""

    boxes: np.ndarray
    scores: np.ndarray
    labels: np.ndarray


def match_detections(
    truth_boxes: np.ndarray, detection_boxes: np.ndarray, iou_threshold: float
) -> np.ndarray:
    """Which detections of one image and one class are true positives, (N,) bool.

    The detections come best first. Each in turn claims the ground-truth box with the
    highest IoU among those not yet claimed, if that IoU is at least `iou_threshold`;
    a detection that claims nothing is a false positive.
    """
    raise NotImplementedError(
        "Task 2: box_iou of detections x truth; greedy in order; a claimed box is out"
    )


def average_precision(matched: np.ndarray, scores: np.ndarray, n_truth: int) -> float:
    """COCO's 101-point average precision of one class at one IoU threshold.

    `matched` and `scores` hold the detections of every image (in any order); `n_truth`
    is the number of ground-truth boxes of the class. Rank the detections by descending
    score (a stable sort); after each one, recall = true positives / n_truth and
    precision = true positives / detections so far. Make the precision non-increasing
    from the right (each becomes the maximum of itself and all later ones). For each
    recall level r of RECALL_POINTS, take the precision at the first rank whose recall
    is at least r, or 0.0 when the recall never reaches r; the mean of the 101 values
    is the AP. With n_truth == 0 the AP is undefined: return nan.
    """
    raise NotImplementedError(
        "Task 2: cumsum of hits by score; running max from the right; searchsorted"
    )


def mean_average_precision(
    truths: list,
    detections: list[Detections],
    n_classes: int,
    iou_thresholds: np.ndarray | list[float] = IOU_THRESHOLDS,
    max_detections: int = MAX_DETECTIONS,
) -> float:
    """The mean of the AP over the classes and the IoU thresholds, as COCOeval's.

    `truths[i]` (anything with `.boxes` and `.labels`, a Scene for example) and
    `detections[i]` describe the same image. For each image and class, only the
    `max_detections` best-scored detections count (stable sort by descending score),
    and they are matched best first. A class without any ground-truth box in any image
    has no AP and is left out of the mean. Raises ValueError when there are not as many
    detections as truths.
    """
    raise NotImplementedError(
        "Task 2: per threshold and class, gather matches and scores, then the AP"
    )
