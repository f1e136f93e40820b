"""The brief's example run of the command line, and the transfer experiment.

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

import numpy as np

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
