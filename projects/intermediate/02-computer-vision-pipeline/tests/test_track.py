"""Task 5: greedy association, the constant-velocity tracker, and the CLEAR MOT counts."""

import numpy as np
import pytest

from vision.boxes import box_iou
from vision.evaluation import Detections
from vision.track import TrackedBox, Tracker, greedy_pairs, score_tracking

NOTHING = Detections(np.zeros((0, 4)), np.zeros(0), np.zeros(0, dtype=np.int64))


def found(*boxes, labels=None):
    boxes = np.array(boxes, dtype=float).reshape(-1, 4)
    labels = np.zeros(len(boxes), dtype=np.int64) if labels is None else np.array(labels)
    return Detections(boxes, np.ones(len(boxes)), labels)


def crossing(n_frames=24):
    """Two squares that cross; the detector loses both while they overlap."""
    boxes, ids, detections = [], [], []
    for t in range(n_frames):
        a = np.array([4 + 3 * t, 20, 14 + 3 * t, 30.0])
        b = np.array([76 - 3 * t, 24, 86 - 3 * t, 34.0])
        boxes.append(np.stack([a, b]))
        ids.append(np.array([1, 2]))
        overlapping = box_iou(a[None], b[None])[0, 0] > 0
        detections.append(NOTHING if overlapping else found(a, b, labels=[0, 1]))
    return boxes, ids, detections


@pytest.mark.task(5)
def test_greedy_pairs_by_hand():
    iou = np.array([[0.9, 0.8, 0.0], [0.85, 0.3, 0.1], [0.0, 0.3, 0.29]])
    got = greedy_pairs(iou, 0.3)
    assert got == [(0, 0), (1, 1)], (
        "Task 5: highest IoU first: (0, 0) at 0.9 uses row 0 and column 0; then (1, 1) and (2, 1) "
        "tie "
        "at 0.3, exactly the threshold, and the first in row-major order wins; (2, 2) at 0.29 is "
        "below "
        f"it. Expected [(0, 0), (1, 1)], got {got}"
    )
    assert greedy_pairs(iou, 0.1) == [(0, 0), (1, 1), (2, 2)], "Task 5: at 0.1, (2, 2) pairs too"
    assert greedy_pairs(np.zeros((0, 2)), 0.3) == [], "Task 5: nothing to pair gives []"
    assert iou[0, 0] == 0.9, "Task 5: greedy_pairs must not change the matrix it is given"


@pytest.mark.task(5)
@pytest.mark.parametrize(("momentum", "velocity"), [(0.5, 1.0), (0.25, 1.5)])
def test_tracks_start_move_and_learn_their_velocity(momentum, velocity):
    tracker = Tracker(momentum=momentum)
    first = tracker.update(found([0, 0, 10, 10], [50, 50, 60, 60], labels=[2, 1]))
    assert [(t.track_id, t.label) for t in first] == [(1, 2), (2, 1)], (
        f"Task 5: two new detections start tracks 1 and 2 with their labels, got {first}"
    )
    assert isinstance(first[0], TrackedBox) and first[0].box.tolist() == [0, 0, 10, 10]
    second = tracker.update(found([52, 50, 62, 60], [2, 0, 12, 10], labels=[1, 0]))
    assert [(t.track_id, t.box.tolist(), t.label) for t in second] == [
        (1, [2, 0, 12, 10], 0),
        (2, [52, 50, 62, 60], 1),
    ], (
        "Task 5: each track follows its own shape, reported by track id, with the new label; got "
        f"{second}"
    )
    velocities = [t.velocity.tolist() for t in tracker.tracks]
    assert velocities == [[velocity, 0.0], [velocity, 0.0]], (
        f"Task 5: after a step of 2 pixels, momentum {momentum} gives a velocity of "
        f"{momentum} * 0 + {1 - momentum} * 2 = {velocity}; got {velocities}"
    )


@pytest.mark.task(5)
@pytest.mark.parametrize("max_misses", [3, 1])
def test_a_lost_track_coasts_then_is_dropped(max_misses):
    tracker = Tracker(max_misses=max_misses, momentum=0.0)
    tracker.update(found([0, 0, 10, 10]))
    tracker.update(found([4, 0, 14, 10]))  # velocity (4, 0)
    for miss in range(1, max_misses + 1):
        assert tracker.update(NOTHING) == [], "Task 5: a track without a detection is not reported"
        assert len(tracker.tracks) == 1 and tracker.tracks[0].misses == miss, (
            f"Task 5: after {miss} missed frame(s), with max_misses={max_misses}, the track is kept"
        )
        assert tracker.tracks[0].box.tolist() == [4 + 4 * miss, 0, 14 + 4 * miss, 10], (
            f"Task 5: a missing track coasts on its velocity: expected x0 = {4 + 4 * miss}, "
            f"got {tracker.tracks[0].box.tolist()}"
        )
    back = tracker.update(found([4 + 4 * (max_misses + 1), 0, 14 + 4 * (max_misses + 1), 10]))
    assert [t.track_id for t in back] == [1], (
        "Task 5: found again where it was predicted, it keeps id 1"
    )
    for _ in range(max_misses + 1):
        tracker.update(NOTHING)
    assert tracker.tracks == [], (
        f"Task 5: after {max_misses + 1} misses in a row the track is dropped"
    )
    again = tracker.update(found([0, 0, 10, 10]))
    assert [t.track_id for t in again] == [2], "Task 5: ids are never reused: the next track is 2"


@pytest.mark.task(5)
def test_the_iou_threshold_decides_a_match():
    tracker = Tracker(iou_threshold=0.5)
    tracker.update(found([0, 0, 10, 10]))
    assert [t.track_id for t in tracker.update(found([0, 0, 10, 20]))] == [1], (
        "Task 5: an IoU of 0.5, exactly iou_threshold=0.5, continues the track"
    )
    assert [t.track_id for t in tracker.update(found([0, 0, 10, 8]))] == [2], (
        "Task 5: an IoU of 0.4, below iou_threshold=0.5, starts a new track"
    )
    assert [t.track_id for t in Tracker().update(found([0, 0, 1, 1], [5, 5, 6, 6]))] == [1, 2]


@pytest.mark.task(5)
def test_the_motion_model_carries_tracks_through_a_crossing():
    boxes, ids, detections = crossing()
    tracker = Tracker()
    tracked = [tracker.update(d) for d in detections]
    score = score_tracking(boxes, ids, tracked)
    assert score.id_switches == 0 and score.false_positives == 0, (
        "Task 5: two squares cross, unseen for 3 frames; predicted by their velocities, the tracks "
        f"should find their own squares again: expected no switch, got {score}"
    )
    still = Tracker(momentum=1.0)  # the velocity never moves from 0: no motion model
    naive = score_tracking(boxes, ids, [still.update(d) for d in detections])
    assert naive.id_switches == 2, (
        "Task 5: without a motion model (momentum=1.0) the two tracks swap: 2 switches, got "
        f"{naive}"
    )


@pytest.mark.task(5)
def test_score_tracking_by_hand():
    truth_boxes = [np.array([[0, 0, 10, 10], [20, 0, 30, 10]], float)] * 4
    truth_ids = [np.array([7, 8])] * 4
    box_a, box_b = np.array([0, 0, 10, 10.0]), np.array([20, 0, 30, 10.0])
    tracked = [
        [TrackedBox(1, box_a, 0), TrackedBox(2, box_b, 0)],
        [TrackedBox(1, box_a, 0), TrackedBox(5, np.array([50, 50, 60, 60.0]), 0)],
        [TrackedBox(3, box_a, 0), TrackedBox(2, np.array([20, 0, 30, 20.0]), 0)],
        [TrackedBox(3, box_a, 0), TrackedBox(2, box_b, 0)],
    ]
    score = score_tracking(truth_boxes, truth_ids, tracked)
    assert (score.misses, score.false_positives, score.id_switches, score.n_truth) == (
        1,
        1,
        1,
        8,
    ), (
        "Task 5: object 8 is missed in frame 2 (a miss, and track 5 is a false positive); object 7 "
        "goes from track 1 to 3 (a switch); in frame 3 object 8's box has an IoU of 0.5 with "
        "track 2: "
        "a match at the default 0.5. Expected misses 1, false positives 1, switches 1 of 8; got "
        f"{score}"
    )
    assert score.mota == pytest.approx(1 - 3 / 8), f"Task 5: MOTA = 1 - 3 / 8, got {score.mota}"
    strict = score_tracking(truth_boxes, truth_ids, tracked, iou_threshold=0.6)
    assert (strict.misses, strict.false_positives, strict.id_switches) == (2, 2, 1), (
        "Task 5: at iou_threshold=0.6 the IoU of 0.5 in frame 3 is a miss and a false positive "
        f"too; got {strict}"
    )
    try:
        score_tracking(truth_boxes, truth_ids, tracked[:3])
    except ValueError as refused:
        assert "frames" in str(refused), f"Task 5: the message names the frames, got {refused}"
    else:
        pytest.fail(
            "Task 5: score_tracking of 4 frames of truth and 3 of tracks must raise a "
            "ValueError naming the frames (a zip would silently score 3 of the 4)"
        )


@pytest.mark.task(5)
def test_tracking_the_true_boxes_of_a_movie(movie, seed, metric):
    rng = np.random.default_rng(seed)
    tracker = Tracker()
    tracked = []
    for boxes, labels in zip(movie.boxes, movie.labels, strict=True):
        keep = rng.uniform(size=len(boxes)) >= 0.2
        tracked.append(tracker.update(Detections(boxes[keep], np.ones(keep.sum()), labels[keep])))
    score = score_tracking(movie.boxes, movie.ids, tracked)
    metric("truth_id_switches", score.id_switches)
