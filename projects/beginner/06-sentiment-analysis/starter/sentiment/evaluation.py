"""Compare the trained models with VADER, a sentiment lexicon that needs no training.

VADER (Hutto and Gilbert, 2014) scores a text from a hand-made lexicon of
7,500 words, emoticons and emojis, with rules for negation, capitals, `!!!` and
`but`. Its `compound` score lies in [-1, 1], not in [0, 1], and it was tuned to
say "positive" from 0.05, not to say "five stars". Accuracy at a threshold
would compare the thresholds as much as the models; ROC-AUC compares only how
well each score ranks the great reviews above the others, so it is the fair
measure here. Accuracy is reported beside it, each model at its own threshold.
"""

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

VADER_POSITIVE = 0.05  # VADER's documented cut-off: compound >= 0.05 is a positive text
PROBABILITY_THRESHOLD = 0.5  # a trained model says "great" when P(great) >= 0.5
FIGURE_SIZE = (6.0, 6.0)  # inches
DPI = 100


def vader_compound(texts: list[str]) -> np.ndarray:
    """Return VADER's compound score of each text, a float array in [-1, 1]."""
    raise NotImplementedError(
        "Task 5: one SentimentIntensityAnalyzer; the compound of each polarity_scores"
    )


def compare_models(
    scores: Mapping[str, np.ndarray], thresholds: Mapping[str, float], labels: np.ndarray
) -> pd.DataFrame:
    """Return one row per model (indexed by its name, in the order of `scores`).

    Columns: `accuracy`, the share of texts classified right when a score at or
    above the model's threshold means great (label 1); and `roc_auc`, the area
    under the ROC curve of the scores, which needs no threshold.
    """
    raise NotImplementedError(
        "Task 5: accuracy at each model's threshold, and ROC-AUC of its raw scores"
    )


def plot_roc_curves(scores: Mapping[str, np.ndarray], labels: np.ndarray, path: Path) -> Path:
    """Draw every model's ROC curve on one chart, with its AUC in the legend; save a PNG at `path`.

    Add the diagonal of a model that guesses and label the axes. Build the chart
    on a `matplotlib.figure.Figure` rather than with pyplot: it needs no display
    and no closing. Returns `path`.
    """
    raise NotImplementedError(
        "Task 5: RocCurveDisplay.from_predictions per model on one Figure's axes; save"
    )
