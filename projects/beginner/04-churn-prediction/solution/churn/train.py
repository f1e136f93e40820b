"""Fit a churn pipeline on every customer and save it for `churn.score`.

    python -m churn.train model.joblib [--model boosting] [--seed 0]

Cross-validation (Task 3) said how well the pipeline does on customers it has
not seen; the model that goes to work is then fitted on all of them.
"""

import argparse
import sys
from collections.abc import Sequence

from sklearn.pipeline import Pipeline

from churn.data import churn_labels, load_customers
from churn.model import MODELS, build_pipeline
from churn.schema import validate
from churn.score import save_model


def train(model: str = "logistic", seed: int = 0) -> Pipeline:
    """Return `build_pipeline(model, seed)` fitted on every customer, after validating them."""
    customers = validate(load_customers())
    return build_pipeline(model, seed).fit(customers, churn_labels(customers))


def main(argv: Sequence[str] | None = None) -> int:
    """Train a pipeline and save it where the command line says; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m churn.train", description="Fit a churn pipeline and save it."
    )
    parser.add_argument("path", help="where to save the fitted pipeline (joblib)")
    parser.add_argument("--model", choices=MODELS, default="logistic")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    save_model(train(args.model, args.seed), args.path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
