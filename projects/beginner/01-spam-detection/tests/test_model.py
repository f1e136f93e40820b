"""Task 5: a TF-IDF + linear SVM pipeline, its C chosen by stratified cross-validation."""

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

from spam_filter.model import C_GRID, CV_FOLDS, build_pipeline, tune_pipeline
from spam_filter.tokeniser import tokenise

MIN_GRID_VALUES = 3
OTHER_SEED = 7
SMALL_SAMPLE = 400  # messages: enough for five folds, quick to search


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
    assert vectoriser.sublinear_tf is True, (
        "Task 5: the TfidfVectorizer should use sublinear tf (sublinear_tf=True): a word said "
        f"ten times is not ten times the evidence; got sublinear_tf={vectoriser.sublinear_tf!r}"
    )


@pytest.mark.task(5)
def test_pipeline_seeds_the_svm():
    svm = build_pipeline(seed=OTHER_SEED).steps[-1][1]
    assert svm.random_state == OTHER_SEED, (
        f"Task 5: build_pipeline(seed={OTHER_SEED}) should give the LinearSVC "
        f"random_state={OTHER_SEED}, got random_state={svm.random_state!r}"
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


@pytest.mark.task(5)
def test_tune_pipeline_uses_its_seed(messages):
    texts, labels = messages.texts[:SMALL_SAMPLE], messages.labels[:SMALL_SAMPLE]
    search = tune_pipeline(texts, labels, seed=OTHER_SEED)
    assert search.cv.random_state == OTHER_SEED, (
        f"Task 5: tune_pipeline(..., seed={OTHER_SEED}) should search on "
        f"cross_validation({OTHER_SEED}), got cv={search.cv!r}"
    )
    svm = search.estimator.steps[-1][1]
    assert svm.random_state == OTHER_SEED, (
        f"Task 5: tune_pipeline(..., seed={OTHER_SEED}) should search over "
        f"build_pipeline({OTHER_SEED}), whose SVM has random_state={OTHER_SEED}; got "
        f"{svm.random_state!r}"
    )
    expected = GridSearchCV(
        Pipeline(
            [
                ("tfidf", TfidfVectorizer(analyzer=tokenise, sublinear_tf=True)),
                ("svm", LinearSVC(random_state=OTHER_SEED)),
            ]
        ),
        param_grid={"svm__C": list(C_GRID)},
        scoring="f1",
        cv=StratifiedKFold(n_splits=CV_FOLDS, shuffle=True, random_state=OTHER_SEED),
    ).fit(texts, labels)
    scores = search.cv_results_["mean_test_score"]
    assert np.allclose(scores, expected.cv_results_["mean_test_score"]), (
        f"Task 5: on {SMALL_SAMPLE} messages with seed {OTHER_SEED}, the mean F1 of each C in "
        f"C_GRID should be {np.round(expected.cv_results_['mean_test_score'], 4).tolist()}, "
        f"got {np.round(scores, 4).tolist()}"
    )
