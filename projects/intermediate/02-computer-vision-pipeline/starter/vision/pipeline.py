"""The video pipeline: read frames, detect, track, draw, write.

Videos are Motion-JPEG in an AVI container, written and read with OpenCV: each frame
is compressed on its own, like a JPEG, so a frame read back is close to the frame
written but not equal to it. The detector is any function from a frame to its
Detections: the trained network of Task 4 in the kata, anything else in a test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import cv2
import numpy as np

from vision.evaluation import Detections
from vision.scenes import CLASSES
from vision.track import TrackedBox, Tracker

FOURCC = "MJPG"
FPS = 10.0


def track_colour(track_id: int) -> tuple[int, int, int]:
    """A colour of its own for each track id (BGR), the same on every run."""
    rng = np.random.default_rng(track_id)
    return tuple(int(c) for c in rng.integers(64, 256, size=3))


def write_video(frames: np.ndarray, path: Path, fps: float = FPS) -> None:
    """Write uint8 BGR frames (T, H, W, 3) to `path` as an MJPG AVI at `fps` frames a second.

    Raises ValueError, saying why, when there is no frame, the frames are not
    (T, H, W, 3) uint8, or OpenCV cannot open the file for writing.
    """
    raise NotImplementedError(
        "Task 6: check the frames; VideoWriter(..., (width, height)); release"
    )


def read_video(path: Path) -> Iterator[np.ndarray]:
    """Yield the frames of the video at `path`, uint8 BGR (H, W, 3), in order.

    Raises FileNotFoundError when there is no such file and ValueError, naming the
    file, when OpenCV cannot open it or it holds no frame (a corrupt or empty file).
    The capture is released even when the caller stops early.
    """
    raise NotImplementedError(
        "Task 6: check the path; VideoCapture; read() until it fails; release"
    )


def annotate(frame: np.ndarray, tracked: list[TrackedBox]) -> np.ndarray:
    """A copy of `frame` with each tracked box drawn in its track's colour and labelled
    '<id> <class>' above it (provided)."""
    canvas = frame.copy()
    for item in tracked:
        x0, y0, x1, y1 = (int(round(v)) for v in item.box)
        colour = track_colour(item.track_id)
        cv2.rectangle(canvas, (x0, y0), (x1 - 1, y1 - 1), colour, 1)
        text = f"{item.track_id} {CLASSES[item.label]}"
        cv2.putText(canvas, text, (x0, max(y0 - 2, 7)), cv2.FONT_HERSHEY_PLAIN, 0.6, colour, 1)
    return canvas


def run_pipeline(
    source: Path,
    destination: Path,
    detector: Callable[[np.ndarray], Detections],
    tracker: Tracker | None = None,
    fps: float = FPS,
) -> list[list[TrackedBox]]:
    """Read `source`, detect and track in every frame, write the annotated frames to
    `destination` (MJPG at `fps`), and return the tracked boxes of each frame.

    A new Tracker() is used when `tracker` is None. The detector sees the frame as read.
    """
    raise NotImplementedError(
        "Task 6: per frame: detector, tracker.update, annotate; then write_video"
    )
