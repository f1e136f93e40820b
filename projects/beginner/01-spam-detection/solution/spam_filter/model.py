"""A tuned linear SVM on TF-IDF features: the strong baseline of text classification.

Here scikit-learn does the arithmetic your Tasks 3 and 4 did by hand; the lesson
is the wiring. A `Pipeline` keeps the vectoriser inside cross-validation, so each
fold learns its vocabulary and idf from its own training part only, and
`GridSearchCV` picks the SVM's regularisation C on the training split alone. The
held-out test split is touched once, at the very end.
"""

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer  # SOLUTION
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC  # SOLUTION

from spam_filter.tokeniser import tokenise  # SOLUTION

C_GRID = (0.1, 0.3, 1.0, 3.0, 10.0)  # inverse regularisation strengths to try, a log scale
CV_FOLDS = 5
SCORING = "f1"  # the F1 of the spam class: accuracy would reward calling everything ham


def build_pipeline(seed: int = 0) -> Pipeline:
    """Return an unfitted Pipeline: a TfidfVectorizer, then a LinearSVC.

    The vectoriser uses `spam_filter.tokeniser.tokenise` as its analyzer, and sublinear tf;
    the SVM gets `random_state=seed`. Name the steps so that the grid can reach the
    SVM's C as `<svm step>__C`.
    """
    # BEGIN SOLUTION (task 5): chain TfidfVectorizer(analyzer=tokenise, ...) and LinearSVC
    return Pipeline(
        [
            ("tfidf", TfidfVectorizer(analyzer=tokenise, sublinear_tf=True)),
            ("svm", LinearSVC(random_state=seed)),
        ]
    )
    # END SOLUTION


def cross_validation(seed: int = 0) -> StratifiedKFold:
    """The folds used for every choice made on the training split: stratified, shuffled, seeded."""
    return StratifiedKFold(n_splits=CV_FOLDS, shuffle=True, random_state=seed)


def tune_pipeline(texts: Sequence[str], labels: np.ndarray, seed: int = 0) -> GridSearchCV:
    """Choose C from C_GRID by cross-validated F1 on the given training data, and refit.

    Returns the fitted GridSearchCV over `build_pipeline(seed)`, with the folds of
    `cross_validation(seed)` and SCORING. Its `best_estimator_` is the pipeline
    refitted on all the given texts with the best C.
    """
    # BEGIN SOLUTION (task 5): grid-search the SVM's C with stratified folds, scored by F1
    search = GridSearchCV(
        build_pipeline(seed),
        param_grid={"svm__C": list(C_GRID)},
        scoring=SCORING,
        cv=cross_validation(seed),
    )
    return search.fit(texts, labels)
    # END SOLUTION
