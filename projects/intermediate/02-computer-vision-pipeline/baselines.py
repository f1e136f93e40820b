"""The brief's example run of the command line, the transfer experiment, and the classical
contrast: OpenCV's Haar face cascade on scikit-image's faces.

    python baselines.py    (with the reference's folder on PYTHONPATH)

The transfer experiment is too slow for the test suite (a minute or two): the backbone
pre-trained on all 5,000 digits, then detectors trained on only 30 labelled scenes in
each of three ways, on three draws of those scenes, and measured on 150 held-out ones.

`nox -s sync` writes its output, part by part, into the brief's generated blocks. It
is the same on every run: seeded, one thread, no timings.
"""

import contextlib
import io
import tempfile
from pathlib import Path

import cv2
import numpy as np
import skimage.data

from vision.__main__ import main
from vision.evaluation import mean_average_precision
from vision.scenes import CLASSES, make_scenes
from vision.train import TrainingSettings, detect
from vision.transfer import MODES, load_digits, pretrain_backbone, train_detector

EXAMPLE = ["--frames", "60", "--seed", "3"]
FEW_SCENES = 30
FEW_SETTINGS = TrainingSettings(epochs=40, batch_size=16)
DRAWS = (1, 2, 3)
TEST_SEED, TEST_SCENES = 999, 150


def run_example() -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
            main([*EXAMPLE, "--out", str(Path(folder) / "annotated.avi")])
    return [line for line in printed.getvalue().splitlines() if "annotated video" not in line]


def cascade_hits(images: list[np.ndarray]) -> int:
    """How many of the grey images OpenCV's frontal-face Haar cascade finds a face in."""
    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")
    return sum(
        len(cascade.detectMultiScale(image, scaleFactor=1.1, minNeighbors=3)) > 0
        for image in images
    )


def enlarged(grey: np.ndarray, scale: int = 4) -> np.ndarray:
    """A small grey uint8 image enlarged, with a border of its own edge: the cascade's
    smallest window is 24x24, and a face that fills the image needs room around it."""
    grey = cv2.resize(grey, None, fx=scale, fy=scale)
    return cv2.copyMakeBorder(grey, *[10 * scale] * 4, cv2.BORDER_REPLICATE)


def classical_table() -> list[str]:
    lfw = (skimage.data.lfw_subset() * 255).astype(np.uint8)  # 100 faces, then 100 others
    astronaut = cv2.cvtColor(skimage.data.astronaut(), cv2.COLOR_RGB2GRAY)
    scenes = make_scenes(TEST_SCENES, TEST_SEED)
    rows = [
        ("scikit-image's LFW faces (`lfw_subset`, 25x25, enlarged 4x)", lfw[:100]),
        ("scikit-image's LFW non-faces, the same size", lfw[100:]),
        ("this kata's held-out shape scenes, enlarged 4x", [s.image for s in scenes]),
    ]
    lines = ["| images | with a face found |", "|---|---:|"]
    found = cascade_hits([astronaut])
    lines.append(f"| the astronaut (`skimage.data.astronaut()`, 512x512) | {found} of 1 |")
    for name, images in rows:
        grey = [enlarged(i if i.ndim == 2 else cv2.cvtColor(i, cv2.COLOR_BGR2GRAY)) for i in images]
        lines.append(f"| {name} | {cascade_hits(grey)} of {len(grey)} |")
    return lines


def transfer_table() -> list[str]:
    with contextlib.redirect_stderr(io.StringIO()):
        state = pretrain_backbone(*load_digits(), seed=1)
        test = make_scenes(TEST_SCENES, TEST_SEED)
        images = np.stack([scene.image for scene in test])
        scores = {mode: [] for mode in MODES}
        for draw in DRAWS:
            scenes = make_scenes(FEW_SCENES, draw)
            for mode in MODES:
                model = train_detector(scenes, mode, state, FEW_SETTINGS, seed=draw)
                found = detect(model, images)
                scores[mode].append(mean_average_precision(test, found, len(CLASSES), [0.5]))
    header = "| start | " + " | ".join(f"draw {d}" for d in DRAWS) + " | mean |"
    lines = [header, "|---|" + "---:|" * (len(DRAWS) + 1)]
    names = {
        "scratch": "from scratch",
        "probe": "digits, linear probe",
        "finetune": "digits, fine-tuned",
    }
    for mode in MODES:
        cells = " | ".join(f"{v:.3f}" for v in scores[mode])
        lines.append(f"| {names[mode]} | {cells} | {np.mean(scores[mode]):.3f} |")
    return lines


if __name__ == "__main__":
    print("<!-- block: example -->")
    print("```text")
    print("$ python -m vision " + " ".join(EXAMPLE) + " --out annotated.avi")
    print("\n".join(run_example()))
    print("annotated video: annotated.avi")
    print("```")
    print("<!-- block: transfer -->")
    print("\n".join(transfer_table()))
    print("<!-- block: classical -->")
    print("\n".join(classical_table()))
