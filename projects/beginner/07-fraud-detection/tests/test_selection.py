"""Task 4: feature selection with an L1 penalty and permutation importance."""

import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.metrics import average_precision_score

from fraud.features import VELOCITY_FEATURES
from fraud.selection import L1_C, l1_selected_features, permutation_importance

DISTRACTORS = ("customer_age", "card_age_days")
MAX_DISTRACTOR_IMPORTANCE = 0.01
TOP = 3


class WeightedSum(ClassifierMixin, BaseEstimator):
    """Scores a row by a fixed weighted sum of columns, and checks that `kind` stays categorical."""

    def __init__(self, weights: dict[str, float] | None = None):
        self.weights = weights

    def fit(self, features, labels):
        self.classes_ = np.array([0, 1])
        return self

    def predict_proba(self, features):
        assert isinstance(features["kind"].dtype, pd.CategoricalDtype), (
            "Task 4: a shuffled categorical column must stay categorical (shuffle with "
            ".iloc[order], not by turning it into a NumPy array)"
        )
        total = sum(weight * features[name].to_numpy() for name, weight in self.weights.items())
        score = 1 / (1 + np.exp(-total))
        return np.column_stack([1 - score, score])


def toy_problem(n_rows: int = 2_000) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(0)
    labels = (rng.random(n_rows) < 0.1).astype(int)
    features = pd.DataFrame(
        {
            "strong": rng.exponential(1.0, n_rows) + 3.0 * labels,
            "weak": rng.exponential(1.0, n_rows) + 0.7 * labels,
            "noise": rng.exponential(1.0, n_rows),
            "kind": pd.Categorical(rng.choice(["x", "y"], n_rows)),
        }
    )
    return features, labels


@pytest.mark.task(4)
def test_permutation_importance_on_a_known_model():
    features, labels = toy_problem()
    original = features.copy()
    model = WeightedSum({"strong": 2.0, "weak": 1.0}).fit(features, labels)
    importance = permutation_importance(model, features, labels, n_repeats=3, seed=0)
    assert isinstance(importance, pd.Series) and set(importance.index) == set(features.columns), (
        "Task 4: return a pandas Series with one importance per column, got "
        f"{type(importance).__name__} {getattr(importance, 'index', None)}"
    )
    assert importance["noise"] == 0 and importance["kind"] == 0, (
        "Task 4: the model ignores 'noise' and 'kind', so shuffling them cannot change its "
        f"scores: their importance should be exactly 0, got {importance.to_dict()}"
    )
    assert importance["strong"] > importance["weak"] > 0, (
        "Task 4: shuffling 'strong' should hurt average precision most, then 'weak'; got "
        f"{importance.to_dict()}"
    )
    assert list(importance) == sorted(importance, reverse=True), (
        f"Task 4: sort the importances from most to least important, got {importance.to_dict()}"
    )
    assert importance.name == "importance", "Task 4: name the Series 'importance'"
    assert features.equals(original), "Task 4: shuffle a copy; the features given must not change"
    again = permutation_importance(model, features, labels, n_repeats=3, seed=0)
    assert importance.equals(again), "Task 4: the same seed should give the same importances"


def importance_by_hand(model, features, labels, n_repeats: int, seed: int) -> dict:
    """The mean drop in average precision per column, one generator drawing every shuffle."""
    rng = np.random.default_rng(seed)
    baseline = average_precision_score(labels, model.predict_proba(features)[:, 1])
    importance = {}
    for column in features.columns:
        drops = []
        for _ in range(n_repeats):
            shuffled = features.copy()
            order = rng.permutation(len(features))
            shuffled[column] = features[column].iloc[order].set_axis(features.index)
            score = average_precision_score(labels, model.predict_proba(shuffled)[:, 1])
            drops.append(baseline - score)
        importance[column] = np.mean(drops)
    return importance


@pytest.mark.task(4)
def test_permutation_importance_follows_its_seed_and_repeats():
    features, labels = toy_problem(300)
    model = WeightedSum({"strong": 2.0, "weak": 1.0}).fit(features, labels)
    got = permutation_importance(model, features, labels, n_repeats=2, seed=9)
    expected = importance_by_hand(model, features, labels, n_repeats=2, seed=9)
    for column, value in expected.items():
        assert got[column] == pytest.approx(value, rel=1e-12, abs=1e-12), (
            f"Task 4: with n_repeats=2 and seed=9, column by column in order, each shuffled "
            f"twice with permutations drawn from one np.random.default_rng(9), the importance "
            f"of {column!r} is {value:.6f}; got {got[column]:.6f}. Use the n_repeats and seed "
            "arguments, and draw every permutation from one generator"
        )


@pytest.mark.task(4)
def test_l1_keeps_the_informative_features():
    features, labels = toy_problem()
    kept = l1_selected_features(features, labels, c=0.05)
    assert isinstance(kept, list) and {"strong", "weak"} <= set(kept), (
        f"Task 4: with C=0.05 the L1 model should keep 'strong' and 'weak', got {kept!r}"
    )
    assert "noise" not in kept, (
        f"Task 4: with C=0.05 the L1 model should set the weight of 'noise' to zero, got {kept}"
    )
    assert l1_selected_features(features, labels, c=1e-5) == [], (
        "Task 4: with a tiny C (a huge penalty) every weight is zero: return an empty list"
    )


@pytest.mark.task(4)
def test_l1_on_the_transactions(parts, seed):
    features, labels, _ = parts["fit"]
    kept = l1_selected_features(features, labels, c=L1_C, seed=seed)
    numeric = [name for name in features.columns if name != "category"]
    assert set(numeric) & set(kept), (
        f"Task 4: name the kept features as get_feature_names_out() does, got {kept[:5]}..."
    )
    everything = len(numeric) + features["category"].cat.categories.size
    assert 0 < len(kept) < everything, (
        f"Task 4: at C={L1_C}, the L1 model should keep some of the {everything} encoded "
        f"features and drop others; it kept {len(kept)}"
    )


@pytest.fixture(scope="session")
def importance(logistic, parts, seed) -> pd.Series:
    features, labels, _ = parts["validation"]
    return permutation_importance(logistic, features, labels, seed=seed)


@pytest.mark.task(4)
def test_velocity_matters_and_distractors_do_not(importance):
    top = list(importance.index[:TOP])
    assert set(top) & set(VELOCITY_FEATURES), (
        f"Task 4: on the validation part, a velocity feature should be among the {TOP} most "
        f"important of the logistic regression, got {top}"
    )
    for name in DISTRACTORS:
        assert importance[name] < MAX_DISTRACTOR_IMPORTANCE, (
            f"Task 4: {name} has nothing to do with fraud; its importance should be below "
            f"{MAX_DISTRACTOR_IMPORTANCE}, got {importance[name]:.4f}"
        )
