"""Task 5: a TF-IDF + linear SVM pipeline, its C chosen by stratified cross-validation."""

import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

from spam_filter.model import build_pipeline
from spam_filter.tokeniser import tokenise

MIN_GRID_VALUES = 3


@pytest.mark.task(5)
def test_pipeline_is_tokeniser_tfidf_then_linear_svm():
    pipeline = build_pipeline()
    assert isinstance(pipeline, Pipeline), (
        f"Task 5: build_pipeline should return a sklearn Pipeline, got {type(pipeline).__name__}"
    )
    steps = [type(step).__name__ for _, step in pipeline.steps]
    vectoriser, svm = pipeline.steps[0][1], pipeline.steps[-1][1]
    assert isinstance(vectoriser, TfidfVectorizer) and isinstance(svm, LinearSVC), (
        f"Task 5: the steps should be TfidfVectorizer, then LinearSVC; got {steps}"
    )
    assert vectoriser.analyzer is tokenise, (
        f"Task 5: the TfidfVectorizer should use your tokenise as its analyzer, "
        f"got analyzer={vectoriser.analyzer!r}"
    )


@pytest.mark.task(5)
def test_grid_search_tunes_c_with_stratified_shuffled_folds(tuned_search, seed):
    assert isinstance(tuned_search, GridSearchCV), (
        "Task 5: tune_pipeline should return a fitted GridSearchCV, got "
        f"{type(tuned_search).__name__}"
    )
    assert isinstance(tuned_search.estimator, Pipeline), (
        "Task 5: the grid search should search over build_pipeline(), a Pipeline, got "
        f"{type(tuned_search.estimator).__name__}"
    )
    grids = (
        tuned_search.param_grid
        if isinstance(tuned_search.param_grid, list)
        else [tuned_search.param_grid]
    )
    c_values = [values for grid in grids for name, values in grid.items() if name.endswith("__C")]
    assert c_values and len(c_values[0]) >= MIN_GRID_VALUES, (
        f"Task 5: the grid should try at least {MIN_GRID_VALUES} values of the SVM's C "
        f"(as '<step>__C'), got param_grid={tuned_search.param_grid}"
    )
    folds = tuned_search.cv
    assert isinstance(folds, StratifiedKFold) and folds.shuffle, (
        "Task 5: cross-validate with StratifiedKFold(shuffle=True): every fold must keep the "
        f"share of spam, whatever the order of the messages; got cv={folds!r}"
    )
    assert folds.random_state == seed, (
        f"Task 5: seed the folds with random_state={seed} so that the search repeats exactly, "
        f"got random_state={folds.random_state}"
    )
    assert tuned_search.scoring == "f1", (
        "Task 5: score the search by F1 of the spam class (scoring='f1'): accuracy rewards a "
        f"filter that lets all spam through; got scoring={tuned_search.scoring!r}"
    )


@pytest.mark.task(5)
def test_tuned_svm_f1(metric, tuned_search, held_out):
    predictions = tuned_search.predict(held_out.texts)
    metric("svm_f1", f1_score(held_out.labels, predictions))
