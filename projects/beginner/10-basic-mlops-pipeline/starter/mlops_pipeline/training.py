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
    raise NotImplementedError("Task 2: a stratified, seeded train_test_split of the rows")


def build_pipeline(config: TrainConfig) -> Pipeline:
    """The untrained model: impute (with the median) and scale the numeric features, impute
    (with the most frequent category) and then one-hot encode the categorical ones (ignoring
    categories unseen in training), then a logistic regression with the config's C,
    max_iter and seed (random_state)."""
    raise NotImplementedError(
        "Task 2: a ColumnTransformer of the config's features, then LogisticRegression"
    )


def train(config: TrainConfig, frame: pd.DataFrame) -> TrainingResult:
    """Fit build_pipeline(config) on frame; its metrics hold "cv_accuracy", the mean accuracy
    over CV_FOLDS stratified, shuffled folds seeded with config.seed."""
    raise NotImplementedError("Task 2: cross-validate the pipeline, then fit it on all of frame")


def accuracy(model: Pipeline, frame: pd.DataFrame) -> float:
    """The share of rows of frame whose species the model predicts right."""
    features = list(model.feature_names_in_)
    return float((model.predict(frame[features]) == frame[TARGET].to_numpy()).mean())
