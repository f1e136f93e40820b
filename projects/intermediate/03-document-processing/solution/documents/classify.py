"""Task 2: which field is a help page from? TF-IDF, a linear SVM, calibrated probabilities.

A linear SVM separates the families well but gives scores, not probabilities; the
batch pipeline reports a probability with each class, so the SVM is wrapped in
scikit-learn's CalibratedClassifierCV, which fits a sigmoid from scores to
probabilities on folds the SVM did not train on (Platt scaling).
"""

import numpy as np
import pandas as pd
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

MIN_DOCUMENT_FREQUENCY = 2  # a word in one page only says nothing about a family
NGRAM_RANGE = (1, 2)
REGULARISATION = 1.0  # LinearSVC's C
CALIBRATION_FOLDS = 3
EVALUATION_FOLDS = 5
REPORT_COLUMNS = ("precision", "recall", "f1", "support")


def build_classifier(
    seed: int, regularisation: float = REGULARISATION, calibration_folds: int = CALIBRATION_FOLDS
) -> Pipeline:
    """A Pipeline of two steps: ("tfidf", ...) then ("svm", calibrated linear SVM).

    The TfidfVectorizer takes words of 1 to 2 tokens (NGRAM_RANGE) seen in at least
    MIN_DOCUMENT_FREQUENCY pages, with sublinear term frequencies (1 + log tf); the
    classifier is CalibratedClassifierCV(LinearSVC(C=regularisation,
    random_state=seed), method="sigmoid", cv=calibration_folds).
    """
    # BEGIN SOLUTION (task 2): TfidfVectorizer then CalibratedClassifierCV around LinearSVC
    vectoriser = TfidfVectorizer(
        ngram_range=NGRAM_RANGE, min_df=MIN_DOCUMENT_FREQUENCY, sublinear_tf=True
    )
    svm = LinearSVC(C=regularisation, random_state=seed)
    calibrated = CalibratedClassifierCV(svm, method="sigmoid", cv=calibration_folds)
    return Pipeline([("tfidf", vectoriser), ("svm", calibrated)])
    # END SOLUTION


def out_of_fold_probabilities(
    pipeline: Pipeline, texts: list[str], labels: list[str], seed: int
) -> np.ndarray:
    """Each page's class probabilities from a pipeline fitted on the other folds.

    Stratified EVALUATION_FOLDS-fold cross-validation, shuffled with `seed`; the
    columns follow the sorted class names (np.unique(labels)).
    """
    # BEGIN SOLUTION (task 2): cross_val_predict with shuffled stratified folds, predict_proba
    folds = StratifiedKFold(EVALUATION_FOLDS, shuffle=True, random_state=seed)
    return cross_val_predict(
        pipeline, list(texts), np.asarray(labels), cv=folds, method="predict_proba"
    )
    # END SOLUTION


def per_class_report(y_true: list[str], y_pred: list[str]) -> pd.DataFrame:
    """Precision, recall, F1 and support of each class, by hand, and their macro average.

    One row per class of y_true or y_pred (sorted), then a row "macro" with the
    unweighted mean of each class's precision, recall and F1 and the total support.
    Columns REPORT_COLUMNS; support is the number of true labels of the class. A
    ratio whose denominator is 0 is 0.0 (a class never predicted has precision 0).
    """
    # BEGIN SOLUTION (task 2): count true positives, predictions and truths of each class
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    rows = {}
    for name in np.unique(np.concatenate([y_true, y_pred])):
        hits = np.sum((y_true == name) & (y_pred == name))
        predicted, actual = np.sum(y_pred == name), np.sum(y_true == name)
        precision = hits / predicted if predicted else 0.0
        recall = hits / actual if actual else 0.0
        total = precision + recall
        f1 = 2 * precision * recall / total if total else 0.0
        rows[str(name)] = (precision, recall, f1, actual)
    report = pd.DataFrame.from_dict(rows, orient="index", columns=list(REPORT_COLUMNS))
    macro = report[["precision", "recall", "f1"]].mean()
    report.loc["macro"] = [*macro, report["support"].sum()]
    report["support"] = report["support"].astype(int)
    return report
    # END SOLUTION
