"""Task 7: the messages the filter gets most confidently wrong, worst first."""

import math

import numpy as np
import pytest

from spam_filter.data import HAM, SPAM
from spam_filter.evaluation import MISTAKES_SHOWN, most_confident_mistakes

RANDOM_MESSAGES = 300


def expected_mistakes(labels, scores, texts, threshold, n):
    """The protocol of the docstring, written out plainly: (text, label, score, margin) tuples."""
    wrong = [i for i in range(len(labels)) if (scores[i] >= threshold) != (labels[i] == SPAM)]
    margin = {i: abs(float(scores[i]) - threshold) for i in wrong}
    worst_first = sorted(wrong, key=lambda i: -margin[i])  # sorted() keeps ties in order
    return [(texts[i], int(labels[i]), float(scores[i]), margin[i]) for i in worst_first[:n]]


def as_tuples(mistakes) -> list[tuple]:
    return [(m.text, m.label, m.score, m.margin) for m in mistakes]


@pytest.mark.task(7)
def test_mistakes_on_both_sides_worst_first():
    labels = np.array([HAM, SPAM, HAM, SPAM, HAM, SPAM])
    scores = np.array([2.5, -1.0, 0.4, 1.2, -0.7, 0.9])
    texts = ["ham 2.5", "spam -1.0", "ham 0.4", "spam 1.2", "ham -0.7", "spam 0.9"]
    mistakes = as_tuples(most_confident_mistakes(labels, scores, texts, threshold=1.0, n=3))
    # at 1.0: ham 2.5 flagged (1.5), spam -1.0 missed (2.0), spam 0.9 missed (0.1)
    expected = [("spam -1.0", SPAM, -1.0, 2.0), ("ham 2.5", HAM, 2.5, 1.5)]
    assert mistakes[:2] == expected and len(mistakes) == 3, (
        "Task 7: labels [0, 1, 0, 1, 0, 1], scores [2.5, -1.0, 0.4, 1.2, -0.7, 0.9], "
        "threshold 1.0, n 3: the worst mistakes are the spam scored -1.0 (margin 2.0) and the "
        f"ham scored 2.5 (margin 1.5), then the spam scored 0.9; got {mistakes}"
    )
    assert mistakes[2][0] == "spam 0.9" and mistakes[2][3] == pytest.approx(0.1), (
        f"Task 7: the third mistake is the spam scored 0.9, margin 0.1; got {mistakes[2]}"
    )
    kinds = (str, int, float, float)
    assert all(isinstance(v, kind) for m in mistakes for v, kind in zip(m, kinds, strict=True)), (
        "Task 7: each Mistake holds a str, a Python int and two floats (int(...) of a numpy "
        f"integer), got types {[tuple(type(v).__name__ for v in m) for m in mistakes]}"
    )


@pytest.mark.task(7)
def test_a_score_on_the_threshold_is_flagged():
    labels = np.array([HAM, SPAM, SPAM])
    scores = np.array([0.5, 0.5, 0.2])
    texts = ["ham on the threshold", "spam on the threshold", "spam below"]
    mistakes = as_tuples(most_confident_mistakes(labels, scores, texts, threshold=0.5))
    expected = [("spam below", SPAM, 0.2, 0.3), ("ham on the threshold", HAM, 0.5, 0.0)]
    assert [m[:3] for m in mistakes] == [m[:3] for m in expected] and np.allclose(
        [m[3] for m in mistakes], [m[3] for m in expected]
    ), (
        "Task 7: a score equal to the threshold is flagged (score >= threshold): the ham on it "
        "is a mistake with margin 0, the spam on it is caught; with the spam scored 0.2 the "
        f"mistakes are {expected}; got {mistakes}"
    )


@pytest.mark.task(7)
def test_fewer_mistakes_than_asked_for_are_all_returned():
    labels = np.array([SPAM, HAM, SPAM])
    scores = np.array([3.0, -3.0, -0.5])
    texts = ["caught", "let through", "missed"]
    mistakes = as_tuples(most_confident_mistakes(labels, scores, texts, threshold=0.0, n=10))
    assert mistakes == [("missed", SPAM, -0.5, 0.5)], (
        "Task 7: only one message is wrong at threshold 0 (the spam scored -0.5), so n=10 "
        f"returns that one alone; got {mistakes}"
    )


@pytest.mark.task(7)
def test_nothing_flagged_lists_the_spam_in_order():
    labels = np.array([HAM, SPAM, HAM, SPAM])
    scores = np.array([0.1, 0.9, 0.8, 0.2])
    texts = ["a", "b", "c", "d"]
    mistakes = as_tuples(most_confident_mistakes(labels, scores, texts, threshold=math.inf))
    assert [m[0] for m in mistakes] == ["b", "d"], (
        "Task 7: at threshold math.inf nothing is flagged, so every spam is a mistake with an "
        f"infinite margin; equal margins keep the order of the messages: ['b', 'd']; got {mistakes}"
    )


@pytest.mark.task(7)
def test_ties_keep_the_order_of_the_messages():
    rng = np.random.default_rng(7)
    labels = (rng.random(RANDOM_MESSAGES) < 0.3).astype(int)
    scores = np.round(rng.normal(size=RANDOM_MESSAGES) + 1.5 * labels, 1)  # many ties
    texts = [f"message {i}" for i in range(RANDOM_MESSAGES)]
    for threshold, n in [(0.3, 40), (-0.2, MISTAKES_SHOWN)]:
        expected = expected_mistakes(labels, scores, texts, threshold, n)
        mistakes = as_tuples(most_confident_mistakes(labels, scores, texts, threshold, n=n))
        assert [m[:3] for m in mistakes] == [m[:3] for m in expected], (
            f"Task 7: {RANDOM_MESSAGES} random scores rounded to one decimal, threshold "
            f"{threshold}, n {n}: expected the mistakes {[m[0] for m in expected]} (largest "
            f"margin first, equal margins in the order of the messages), got "
            f"{[m[0] for m in mistakes]}"
        )
        assert np.allclose([m[3] for m in mistakes], [m[3] for m in expected]), (
            f"Task 7: each margin is |score - threshold|; expected {[m[3] for m in expected]}, "
            f"got {[m[3] for m in mistakes]}"
        )


@pytest.mark.task(7)
def test_the_default_is_a_handful():
    rng = np.random.default_rng(11)
    labels = (rng.random(RANDOM_MESSAGES) < 0.5).astype(int)
    scores = rng.normal(size=RANDOM_MESSAGES)
    texts = [f"message {i}" for i in range(RANDOM_MESSAGES)]
    mistakes = most_confident_mistakes(labels, scores, texts, threshold=0.0)
    expected = expected_mistakes(labels, scores, texts, 0.0, MISTAKES_SHOWN)
    assert as_tuples(mistakes) == expected, (
        f"Task 7: by default, n = MISTAKES_SHOWN = {MISTAKES_SHOWN} mistakes; expected "
        f"{[m[0] for m in expected]}, got {[m.text for m in mistakes]}"
    )


@pytest.mark.task(7)
def test_the_tuned_filter_s_mistakes_on_the_held_out_messages(
    tuned_search, spam_threshold, held_out
):
    scores = tuned_search.decision_function(held_out.texts)
    n = 2 * MISTAKES_SHOWN
    expected = expected_mistakes(held_out.labels, scores, held_out.texts, spam_threshold, n)
    mistakes = as_tuples(
        most_confident_mistakes(held_out.labels, scores, held_out.texts, spam_threshold, n=n)
    )
    assert mistakes == expected, (
        f"Task 7: the {n} most confident mistakes of the tuned filter on the held-out messages "
        f"at its threshold {spam_threshold:.3f} should be {[m[0] for m in expected]}, got "
        f"{[m[0] for m in mistakes]}"
    )
