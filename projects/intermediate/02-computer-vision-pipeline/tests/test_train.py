"""Task 4: the focal loss, the detection loss, detection, and a trained detector's mAP."""

import numpy as np
import pytest
import torch

from vision.train import detect, detection_loss, focal_loss


def focal_by_hand(logits, target, alpha, beta):
    p = 1 / (1 + np.exp(-logits))
    log_p, log_not_p = -np.logaddexp(0, -logits), -np.logaddexp(0, logits)  # stable logs
    positive = target == 1
    loss = np.where(
        positive,
        -((1 - p) ** alpha) * log_p,
        -((1 - target) ** beta) * p**alpha * log_not_p,
    )
    return loss.sum() / max(int(positive.sum()), 1)


def random_maps(seed, n=2, classes=3, cells=6):
    rng = np.random.default_rng(seed)
    logits = rng.normal(0, 2, size=(n, classes, cells, cells))
    target = rng.uniform(0, 0.95, size=(n, classes, cells, cells))
    target[0, 1, 2, 3] = target[1, 0, 4, 4] = target[1, 2, 0, 5] = 1.0
    return logits, target


@pytest.mark.task(4)
@pytest.mark.parametrize(("alpha", "beta"), [(2.0, 4.0), (1.5, 3.0)])
def test_focal_loss_by_hand(seed, alpha, beta):
    logits, target = random_maps(seed)
    expected = focal_by_hand(logits, target, alpha, beta)
    got = focal_loss(torch.tensor(logits), torch.tensor(target), alpha=alpha, beta=beta)
    assert isinstance(got, torch.Tensor) and got.ndim == 0, (
        "Task 4: focal_loss returns a scalar tensor"
    )
    assert got.item() == pytest.approx(expected, rel=1e-9), (
        f"Task 4: focal loss (alpha={alpha}, beta={beta}) with 3 positive cells should be "
        f"{expected:.6f}, got {got.item():.6f}"
    )
    if (alpha, beta) == (2.0, 4.0):
        default = focal_loss(torch.tensor(logits), torch.tensor(target)).item()
        assert default == pytest.approx(expected, rel=1e-9), (
            "Task 4: the defaults are alpha=2, beta=4"
        )


@pytest.mark.task(4)
def test_focal_loss_without_positives_and_at_the_extremes():
    logits = torch.tensor([[-3.0, 0.5], [40.0, -40.0]])
    target = torch.tensor([[0.0, 0.5], [0.2, 0.0]])
    expected = focal_by_hand(logits.double().numpy(), target.double().numpy(), 2.0, 4.0)
    got = focal_loss(logits, target).item()
    assert np.isfinite(got) and got == pytest.approx(expected, rel=1e-5), (
        f"Task 4: with no cell at 1 the sum is divided by 1; a logit of 40 must stay finite "
        f"(use F.logsigmoid): expected {expected:.6f}, got {got}"
    )
    confident = focal_loss(torch.tensor([100.0]), torch.tensor([1.0])).item()
    assert confident == pytest.approx(0.0, abs=1e-12), (
        f"Task 4: a sure, right positive costs 0, got {confident}"
    )


@pytest.mark.task(4)
def test_detection_loss_adds_the_weighted_l1_at_the_centres(seed):
    logits, target = random_maps(seed)
    rng = np.random.default_rng(seed + 1)
    outputs = {
        "heatmap": torch.tensor(logits),
        "size": torch.tensor(rng.normal(size=(2, 2, 6, 6))),
        "offset": torch.tensor(rng.normal(size=(2, 2, 6, 6))),
    }
    mask = np.zeros((2, 6, 6), bool)
    mask[0, 2, 3] = mask[1, 4, 4] = mask[1, 0, 5] = True
    targets = {
        "heatmap": torch.tensor(target),
        "size": torch.tensor(rng.uniform(1, 5, size=(2, 2, 6, 6))),
        "offset": torch.tensor(rng.uniform(0, 1, size=(2, 2, 6, 6))),
        "mask": torch.tensor(mask),
    }
    l1 = {
        name: sum(
            np.abs(outputs[name][n, :, y, x].numpy() - targets[name][n, :, y, x].numpy()).sum()
            for n, y, x in np.argwhere(mask)
        )
        / 3
        for name in ("size", "offset")
    }
    focal = focal_by_hand(logits, target, 2.0, 4.0)
    got = detection_loss(outputs, targets, size_weight=0.3, offset_weight=2.0).item()
    expected = focal + 0.3 * l1["size"] + 2.0 * l1["offset"]
    assert got == pytest.approx(expected, rel=1e-9), (
        f"Task 4: focal {focal:.4f} + 0.3 * size L1 {l1['size']:.4f} + 2.0 * offset L1 "
        f"{l1['offset']:.4f} (sums at the 3 centre cells, over 3) = {expected:.6f}, got {got:.6f}"
    )
    default = detection_loss(outputs, targets).item()
    assert default == pytest.approx(focal + 0.1 * l1["size"] + l1["offset"], rel=1e-9), (
        "Task 4: the default weights are 0.1 for the sizes and 1.0 for the offsets"
    )
    one = np.zeros((2, 6, 6), bool)
    one[1, 4, 4] = True
    lone = {
        name: np.abs(outputs[name][1, :, 4, 4].numpy() - targets[name][1, :, 4, 4].numpy()).sum()
        for name in ("size", "offset")
    }
    got = detection_loss(outputs, {**targets, "mask": torch.tensor(one)}, 0.3, 2.0).item()
    expected = focal + 0.3 * lone["size"] + 2.0 * lone["offset"]
    assert got == pytest.approx(expected, rel=1e-9), (
        f"Task 4: with a single centre cell the L1 sums are divided by 1: expected "
        f"{expected:.6f}, got {got:.6f}"
    )


@pytest.mark.task(4)
def test_detect_decodes_then_suppresses(trained_detector, test_scenes):
    from vision.boxes import nms
    from vision.detector import to_tensor
    from vision.targets import decode

    model, _ = trained_detector
    images = np.stack([s.image for s in test_scenes[:12]])
    with torch.no_grad():
        model.eval()
        outputs = model(to_tensor(images))
    found = detect(model, images, score_threshold=0.05, nms_threshold=0.1, max_detections=3)
    assert len(found) == 12, f"Task 4: one Detections per image, got {len(found)}"
    for n, mine in enumerate(found):
        decoded = decode(
            torch.sigmoid(outputs["heatmap"][n]).numpy(),
            outputs["size"][n].numpy(),
            outputs["offset"][n].numpy(),
            4,
            0.05,
            3,
        )
        keep = nms(decoded.boxes, decoded.scores, 0.1)
        assert (
            np.allclose(mine.boxes, decoded.boxes[keep])
            and mine.labels.tolist() == decoded.labels[keep].tolist()
        ), (
            f"Task 4: image {n}: detect should decode (score_threshold=0.05, max_detections=3), "
            "then "
            f"nms at 0.1 over all classes; got {len(mine.boxes)} boxes, expected {len(keep)}"
        )
        np.testing.assert_allclose(mine.scores, decoded.scores[keep], rtol=1e-6)


@pytest.mark.task(4)
def test_training_lowers_the_loss(trained_detector):
    _, history = trained_detector
    assert history[-1] < 0.5 * history[0], (
        "Task 4: training should at least halve the loss; per epoch it went "
        f"{np.round(history, 3).tolist()} "
        "(check the signs and the normalisation of your losses)"
    )


@pytest.mark.task(4)
def test_detector_map(trained_detector, test_scenes, metric, figure):
    from vision.evaluation import mean_average_precision

    model, _ = trained_detector
    found = detect(model, np.stack([s.image for s in test_scenes]))
    metric("map_50", mean_average_precision(test_scenes, found, 3, [0.5]))
    figure("map_coco", mean_average_precision(test_scenes, found, 3))
