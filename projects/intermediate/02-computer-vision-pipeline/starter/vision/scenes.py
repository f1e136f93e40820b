"""Seeded scenes of coloured shapes, with exact boxes (provided code, not a task).

A scene is a small BGR image (OpenCV's channel order) on a noisy dark background,
holding one to four shapes: circles, squares and triangles of random size, colour
and place. Shapes drawn later may cover part of earlier ones, as objects do in a
photograph; each box is the extent of its whole shape, measured from the pixels
that were drawn for it, so a box is exact to the pixel (corner coordinates
x0, y0 inclusive and x1, y1 exclusive, the convention of COCO's [x, y, w, h]).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

CLASSES = ("circle", "square", "triangle")
IMAGE_SIZE = 64
MIN_SHAPE, MAX_SHAPE = 10, 22  # side of a shape's bounding square, pixels
MAX_SHAPES = 4
NOISE = 12.0  # standard deviation of the background noise, grey levels
MAX_COVER = 0.4  # at most this share of the smaller of two boxes lies in the other
PLACEMENT_TRIES = 30


@dataclass(frozen=True)
class Scene:
    """An image (H, W, 3) uint8 in BGR, its boxes (N, 4) float64 as x0, y0, x1, y1 and
    their class indices (N,) int64 into CLASSES."""

    image: np.ndarray
    boxes: np.ndarray
    labels: np.ndarray


def shape_mask(label: int, x: int, y: int, side: int, height: int, width: int) -> np.ndarray:
    """The boolean mask of shape `label` filling the square of `side` pixels at (x, y)."""
    mask = np.zeros((height, width), np.uint8)
    if CLASSES[label] == "circle":
        radius = side / 2
        cv2.circle(
            mask, (round(x + radius - 0.5), round(y + radius - 0.5)), round(radius - 0.5), 1, -1
        )
    elif CLASSES[label] == "square":
        cv2.rectangle(mask, (x, y), (x + side - 1, y + side - 1), 1, -1)
    else:
        corners = np.array([[x + side // 2, y], [x, y + side - 1], [x + side - 1, y + side - 1]])
        cv2.fillPoly(mask, [corners.astype(np.int32)], 1)
    return mask.astype(bool)


def mask_box(mask: np.ndarray) -> np.ndarray:
    """The tight box of a mask: x0, y0 of its first pixel, x1, y1 one past its last."""
    rows, columns = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    return np.array([columns[0], rows[0], columns[-1] + 1, rows[-1] + 1], dtype=np.float64)


def background(rng: np.random.Generator, height: int, width: int) -> np.ndarray:
    """A dark background of one random colour with Gaussian noise, float64."""
    base = rng.uniform(0, 70, size=3)
    return base + rng.normal(0.0, NOISE, size=(height, width, 3))


def bright_colour(rng: np.random.Generator) -> np.ndarray:
    """A random colour bright enough to stand out of the background."""
    colour = rng.uniform(40, 255, size=3)
    colour[rng.integers(3)] = rng.uniform(180, 255)
    return colour


def paint(canvas: np.ndarray, mask: np.ndarray, colour: np.ndarray) -> None:
    """Paint `colour` on the pixels of `mask`, in place."""
    canvas[mask] = colour


def cover(a: np.ndarray, b: np.ndarray) -> float:
    """The share of the smaller of boxes a and b that lies inside the other."""
    width = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    height = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return width * height / smaller


def make_scene(
    rng: np.random.Generator, size: int = IMAGE_SIZE, max_shapes: int = MAX_SHAPES
) -> Scene:
    """One scene of 1 to `max_shapes` shapes drawn from `rng`."""
    canvas = background(rng, size, size)
    boxes, labels = [], []
    for _ in range(rng.integers(1, max_shapes + 1)):
        for _ in range(PLACEMENT_TRIES):
            label = int(rng.integers(len(CLASSES)))
            side = int(rng.integers(MIN_SHAPE, MAX_SHAPE + 1))
            x, y = (int(v) for v in rng.integers(0, size - side + 1, size=2))
            mask = shape_mask(label, x, y, side, size, size)
            box = mask_box(mask)
            if all(cover(box, other) <= MAX_COVER for other in boxes):
                paint(canvas, mask, bright_colour(rng))
                boxes.append(box)
                labels.append(label)
                break
    image = np.clip(np.rint(canvas), 0, 255).astype(np.uint8)
    return Scene(image, np.array(boxes).reshape(-1, 4), np.array(labels, dtype=np.int64))


def make_scenes(
    n: int, seed: int, size: int = IMAGE_SIZE, max_shapes: int = MAX_SHAPES
) -> list[Scene]:
    """`n` scenes from one generator seeded with `seed`: the same seed, the same scenes."""
    rng = np.random.default_rng(seed)
    return [make_scene(rng, size, max_shapes) for _ in range(n)]
