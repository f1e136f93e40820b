"""Compare the trained models with VADER, a sentiment lexicon that needs no training.

VADER (Hutto and Gilbert, 2014) scores a text from a hand-made lexicon of
7,500 words, emoticons and emojis, with rules for negation, capitals, `!!!` and
`but`. Its `compound` score lies in [-1, 1], not in [0, 1], and it was tuned to
say "positive" from 0.05, not to say "five stars". Accuracy at a threshold
would compare the thresholds as much as the models; ROC-AUC compares only how
well each score ranks the great reviews above the others, so it is the fair
measure here. Accuracy is reported beside it, each model at its own threshold.

Every function here takes the truth first, as `sklearn.metrics` does. The last
one lists a model's most confident mistakes: the figures say how often a model
is wrong, only the mistakes read one by one say why.
"""

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from sklearn.metrics import RocCurveDisplay, accuracy_score, roc_auc_score  # SOLUTION
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # SOLUTION

from sentiment.data import GREAT

VADER_POSITIVE = 0.05  # VADER's documented cut-off: compound >= 0.05 is a positive text
PROBABILITY_THRESHOLD = 0.5  # a trained model says "great" when P(great) >= 0.5
FIGURE_SIZE = (6.0, 6.0)  # inches
DPI = 120  # dots per inch of the PNG: 720 pixels a side, sharp on a laptop screen
MISTAKES_SHOWN = 5


def vader_compound(texts: list[str]) -> np.ndarray:
    """Return VADER's compound score of each text, a float array in [-1, 1]."""
    # BEGIN SOLUTION (task 5): one SentimentIntensityAnalyzer; the compound of each polarity_scores
    analyser = SentimentIntensityAnalyzer()
    return np.array([analyser.polarity_scores(text)["compound"] for text in texts])
    # END SOLUTION


def compare_models(
    labels: np.ndarray, scores: Mapping[str, np.ndarray], thresholds: Mapping[str, float]
) -> pd.DataFrame:
    """Return one row per model (indexed by its name, in the order of `scores`).

    `labels` are the true 0/1 labels; `scores` maps each model's name to its
    scores of the same texts, `thresholds` each name to its threshold. Columns:
    `accuracy`, the share of texts classified right when a score at or above the
    model's threshold means great (label 1); and `roc_auc`, the area under the
    ROC curve of the scores, which needs no threshold.
    """
    # BEGIN SOLUTION (task 5): accuracy at each model's threshold, and ROC-AUC of its raw scores
    rows = {
        name: {
            "accuracy": accuracy_score(labels, model_scores >= thresholds[name]),
            "roc_auc": roc_auc_score(labels, model_scores),
        }
        for name, model_scores in scores.items()
    }
    return pd.DataFrame.from_dict(rows, orient="index")
    # END SOLUTION


def plot_roc_curves(labels: np.ndarray, scores: Mapping[str, np.ndarray], path: Path) -> Figure:
    """Draw every model's ROC curve on one chart, with its AUC in the legend; save a PNG at `path`.

    One curve per model of `scores`, named by its key; then the diagonal of a
    model that guesses, dashed, from (0, 0) to (1, 1); a legend that names every
    line, a label on each axis and a title.
    Build the chart on a `matplotlib.figure.Figure` of FIGURE_SIZE inches rather
    than with pyplot (it needs no display and no closing), save it at DPI dots
    per inch, and return it, so that a notebook can show it.
    """
    # BEGIN SOLUTION (task 5): RocCurveDisplay.from_predictions per model on one Figure's axes; save
    figure = Figure(figsize=FIGURE_SIZE)
    axes = figure.subplots()
    for name, model_scores in scores.items():
        RocCurveDisplay.from_predictions(labels, model_scores, name=name, ax=axes)
    axes.plot([0, 1], [0, 1], "k--", label="chance (AUC = 0.5)")
    axes.set(
        xlabel="False positive rate (other reviews called great)",
        ylabel="True positive rate (great reviews found)",
        title="Which score ranks the great reviews first?",
    )
    axes.legend()
    figure.savefig(path, dpi=DPI)
    return figure
    # END SOLUTION


def most_confident_mistakes(
    labels: np.ndarray,
    scores: np.ndarray,
    texts: Sequence[str],
    threshold: float = PROBABILITY_THRESHOLD,
    n: int = MISTAKES_SHOWN,
) -> pd.DataFrame:
    """Return the `n` texts a model gets most confidently wrong, worst first.

    A score at or above `threshold` means great (label GREAT). A mistake is a
    text whose call disagrees with its label; its margin, |score - threshold|,
    says how sure the model was. The table has one row per mistake, indexed by
    the text's position in `texts`, with the columns `text`, `label`, `score`
    and `margin`, sorted by margin, largest first; equal margins keep the order
    of the texts. With fewer than `n` mistakes, it holds them all.
    """
    # BEGIN SOLUTION (task 8): a table of every text, keep the wrong calls, sort by margin, take n
    labels, scores = np.asarray(labels), np.asarray(scores)
    wrong = (scores >= threshold) != (labels == GREAT)
    table = pd.DataFrame(
        {"text": list(texts), "label": labels, "score": scores, "margin": abs(scores - threshold)}
    )
    return table[wrong].sort_values("margin", ascending=False, kind="stable").head(n)
    # END SOLUTION
