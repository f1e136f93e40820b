"""Task 5: VADER's scores, a comparison table, and the ROC curves of every model."""

import numpy as np
import pandas as pd
import pytest
from PIL import Image
from sklearn.metrics import accuracy_score, roc_auc_score
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from sentiment.evaluation import compare_models, plot_roc_curves, vader_compound

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MIN_SIDE = 300  # pixels: big enough to read
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
    table = compare_models(SCORES, THRESHOLDS, LABELS)
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
    returned = plot_roc_curves(SCORES, LABELS, path)
    assert returned == path, f"Task 5: plot_roc_curves should return {path}, got {returned}"
    assert path.is_file() and path.read_bytes()[:8] == PNG_SIGNATURE, (
        f"Task 5: plot_roc_curves should write a PNG file at {path}"
    )
    with Image.open(path) as image:
        assert min(image.size) >= MIN_SIDE, (
            f"Task 5: the chart should be at least {MIN_SIDE} pixels on each side to be read, "
            f"got {image.size}"
        )


@pytest.mark.task(5)
def test_vader_roc_auc(metric, test_tweets):
    metric("vader_roc_auc", roc_auc_score(test_tweets.labels, vader_compound(test_tweets.texts)))
