"""Fit a churn pipeline on every customer: the model that goes to work.

    python -m churn train [--model boosting] [--seed 0] [--model-file model.skops]

Cross-validation (Task 3) said how well the pipeline does on customers it has
not seen; the model that scores new customers is then fitted on all of them.
"""

from sklearn.pipeline import Pipeline

from churn.data import churn_labels, load_customers
from churn.model import build_pipeline
from churn.schema import validate


def train(model: str = "logistic", seed: int = 0) -> Pipeline:
    """Return `build_pipeline(model, seed)` fitted on every customer, after validating them."""
    customers = validate(load_customers())
    return build_pipeline(model, seed).fit(customers, churn_labels(customers))
