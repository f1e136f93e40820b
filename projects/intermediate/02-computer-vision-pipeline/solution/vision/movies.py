"""Seeded videos of shapes moving at known velocities (provided code, not a task).

Each object is one of the scenes' shapes, with its own colour, size, starting place
and velocity (pixels per frame); it bounces off the edges of the frame. Objects pass
in front of one another (the one drawn later covers the other), which is what makes
tracking hard. The ground truth says, frame by frame, where each object is and
which it is: its track id.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vision.scenes import CLASSES, MAX_SHAPE, MIN_SHAPE, NOISE, bright_colour, mask_box, shape_mask

FRAME_SIZE = 96
N_OBJECTS = 3
MIN_SPEED, MAX_SPEED = 1.0, 2.5  # pixels per frame


@dataclass(frozen=True)
class Movie:
    """frames (T, H, W, 3) uint8 BGR; for each frame, the boxes (N, 4), ids (N,) and labels (N,)
    of the objects in it."""

    frames: np.ndarray
    boxes: list[np.ndarray]
    ids: list[np.ndarray]
    labels: list[np.ndarray]


def make_movie(
    n_frames: int, seed: int, size: int = FRAME_SIZE, n_objects: int = N_OBJECTS
) -> Movie:
    """A movie of `n_frames` frames with `n_objects` moving shapes, from `seed`."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(len(CLASSES), size=n_objects)
    sides = rng.integers(MIN_SHAPE, MAX_SHAPE + 1, size=n_objects)
    colours = [bright_colour(rng) for _ in range(n_objects)]
    positions = rng.uniform(0, size - sides[:, None], size=(n_objects, 2))
    speeds = rng.uniform(MIN_SPEED, MAX_SPEED, size=n_objects)
    angles = rng.uniform(0, 2 * np.pi, size=n_objects)
    velocities = np.stack([np.cos(angles), np.sin(angles)], axis=1) * speeds[:, None]
    tint = rng.uniform(0, 70, size=3)
    frames, boxes, ids, frame_labels = [], [], [], []
    for _ in range(n_frames):
        canvas = tint + rng.normal(0.0, NOISE, size=(size, size, 3))
        frame_boxes = []
        for k in range(n_objects):
            x, y = (int(round(v)) for v in positions[k])
            mask = shape_mask(int(labels[k]), x, y, int(sides[k]), size, size)
            canvas[mask] = colours[k]
            frame_boxes.append(mask_box(mask))
        frames.append(np.clip(np.rint(canvas), 0, 255).astype(np.uint8))
        boxes.append(np.array(frame_boxes))
        ids.append(np.arange(1, n_objects + 1))
        frame_labels.append(labels.astype(np.int64))
        positions += velocities
        for axis in range(2):
            low, high = positions[:, axis] < 0, positions[:, axis] > size - sides
            velocities[low | high, axis] *= -1
            positions[:, axis] = np.clip(positions[:, axis], 0, size - sides)
    return Movie(np.stack(frames), boxes, ids, frame_labels)
