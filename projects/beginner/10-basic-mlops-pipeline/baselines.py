"""The reference CI job on the two shipped configs, and the reference model beside simpler ones.

- `example`: `python -m mlops_pipeline` run on all-features.toml, then on
  body-mass-only.toml, against an empty registry in a temporary folder, as the
  scenario shows it;
- `baselines`: on the split of all-features.toml (seed 0), the cross-validated and
  held-out accuracy of always answering the commonest species, of the body-mass-only
  model, of the four measurements without island and sex, and of the reference config.

    python baselines.py    (with the reference solution's folder on PYTHONPATH)

`nox -s sync` runs it and writes each block into the brief (README.md).
"""

import contextlib
import io
import os
import tempfile
from pathlib import Path

from sklearn.dummy import DummyClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score

import mlops_pipeline
from mlops_pipeline.__main__ import SUMMARY_VARIABLE, main
from mlops_pipeline.config import load_config
from mlops_pipeline.data import NUMERIC_FEATURES, TARGET, load_penguins
from mlops_pipeline.training import CV_FOLDS, accuracy, split_data, train

PACKAGE = Path(mlops_pipeline.__file__).resolve().parent
CONFIGS = ("all-features.toml", "body-mass-only.toml")


def example_block() -> str:
    """The scenario's two commands and what they print, run on an empty registry."""
    os.environ.pop(SUMMARY_VARIABLE, None)  # no job summary outside GitHub Actions
    lines = ["```text"]
    with tempfile.TemporaryDirectory() as folder:
        store = ["--registry", f"{folder}/registry.db", "--artefacts", f"{folder}/artefacts"]
        for name in CONFIGS:
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                status = main([str(PACKAGE / "configs" / name), *store])
            lines += [f"$ python -m mlops_pipeline mlops_pipeline/configs/{name}"]
            lines += printed.getvalue().splitlines()
    lines += ["$ echo $?", str(status), "```"]
    return "\n".join(lines)


def baselines_table() -> str:
    config = load_config(PACKAGE / "configs" / CONFIGS[0])
    penguins = load_penguins()
    split = split_data(penguins, config.holdout_fraction, config.seed)
    folds = StratifiedKFold(n_splits=CV_FOLDS, shuffle=True, random_state=config.seed)
    features, labels = split.train[list(config.features)], split.train[TARGET]
    commonest = DummyClassifier(strategy="most_frequent")
    commonest_cv = cross_val_score(commonest, features, labels, cv=folds).mean()
    commonest_holdout = accuracy(commonest.fit(features, labels), split.holdout)
    rows = [(f"Always the commonest species ({labels.mode()[0]})", commonest_cv, commonest_holdout)]
    variants = {
        "Body mass only (`body-mass-only.toml`)": load_config(PACKAGE / "configs" / CONFIGS[1]),
        "The four measurements, without island and sex": config.__class__(
            **vars(config) | {"features": NUMERIC_FEATURES}
        ),
        "Every feature (`all-features.toml`, the reference)": config,
    }
    for name, variant in variants.items():
        result = train(variant, split.train)
        rows.append((name, result.metrics["cv_accuracy"], accuracy(result.model, split.holdout)))
    lines = [
        f"| Model | {CV_FOLDS}-fold CV accuracy ({len(split.train)} training rows) "
        f"| Held-out accuracy ({len(split.holdout)} rows) |",
        "|---|---|---|",
    ]
    lines += [f"| {name} | {cv:.4f} | {holdout:.4f} |" for name, cv, holdout in rows]
    return "\n".join(lines)


def main_script() -> None:
    print("<!-- block: example -->")
    print(example_block())
    print("<!-- block: baselines -->")
    print(baselines_table())


if __name__ == "__main__":
    main_script()
