"""Task 2: the metrics on cases small enough to check on paper, and the popularity baseline."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from recommender.evaluation import (
    catalogue_coverage,
    ndcg_at_k,
    precision_at_k,
    recall_at_k,
    recommend,
    rmse,
)
from recommender.popularity import Popularity

TOLERANCE = 1e-12
RECOMMEND_SEED = 3

# Four recommended movies, three relevant ones: hits at ranks 2 and 4.
RECOMMENDED = [5, 1, 7, 3]
RELEVANT = {1, 3, 9}


@pytest.mark.task(2)
def test_rmse_by_hand():
    value = rmse(np.array([3.0, 5.0, 3.0]), np.array([3.0, 4.0, 5.0]))
    expected = math.sqrt((0 + 1 + 4) / 3)
    assert math.isclose(value, expected, abs_tol=TOLERANCE), (
        f"Task 2: ratings [3, 5, 3] predicted as [3, 4, 5]: errors 0, -1 and 2 give RMSE "
        f"sqrt(5/3) = {expected:.6f}, got {value!r}"
    )


@pytest.mark.task(2)
@pytest.mark.parametrize(
    ("y_true", "y_pred"),
    [([3.0, 4.0, 5.0], [3.0, 4.0]), ([3.0, 4.0], [3.0, 4.0, 5.0]), ([], [])],
    ids=["fewer-predictions", "more-predictions", "empty"],
)
def test_rmse_refuses_mismatched_or_empty_input(y_true, y_pred):
    with pytest.raises(ValueError):
        rmse(np.array(y_true), np.array(y_pred))


@pytest.mark.task(2)
def test_precision_and_recall_by_hand():
    precision = precision_at_k(RELEVANT, RECOMMENDED, k=4)
    recall = recall_at_k(RELEVANT, RECOMMENDED, k=4)
    assert math.isclose(precision, 2 / 4, abs_tol=TOLERANCE), (
        f"Task 2: 2 of the 4 recommended are relevant: precision@4 = 0.5, got {precision!r}"
    )
    assert math.isclose(recall, 2 / 3, abs_tol=TOLERANCE), (
        f"Task 2: 2 of the 3 relevant were recommended: recall@4 = 2/3, got {recall!r}"
    )
    top_two = precision_at_k(RELEVANT, RECOMMENDED, k=2), recall_at_k(RELEVANT, RECOMMENDED, k=2)
    assert np.allclose(top_two, (1 / 2, 1 / 3), rtol=0, atol=TOLERANCE), (
        f"Task 2: with k=2 only [5, 1] count: precision@2 = 1/2 and recall@2 = 1/3, got {top_two}"
    )
    top_three = precision_at_k(RELEVANT, RECOMMENDED, k=3), recall_at_k(RELEVANT, RECOMMENDED, k=3)
    assert np.allclose(top_three, (1 / 3, 1 / 3), rtol=0, atol=TOLERANCE), (
        "Task 2: with k=3 only [5, 1, 7] count, not the hit at rank 4: precision@3 = 1/3 and "
        f"recall@3 = 1/3, got {top_three}"
    )
    short = precision_at_k(RELEVANT, [1], k=4)
    assert math.isclose(short, 1 / 4, abs_tol=TOLERANCE), (
        f"Task 2: one hit in a list of one, at k=4, is precision 1/4 (k is the denominator), "
        f"got {short!r}"
    )


@pytest.mark.task(2)
def test_ndcg_by_hand():
    value = ndcg_at_k(RELEVANT, RECOMMENDED, k=4)
    dcg = 1 / math.log2(3) + 1 / math.log2(5)
    ideal = 1 / math.log2(2) + 1 / math.log2(3) + 1 / math.log2(4)
    assert math.isclose(value, dcg / ideal, abs_tol=TOLERANCE), (
        f"Task 2: hits at ranks 2 and 4 give DCG 1/log2(3) + 1/log2(5) = {dcg:.4f}; the ideal "
        f"list puts the 3 relevant first, {ideal:.4f}; NDCG@4 = {dcg / ideal:.6f}, got {value!r}"
    )
    perfect = ndcg_at_k(RELEVANT, [1, 3, 9, 5], k=4)
    nothing = ndcg_at_k(RELEVANT, [5, 7, 8], k=4)
    assert math.isclose(perfect, 1.0, abs_tol=TOLERANCE) and nothing == 0.0, (
        f"Task 2: all relevant first gives NDCG 1, no hit gives 0; got {perfect!r} and {nothing!r}"
    )
    capped = ndcg_at_k({1, 3, 9, 11, 12}, [1, 3], k=2)
    assert math.isclose(capped, 1.0, abs_tol=TOLERANCE), (
        "Task 2: with k=2 and five relevant items, two hits are a perfect list: the ideal DCG "
        f"has min(5, k) = 2 gains; got {capped!r}"
    )


@pytest.mark.task(2)
@pytest.mark.parametrize("metric_function", [recall_at_k, ndcg_at_k], ids=["recall", "ndcg"])
def test_recall_and_ndcg_need_a_relevant_item(metric_function):
    with pytest.raises(ValueError):
        metric_function(set(), [1, 2, 3], k=3)


@pytest.mark.task(2)
def test_catalogue_coverage_by_hand():
    value = catalogue_coverage([[0, 1, 2], [2, 1, 5]], n_items=10)
    assert math.isclose(value, 4 / 10, abs_tol=TOLERANCE), (
        f"Task 2: the lists show movies 0, 1, 2 and 5 of 10: coverage 0.4, got {value!r}"
    )


@pytest.mark.task(2)
def test_recommend_skips_seen_movies_and_sorts_best_first():
    scores = np.array([[0.1, 0.9, 0.5, 0.7, 0.3], [5.0, 4.0, 3.0, 2.0, 1.0]])
    original = scores.copy()
    seen = sparse.csr_array(np.array([[0, 1, 0, 0, 0], [1, 0, 0, 0, 1]]))
    lists = recommend(scores, seen, k=3)
    expected = [[3, 2, 4], [1, 2, 3]]
    assert np.asarray(lists).tolist() == expected, (
        "Task 2: the best unseen movies first: user 0 has seen movie 1 (score 0.9), user 1 "
        f"movies 0 and 4; expected {expected}, got {np.asarray(lists).tolist()}"
    )
    assert np.array_equal(scores, original), "Task 2: recommend must not change the scores"


@pytest.mark.task(2)
def test_recommend_breaks_ties_by_the_lower_item_code():
    scores = np.array([[1.0, 3.0, 2.0, 3.0, 3.0, 0.0], [2.0, 2.0, 2.0, 2.0, 2.0, 2.0]])
    seen = sparse.csr_array(np.array([[0, 1, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0]]))
    lists = np.asarray(recommend(scores, seen, k=3)).tolist()
    expected = [[3, 4, 2], [0, 1, 3]]
    assert lists == expected, (
        "Task 2: among equal scores the lower item code comes first, also for the last places "
        "of the list: user 0 has seen movie 1, so movies 3 and 4 (score 3) come before movie 2 "
        "(score 2); user 1 scores every movie 2 and has seen movie 2, so movies 0, 1 and 3 "
        f"make the list; expected {expected}, got {lists}"
    )


@pytest.mark.task(2)
@pytest.mark.parametrize("k", [1, 10])
def test_recommend_agrees_with_a_stable_full_sort(k):
    rng = np.random.default_rng(RECOMMEND_SEED)
    scores = rng.integers(0, 5, size=(30, 200)).astype(float)  # many ties
    scores[3] = 1.0  # a row of nothing but ties
    seen = sparse.random_array((30, 200), density=0.3, rng=rng, format="csr")
    lists = np.asarray(recommend(scores, seen, k=k))
    masked = np.where(seen.toarray() != 0, -np.inf, scores)
    expected = np.argsort(-masked, axis=1, kind="stable")[:, :k]
    wrong = np.flatnonzero((lists != expected).any(axis=1)) if lists.shape == expected.shape else []
    assert lists.shape == (30, k) and not len(wrong), (
        f"Task 2: on 30 users and 200 scores with many ties, the top {k} should be the first {k} "
        "of a stable sort of the unseen movies by decreasing score (ties: lower code first); "
        f"shape {lists.shape}, users {list(wrong)[:5]} differ"
    )


@pytest.mark.task(2)
def test_popularity_counts_ratings():
    ratings = pd.DataFrame({"user": [0, 1, 2, 1], "item": [3, 3, 0, 1], "rating": [1.0, 5, 4, 2]})
    model = Popularity().fit(ratings, n_users=3, n_items=5)
    assert np.array_equal(model.counts_, [1, 1, 0, 2, 0]), (
        "Task 2: counts_ holds how many training ratings each of the 5 movies has (however "
        f"good), 0 for the unrated: expected [1, 1, 0, 2, 0], got {model.counts_}"
    )
    scores = model.scores(np.array([0, 2]))
    assert scores.shape == (2, 5) and np.array_equal(scores[0], scores[1]), (
        f"Task 2: popularity scores every user the same, got {scores}"
    )


@pytest.mark.task(2)
def test_popularity_ndcg(metric, popularity_report):
    metric("popularity_ndcg", popularity_report["ndcg"])
