"""Random augmentations of a batch of images, written with plain torch tensor operations.

A model that has seen a digit only where the scanner put it learns that exact
position; shown it shifted, turned, resized and partly hidden, it learns the
digit. Each `random_` function here takes a batch (N, C, H, W) of pixels in [0, 1], draws
a different transformation for every image from the `torch.Generator` it is
given (so the same seed gives the same batch), and returns new images of the
same shape, still in [0, 1]; the input is never changed in place. At strength 0
each returns its input unchanged. None of them may change what the digit is:
they stay small, and none flips (a mirrored 2 is no digit at all).

The geometric ones share one tool: `warp` resamples each image through an affine
map given as a 2x3 matrix in the coordinates of `torch.nn.functional.affine_grid`,
where the image spans [-1, 1] on both axes and the matrix maps each output
position to the input position it reads from.
"""

from __future__ import annotations

import math  # SOLUTION
from dataclasses import dataclass

import torch
import torch.nn.functional as F  # SOLUTION

MAX_ERASING_ASPECT = 3.0  # the height / width of an erased rectangle lies in [1/3, 3]


def symmetric_uniform(count: int, bound: float, generator: torch.Generator) -> torch.Tensor:
    """`count` numbers drawn uniformly from [-bound, bound], from `generator`."""
    return (2 * torch.rand(count, generator=generator) - 1) * bound


def warp(images: torch.Tensor, matrices: torch.Tensor) -> torch.Tensor:
    """Resample each image through its own affine map; pixels from outside the image are 0.

    `matrices` has shape (N, 2, 3), one map per image, from output to input
    coordinates as `F.affine_grid` takes it. Pass align_corners=False to both
    `F.affine_grid` and `F.grid_sample` (torch warns when it is left out). Sampling is
    bilinear, so the identity map returns the images unchanged and every output
    pixel is a weighted average of input pixels: values stay in [0, 1].
    """
    # BEGIN SOLUTION (task 2): F.affine_grid builds the sampling grid, F.grid_sample reads it
    grid = F.affine_grid(matrices, list(images.shape), align_corners=False)
    return F.grid_sample(images, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    # END SOLUTION


def identity_matrices(count: int) -> torch.Tensor:
    """`count` identity maps, shape (count, 2, 3): the starting point of every other map."""
    return torch.eye(2, 3).repeat(count, 1, 1)


def random_shift(
    images: torch.Tensor, max_pixels: float, generator: torch.Generator
) -> torch.Tensor:
    """Move each image by its own (dx, dy), each drawn uniformly from [-max_pixels, max_pixels].

    In affine_grid's coordinates a whole image is 2 units wide, so a pixel is 2 / W
    units across and 2 / H units down.
    """
    # BEGIN SOLUTION (task 2): draw dx, dy in pixels; put them in units in the last column
    count, _, height, width = images.shape
    matrices = identity_matrices(count)
    matrices[:, 0, 2] = symmetric_uniform(count, max_pixels, generator) * 2 / width
    matrices[:, 1, 2] = symmetric_uniform(count, max_pixels, generator) * 2 / height
    return warp(images, matrices)
    # END SOLUTION


def random_rotation(
    images: torch.Tensor, max_degrees: float, generator: torch.Generator
) -> torch.Tensor:
    """Turn each square image about its centre by its own angle from [-max_degrees, max_degrees]."""
    # BEGIN SOLUTION (task 2): a rotation matrix [[cos, -sin], [sin, cos]] per image, no shift
    count = images.shape[0]
    angles = symmetric_uniform(count, math.radians(max_degrees), generator)
    cos, sin = torch.cos(angles), torch.sin(angles)
    matrices = torch.zeros(count, 2, 3)
    matrices[:, 0, 0], matrices[:, 0, 1] = cos, -sin
    matrices[:, 1, 0], matrices[:, 1, 1] = sin, cos
    return warp(images, matrices)
    # END SOLUTION


def random_scale(
    images: torch.Tensor, max_change: float, generator: torch.Generator
) -> torch.Tensor:
    """Zoom each image about its centre by its own factor from [1 - max_change, 1 + max_change].

    A factor above 1 makes the digit larger. The matrix maps output to input
    positions, so it holds the inverse factor.
    """
    # BEGIN SOLUTION (task 2): draw factors 1 + u, put 1 / factor on the matrices' diagonal
    count = images.shape[0]
    factors = 1 + symmetric_uniform(count, max_change, generator)
    matrices = identity_matrices(count)
    matrices[:, 0, 0] = matrices[:, 1, 1] = 1 / factors
    return warp(images, matrices)
    # END SOLUTION


def rectangle_masks(
    tops: torch.Tensor,
    lefts: torch.Tensor,
    heights: torch.Tensor,
    widths: torch.Tensor,
    height: int,
    width: int,
) -> torch.Tensor:
    """Boolean masks (N, height, width), True inside each image's rectangle.

    Rectangle i covers the rows from tops[i] up to but not including tops[i] + heights[i],
    and the columns from lefts[i] up to but not including lefts[i] + widths[i]; a side of 0
    covers nothing. The four arguments are tensors (N,) of whole pixels. No loop: compare
    `torch.arange(height)` viewed as (1, height, 1) with the tops viewed as (N, 1, 1), the
    columns likewise, and let broadcasting build every mask at once.
    """
    # BEGIN SOLUTION (task 2): broadcast arange(height).view(1, H, 1) against tops.view(N, 1, 1)
    rows = torch.arange(height).view(1, height, 1)
    columns = torch.arange(width).view(1, 1, width)
    tops, lefts = tops.view(-1, 1, 1), lefts.view(-1, 1, 1)
    bottoms, rights = tops + heights.view(-1, 1, 1), lefts + widths.view(-1, 1, 1)
    return (rows >= tops) & (rows < bottoms) & (columns >= lefts) & (columns < rights)
    # END SOLUTION


def random_erasing(
    images: torch.Tensor,
    max_area: float,
    generator: torch.Generator,
    probability: float = 0.5,
) -> torch.Tensor:
    """With `probability`, blank one random rectangle of each image to 0 (the background).

    The rectangle covers at most `max_area` of the image (a fraction in [0, 1]):
    draw its area fraction uniformly from [0, max_area] and its aspect ratio
    (height / width) log-uniformly from [1/3, 3], round its sides down to whole pixels
    (at least 0, at most the image's), and place it uniformly at random where it
    fits: its top row is one of 0 .. H - its height, each as likely. Every channel of
    the image is blanked in the same rectangle (`rectangle_masks`). Images not chosen
    are returned unchanged; `max_area=0` changes nothing.
    """
    # BEGIN SOLUTION (task 2): draw who is erased and each rectangle's size and place; mask, fill
    # BEGIN PROMPT
    # count, _, height, width = images.shape
    # chosen = ...  # (N,) bool: True for each image to erase, with `probability`
    # areas = ...  # (N,) in pixels: uniform in [0, max_area * height * width]
    # aspects = ...  # (N,) height / width: exp of a uniform draw in [-log 3, log 3]
    # heights = ...  # (N,) sqrt(area * aspect) rounded down, clamped to [0, height]
    # widths = ...  # (N,) sqrt(area / aspect) rounded down, clamped to [0, width]
    # tops = ...  # (N,) uniform over the whole rows 0 .. height - heights
    # lefts = ...  # (N,) uniform over the whole columns 0 .. width - widths
    # masks = ...  # (N, H, W): rectangle_masks(...) of the chosen images only
    # # Return images.masked_fill(...) of the masks with a channel axis: a new tensor.
    # END PROMPT
    count, _, height, width = images.shape
    chosen = torch.rand(count, generator=generator) < probability
    areas = torch.rand(count, generator=generator) * max_area * height * width
    aspects = torch.exp(symmetric_uniform(count, math.log(MAX_ERASING_ASPECT), generator))
    heights = torch.sqrt(areas * aspects).floor().clamp(0, height)
    widths = torch.sqrt(areas / aspects).floor().clamp(0, width)
    tops = (torch.rand(count, generator=generator) * (height - heights + 1)).floor()
    lefts = (torch.rand(count, generator=generator) * (width - widths + 1)).floor()
    masks = rectangle_masks(tops, lefts, heights, widths, height, width) & chosen.view(-1, 1, 1)
    return images.masked_fill(masks.unsqueeze(1), 0.0)
    # END SOLUTION


@dataclass(frozen=True)
class Augmentation:
    """The training-time augmentation: shift, rotate, scale, then erase, each image its own draw.

    The defaults are mild on purpose: a digit turned by 45 degrees or shifted half
    out of the frame is no longer a fair example of its label.
    """

    max_shift_pixels: float = 2.0
    max_rotation_degrees: float = 12.0
    max_scale_change: float = 0.1
    max_erased_area: float = 0.1
    erasing_probability: float = 0.3

    def __call__(self, images: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
        """Return an augmented copy of the pixel images (N, C, H, W)."""
        images = random_shift(images, self.max_shift_pixels, generator)
        images = random_rotation(images, self.max_rotation_degrees, generator)
        images = random_scale(images, self.max_scale_change, generator)
        return random_erasing(images, self.max_erased_area, generator, self.erasing_probability)
