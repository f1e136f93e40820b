"""Task 5: VADER's scores, a comparison table, and the ROC curves of every model."""

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from PIL import Image
from sklearn.metrics import accuracy_score, roc_auc_score, roc_curve
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from sentiment.evaluation import (
    DPI,
    FIGURE_SIZE,
    compare_models,
    plot_roc_curves,
    vader_compound,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LABELS = np.array([0, 0, 0, 1, 1, 1])
SCORES = {
    "probabilities": np.array([0.1, 0.5, 0.7, 0.4, 0.8, 0.9]),
    "lexicon": np.array([-0.6, 0.0, 0.05, 0.3, -0.2, 0.9]),
}
THRESHOLDS = {"probabilities": 0.5, "lexicon": 0.05}


@pytest.mark.task(5)
def test_vader_compound_is_vaders_compound_score():
    texts = ["I love this tea 😍", "Worst. Coffee. Ever.", "It arrived on Tuesday.", "NOT good!!!"]
    analyser = SentimentIntensityAnalyzer()
    expected = [analyser.polarity_scores(text)["compound"] for text in texts]
    scores = vader_compound(texts)
    assert isinstance(scores, np.ndarray) and scores.shape == (len(texts),), (
        f"Task 5: vader_compound should return a numpy array of shape ({len(texts)},), got "
        f"{type(scores).__name__} {getattr(scores, 'shape', '')}"
    )
    assert np.allclose(scores, expected), (
        f"Task 5: vader_compound({texts}) should be VADER's 'compound' scores {expected}, "
        f"got {scores.tolist()}"
    )


@pytest.mark.task(5)
def test_compare_models_reports_accuracy_at_each_threshold_and_roc_auc():
    table = compare_models(LABELS, SCORES, THRESHOLDS)
    assert isinstance(table, pd.DataFrame) and list(table.index) == list(SCORES), (
        f"Task 5: compare_models should return a DataFrame with one row per model, indexed "
        f"{list(SCORES)}, got {table!r}"
    )
    for name, scores in SCORES.items():
        accuracy = accuracy_score(LABELS, scores >= THRESHOLDS[name])
        roc_auc = roc_auc_score(LABELS, scores)
        assert table.loc[name, "accuracy"] == pytest.approx(accuracy), (
            f"Task 5: the accuracy of {name!r} at threshold {THRESHOLDS[name]} (a score at or "
            f"above it means great) should be {accuracy:.4f}, got {table.loc[name, 'accuracy']}"
        )
        assert table.loc[name, "roc_auc"] == pytest.approx(roc_auc), (
            f"Task 5: the ROC-AUC of {name!r} should be {roc_auc:.4f}, got "
            f"{table.loc[name, 'roc_auc']}"
        )


@pytest.mark.task(5)
def test_roc_curves_are_saved_as_a_png(tmp_path):
    path = tmp_path / "roc.png"
    figure = plot_roc_curves(LABELS, SCORES, path)
    assert isinstance(figure, Figure), (
        f"Task 5: plot_roc_curves should return the matplotlib Figure, got {type(figure).__name__}"
    )
    assert path.is_file() and path.read_bytes()[:8] == PNG_SIGNATURE, (
        f"Task 5: plot_roc_curves should write a PNG file at {path}"
    )
    expected_size = tuple(round(inches * DPI) for inches in FIGURE_SIZE)
    with Image.open(path) as image:
        assert image.size == expected_size, (
            f"Task 5: a Figure of FIGURE_SIZE = {FIGURE_SIZE} inches saved at DPI = {DPI} is "
            f"{expected_size} pixels, got {image.size}"
        )


@pytest.mark.task(5)
def test_roc_curves_show_every_model_and_the_diagonal(tmp_path):
    figure = plot_roc_curves(LABELS, SCORES, tmp_path / "roc.png")
    assert isinstance(figure, Figure) and len(figure.axes) == 1, (
        f"Task 5: plot_roc_curves should return a Figure with one chart (one Axes), got {figure!r}"
    )
    axes = figure.axes[0]
    lines = [(line.get_xdata(), line.get_ydata()) for line in axes.get_lines()]
    styles = [line.get_linestyle() for line in axes.get_lines()]
    for name, scores in SCORES.items():
        fpr, tpr, _ = roc_curve(LABELS, scores, drop_intermediate=True)
        assert any(
            len(x) == len(fpr) and np.allclose(x, fpr) and np.allclose(y, tpr) for x, y in lines
        ), (
            f"Task 5: the chart should hold the ROC curve of {name!r} (false positive rates "
            f"{np.round(fpr, 3).tolist()}, true positive rates {np.round(tpr, 3).tolist()})"
        )
    diagonal = [0, 1]
    assert any(
        len(x) == len(y) == 2
        and np.allclose(x, diagonal)
        and np.allclose(y, diagonal)
        and style == "--"
        for (x, y), style in zip(lines, styles, strict=True)
    ), "Task 5: draw the diagonal of a model that guesses, dashed ('--'), from (0, 0) to (1, 1)"
    legend = axes.get_legend()
    names = [text.get_text() for text in legend.get_texts()] if legend else []
    assert all(any(name in entry for entry in names) for name in SCORES), (
        f"Task 5: the legend should name every model ({list(SCORES)}), got {names}"
    )
    assert len(names) == len(SCORES) + 1, (
        f"Task 5: the legend should name every line: the {len(SCORES)} models and the "
        f"diagonal (give it a label); got {names}"
    )
    assert axes.get_xlabel() and axes.get_ylabel() and axes.get_title(), (
        "Task 5: label both axes and give the chart a title; got "
        f"x {axes.get_xlabel()!r}, y {axes.get_ylabel()!r}, title {axes.get_title()!r}"
    )


@pytest.mark.task(5)
def test_vader_roc_auc(metric, test_tweets):
    metric("vader_roc_auc", roc_auc_score(test_tweets.labels, vader_compound(test_tweets.texts)))
