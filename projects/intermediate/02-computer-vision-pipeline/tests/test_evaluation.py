"""Task 2: matching, average precision and mAP, held to pycocotools' COCOeval."""

import contextlib
import io

import numpy as np
import pytest

from vision.evaluation import (
    IOU_THRESHOLDS,
    Detections,
    average_precision,
    match_detections,
    mean_average_precision,
)
from vision.scenes import Scene


def coco_map(truths, detections, n_classes, iou_thresholds=None, max_detections=100):
    """COCOeval's mAP (area 'all', the given detections per image) on the same boxes."""
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval

    dataset = {
        "images": [{"id": i + 1} for i in range(len(truths))],
        "categories": [{"id": c + 1} for c in range(n_classes)],
        "annotations": [],
    }
    for i, truth in enumerate(truths):
        for (x0, y0, x1, y1), label in zip(truth.boxes, truth.labels, strict=True):
            dataset["annotations"].append(
                {
                    "id": len(dataset["annotations"]) + 1,
                    "image_id": i + 1,
                    "category_id": int(label) + 1,
                    "bbox": [x0, y0, x1 - x0, y1 - y0],
                    "area": (x1 - x0) * (y1 - y0),
                    "iscrowd": 0,
                }
            )
    results = [
        {
            "image_id": i + 1,
            "category_id": int(label) + 1,
            "bbox": [x0, y0, x1 - x0, y1 - y0],
            "score": float(score),
        }
        for i, found in enumerate(detections)
        for (x0, y0, x1, y1), score, label in zip(
            found.boxes, found.scores, found.labels, strict=True
        )
    ]
    with contextlib.redirect_stdout(io.StringIO()):
        truth_api = COCO()
        truth_api.dataset = dataset
        truth_api.createIndex()
        evaluator = COCOeval(truth_api, truth_api.loadRes(results), "bbox")
        if iou_thresholds is not None:
            evaluator.params.iouThrs = np.asarray(iou_thresholds, dtype=np.float64)
        evaluator.params.maxDets = [max_detections]
        evaluator.evaluate()
        evaluator.accumulate()
    precision = evaluator.eval["precision"][:, :, :, 0, -1]
    return float(np.mean(precision[precision > -1]))


def noisy_detections(scenes, rng, n_classes=3, jitter=2.0, decimals=None):
    """Detections near the true boxes (some with the wrong class), plus strays."""
    detections = []
    for scene in scenes:
        n = int(rng.integers(0, 8))
        picks = rng.integers(0, len(scene.boxes), size=n)
        boxes = scene.boxes[picks] + rng.normal(0.0, jitter, size=(n, 4))
        boxes[:, 2:] = np.maximum(boxes[:, 2:], boxes[:, :2] + 1)
        labels = np.where(
            rng.uniform(size=n) < 0.8, scene.labels[picks], rng.integers(0, n_classes, n)
        )
        scores = rng.uniform(size=n)
        if decimals is not None:  # many equal scores: ties must be broken as COCO does
            scores = np.round(scores, decimals)
        detections.append(Detections(boxes, scores, labels))
    return detections


@pytest.mark.task(2)
def test_matching_by_hand():
    truth = np.array([[0, 0, 10, 10], [20, 0, 30, 10]], dtype=float)
    found = np.array(
        [[0, 0, 10, 5], [1, 0, 11, 10], [0, 0, 10, 10], [20, 0, 30, 10], [40, 0, 50, 10]], float
    )
    got = match_detections(truth, found, 0.5)
    assert got.dtype == bool and got.tolist() == [True, False, False, True, False], (
        "Task 2: detection 0 (IoU 0.5 with truth 0, exactly the threshold) claims it; detections "
        "1 and 2 find it claimed; 3 claims truth 1; 4 overlaps nothing. Expected [True, False, "
        f"False, True, False], got {got.tolist()}"
    )
    strict = match_detections(truth, found, 0.6).tolist()
    assert strict == [False, True, False, True, False], (
        "Task 2: at an IoU threshold of 0.6, detection 0 (IoU 0.5) no longer matches and "
        "detection 1 (IoU 0.82) claims truth 0: expected [False, True, False, True, False], got "
        f"{strict}"
    )


@pytest.mark.task(2)
def test_a_detection_claims_the_truth_it_overlaps_most():
    truth = np.array([[0, 0, 10, 10], [4, 0, 14, 10]], dtype=float)
    found = np.array([[3, 0, 13, 10], [0, 0, 10, 10]], dtype=float)
    got = match_detections(truth, found, 0.5).tolist()
    assert got == [True, True], (
        "Task 2: detection 0 overlaps truth 1 most (IoU 0.82 against 0.54) and must claim it, "
        f"leaving truth 0 to detection 1: expected [True, True], got {got}"
    )
    assert match_detections(np.zeros((0, 4)), found, 0.5).tolist() == [False, False], (
        "Task 2: without ground truth every detection is a false positive"
    )


@pytest.mark.task(2)
def test_average_precision_by_hand():
    # Ranked: hit, miss, hit, then a third truth never found. Recall 1/3, 1/3, 2/3;
    # precision 1, 1/2, 2/3 -> non-increasing from the right: 1, 2/3, 2/3.
    matched = np.array([True, True, False])
    scores = np.array([0.9, 0.5, 0.7])
    expected = (34 * 1.0 + 33 * (2 / 3)) / 101  # recall levels 0..0.33 -> 1, 0.34..0.66 -> 2/3
    got = average_precision(matched, scores, 3)
    assert got == pytest.approx(expected, abs=1e-12), (
        f"Task 2: AP of hit/miss/hit ranked by score with 3 truths should be {expected:.6f}, got "
        f"{got}"
    )
    assert average_precision(np.array([True]), np.array([0.3]), 1) == pytest.approx(1.0), (
        "Task 2: one truth found by the only detection is an AP of 1"
    )
    assert average_precision(np.array([], bool), np.array([]), 2) == 0.0, (
        "Task 2: a class with truths and no detection has an AP of 0"
    )
    assert np.isnan(average_precision(np.array([False]), np.array([0.5]), 0)), (
        "Task 2: a class without any truth has no AP: nan"
    )


@pytest.mark.task(2)
@pytest.mark.parametrize(
    ("thresholds", "max_detections"),
    [(None, 100), ([0.5], 100), ([0.75], 100), (None, 2), ([0.5, 0.6], 1)],
)
def test_map_equals_cocoeval(seed, thresholds, max_detections):
    from vision.scenes import make_scenes

    rng = np.random.default_rng(seed)
    scenes = make_scenes(40, seed=seed)
    detections = noisy_detections(scenes, rng)
    mine = mean_average_precision(
        scenes, detections, 3, IOU_THRESHOLDS if thresholds is None else thresholds, max_detections
    )
    theirs = coco_map(scenes, detections, 3, thresholds, max_detections)
    assert mine == pytest.approx(theirs, abs=1e-9), (
        f"Task 2: mAP at IoU thresholds {thresholds or 'COCO 0.5:0.95'} with at most "
        f"{max_detections} detections per image and class: COCOeval says {theirs:.6f}, you say "
        f"{mine:.6f}"
    )


@pytest.mark.task(2)
def test_map_equals_cocoeval_with_many_equal_scores(seed):
    from vision.scenes import make_scenes

    rng = np.random.default_rng(seed + 1)
    scenes = make_scenes(60, seed=seed + 1)
    detections = noisy_detections(scenes, rng, jitter=3.0, decimals=1)
    for thresholds in (None, [0.5]):
        mine = mean_average_precision(
            scenes, detections, 3, IOU_THRESHOLDS if thresholds is None else thresholds
        )
        theirs = coco_map(scenes, detections, 3, thresholds)
        assert mine == pytest.approx(theirs, abs=1e-9), (
            f"Task 2: with scores rounded to 0.1 (many ties), COCOeval says {theirs:.6f} at "
            f"{thresholds or 'COCO 0.5:0.95'}, you say {mine:.6f}: of equal scores the earlier "
            "comes first, within an image and over the images (stable sorts)"
        )


@pytest.mark.task(2)
def test_map_defaults_and_a_class_without_truth(seed):
    boxes = np.array([[0, 0, 10, 10], [20, 20, 30, 30]], dtype=float)
    scenes = [Scene(np.zeros((64, 64, 3), np.uint8), boxes, np.array([0, 0]))]
    near = boxes + np.array([[0, 0, 1, 0], [0, 0, 0, 5]])  # IoUs 0.91 and 0.67
    detections = [Detections(near, np.array([0.9, 0.8]), np.array([0, 0]))]
    got = mean_average_precision(scenes, detections, 4)
    theirs = coco_map(scenes, detections, 4)
    # Both found up to 0.65, only the first from 0.7 to 0.9 (AP 51/101), neither at 0.95.
    expected = (4 * 1.0 + 5 * 51 / 101 + 0.0) / 10
    assert got == pytest.approx(theirs, abs=1e-12) and got == pytest.approx(expected, abs=1e-12), (
        "Task 2: by default, the mean over COCO's ten thresholds; classes 1 to 3 have no truth "
        f"and are left out: expected {expected:.6f}, got {got}"
    )
    with pytest.raises(ValueError, match="detections"):
        mean_average_precision(scenes, [], 3)
