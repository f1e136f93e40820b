"""Task 2: TF-IDF and a calibrated linear SVM classify the pages by family; a report by hand."""

import numpy as np
import pytest

SUBSET = 160  # pages for the exact comparisons: the full cross-validation runs once
OTHER_SEED = 23


@pytest.fixture(scope="module")
def probabilities(prose, labelled_pages, seed):
    """Your out-of-fold probabilities of every labelled page, with your classifier."""
    from documents.classify import build_classifier, out_of_fold_probabilities

    return out_of_fold_probabilities(
        build_classifier(seed), prose, list(labelled_pages["family"]), seed
    )


@pytest.mark.task(2)
def test_the_classifier_is_built_as_asked():
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    from documents.classify import MIN_DOCUMENT_FREQUENCY, NGRAM_RANGE, build_classifier

    pipeline = build_classifier(OTHER_SEED, regularisation=0.3, calibration_folds=4)
    assert [name for name, _ in pipeline.steps] == ["tfidf", "svm"], (
        f"Task 2: the pipeline's steps are 'tfidf' then 'svm'; got {pipeline.steps}"
    )
    tfidf, calibrated = pipeline["tfidf"], pipeline["svm"]
    assert isinstance(tfidf, TfidfVectorizer) and (
        tfidf.ngram_range,
        tfidf.min_df,
        tfidf.sublinear_tf,
    ) == (NGRAM_RANGE, MIN_DOCUMENT_FREQUENCY, True), (
        "Task 2: TfidfVectorizer(ngram_range=NGRAM_RANGE, min_df=MIN_DOCUMENT_FREQUENCY, "
        f"sublinear_tf=True); got {tfidf}"
    )
    assert isinstance(calibrated, CalibratedClassifierCV) and (
        calibrated.method,
        calibrated.cv,
    ) == ("sigmoid", 4), (
        "Task 2: CalibratedClassifierCV(..., method='sigmoid', cv=calibration_folds); "
        f"got {calibrated}"
    )
    svm = calibrated.estimator
    assert isinstance(svm, LinearSVC) and (svm.C, svm.random_state) == (0.3, OTHER_SEED), (
        f"Task 2: LinearSVC(C=regularisation, random_state=seed); got {svm}"
    )


@pytest.mark.task(2)
def test_out_of_fold_probabilities_follow_the_seeded_folds(prose, labelled_pages):
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    from documents.classify import EVALUATION_FOLDS, build_classifier, out_of_fold_probabilities

    generator = np.random.default_rng(OTHER_SEED)
    rows = np.sort(generator.choice(len(prose), SUBSET, replace=False))
    texts = [prose[i] for i in rows]
    labels = list(labelled_pages["family"].iloc[rows])
    result = out_of_fold_probabilities(build_classifier(OTHER_SEED), texts, labels, OTHER_SEED)
    folds = StratifiedKFold(EVALUATION_FOLDS, shuffle=True, random_state=OTHER_SEED)
    expected = cross_val_predict(
        build_classifier(OTHER_SEED), texts, np.array(labels), cv=folds, method="predict_proba"
    )
    assert result.shape == (SUBSET, 3), (
        f"Task 2: one row per page, one column per family; got the shape {result.shape}"
    )
    assert np.allclose(result, expected, atol=1e-12), (
        f"Task 2: each page's probabilities come from the pipeline fitted on the other folds "
        f"of StratifiedKFold({EVALUATION_FOLDS}, shuffle=True, random_state=seed); yours "
        "differ (are the folds shuffled, with the seed you were given?)"
    )


@pytest.mark.task(2)
def test_the_report_by_hand_equals_scikit_learn():
    from sklearn.metrics import precision_recall_fscore_support

    from documents.classify import REPORT_COLUMNS, per_class_report

    generator = np.random.default_rng(OTHER_SEED)
    y_true = list(generator.choice(["econometrics", "medical", "teaching"], 60, p=[0.5, 0.2, 0.3]))
    y_pred = list(generator.choice(["econometrics", "other", "teaching"], 60))
    report = per_class_report(y_true, y_pred)
    classes = ["econometrics", "medical", "other", "teaching"]
    rows, columns = [str(row) for row in report.index], [str(name) for name in report.columns]
    assert rows == [*classes, "macro"] and columns == list(REPORT_COLUMNS), (
        f"Task 2: one row per class of either list (sorted), then 'macro': {classes + ['macro']}; "
        f"columns {list(REPORT_COLUMNS)}; got rows {rows} and columns {columns}"
    )
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=classes, zero_division=0
    )
    expected = np.column_stack([precision, recall, f1, support])
    assert np.allclose(report.loc[classes].to_numpy(dtype=float), expected, atol=1e-12), (
        "Task 2: each class's precision, recall, F1 and support should equal scikit-learn's "
        f"(a class never predicted has precision 0, one never true recall 0); got\n{report}"
    )
    macro = [precision.mean(), recall.mean(), f1.mean(), len(y_true)]
    assert np.allclose(report.loc["macro"].to_numpy(dtype=float), macro, atol=1e-12), (
        f"Task 2: the macro row is the mean of the classes' ratios and the total support; "
        f"expected {macro}, got {list(report.loc['macro'])}"
    )
    assert report["support"].dtype.kind == "i", "Task 2: support is a count (int)"


@pytest.mark.task(2)
def test_a_perfect_and_an_empty_prediction():
    from documents.classify import per_class_report

    report = per_class_report(["a", "b", "b"], ["a", "b", "b"])
    assert report.loc["macro", "f1"] == 1.0 and report.loc["b", "support"] == 2, (
        f"Task 2: a perfect prediction has F1 1 everywhere; got\n{report}"
    )
    report = per_class_report(["a", "a"], ["b", "b"])
    assert (report[["precision", "recall", "f1"]] == 0).all().all(), (
        f"Task 2: nothing right: every ratio is 0 (not NaN, not an error); got\n{report}"
    )


@pytest.mark.task(2)
def test_classification_figures(probabilities, labelled_pages, metric, figure):
    from sklearn.metrics import log_loss

    from documents.classify import per_class_report

    labels = list(labelled_pages["family"])
    classes = np.unique(labels)
    assert np.allclose(probabilities.sum(axis=1), 1.0), "Task 2: each page's probabilities sum to 1"
    report = per_class_report(labels, list(classes[probabilities.argmax(axis=1)]))
    metric("classification_macro_f1", report.loc["macro", "f1"])
    metric("classification_log_loss", log_loss(labels, probabilities, labels=classes))
    figure("medical_recall", report.loc["medical", "recall"])
