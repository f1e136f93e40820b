"""Follow objects from frame to frame: IoU association with a constant-velocity model.

Each track remembers its object's last box and its velocity (how far its centre
moved in a frame). At a new frame, every track predicts where its object is now
(its box shifted by the velocity); the detections are given to the predictions they overlap most;
what is left over starts new tracks, and a track that finds no detection coasts on
its prediction for a few frames before it is dropped. Without the velocity, two
objects that cross would swap identities: the ID switches that the tracking figures
count.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vision.boxes import as_boxes, box_iou
from vision.evaluation import Detections

IOU_THRESHOLD = 0.3
MAX_MISSES = 3
MOMENTUM = 0.5


@dataclass
class Track:
    """One object followed over the frames."""

    id: int
    box: np.ndarray  # x0, y0, x1, y1 at the last frame (predicted, while it misses)
    velocity: np.ndarray  # x, y: how far the box's centre moves in a frame, pixels
    label: int
    misses: int = 0  # frames in a row without a detection


@dataclass(frozen=True)
class TrackedBox:
    """What the tracker reports for one object in one frame."""

    track_id: int
    box: np.ndarray
    label: int


def centre(box: np.ndarray) -> np.ndarray:
    """The centre x, y of a box x0, y0, x1, y1."""
    return (box[:2] + box[2:]) / 2


def shift(box: np.ndarray, velocity: np.ndarray) -> np.ndarray:
    """The box moved by velocity (x, y), its size unchanged."""
    return box + np.tile(velocity, 2)


def greedy_pairs(iou: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """Pairs (row, column) of `iou`, highest IoU first, each row and column used once,
    every pair's IoU at least `threshold`. Of equal IoUs the first in row-major order wins
    (np.argmax of the flattened matrix).
    """
    raise NotImplementedError(
        "Task 5: copy; argmax, stop below the threshold, blank its row and column"
    )


class Tracker:
    """Tracks objects over frames; call `update` once per frame with its detections."""

    def __init__(
        self,
        iou_threshold: float = IOU_THRESHOLD,
        max_misses: int = MAX_MISSES,
        momentum: float = MOMENTUM,
    ) -> None:
        self.iou_threshold = iou_threshold
        self.max_misses = max_misses
        self.momentum = momentum
        self.tracks: list[Track] = []
        self.next_id = 1

    def update(self, detections: Detections) -> list[TrackedBox]:
        """Advance one frame; return the tracks that found a detection, by track id.

        1. Predictions: every track's box shifted by its velocity, shift(box, velocity)
           (in the order of self.tracks).
        2. greedy_pairs(box_iou(predictions, detection boxes), self.iou_threshold).
        3. A paired track: velocity = momentum * velocity + (1 - momentum) * (the
           detection's centre - its box's centre), then box = the detection's box, label = the
           detection's label, misses = 0.
        4. An unpaired track: box = its prediction, misses + 1; once misses is above
           self.max_misses the track is dropped.
        5. Each unpaired detection, in the detections' order, starts a track with the
           next id (1, 2, 3, ...; an id is never used twice) and a velocity of (0, 0).
        """
        raise NotImplementedError(
            "Task 5: predict, pair, update the paired, coast or drop others, start new"
        )


@dataclass(frozen=True)
class TrackingScore:
    """CLEAR MOT's counts over a video: how often an object was missed, a reported box
    matched nothing, and an object changed its track id; MOTA sums the three."""

    misses: int
    false_positives: int
    id_switches: int
    n_truth: int

    @property
    def mota(self) -> float:
        """Multiple object tracking accuracy: 1 - (misses + false positives + switches) / truths."""
        return 1 - (self.misses + self.false_positives + self.id_switches) / self.n_truth


def score_tracking(
    truth_boxes: list[np.ndarray],
    truth_ids: list[np.ndarray],
    tracked: list[list[TrackedBox]],
    iou_threshold: float = 0.5,
) -> TrackingScore:
    """Match each frame's true objects to the tracker's boxes, and count the mistakes.

    In each frame, greedy_pairs(box_iou(truth, tracked boxes), iou_threshold) pairs them.
    An unpaired true object is a miss; an unpaired tracked box a false positive. A
    paired object whose track id differs from the track id it was last paired with (in
    any earlier frame) is an ID switch; its first pairing is not.

    Raises ValueError, saying how many "frames" each list has, when the three lists do
    not have the same length (one entry per frame): a zip would drop frames silently.
    """
    raise NotImplementedError(
        "Task 5: pair each frame, count the unpaired; remember each last track id"
    )
