"""Task 3: one preprocessing, two models, out-of-fold probabilities from stratified folds."""

import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import Pipeline
from sklearn.utils.validation import check_is_fitted

from churn.data import ID_COLUMN, TARGET, cross_validation
from churn.features import ChurnFeatures
from churn.model import (
    CATEGORY_COLUMNS,
    FLAG_COLUMNS,
    LOGISTIC_MAX_ITER,
    NUMBER_COLUMNS,
    build_pipeline,
    column_transformer,
    out_of_fold_probabilities,
)

SAMPLE = 1_500  # customers for the quick checks
UNSEEN_SCORE_SCALE = 10_000  # the memoriser's score of an unseen customer: id / scale
STRATIFICATION_TOLERANCE = 0.002


def dense(matrix) -> np.ndarray:
    return np.asarray(matrix.todense() if hasattr(matrix, "todense") else matrix, dtype=float)


@pytest.fixture(scope="module")
def engineered(customers):
    """A sample of customers, with Task 2's columns added."""
    sample = customers.sample(SAMPLE, random_state=0)
    return ChurnFeatures().fit_transform(sample)


@pytest.mark.task(3)
def test_the_column_transformer_uses_every_feature_and_nothing_else(engineered):
    columns = column_transformer()
    assert isinstance(columns, ColumnTransformer), (
        f"Task 3: column_transformer() should return a ColumnTransformer, got {type(columns)}"
    )
    columns.fit(engineered)
    used = {
        name
        for _, transformer, names in columns.transformers_
        if transformer != "drop"
        for name in ([names] if isinstance(names, str) else names)
    }
    wanted = set(NUMBER_COLUMNS) | set(CATEGORY_COLUMNS) | set(FLAG_COLUMNS)
    assert used == wanted, (
        "Task 3: the ColumnTransformer should use NUMBER_COLUMNS, CATEGORY_COLUMNS and "
        f"FLAG_COLUMNS, and drop the rest ({ID_COLUMN!r} names a customer, {TARGET!r} is the "
        f"answer); missing: {sorted(wanted - used)}, should not be used: {sorted(used - wanted)}"
    )


@pytest.mark.task(3)
def test_numbers_are_standardised_and_categories_one_hot(engineered):
    columns = column_transformer().fit(engineered)
    matrix = dense(columns.transform(engineered))
    names = list(columns.get_feature_names_out())
    for number in NUMBER_COLUMNS:
        position = next(i for i, name in enumerate(names) if name.endswith(f"__{number}"))
        mean, deviation = matrix[:, position].mean(), matrix[:, position].std()
        assert abs(mean) < 1e-6 and abs(deviation - 1) < 1e-6, (
            f"Task 3: {number} should be standardised (mean 0, standard deviation 1 on the fit "
            f"data), got mean {mean:.4f} and deviation {deviation:.4f}"
        )
    contract = [i for i, name in enumerate(names) if "contract" in name]
    assert len(contract) == 3 and np.allclose(matrix[:, contract].sum(axis=1), 1), (
        "Task 3: each category should become one 0/1 column per value (three for contract, "
        f"exactly one of them 1 in each row); got {[names[i] for i in contract]}"
    )


@pytest.mark.task(3)
def test_a_category_fit_never_saw_does_not_break_it(customers):
    features = ChurnFeatures()
    no_two_year = features.fit_transform(customers[customers["contract"] != "Two year"])
    two_year = features.transform(customers[customers["contract"] == "Two year"].head(20))
    columns = column_transformer().fit(no_two_year)
    try:
        matrix = dense(columns.transform(two_year))
    except ValueError as error:
        pytest.fail(
            "Task 3: a category that fit never saw (here contract 'Two year', as happens in a "
            f"fold without a rare value) must not raise; it raised {error}. "
            "OneHotEncoder(handle_unknown='ignore') encodes it as all zeros."
        )
    assert np.isfinite(matrix).all(), "Task 3: the encoded matrix should hold finite numbers only"


@pytest.mark.task(3)
@pytest.mark.parametrize(
    ("model", "classifier"),
    [("logistic", LogisticRegression), ("boosting", HistGradientBoostingClassifier)],
)
def test_the_pipeline_chains_features_columns_and_a_classifier(model, classifier):
    seed = 11  # not the suite's seed: the test must see this one reach the classifier
    pipeline = build_pipeline(model, seed)
    assert isinstance(pipeline, Pipeline) and len(pipeline.steps) == 3, (
        f"Task 3: build_pipeline({model!r}) should return a Pipeline of three steps, "
        f"got {pipeline!r}"
    )
    kinds = [type(step) for _, step in pipeline.steps]
    assert kinds[:2] == [ChurnFeatures, ColumnTransformer] and kinds[2] is classifier, (
        f"Task 3: expected the steps ChurnFeatures, ColumnTransformer, {classifier.__name__}; "
        f"got {[kind.__name__ for kind in kinds]}. The features come first so that "
        "cross-validation refits them on each fold."
    )
    if model == "boosting":
        assert pipeline.steps[2][1].random_state == seed, (
            f"Task 3: seed the gradient boosting (random_state=seed) so that runs repeat: "
            f"build_pipeline('boosting', {seed}) gave random_state="
            f"{pipeline.steps[2][1].random_state}"
        )
    else:
        assert pipeline.steps[2][1].max_iter == LOGISTIC_MAX_ITER, (
            f"Task 3: LogisticRegression(max_iter=LOGISTIC_MAX_ITER), {LOGISTIC_MAX_ITER} "
            f"steps for lbfgs, as the docstring says; got max_iter={pipeline.steps[2][1].max_iter}"
        )


@pytest.mark.task(3)
def test_an_unknown_model_is_refused(seed):
    with pytest.raises(ValueError, match="forest"):
        build_pipeline("forest", seed)


TRAINING_RATES: list[float] = []  # the churn rate of every training set a Memoriser saw


class Memoriser(ClassifierMixin, BaseEstimator):
    """Churn probability 1 or 0 for a customer it was fitted on (it remembers their
    answer); customer_id / UNSEEN_SCORE_SCALE for any other. Every fit appends its
    training set's churn rate to TRAINING_RATES (a module global: clone() copies
    parameters, so a list passed as one would not come back)."""

    def fit(self, X, y):
        self.seen_ = dict(zip(X[ID_COLUMN], y, strict=True))
        self.classes_ = np.unique(y)
        TRAINING_RATES.append(float(np.mean(y)))
        return self

    def predict_proba(self, X):
        churn = np.array(
            [self.seen_.get(i, i / UNSEEN_SCORE_SCALE) for i in X[ID_COLUMN]], dtype=float
        )
        return np.column_stack([1 - churn, churn])

    def predict(self, X):
        return (self.predict_proba(X)[:, 1] >= 0.5).astype(int)


@pytest.mark.task(3)
def test_out_of_fold_probabilities_come_from_models_that_never_saw_the_customer(
    customers, labels, seed
):
    TRAINING_RATES.clear()
    memoriser = Memoriser()
    probabilities = np.asarray(out_of_fold_probabilities(memoriser, customers, labels, seed))
    honest = customers[ID_COLUMN].to_numpy() / UNSEEN_SCORE_SCALE
    assert probabilities.shape == (len(customers),), (
        f"Task 3: expected one probability per customer, shape ({len(customers)},), "
        f"got {probabilities.shape}"
    )
    assert np.allclose(probabilities, honest), (
        "Task 3: a model that remembers its training customers scored some customers it had "
        f"seen ({np.mean(~np.isclose(probabilities, honest)):.0%} of them), or the "
        "probabilities came back in another order than the customers'. Each customer's "
        "probability must come from the model of the fold that held them out."
    )
    overall = labels.mean()
    folds = TRAINING_RATES[-5:]
    assert len(folds) == 5 and all(
        abs(rate - overall) < STRATIFICATION_TOLERANCE for rate in folds
    ), (
        f"Task 3: the five training folds should keep the churn rate of all customers "
        f"({overall:.4f}), as StratifiedKFold does; their rates were {TRAINING_RATES}"
    )
    with pytest.raises(NotFittedError):
        check_is_fitted(memoriser)


FINGERPRINT_SCALE = 1e8  # above the sum of all 7,043 ids, so that a fingerprint is below 1


class FoldRecorder(ClassifierMixin, BaseEstimator):
    """Scores every customer it is asked about with one number that names its training
    customers: the sum of their ids / FINGERPRINT_SCALE. Two different training folds
    give two different scores."""

    def fit(self, X, y):
        self.fingerprint_ = float(X[ID_COLUMN].sum()) / FINGERPRINT_SCALE
        self.classes_ = np.unique(y)
        return self

    def predict_proba(self, X):
        return np.column_stack(
            [1 - np.full(len(X), self.fingerprint_), np.full(len(X), self.fingerprint_)]
        )

    def predict(self, X):
        return np.zeros(len(X), dtype=int)


@pytest.mark.task(3)
@pytest.mark.parametrize("fold_seed", [0, 7])
def test_the_folds_are_the_katas_seeded_stratified_folds(customers, labels, fold_seed):
    ids = customers[ID_COLUMN].to_numpy()
    probabilities = out_of_fold_probabilities(FoldRecorder(), customers, labels, fold_seed)
    expected = np.empty(len(customers))
    for train, held_out in cross_validation(fold_seed).split(customers, labels):
        expected[held_out] = ids[train].sum() / FINGERPRINT_SCALE
    assert np.array_equal(np.asarray(probabilities), expected), (
        f"Task 3: with seed {fold_seed}, each customer should be scored by the model of the "
        f"fold of cross_validation({fold_seed}) that held them out (shuffled, stratified and "
        "seeded); the folds were others. cv=5 gives scikit-learn's unshuffled folds, and a "
        "seed written into the code ignores the one you are given."
    )


@pytest.mark.task(3)
def test_logistic_regression_out_of_fold(logistic_probabilities, labels, metric):
    probabilities = np.asarray(logistic_probabilities)
    assert (
        probabilities.shape == labels.shape and ((probabilities >= 0) & (probabilities <= 1)).all()
    ), "Task 3: expected one churn probability in [0, 1] per customer"
    metric("logistic_roc_auc", roc_auc_score(labels, probabilities))


@pytest.mark.task(3)
def test_gradient_boosting_out_of_fold(boosting_probabilities, labels, metric):
    probabilities = np.asarray(boosting_probabilities)
    assert (
        probabilities.shape == labels.shape and ((probabilities >= 0) & (probabilities <= 1)).all()
    ), "Task 3: expected one churn probability in [0, 1] per customer"
    metric("boosting_roc_auc", roc_auc_score(labels, probabilities))


@pytest.mark.task(3)
def test_the_fitted_pipeline_scores_new_customers(fitted_pipeline, customers):
    newcomers = customers.head(5).drop(columns=[TARGET, ID_COLUMN])
    probabilities = fitted_pipeline.predict_proba(newcomers)
    assert isinstance(newcomers, pd.DataFrame) and probabilities.shape == (5, 2), (
        "Task 3: the fitted pipeline should score customers without an id or a churn column "
        f"(new customers have neither); got probabilities of shape {probabilities.shape}"
    )
