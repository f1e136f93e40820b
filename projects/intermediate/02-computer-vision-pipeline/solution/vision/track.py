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
    # BEGIN SOLUTION (task 5): copy; argmax, stop below the threshold, blank its row and column
    remaining = np.array(iou, dtype=np.float64, copy=True)
    pairs = []
    while remaining.size:
        row, column = np.unravel_index(int(np.argmax(remaining)), remaining.shape)
        if remaining[row, column] < threshold:
            break
        pairs.append((int(row), int(column)))
        remaining[row, :] = -np.inf
        remaining[:, column] = -np.inf
    return pairs
    # END SOLUTION


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
        # BEGIN SOLUTION (task 5): predict, pair, update the paired, coast or drop others, start new
        boxes = as_boxes(detections.boxes)
        predictions = np.array([shift(t.box, t.velocity) for t in self.tracks]).reshape(-1, 4)
        pairs = dict(greedy_pairs(box_iou(predictions, boxes), self.iou_threshold))
        reported, kept = [], []
        for index, track in enumerate(self.tracks):
            if index in pairs:
                found = pairs[index]
                step = centre(boxes[found]) - centre(track.box)
                track.velocity = self.momentum * track.velocity + (1 - self.momentum) * step
                track.box, track.label, track.misses = (
                    boxes[found],
                    int(detections.labels[found]),
                    0,
                )
                reported.append(track)
            else:
                track.box, track.misses = predictions[index], track.misses + 1
            if track.misses <= self.max_misses:
                kept.append(track)
        paired = set(pairs.values())
        for found in range(len(boxes)):
            if found not in paired:
                track = Track(
                    self.next_id, boxes[found], np.zeros(2), int(detections.labels[found])
                )
                self.next_id += 1
                kept.append(track)
                reported.append(track)
        self.tracks = kept
        return [
            TrackedBox(t.id, t.box.copy(), t.label) for t in sorted(reported, key=lambda t: t.id)
        ]
        # END SOLUTION


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
    # BEGIN SOLUTION (task 5): pair each frame, count the unpaired; remember each last track id
    if not len(truth_boxes) == len(truth_ids) == len(tracked):
        raise ValueError(
            f"frames differ: {len(truth_boxes)} of truth boxes, {len(truth_ids)} of ids, "
            f"{len(tracked)} tracked"
        )
    last_track: dict[int, int] = {}
    misses = false_positives = switches = n_truth = 0
    for boxes, ids, reported in zip(truth_boxes, truth_ids, tracked, strict=True):
        found = np.array([r.box for r in reported]).reshape(-1, 4)
        pairs = greedy_pairs(box_iou(boxes, found), iou_threshold)
        misses += len(boxes) - len(pairs)
        false_positives += len(reported) - len(pairs)
        n_truth += len(boxes)
        for truth, match in pairs:
            object_id, track_id = int(ids[truth]), reported[match].track_id
            if object_id in last_track and last_track[object_id] != track_id:
                switches += 1
            last_track[object_id] = track_id
    return TrackingScore(misses, false_positives, switches, n_truth)
    # END SOLUTION
