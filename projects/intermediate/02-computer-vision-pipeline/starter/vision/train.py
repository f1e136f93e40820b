"""Train the detector on scenes, and run it on images.

The heatmap is trained with CenterNet's focal loss: almost every cell holds no
centre, and a plain cross-entropy would be won by predicting "nothing" everywhere.
The focal loss weighs down the cells the model already gets right, and the cells
near a centre (where the target Gaussian is high) count less as negatives. The sizes
and offsets are trained with an L1 loss at the centre cells only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from tqdm.auto import tqdm

from vision.boxes import nms
from vision.detector import CenterNet, to_tensor
from vision.evaluation import Detections
from vision.scenes import CLASSES, Scene
from vision.targets import STRIDE, decode, encode_targets

SCORE_THRESHOLD = 0.1  # lower than a user would pick: mAP wants the low-scored detections too
NMS_THRESHOLD = 0.3
MAX_DETECTIONS = 100
FOCAL_ALPHA = 2.0
FOCAL_BETA = 4.0
SIZE_WEIGHT = 0.1
OFFSET_WEIGHT = 1.0


def focal_loss(
    logits: torch.Tensor, target: torch.Tensor, alpha: float = FOCAL_ALPHA, beta: float = FOCAL_BETA
) -> torch.Tensor:
    """CenterNet's penalty-reduced focal loss of heatmap logits against target heatmaps.

    With p = sigmoid(logits): a cell whose target is exactly 1 adds
    -(1 - p)**alpha * log(p); any other cell adds -(1 - target)**beta * p**alpha *
    log(1 - p). The sum is divided by the number of cells whose target is 1 (by 1 when
    there are none). Take log(p) and log(1 - p) as F.logsigmoid(logits) and
    F.logsigmoid(-logits): they stay finite where p is 0 or 1 in floating point.
    """
    raise NotImplementedError(
        "Task 4: positives at target == 1; two terms by logsigmoid; sum / max(n, 1)"
    )


def detection_loss(
    outputs: dict[str, torch.Tensor],
    targets: dict[str, torch.Tensor],
    size_weight: float = SIZE_WEIGHT,
    offset_weight: float = OFFSET_WEIGHT,
) -> torch.Tensor:
    """focal_loss on the heatmaps + size_weight * L1 of the sizes + offset_weight * L1 of
    the offsets; each L1 is the sum of absolute errors at the centre cells (where
    targets["mask"] is True, both channels) divided by the number of centre cells (by 1
    when there are none). Both dicts have keys "heatmap", "size" and "offset"
    (N, ., G, G); `targets` also has "mask" (N, G, G) bool.
    """
    raise NotImplementedError(
        "Task 4: expand the mask over the 2 channels; L1 sums over it; weights"
    )


@dataclass(frozen=True)
class TrainingSettings:
    """How to train: Adam at this learning rate, for this many epochs of these batches."""

    epochs: int = 30
    batch_size: int = 16
    learning_rate: float = 3e-3


def stack_targets(scenes: list[Scene]) -> dict[str, torch.Tensor]:
    """Encode every scene's targets and stack them into tensors (provided)."""
    encoded = [encode_targets(s.boxes, s.labels, len(CLASSES), s.image.shape[0]) for s in scenes]
    return {
        name: torch.from_numpy(np.stack([getattr(t, name) for t in encoded]))
        for name in ("heatmap", "size", "offset", "mask")
    }


def fit(
    scenes: list[Scene],
    settings: TrainingSettings | None = None,
    seed: int = 1,
    model: CenterNet | None = None,
    frozen_backbone: bool = False,
) -> tuple[CenterNet, list[float]]:
    """Train a CenterNet on `scenes` (provided); return it and the mean loss per epoch.

    A new CenterNet unless `model` is given (a pre-trained one, Task 7). With
    `frozen_backbone`, only the parameters that still require gradients are trained, and
    the backbone stays in evaluation mode, so that its batch-norm statistics do not move
    either. Seeded: the same scenes, settings, seed and model give the same result.
    """
    settings = settings or TrainingSettings()
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    model = model if model is not None else CenterNet(len(CLASSES))
    images = to_tensor(np.stack([s.image for s in scenes]))
    targets = stack_targets(scenes)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.Adam(trainable, lr=settings.learning_rate)
    history = []
    for _ in tqdm(range(settings.epochs), desc="training", unit="epoch", leave=False):
        model.train()
        if frozen_backbone:
            model.backbone.eval()
        order = torch.randperm(len(scenes), generator=generator)
        total = 0.0
        for start in range(0, len(scenes), settings.batch_size):
            batch = order[start : start + settings.batch_size]
            optimiser.zero_grad()
            loss = detection_loss(model(images[batch]), {k: v[batch] for k, v in targets.items()})
            loss.backward()
            optimiser.step()
            total += loss.item() * len(batch)
        history.append(total / len(scenes))
    model.eval()
    return model, history


def detect(
    model: nn.Module,
    images: np.ndarray,
    score_threshold: float = SCORE_THRESHOLD,
    nms_threshold: float = NMS_THRESHOLD,
    max_detections: int = MAX_DETECTIONS,
) -> list[Detections]:
    """Run `model` on uint8 images (N, H, W, 3); one Detections per image.

    Evaluation mode and no gradients; the heatmap logits become probabilities through a
    sigmoid; `decode` each image's maps (stride STRIDE, this score threshold and
    maximum); then `nms` over all the classes at once with iou_threshold=nms_threshold
    (two peaks of different classes on one shape are one object), keeping the
    detections that survive, best first.
    """
    raise NotImplementedError(
        "Task 4: model.eval(), torch.no_grad(), sigmoid; per image decode, then nms"
    )
