"""A small convolutional network for 28 x 28 digits, or any small square image.

Two blocks of convolution, ReLU and 2 x 2 max pooling turn the image into a
stack of feature maps a quarter of its side; one linear layer reads the class
scores off them. A convolution reuses the same few weights at every position,
so the network has a few thousand parameters where a fully connected layer on
the raw pixels would need hundreds of thousands, and a stroke is recognised
wherever it is drawn.
"""

import torch
from torch import nn

from digit_classifier.data import IMAGE_SIZE, NUM_CLASSES

FIRST_CHANNELS = 8  # feature maps of the first convolution
SECOND_CHANNELS = 16  # feature maps of the second
KERNEL_SIZE = 3
POOL = 2  # each max pooling halves the side
DROPOUT = 0.2  # dropped share of the features, during training only


class DigitCNN(nn.Module):
    """conv(3x3) -> ReLU -> maxpool(2) -> conv(3x3) -> ReLU -> maxpool(2) -> dropout -> linear.

    Each convolution pads by 1, so it keeps the side; each pooling halves it,
    so the linear layer sees SECOND_CHANNELS maps of side image_size // 4.
    `in_channels` is 1 for grey digits and 3 for colour images such as CIFAR-10's
    32 x 32 ones; `forward` takes (N, in_channels, image_size, image_size) normalised
    images and returns (N, num_classes) logits, the raw scores before softmax.
    """

    def __init__(
        self,
        in_channels: int = 1,
        num_classes: int = NUM_CLASSES,
        image_size: int = IMAGE_SIZE,
    ) -> None:
        super().__init__()
        raise NotImplementedError(
            "Task 3: a features Sequential of the two conv blocks, then a classifier"
        )

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        """Return the (N, num_classes) logits of a batch of normalised images."""
        raise NotImplementedError("Task 3: the features, then the classifier")
