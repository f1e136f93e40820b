"""Task 8: the texts a model gets most confidently wrong, worst first."""

import numpy as np
import pandas as pd
import pytest

from sentiment.data import GREAT, OTHER
from sentiment.evaluation import MISTAKES_SHOWN, PROBABILITY_THRESHOLD, most_confident_mistakes

COLUMNS = ["text", "label", "score", "margin"]
RANDOM_TEXTS = 300


def expected_mistakes(labels, scores, texts, threshold, n) -> pd.DataFrame:
    """The protocol of the docstring, written out plainly."""
    wrong = [i for i in range(len(labels)) if (scores[i] >= threshold) != (labels[i] == GREAT)]
    margin = {i: abs(float(scores[i]) - threshold) for i in wrong}
    worst_first = sorted(wrong, key=lambda i: -margin[i])[:n]  # sorted() keeps ties in order
    return pd.DataFrame(
        {
            "text": [texts[i] for i in worst_first],
            "label": [int(labels[i]) for i in worst_first],
            "score": [float(scores[i]) for i in worst_first],
            "margin": [margin[i] for i in worst_first],
        },
        index=worst_first,
    )


def check_table(table, expected: pd.DataFrame, case: str) -> None:
    assert isinstance(table, pd.DataFrame) and list(table.columns) == COLUMNS, (
        f"Task 8: most_confident_mistakes should return a DataFrame with the columns {COLUMNS}, "
        f"got {type(table).__name__} {list(getattr(table, 'columns', []))}"
    )
    assert list(table.index) == list(expected.index), (
        f"Task 8: {case}: expected the mistakes at positions {list(expected.index)} (largest "
        f"margin first, equal margins in the order of the texts), got {list(table.index)}"
    )
    try:
        pd.testing.assert_frame_equal(table, expected, check_dtype=False, check_index_type=False)
    except AssertionError as difference:
        raise AssertionError(
            f"Task 8: {case}: the right rows, but not the right values: {difference}\n"
            f"expected:\n{expected}\ngot:\n{table}"
        ) from None


@pytest.mark.task(8)
def test_mistakes_on_both_sides_worst_first():
    labels = np.array([OTHER, GREAT, OTHER, GREAT, OTHER, GREAT])
    scores = np.array([0.95, 0.1, 0.6, 0.8, 0.3, 0.65])
    texts = ["meh 0.95", "great 0.1", "meh 0.6", "great 0.8", "meh 0.3", "great 0.65"]
    table = most_confident_mistakes(labels, scores, texts, threshold=0.7, n=3)
    # at 0.7: great 0.1 missed (0.6), meh 0.95 called great (0.25), great 0.65 missed (0.05)
    check_table(
        table,
        expected_mistakes(labels, scores, texts, 0.7, 3),
        "labels [0, 1, 0, 1, 0, 1], scores [0.95, 0.1, 0.6, 0.8, 0.3, 0.65], threshold 0.7, n 3",
    )


@pytest.mark.task(8)
def test_a_score_on_the_threshold_means_great():
    labels = np.array([OTHER, GREAT, GREAT])
    scores = np.array([0.5, 0.5, 0.45])
    texts = ["other on the threshold", "great on the threshold", "great below"]
    table = most_confident_mistakes(labels, scores, texts)
    assert list(table.index) == [2, 0], (
        f"Task 8: a score equal to the threshold ({PROBABILITY_THRESHOLD} by default) means "
        "great: the other text on it is a mistake with margin 0, the great one on it is right; "
        f"the mistakes are at positions [2, 0], got {list(table.index)}"
    )


@pytest.mark.task(8)
def test_fewer_mistakes_than_asked_for_are_all_returned():
    labels = np.array([GREAT, OTHER, GREAT])
    scores = np.array([0.9, 0.2, 0.3])
    texts = ["right", "right too", "missed"]
    table = most_confident_mistakes(labels, scores, texts, n=10)
    check_table(table, expected_mistakes(labels, scores, texts, 0.5, 10), "one mistake, n 10")


@pytest.mark.task(8)
def test_ties_keep_the_order_of_the_texts():
    rng = np.random.default_rng(8)
    labels = (rng.random(RANDOM_TEXTS) < 0.6).astype(int)
    scores = np.round(np.clip(rng.normal(0.5 + 0.2 * (labels - 0.5), 0.25), 0, 1), 2)
    texts = [f"text {i}" for i in range(RANDOM_TEXTS)]
    for threshold, n in [(0.35, 40), (0.8, 25)]:
        table = most_confident_mistakes(labels, scores, texts, threshold=threshold, n=n)
        check_table(
            table,
            expected_mistakes(labels, scores, texts, threshold, n),
            f"{RANDOM_TEXTS} random scores rounded to two decimals, threshold {threshold}, n {n}",
        )


@pytest.mark.task(8)
def test_the_defaults():
    rng = np.random.default_rng(9)
    labels = (rng.random(RANDOM_TEXTS) < 0.5).astype(int)
    scores = rng.random(RANDOM_TEXTS)
    texts = [f"text {i}" for i in range(RANDOM_TEXTS)]
    expected = expected_mistakes(labels, scores, texts, PROBABILITY_THRESHOLD, MISTAKES_SHOWN)
    check_table(
        most_confident_mistakes(labels, scores, texts),
        expected,
        f"the defaults: threshold {PROBABILITY_THRESHOLD}, n {MISTAKES_SHOWN}",
    )


@pytest.mark.task(8)
def test_the_pipeline_s_mistakes_on_the_test_tweets(pipeline_scores, test_tweets):
    n = 2 * MISTAKES_SHOWN
    labels, texts = test_tweets.labels, test_tweets.texts
    check_table(
        most_confident_mistakes(labels, pipeline_scores, texts, n=n),
        expected_mistakes(labels, pipeline_scores, texts, PROBABILITY_THRESHOLD, n),
        f"the {n} worst mistakes of your Task 3 pipeline on the test tweets",
    )
