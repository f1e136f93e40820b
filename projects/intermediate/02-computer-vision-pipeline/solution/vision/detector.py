"""A tiny one-stage detector: a small convolutional network with three heads.

The backbone turns a 64x64 image into a 16x16 grid of features (two stride-2
convolutions); a 1x1 convolution per head reads, at each cell, the heatmap logits
(one per class), the object's size and its centre's offset. Small enough to train in
seconds on a CPU.
"""

from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn

PRIOR = 0.1  # the heatmap's starting probability: most cells hold no centre


def to_tensor(images: np.ndarray) -> torch.Tensor:
    """uint8 images (N, H, W, 3) -> float32 tensor (N, 3, H, W) in [0, 1]."""
    return torch.from_numpy(np.ascontiguousarray(images)).permute(0, 3, 1, 2).float() / 255.0


def conv_block(in_channels: int, out_channels: int, stride: int = 1) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False),
        nn.BatchNorm2d(out_channels),
        nn.ReLU(inplace=True),
    )


class CenterNet(nn.Module):
    """Heatmap logits (N, C, G, G), sizes (N, 2, G, G) and offsets (N, 2, G, G), G = H / 4."""

    def __init__(self, n_classes: int, width: int = 32) -> None:
        super().__init__()
        self.backbone = nn.Sequential(
            conv_block(3, width // 2),
            conv_block(width // 2, width, stride=2),
            conv_block(width, width, stride=2),
            conv_block(width, width),
        )
        self.heatmap = nn.Conv2d(width, n_classes, 1)
        self.size = nn.Conv2d(width, 2, 1)
        self.offset = nn.Conv2d(width, 2, 1)
        nn.init.constant_(self.heatmap.bias, -math.log((1 - PRIOR) / PRIOR))

    def forward(self, images: torch.Tensor) -> dict[str, torch.Tensor]:
        features = self.backbone(images)
        return {
            "heatmap": self.heatmap(features),
            "size": self.size(features),
            "offset": self.offset(features),
        }
