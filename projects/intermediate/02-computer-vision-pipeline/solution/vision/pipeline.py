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
    # BEGIN SOLUTION (task 6): check the frames; VideoWriter(..., (width, height)); release
    frames = np.asarray(frames)
    if frames.ndim != 4 or frames.shape[-1] != 3 or frames.dtype != np.uint8 or len(frames) == 0:
        raise ValueError(
            "frames must be a non-empty uint8 array (T, H, W, 3), "
            f"got {frames.dtype} {frames.shape}"
        )
    height, width = frames.shape[1:3]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*FOURCC), fps, (width, height))
    if not writer.isOpened():
        raise ValueError(f"OpenCV cannot write a {FOURCC} video to {path}")
    try:
        for frame in frames:
            writer.write(frame)
    finally:
        writer.release()
    # END SOLUTION


def read_video(path: Path) -> Iterator[np.ndarray]:
    """Yield the frames of the video at `path`, uint8 BGR (H, W, 3), in order.

    Raises FileNotFoundError when there is no such file and ValueError, naming the
    file, when OpenCV cannot open it or it holds no frame (a corrupt or empty file).
    The capture is released even when the caller stops early.
    """
    # BEGIN SOLUTION (task 6): check the path; VideoCapture; read() until it fails; release
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no video at {path}")
    capture = cv2.VideoCapture(str(path))
    try:
        if not capture.isOpened():
            raise ValueError(f"OpenCV cannot open {path} as a video")
        n_frames = 0
        while True:
            ok, frame = capture.read()
            if not ok:
                break
            n_frames += 1
            yield frame
        if n_frames == 0:
            raise ValueError(f"{path} holds no frame: not a video, or a corrupt one")
    finally:
        capture.release()
    # END SOLUTION


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
    # BEGIN SOLUTION (task 6): per frame: detector, tracker.update, annotate; then write_video
    tracker = tracker or Tracker()
    tracked, annotated = [], []
    for frame in read_video(source):
        reported = tracker.update(detector(frame))
        tracked.append(reported)
        annotated.append(annotate(frame, reported))
    write_video(np.stack(annotated), destination, fps)
    return tracked
    # END SOLUTION
