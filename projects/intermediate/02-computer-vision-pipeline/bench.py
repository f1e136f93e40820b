"""How fast is the video pipeline, and your box code beside OpenCV's and COCO's?

    python bench.py    (with your copy's folder, or the reference's, on PYTHONPATH)

It prints frames a second of the whole pipeline (read, detect, track, annotate, write)
and the share of each part, then your NMS beside cv2.dnn.NMSBoxes and your mAP
beside pycocotools' COCOeval on the same inputs, as ratios from one run: never a
pass or a fail.
"""

import contextlib
import io
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

from vision.boxes import nms
from vision.evaluation import mean_average_precision
from vision.movies import make_movie
from vision.pipeline import read_video, run_pipeline, write_video
from vision.scenes import make_scenes
from vision.track import Tracker
from vision.train import TrainingSettings, detect, fit

SEED = 5
FRAMES = 120
REPEATS = 3  # the best of three runs of each


def best_time(job) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)


def coco_map(scenes, detections) -> float:
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval

    annotations, results = [], []
    for i, (scene, found) in enumerate(zip(scenes, detections, strict=True)):
        for (x0, y0, x1, y1), label in zip(scene.boxes, scene.labels, strict=True):
            annotations.append(
                {
                    "id": len(annotations) + 1,
                    "image_id": i + 1,
                    "category_id": int(label) + 1,
                    "bbox": [x0, y0, x1 - x0, y1 - y0],
                    "area": (x1 - x0) * (y1 - y0),
                    "iscrowd": 0,
                }
            )
        for (x0, y0, x1, y1), score, label in zip(
            found.boxes, found.scores, found.labels, strict=True
        ):
            results.append(
                {
                    "image_id": i + 1,
                    "category_id": int(label) + 1,
                    "bbox": [x0, y0, x1 - x0, y1 - y0],
                    "score": float(score),
                }
            )
    with contextlib.redirect_stdout(io.StringIO()):
        truth = COCO()
        truth.dataset = {
            "images": [{"id": i + 1} for i in range(len(scenes))],
            "categories": [{"id": c + 1} for c in range(3)],
            "annotations": annotations,
        }
        truth.createIndex()
        evaluator = COCOeval(truth, truth.loadRes(results), "bbox")
        evaluator.evaluate()
        evaluator.accumulate()
        evaluator.summarize()
    return float(evaluator.stats[0])


def main() -> None:
    model, _ = fit(make_scenes(300, SEED), TrainingSettings(epochs=4), seed=SEED)
    movie = make_movie(FRAMES, SEED)
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / "in.avi", Path(folder) / "out.avi"
        write_video(movie.frames, source)
        frames = np.stack(list(read_video(source)))
        found = [detect(model, frame[None], score_threshold=0.3)[0] for frame in frames]

        def track_only():
            tracker = Tracker()
            for detections in found:
                tracker.update(detections)

        whole = best_time(
            lambda: run_pipeline(
                source, out, lambda frame: detect(model, frame[None], score_threshold=0.3)[0]
            )
        )
        reading = best_time(lambda: list(read_video(source)))
        detecting = best_time(lambda: [detect(model, frame[None]) for frame in frames])
        tracking = best_time(track_only)
    print(f"video pipeline on {FRAMES} frames of {movie.frames.shape[1]} pixels, best of {REPEATS}")
    print(f"  whole pipeline: {FRAMES / whole:8.0f} frames a second")
    for name, seconds in (("read", reading), ("detect", detecting), ("track", tracking)):
        print(f"  {name:7s} {seconds / whole:6.1%} of the pipeline's time")

    rng = np.random.default_rng(SEED)
    corners = rng.uniform(0, 500, size=(2000, 2))
    boxes = np.hstack([corners, corners + rng.uniform(5, 60, size=(2000, 2))])
    scores = rng.uniform(size=2000)
    xywh = np.hstack([boxes[:, :2], boxes[:, 2:] - boxes[:, :2]]).tolist()
    mine = best_time(lambda: nms(boxes, scores, 0.5))
    theirs = best_time(lambda: cv2.dnn.NMSBoxes(xywh, scores.tolist(), 0.0, 0.5))
    print(f"NMS of 2,000 boxes: yours {mine * 1e3:.1f} ms, OpenCV {theirs * 1e3:.1f} ms")
    print(f"yours: {mine / theirs:.1f}x cv2.dnn.NMSBoxes' time")

    scenes = make_scenes(500, SEED + 1)
    detections = detect(model, np.stack([s.image for s in scenes]))
    mine = best_time(lambda: mean_average_precision(scenes, detections, 3))
    theirs = best_time(lambda: coco_map(scenes, detections))
    print(f"mAP@[.5:.95] of 500 images: yours {mine:.2f} s, COCOeval {theirs:.2f} s")
    print(f"yours: {mine / theirs:.1f}x pycocotools' COCOeval time")


if __name__ == "__main__":
    main()
