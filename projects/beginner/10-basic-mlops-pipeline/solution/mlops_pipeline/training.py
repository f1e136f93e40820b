"""A deterministic training run: a seeded split, a scikit-learn pipeline, cross-validated scores."""

from dataclasses import dataclass

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from mlops_pipeline.config import TrainConfig
from mlops_pipeline.data import NUMERIC_FEATURES, TARGET

CV_FOLDS = 5


@dataclass(frozen=True)
class Split:
    """Rows to train on, and held-out rows kept to judge every model on the same ground."""

    train: pd.DataFrame
    holdout: pd.DataFrame


@dataclass(frozen=True)
class TrainingResult:
    """A fitted pipeline and the scores measured while training it."""

    model: Pipeline
    metrics: dict[str, float]


def split_data(frame: pd.DataFrame, holdout_fraction: float, seed: int) -> Split:
    """Hold out holdout_fraction of the rows, stratified by species, the same rows for a seed."""
    # BEGIN SOLUTION (task 2): a stratified, seeded train_test_split of the rows
    train, holdout = train_test_split(
        frame, test_size=holdout_fraction, stratify=frame[TARGET], random_state=seed
    )
    return Split(train=train, holdout=holdout)
    # END SOLUTION


def build_pipeline(config: TrainConfig) -> Pipeline:
    """The untrained model: impute (with the median) and scale the numeric features, impute
    (with the most frequent category) and then one-hot encode the categorical ones (ignoring
    categories unseen in training), then a logistic regression with the config's C,
    max_iter and seed (random_state)."""
    # BEGIN SOLUTION (task 2): a ColumnTransformer of the config's features, then LogisticRegression
    numeric = [feature for feature in config.features if feature in NUMERIC_FEATURES]
    categorical = [feature for feature in config.features if feature not in NUMERIC_FEATURES]
    preprocess = ColumnTransformer(
        [
            ("numeric", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
            (
                "categorical",
                make_pipeline(
                    SimpleImputer(strategy="most_frequent"),
                    OneHotEncoder(handle_unknown="ignore"),
                ),
                categorical,
            ),
        ]
    )
    classifier = LogisticRegression(C=config.C, max_iter=config.max_iter, random_state=config.seed)
    return Pipeline([("preprocess", preprocess), ("classifier", classifier)])
    # END SOLUTION


def train(config: TrainConfig, frame: pd.DataFrame) -> TrainingResult:
    """Fit build_pipeline(config) on frame; its metrics hold "cv_accuracy", the mean accuracy
    over CV_FOLDS stratified, shuffled folds seeded with config.seed."""
    # BEGIN SOLUTION (task 2): cross-validate the pipeline, then fit it on all of frame
    features, labels = frame[list(config.features)], frame[TARGET]
    folds = StratifiedKFold(n_splits=CV_FOLDS, shuffle=True, random_state=config.seed)
    scores = cross_val_score(build_pipeline(config), features, labels, cv=folds)
    model = build_pipeline(config).fit(features, labels)
    return TrainingResult(model=model, metrics={"cv_accuracy": float(scores.mean())})
    # END SOLUTION


def accuracy(model: Pipeline, frame: pd.DataFrame) -> float:
    """The share of rows of frame whose species the model predicts right."""
    features = list(model.feature_names_in_)
    return float((model.predict(frame[features]) == frame[TARGET].to_numpy()).mean())
