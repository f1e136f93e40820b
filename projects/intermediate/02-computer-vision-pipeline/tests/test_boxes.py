"""Task 1: IoU and non-maximum suppression, held to OpenCV's cv2.dnn.NMSBoxes."""

import cv2
import numpy as np
import pytest

from vision.boxes import as_boxes, box_iou, nms


def random_boxes(rng, n, extent=50.0, largest=20.0):
    corners = rng.uniform(0, extent, size=(n, 2))
    sizes = rng.uniform(1.0, largest, size=(n, 2))
    return np.hstack([corners, corners + sizes])


def opencv_nms(boxes, scores, iou_threshold, score_threshold, top_k=0):
    xywh = np.hstack([boxes[:, :2], boxes[:, 2:] - boxes[:, :2]])
    kept = cv2.dnn.NMSBoxes(
        xywh.tolist(), scores.tolist(), score_threshold, iou_threshold, top_k=top_k
    )
    return np.asarray(kept, dtype=np.int64).reshape(-1)


@pytest.mark.task(1)
def test_as_boxes_accepts_good_boxes_and_an_empty_list():
    boxes = as_boxes([[1, 2, 3, 4], [0, 0, 0, 5]])
    assert boxes.dtype == np.float64 and boxes.shape == (2, 4), (
        f"Task 1: as_boxes should return a float64 (N, 4) array, got {boxes.dtype} {boxes.shape}"
    )
    assert boxes.tolist() == [[1, 2, 3, 4], [0, 0, 0, 5]], (
        f"Task 1: as_boxes changed the boxes: {boxes.tolist()}"
    )
    assert as_boxes([]).shape == (0, 4), "Task 1: as_boxes([]) should be an empty (0, 4) array"


@pytest.mark.task(1)
@pytest.mark.parametrize(
    ("boxes", "words"),
    [
        ([[0, 0, 1]], "shape"),
        ([1, 2, 3, 4], "shape"),
        ([[0, 0, 1, 1], [0, 0, np.nan, 1]], "box 1"),
        ([[0, 0, np.inf, 1]], "finite"),
        ([[0, 0, 1, 1], [0, 0, 1, 1], [5, 0, 4, 1]], "box 2"),
        ([[0, 3, 1, 2]], "box 0"),
    ],
)
def test_as_boxes_refuses_a_malformed_box_and_names_it(boxes, words):
    with pytest.raises(ValueError, match=words):
        as_boxes(boxes)


@pytest.mark.task(1)
@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ([0, 0, 4, 4], [0, 0, 4, 4], 1.0),
        ([0, 0, 4, 4], [2, 0, 6, 4], 8 / 24),
        ([0, 0, 4, 4], [1, 1, 3, 3], 4 / 16),
        ([0, 0, 4, 4], [4, 0, 8, 4], 0.0),
        ([0, 0, 4, 4], [5, 5, 6, 6], 0.0),
        ([0, 0, 2, 6], [0, 1, 6, 3], 4 / 20),
        ([0, 0, 0, 0], [0, 0, 0, 0], 0.0),
        ([1, 1, 1, 3], [0, 0, 4, 4], 0.0),
    ],
)
def test_iou_of_two_boxes_by_hand(a, b, expected):
    got = box_iou(np.array([a]), np.array([b]))
    assert got.shape == (1, 1) and got[0, 0] == pytest.approx(expected, abs=1e-12), (
        f"Task 1: IoU of {a} and {b} should be {expected:.4f}, got {got}"
    )
    reverse = box_iou(np.array([b]), np.array([a]))
    assert reverse[0, 0] == pytest.approx(expected, abs=1e-12), (
        f"Task 1: IoU is symmetric: IoU({b}, {a}) should be {expected:.4f}, got {reverse}"
    )


@pytest.mark.task(1)
def test_iou_matrix_against_a_loop(seed):
    rng = np.random.default_rng(seed)
    a, b = random_boxes(rng, 7), random_boxes(rng, 5)
    expected = np.zeros((7, 5))
    for i, p in enumerate(a):
        for j, q in enumerate(b):
            w = max(0.0, min(p[2], q[2]) - max(p[0], q[0]))
            h = max(0.0, min(p[3], q[3]) - max(p[1], q[1]))
            area_p, area_q = (p[2] - p[0]) * (p[3] - p[1]), (q[2] - q[0]) * (q[3] - q[1])
            expected[i, j] = w * h / (area_p + area_q - w * h)
    got = box_iou(a, b)
    assert got.shape == (7, 5), (
        f"Task 1: box_iou of 7 and 5 boxes should be (7, 5), got {got.shape}"
    )
    np.testing.assert_allclose(
        got, expected, atol=1e-12, err_msg="Task 1: box_iou differs from a loop"
    )
    assert box_iou(a, np.zeros((0, 4))).shape == (7, 0), "Task 1: box_iou with no boxes is (N, 0)"


@pytest.mark.task(1)
@pytest.mark.parametrize("trial", range(12))
def test_nms_keeps_what_opencv_keeps(seed, trial):
    rng = np.random.default_rng([seed, trial])
    n = int(rng.integers(2, 60))
    boxes, scores = random_boxes(rng, n), rng.uniform(0, 1, size=n)
    iou_threshold, score_threshold = rng.uniform(0.2, 0.7), rng.uniform(0.0, 0.4)
    top_k = int(rng.integers(1, n + 1)) if trial % 2 else None
    mine = nms(boxes, scores, iou_threshold, score_threshold, top_k)
    theirs = opencv_nms(boxes, scores, iou_threshold, score_threshold, top_k or 0)
    assert isinstance(mine, np.ndarray) and mine.dtype == np.int64, (
        "Task 1: nms should return an int64 array, "
        f"got {type(mine).__name__} {getattr(mine, 'dtype', '')}"
    )
    assert mine.tolist() == theirs.tolist(), (
        f"Task 1: nms(iou_threshold={iou_threshold:.3f}, score_threshold={score_threshold:.3f}, "
        f"top_k={top_k}) on {n} boxes kept {mine.tolist()}, cv2.dnn.NMSBoxes kept {theirs.tolist()}"
    )


@pytest.mark.task(1)
def test_nms_thresholds_are_exact():
    boxes = np.array([[0, 0, 4, 1], [0, 0, 2, 1], [10, 10, 12, 12]], dtype=float)  # IoU(0, 1) = 0.5
    scores = np.array([0.9, 0.8, 0.6])
    cases = [
        (dict(iou_threshold=0.5), [0, 1, 2], "an IoU equal to the threshold is kept"),
        (dict(iou_threshold=0.49), [0, 2], "an IoU above the threshold is suppressed"),
        (
            dict(iou_threshold=0.5, score_threshold=0.6),
            [0, 1],
            "a score equal to score_threshold is dropped",
        ),
        (dict(iou_threshold=0.49, top_k=1), [0], "top_k=1 keeps one candidate"),
        (
            dict(iou_threshold=0.49, top_k=2),
            [0],
            "top_k cuts the candidates before the suppression",
        ),
        (dict(), [0, 1, 2], "the default iou_threshold is 0.5"),
    ]
    for settings, expected, reason in cases:
        got = nms(boxes, scores, **settings).tolist()
        theirs = opencv_nms(
            boxes,
            scores,
            settings.get("iou_threshold", 0.5),
            settings.get("score_threshold", 0.0),
            settings.get("top_k", 0),
        ).tolist()
        assert got == expected == theirs, (
            f"Task 1: nms({settings}) should keep {expected} ({reason}), got {got}"
        )


@pytest.mark.task(1)
def test_nms_orders_by_score_and_breaks_ties_by_index():
    boxes = np.array([[0, 0, 2, 2], [10, 0, 12, 2], [20, 0, 22, 2], [0, 0, 2, 2.1]], dtype=float)
    scores = np.array([0.5, 0.7, 0.5, 0.5])
    got = nms(boxes, scores, 0.5).tolist()
    assert got == [1, 0, 2] == opencv_nms(boxes, scores, 0.5, 0.0).tolist(), (
        f"Task 1: best first, and of equal scores the lower index first (box 3 is suppressed by "
        f"box 0): expected [1, 0, 2], got {got}"
    )
    assert nms(np.zeros((0, 4)), np.zeros(0)).tolist() == [], "Task 1: nms of no boxes is empty"


@pytest.mark.task(1)
def test_nms_refuses_scores_that_do_not_match_the_boxes():
    with pytest.raises(ValueError, match="score"):
        nms(np.zeros((3, 4)), np.ones(2))


@pytest.mark.task(1)
def test_nms_keeps_the_index_order_among_many_equal_scores(seed):
    rng = np.random.default_rng(seed)
    corners = np.stack(np.meshgrid(np.arange(15) * 10.0, np.arange(14) * 10.0), -1).reshape(-1, 2)
    boxes = np.hstack([corners, corners + 5.0])  # 210 boxes, none overlapping
    scores = np.round(rng.uniform(0.05, 1.0, size=len(boxes)), 1)
    got = nms(boxes, scores, 0.5).tolist()
    theirs = opencv_nms(boxes, scores, 0.5, 0.0).tolist()
    assert got == theirs, (
        "Task 1: of equal scores the lower index comes first (a stable sort: "
        "np.argsort(..., kind='stable')); the first 10 kept: "
        f"yours {got[:10]}, OpenCV's {theirs[:10]}"
    )
