"""Task 2: a deterministic training run from the config."""

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from mlops_pipeline.data import TARGET
from mlops_pipeline.training import accuracy, split_data, train


@pytest.mark.task(2)
def test_the_split_is_stratified_disjoint_and_seeded(penguins, base_config, split):
    holdout_share = len(split.holdout) / len(penguins)
    assert abs(holdout_share - base_config.holdout_fraction) < 0.01, (
        f"Task 2: the holdout should be {base_config.holdout_fraction:.0%} of the rows, "
        f"got {holdout_share:.1%}"
    )
    assert not set(split.train.index) & set(split.holdout.index), (
        "Task 2: no row may be both in the training rows and in the holdout"
    )
    shares = split.holdout[TARGET].value_counts(normalize=True)
    overall = penguins[TARGET].value_counts(normalize=True)
    assert (shares - overall).abs().max() < 0.02, (
        f"Task 2: stratify by species: holdout shares {shares.round(3).to_dict()} should "
        f"match the data's {overall.round(3).to_dict()}"
    )
    again = split_data(penguins, base_config.holdout_fraction, base_config.seed)
    other = split_data(penguins, base_config.holdout_fraction, base_config.seed + 1)
    assert list(again.holdout.index) == list(split.holdout.index), (
        "Task 2: the same seed must hold out the same rows"
    )
    assert list(other.holdout.index) != list(split.holdout.index), (
        "Task 2: another seed should hold out other rows: pass the seed to the split"
    )


@pytest.mark.task(2)
def test_the_model_is_a_pipeline_of_the_config(trained, base_config):
    model = trained.model
    assert isinstance(model, Pipeline) and isinstance(model[-1], LogisticRegression), (
        "Task 2: train should return a fitted sklearn Pipeline ending in LogisticRegression, "
        f"got {model!r}"
    )
    assert list(model.feature_names_in_) == list(base_config.features), (
        f"Task 2: fit on exactly the config's features, got {list(model.feature_names_in_)}"
    )
    assert model[-1].C == base_config.C and model[-1].max_iter == base_config.max_iter, (
        "Task 2: the logistic regression should take C and max_iter from the config"
    )


@pytest.mark.task(2)
def test_training_twice_gives_the_same_model(trained, base_config, split):
    again = train(base_config, split.train)
    assert np.array_equal(again.model[-1].coef_, trained.model[-1].coef_), (
        "Task 2: the same config and data must give exactly the same coefficients"
    )
    assert again.metrics == trained.metrics, (
        f"Task 2: the same run must give the same metrics, got {again.metrics} and "
        f"{trained.metrics}"
    )


@pytest.mark.task(2)
def test_the_model_handles_missing_values_and_unseen_categories(trained, split):
    rows = split.holdout.head(3).copy()
    rows.loc[rows.index[0], "bill_length_mm"] = np.nan
    rows.loc[rows.index[1], "island"] = "Anvers"
    rows.loc[rows.index[2], "sex"] = None
    predictions = trained.model.predict(rows[list(trained.model.feature_names_in_)])
    assert len(predictions) == 3, "Task 2: every row should get a prediction"


@pytest.mark.task(2)
def test_cross_validated_accuracy(trained, metric):
    assert "cv_accuracy" in trained.metrics, (
        f"Task 2: metrics should hold 'cv_accuracy', got {sorted(trained.metrics)}"
    )
    metric("cv_accuracy", trained.metrics["cv_accuracy"])


@pytest.mark.task(2)
def test_held_out_accuracy(trained, split, metric):
    metric("holdout_accuracy", accuracy(trained.model, split.holdout))
