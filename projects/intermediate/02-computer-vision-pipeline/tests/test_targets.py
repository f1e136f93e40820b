"""Task 3: CenterNet targets (heatmaps, sizes, offsets) and decoding them back to boxes."""

import math

import numpy as np
import pytest

from vision.targets import decode, encode_targets, local_maxima


def gaussian_by_hand(cells, i, j, sigma):
    return np.array(
        [
            [math.exp(-((x - i) ** 2 + (y - j) ** 2) / (2 * sigma**2)) for x in range(cells)]
            for y in range(cells)
        ]
    )


@pytest.mark.task(3)
def test_one_box_by_hand():
    box = np.array([[9.0, 12.0, 26.0, 21.0]])  # centre (17.5, 16.5) px = (4.375, 4.125) cells
    targets = encode_targets(box, np.array([2]), n_classes=3, image_size=64)
    assert targets.heatmap.shape == (3, 16, 16) and targets.size.shape == (2, 16, 16), (
        f"Task 3: 3 classes on a 64-pixel image with stride 4 give heatmaps (3, 16, 16) and sizes "
        f"(2, 16, 16), got {targets.heatmap.shape} and {targets.size.shape}"
    )
    assert targets.mask.dtype == bool and np.argwhere(targets.mask).tolist() == [[4, 4]], (
        "Task 3: the mask should be True only at row j=4, column i=4, got "
        f"{np.argwhere(targets.mask).tolist()}"
    )
    np.testing.assert_allclose(
        targets.size[:, 4, 4], [17 / 4, 9 / 4], rtol=1e-6, err_msg="Task 3: size in cells"
    )
    np.testing.assert_allclose(
        targets.offset[:, 4, 4], [0.375, 0.125], rtol=1e-6, err_msg="Task 3: offset in its cell"
    )
    assert targets.size.sum() == pytest.approx(
        17 / 4 + 9 / 4
    ) and targets.offset.sum() == pytest.approx(0.5), (
        "Task 3: sizes and offsets are 0 away from the centre cells"
    )
    sigma = 0.25 * math.sqrt(17 * 9) / 4
    np.testing.assert_allclose(
        targets.heatmap[2],
        gaussian_by_hand(16, 4, 4, sigma),
        rtol=1e-5,
        atol=1e-7,
        err_msg=f"Task 3: class 2's heatmap should be a Gaussian of sigma {sigma:.4f} at (4, 4)",
    )
    assert targets.heatmap[:2].max() == 0 and targets.heatmap[2, 4, 4] == 1.0, (
        "Task 3: the other classes' heatmaps stay 0, and the centre cell is exactly 1"
    )


@pytest.mark.task(3)
def test_stride_sigma_and_overlapping_boxes():
    boxes = np.array([[0.0, 0.0, 12.0, 12.0], [6.0, 2.0, 30.0, 14.0], [1.0, 1.0, 11.0, 11.0]])
    targets = encode_targets(
        boxes, np.array([1, 1, 0]), n_classes=2, image_size=32, stride=8, sigma_fraction=0.5
    )
    assert targets.heatmap.shape == (2, 4, 4), (
        f"Task 3: stride 8 on 32 pixels is a 4x4 grid, got {targets.heatmap.shape}"
    )
    first = gaussian_by_hand(4, 0, 0, 0.5 * 12 / 8)
    second = gaussian_by_hand(4, 2, 1, 0.5 * math.sqrt(24 * 12) / 8)
    np.testing.assert_allclose(
        targets.heatmap[1],
        np.maximum(first, second),
        rtol=1e-5,
        atol=1e-7,
        err_msg="Task 3: two boxes of one class: the heatmap is the maximum of their Gaussians",
    )
    np.testing.assert_allclose(
        targets.heatmap[0], gaussian_by_hand(4, 0, 0, 0.5 * 10 / 8), rtol=1e-5, atol=1e-7
    )
    np.testing.assert_allclose(
        targets.size[:, 0, 0],
        [10 / 8, 10 / 8],
        rtol=1e-6,
        err_msg="Task 3: the third box has the first's centre cell: its size overwrites it",
    )
    np.testing.assert_allclose(targets.offset[:, 0, 0], [6 / 8, 6 / 8], rtol=1e-6)
    np.testing.assert_allclose(targets.offset[:, 1, 2], [18 / 8 - 2, 1.0 - 1], rtol=1e-6, atol=1e-7)
    assert targets.mask.sum() == 2, f"Task 3: two centre cells, got {int(targets.mask.sum())}"


@pytest.mark.task(3)
def test_local_maxima_against_a_loop(seed):
    rng = np.random.default_rng(seed)
    heatmap = np.round(rng.uniform(size=(2, 7, 9)), 1)  # rounded: plateaus happen
    expected = np.zeros_like(heatmap, dtype=bool)
    for c in range(2):
        for y in range(7):
            for x in range(9):
                around = heatmap[c, max(y - 1, 0) : y + 2, max(x - 1, 0) : x + 2]
                expected[c, y, x] = heatmap[c, y, x] >= around.max()
    got = local_maxima(heatmap)
    assert got.dtype == bool and got.shape == heatmap.shape, (
        "Task 3: local_maxima is a bool array of the heatmap's shape"
    )
    assert np.array_equal(got, expected), (
        "Task 3: local maxima differ from a loop at (class, row, column) "
        f"{np.argwhere(got != expected).tolist()[:5]}"
    )


@pytest.mark.task(3)
def test_local_maxima_at_the_edges():
    heatmap = np.zeros((1, 3, 3))
    heatmap[0, 0, 0], heatmap[0, 2, 2], heatmap[0, 1, 1] = 0.9, 0.8, 0.5
    got = local_maxima(heatmap)[0]
    assert got[0, 0] and got[2, 2] and not got[1, 1] and not got[0, 1], (
        "Task 3: the corners 0.9 and 0.8 are maxima, the centre 0.5 (next to 0.9) is not; "
        f"got\n{got}"
    )


@pytest.mark.task(3)
def test_decode_by_hand():
    heatmap = np.zeros((2, 4, 4))
    heatmap[0, 1, 2] = 0.9
    heatmap[0, 1, 1] = 0.6  # next to 0.9: not a maximum
    heatmap[1, 3, 0] = 0.7
    heatmap[1, 0, 3] = 0.2  # exactly the threshold: dropped
    size, offset = np.zeros((2, 4, 4)), np.zeros((2, 4, 4))
    size[:, 1, 2], offset[:, 1, 2] = (2.0, 1.0), (0.5, 0.25)
    size[:, 3, 0], offset[:, 3, 0] = (-1.0, 3.0), (0.0, 0.5)
    found = decode(heatmap, size, offset, stride=8, score_threshold=0.2)
    assert found.labels.tolist() == [0, 1] and found.scores.tolist() == [0.9, 0.7], (
        "Task 3: expected labels [0, 1] with scores [0.9, 0.7] (0.6 is beside a higher cell, 0.2 "
        "is "
        f"not above the threshold), got {found.labels.tolist()} {found.scores.tolist()}"
    )
    np.testing.assert_allclose(
        found.boxes,
        [[12.0, 6.0, 28.0, 14.0], [0.0, 16.0, 0.0, 40.0]],
        err_msg="Task 3: centre (i + offset) * stride, size * stride (a negative size is 0)",
    )
    top = decode(heatmap, size, offset, stride=8, score_threshold=0.1, max_detections=2)
    assert top.scores.tolist() == [0.9, 0.7], (
        f"Task 3: max_detections=2 keeps the best two, got {top.scores.tolist()}"
    )
    default = decode(heatmap, size, offset)
    assert default.scores.tolist() == [0.9, 0.7, 0.2], (
        "Task 3: by default the threshold is 0.1 and the stride 4, got scores "
        f"{default.scores.tolist()}"
    )
    np.testing.assert_allclose(default.boxes[0], [6.0, 3.0, 14.0, 7.0])


@pytest.mark.task(3)
def test_decode_orders_ties_by_class_row_and_column():
    heatmap = np.zeros((2, 5, 5))
    heatmap[1, 0, 0] = heatmap[0, 4, 4] = heatmap[0, 0, 4] = 0.5
    found = decode(heatmap, np.ones((2, 5, 5)), np.zeros((2, 5, 5)), max_detections=2)
    np.testing.assert_allclose(
        found.boxes,
        [[14.0, -2.0, 18.0, 2.0], [14.0, 14.0, 18.0, 18.0]],
        err_msg="Task 3: equal scores keep the (class, row, column) order; max_detections=2",
    )


@pytest.mark.task(3)
def test_encoding_then_decoding_gives_the_boxes_back(seed):
    from vision.scenes import make_scenes

    for scene in make_scenes(20, seed=seed):
        targets = encode_targets(scene.boxes, scene.labels, 3, 64)
        found = decode(targets.heatmap, targets.size, targets.offset, score_threshold=0.99)
        truth = sorted(zip(scene.labels.tolist(), scene.boxes.tolist(), strict=True))
        back = sorted(zip(found.labels.tolist(), np.round(found.boxes, 3).tolist(), strict=True))
        assert back == truth, (
            f"Task 3: decoding the targets of a scene should give its boxes {truth}, got {back}"
        )
        assert np.all(found.scores == 1.0), "Task 3: the targets peak at exactly 1"


@pytest.mark.task(3)
def test_decode_keeps_the_order_of_many_equal_peaks():
    heatmap = np.zeros((2, 12, 12))
    heatmap[:, ::2, ::2] = 0.5  # 72 isolated peaks of one score
    heatmap[1, 4, 6] = 0.9
    size, offset = np.ones((2, 12, 12)), np.zeros((2, 12, 12))
    found = decode(heatmap, size, offset, stride=1, max_detections=100)
    centres = [
        (int(label), int(round(y0 + 0.5)), int(round(x0 + 0.5)))
        for label, (x0, y0, _, _) in zip(found.labels, found.boxes, strict=True)
    ]
    expected = [(1, 4, 6)] + [
        (c, j, i)
        for c in range(2)
        for j in range(0, 12, 2)
        for i in range(0, 12, 2)
        if (c, j, i) != (1, 4, 6)
    ]
    assert centres == expected, (
        "Task 3: the best first, then equal scores in (class, row, column) order (a stable "
        f"sort); the first five: expected {expected[:5]}, got {centres[:5]}"
    )


@pytest.mark.task(3)
def test_encode_refuses_labels_that_do_not_match_the_boxes():
    with pytest.raises(ValueError):
        encode_targets(np.array([[0.0, 0.0, 8.0, 8.0]]), np.array([0, 1]), 3, 32)
