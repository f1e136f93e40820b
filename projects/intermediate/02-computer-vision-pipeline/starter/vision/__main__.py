"""Run the whole pipeline on a generated video: python -m vision --frames 40 --out annotated.avi.

It trains the detector on generated scenes (a few seconds), writes a video of moving
shapes, reads it back, detects and tracks the shapes in every frame, writes the
annotated video and prints the tracking figures against the known tracks.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

from vision.movies import make_movie
from vision.pipeline import run_pipeline, write_video
from vision.scenes import make_scenes
from vision.track import score_tracking
from vision.train import TrainingSettings, detect, fit

OK, BAD_INPUT = 0, 2
TRAIN_SCENES = 300
SCORE_THRESHOLD = 0.3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m vision", description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=60, help="frames of the generated video")
    parser.add_argument(
        "--seed", type=int, default=1, help="seed of the scenes, training and video"
    )
    parser.add_argument("--epochs", type=int, default=8, help="training epochs of the detector")
    parser.add_argument(
        "--out", type=Path, default=Path("annotated.avi"), help="the annotated video"
    )
    args = parser.parse_args(argv)
    if args.frames < 1 or args.epochs < 1:
        print("--frames and --epochs must be at least 1", file=sys.stderr)
        return BAD_INPUT
    model, history = fit(
        make_scenes(TRAIN_SCENES, args.seed), TrainingSettings(epochs=args.epochs), args.seed
    )
    movie = make_movie(args.frames, args.seed)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "shapes.avi"
        write_video(movie.frames, source)
        tracked = run_pipeline(
            source,
            args.out,
            lambda frame: detect(model, frame[None], score_threshold=SCORE_THRESHOLD)[0],
        )
    score = score_tracking(movie.boxes, movie.ids, tracked)
    n_tracks = len({box.track_id for frame in tracked for box in frame})
    shapes = int(np.mean([len(boxes) for boxes in movie.boxes]))
    print(f"detector: {args.epochs} epochs on {TRAIN_SCENES} scenes, loss {history[-1]:.3f}")
    print(f"video: {args.frames} frames of {shapes} shapes; {n_tracks} tracks")
    print(
        f"misses {score.misses}, false positives {score.false_positives}, "
        f"ID switches {score.id_switches} of {score.n_truth} true boxes: MOTA {score.mota:.3f}"
    )
    print(f"annotated video: {args.out}")
    return OK


if __name__ == "__main__":
    sys.exit(main())
