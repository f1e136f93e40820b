"""Two churn models behind one preprocessing, judged by stratified 5-fold cross-validation.

Every step that learns from data (the engineered features' medians, the scaler's
means, the encoder's categories, the model) sits inside one Pipeline. Cross-
validation clones and refits the whole Pipeline on each fold's training part, so
no statistic of a held-out customer reaches the model that scores them: the
out-of-fold probabilities are honest estimates of how the model does on new
customers.
"""

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier  # SOLUTION
from sklearn.linear_model import LogisticRegression  # SOLUTION
from sklearn.model_selection import cross_val_predict  # SOLUTION
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler  # SOLUTION

from churn import features
from churn.data import cross_validation  # SOLUTION
from churn.schema import FEATURE_SCHEMA, FLAG

CATEGORY_COLUMNS = tuple(name for name, rule in FEATURE_SCHEMA.items() if rule.kind == "category")
FLAG_COLUMNS = tuple(name for name, rule in FEATURE_SCHEMA.items() if rule == FLAG)
"""The 0/1 columns: already numbers on a common scale."""
NUMBER_COLUMNS = (
    *(name for name in FEATURE_SCHEMA if name not in CATEGORY_COLUMNS + FLAG_COLUMNS),
    *features.NEW_FEATURES,
)
"""tenure, monthly_charges, total_charges and the engineered NEW_FEATURES of Task 2."""

MODELS = ("logistic", "boosting")
LOGISTIC_MAX_ITER = 1_000  # enough for lbfgs to converge on standardised features
BOOSTING_SETTINGS = {
    "learning_rate": 0.05,
    "max_iter": 150,  # boosting rounds: small and shallow keep the suite fast
    "max_leaf_nodes": 8,
    "min_samples_leaf": 40,
    "early_stopping": False,  # a fixed number of rounds: no inner split, same fit every time
}


def column_transformer() -> ColumnTransformer:
    """Return an unfitted ColumnTransformer from ChurnFeatures' output to a numeric matrix.

    NUMBER_COLUMNS are standardised (mean 0, standard deviation 1, as learnt in fit),
    CATEGORY_COLUMNS one-hot encoded, FLAG_COLUMNS passed through; every other column
    (the id, the target) is dropped. A category that fit never saw must not raise:
    it becomes all zeros.
    """
    # BEGIN SOLUTION (task 3): scale the numbers, one-hot the categories, pass the flags through
    return ColumnTransformer(
        [
            ("numbers", StandardScaler(), list(NUMBER_COLUMNS)),
            ("categories", OneHotEncoder(handle_unknown="ignore"), list(CATEGORY_COLUMNS)),
            ("flags", "passthrough", list(FLAG_COLUMNS)),
        ],
        remainder="drop",
    )
    # END SOLUTION


def build_pipeline(model: str = "logistic", seed: int = 0) -> Pipeline:
    """Return an unfitted Pipeline: ChurnFeatures, then column_transformer(), then a classifier.

    model "logistic": LogisticRegression(max_iter=LOGISTIC_MAX_ITER).
    model "boosting": HistGradientBoostingClassifier(**BOOSTING_SETTINGS, random_state=seed).
    Any other name raises ValueError naming MODELS.
    """
    # BEGIN SOLUTION (task 3): chain the features, the columns and the chosen classifier
    classifiers = {
        "logistic": lambda: LogisticRegression(max_iter=LOGISTIC_MAX_ITER),
        "boosting": lambda: HistGradientBoostingClassifier(**BOOSTING_SETTINGS, random_state=seed),
    }
    if model not in classifiers:
        raise ValueError(f"unknown model {model!r}: choose one of {list(MODELS)}")
    return Pipeline(
        [
            ("features", features.ChurnFeatures()),
            ("columns", column_transformer()),
            ("classifier", classifiers[model]()),
        ]
    )
    # END SOLUTION


def out_of_fold_probabilities(
    pipeline: BaseEstimator, frame: pd.DataFrame, labels: np.ndarray, seed: int = 0
) -> np.ndarray:
    """Return each customer's churn probability from a copy of `pipeline` fitted without them.

    The folds are `churn.data.cross_validation(seed)`; the result has one probability of CHURN
    per row of `frame`, in the frame's order. `pipeline` itself stays unfitted.
    """
    # BEGIN SOLUTION (task 3): cross_val_predict with the stratified folds and predict_proba
    probabilities = cross_val_predict(
        pipeline, frame, labels, cv=cross_validation(seed), method="predict_proba"
    )
    return probabilities[:, 1]
    # END SOLUTION
