"""Task 2: a small CNN that finds the planted cue in a 16 x 16 image.

The network (given: the image-classification kata built one like it) has two
convolutions, which together see 5 x 5 pixels at a time, the cue's size, and then a
global max pooling: the cue may be anywhere in the picture,
and the maximum over positions says whether it is somewhere. The 16 numbers the
pooling gives are the image's embedding, which early fusion (Task 3) reads; one
linear layer turns them into the logit of "unsafe".
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

FIRST_CHANNELS = 8
EMBEDDING_SIZE = 16  # channels of the second convolution, and the embedding's length
KERNEL_SIZE = 3
PIXEL_MEAN, PIXEL_SCALE = 0.5, 0.25  # images are standardised before the first convolution
EPOCHS = 6
BATCH_SIZE = 32
LEARNING_RATE = 0.01
PREDICT_BATCH = 256


class ImageCNN(nn.Module):
    """standardise -> conv 3x3 -> ReLU -> conv 3x3 -> ReLU -> global max pool -> linear.

    `forward` takes (N, 16, 16) or (N, 1, 16, 16) images and returns N logits.
    """

    def __init__(self) -> None:
        super().__init__()
        padding = KERNEL_SIZE // 2
        self.features = nn.Sequential(
            nn.Conv2d(1, FIRST_CHANNELS, KERNEL_SIZE, padding=padding),
            nn.ReLU(),
            nn.Conv2d(FIRST_CHANNELS, EMBEDDING_SIZE, KERNEL_SIZE, padding=padding),
            nn.ReLU(),
            nn.AdaptiveMaxPool2d(1),
            nn.Flatten(),
        )
        self.head = nn.Linear(EMBEDDING_SIZE, 1)

    def embed(self, images: torch.Tensor) -> torch.Tensor:
        """The (N, EMBEDDING_SIZE) embeddings of a batch of images."""
        if images.dim() == 3:
            images = images.unsqueeze(1)
        return self.features((images - PIXEL_MEAN) / PIXEL_SCALE)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.head(self.embed(images)).squeeze(1)


def train_cnn(
    images: np.ndarray,
    labels: np.ndarray,
    epochs: int = EPOCHS,
    batch_size: int = BATCH_SIZE,
    learning_rate: float = LEARNING_RATE,
    seed: int = 1,
) -> ImageCNN:
    """A new ImageCNN trained on (N, 16, 16) `images` and their 0/1 `labels`; in eval mode.

    The protocol, so that a seed gives one model: torch.manual_seed(seed), then
    build ImageCNN(); a torch.Generator seeded with `seed` draws, at the start of
    each of the `epochs`, an order of the images (torch.randperm(N, generator=...));
    the batches are that order cut every `batch_size` images (the last one may be
    smaller). Each batch takes one step of Adam (lr=`learning_rate`) on the binary
    cross-entropy of the logits (F.binary_cross_entropy_with_logits, mean over the
    batch). Images and labels are float32 tensors.
    """
    raise NotImplementedError(
        "Task 2: seed, build, then per epoch a randperm in batches, an Adam step each"
    )


def image_embeddings(
    model: ImageCNN, images: np.ndarray, batch_size: int = PREDICT_BATCH
) -> np.ndarray:
    """The (N, EMBEDDING_SIZE) embeddings of `images`, in eval mode and without gradients."""
    model.eval()
    with torch.no_grad():
        parts = [
            model.embed(torch.as_tensor(images[start : start + batch_size], dtype=torch.float32))
            for start in range(0, len(images), batch_size)
        ]
    return torch.cat(parts).numpy() if parts else np.zeros((0, EMBEDDING_SIZE), np.float32)


def image_probabilities(
    model: ImageCNN, images: np.ndarray, batch_size: int = PREDICT_BATCH
) -> np.ndarray:
    """P(unsafe) of each image, a float64 array of N: the sigmoid of the model's logits.

    In eval mode and without gradients, `batch_size` images at a time; no images give
    an empty array.
    """
    raise NotImplementedError("Task 2: eval, no_grad, sigmoid of the logits batch by batch")
