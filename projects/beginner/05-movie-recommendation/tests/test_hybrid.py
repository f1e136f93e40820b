"""Task 7: the hybrid's blend, its fallbacks for new users and new movies, and its NDCG."""

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from recommender.evaluation import plot_reports, recommend
from recommender.hybrid import Hybrid, scale_rows

TOLERANCE = 1e-12
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
N_USERS, N_ITEMS = 3, 6


@pytest.mark.task(7)
def test_scale_rows_by_hand():
    scores = np.array([[2.0, 4.0, 3.0], [-1.0, -1.0, -1.0], [0.0, 10.0, 5.0]])
    original = scores.copy()
    # Leave used memory of the result's size behind, so that a result whose constant row
    # is never written shows what that memory held rather than zeros by luck.
    for _ in range(8):
        np.full(scores.shape, 7.0)
    got = scale_rows(scores)
    expected = [[0.0, 1.0, 0.5], [0.0, 0.0, 0.0], [0.0, 1.0, 0.5]]
    assert np.allclose(got, expected, rtol=0, atol=TOLERANCE), (
        "Task 7: each row scaled to [0, 1] by its own minimum and maximum, a constant row to "
        f"zeros: expected {expected}, got {np.round(got, 4).tolist()}"
    )
    assert np.array_equal(scores, original), "Task 7: scale_rows must not change its input"


class FixedScores:
    """A stand-in component that gives fixed scores, whatever it is asked."""

    def __init__(self, table: np.ndarray) -> None:
        self.table = np.asarray(table, dtype=np.float64)

    def scores(self, users: np.ndarray) -> np.ndarray:
        return self.table[users]


# User 2 has no training rating; movie 5 has none either.
TRAIN = pd.DataFrame(
    {"user": [0, 0, 1, 1, 1], "item": [0, 1, 1, 2, 3], "rating": [4.0, 3, 5, 2, 4]}
)
RNG = np.random.default_rng(0)
COLLABORATIVE = RNG.random((N_USERS, N_ITEMS))
CONTENT = RNG.random((N_USERS, N_ITEMS))
POPULARITY = np.tile([1.0, 2.0, 1.0, 1.0, 0.0, 0.0], (N_USERS, 1))


def hybrid(content_weight: float = 0.5, popularity_weight: float = 0.3) -> Hybrid:
    components = (FixedScores(COLLABORATIVE), FixedScores(CONTENT), FixedScores(POPULARITY))
    model = Hybrid(*components, content_weight=content_weight, popularity_weight=popularity_weight)
    return model.fit(TRAIN, N_USERS, N_ITEMS)


@pytest.mark.task(7)
def test_blends_the_scaled_scores():
    got = hybrid().scores(np.array([0, 1]))
    blend = scale_rows(COLLABORATIVE) + 0.5 * scale_rows(CONTENT) + 0.3 * scale_rows(POPULARITY)
    known = [0, 1, 2, 3]
    assert got.shape == (2, N_ITEMS) and np.allclose(
        got[:, known], blend[:2, known], rtol=0, atol=TOLERANCE
    ), (
        "Task 7: for a known user and a movie with training ratings, the score is "
        "collaborative + content_weight * content + popularity_weight * popularity, each "
        f"scaled by scale_rows; expected {np.round(blend[:2, known], 4).tolist()}, got "
        f"{np.round(got[:, known], 4).tolist()}"
    )


@pytest.mark.task(7)
def test_a_new_movie_is_placed_by_content_alone():
    got = hybrid().scores(np.array([0, 1]))
    expected = 0.5 * scale_rows(CONTENT)[:2, [4, 5]]
    assert np.allclose(got[:, [4, 5]], expected, rtol=0, atol=TOLERANCE), (
        "Task 7: movies 4 and 5 have no training rating: whatever the collaborative component "
        "says about them is noise, so their score is content_weight * content alone; expected "
        f"{np.round(expected, 4).tolist()}, got {np.round(got[:, [4, 5]], 4).tolist()}"
    )


@pytest.mark.task(7)
def test_a_new_user_gets_the_popularity_ranking():
    got = hybrid().scores(np.array([2]))[0]
    expected = scale_rows(POPULARITY)[2]
    assert np.allclose(got, expected, rtol=0, atol=TOLERANCE), (
        "Task 7: user 2 has no training rating, so the other components know nothing of them: "
        f"their scores are the scaled popularity, {expected.tolist()}; got "
        f"{np.round(got, 4).tolist()}"
    )


@pytest.mark.task(7)
def test_a_new_movielens_user_is_shown_the_most_rated_movies(
    item_knn, content_based, popularity, split
):
    newcomer = int(split.train["user"].iloc[0])
    without = split.train[split.train["user"] != newcomer]
    model = Hybrid(item_knn, content_based, popularity).fit(without, split.n_users, split.n_items)
    nothing_seen = sparse.csr_array((1, split.n_items))
    shown = recommend(model.scores(np.array([newcomer])), nothing_seen)[0]
    counts = popularity.counts_
    most_rated = np.sort(counts)[::-1][: len(shown)]
    assert np.array_equal(np.sort(counts[shown])[::-1], most_rated), (
        "Task 7: a user with no training rating should be shown the most-rated movies, with "
        f"{most_rated.astype(int).tolist()} ratings; the hybrid showed movies with "
        f"{np.sort(counts[shown])[::-1].astype(int).tolist()}"
    )


@pytest.mark.task(7)
def test_hybrid_ndcg(metric, hybrid_report, popularity_report):
    assert hybrid_report["ndcg"] > popularity_report["ndcg"], (
        f"Task 7: the hybrid's NDCG@10 {hybrid_report['ndcg']:.4f} should beat popularity's "
        f"{popularity_report['ndcg']:.4f}"
    )
    metric("hybrid_ndcg", hybrid_report["ndcg"])


@pytest.mark.task(7)
def test_plots_accuracy_against_coverage(
    tmp_path, popularity_report, item_knn_report, als_report, content_report, hybrid_report
):
    reports = {
        "popularity": popularity_report,
        "item-kNN": item_knn_report,
        "ALS": als_report,
        "content": content_report,
        "hybrid": hybrid_report,
    }
    path = plot_reports(reports, tmp_path / "models.png")
    assert path.read_bytes()[:8] == PNG_SIGNATURE, (
        f"Task 7: {path} should be a PNG image of NDCG@10 against coverage"
    )


@pytest.mark.task(7)
def test_the_weights_are_the_models_own():
    got = hybrid(content_weight=0.2, popularity_weight=0.6).scores(np.array([0, 1]))
    blend = scale_rows(COLLABORATIVE) + 0.2 * scale_rows(CONTENT) + 0.6 * scale_rows(POPULARITY)
    known, new = [0, 1, 2, 3], [4, 5]
    assert np.allclose(got[:, known], blend[:2, known], rtol=0, atol=TOLERANCE), (
        "Task 7: with content_weight=0.2 and popularity_weight=0.6 the blend should use those "
        f"weights, not the defaults: expected {np.round(blend[:2, known], 4).tolist()}, got "
        f"{np.round(got[:, known], 4).tolist()}"
    )
    expected = 0.2 * scale_rows(CONTENT)[:2, new]
    assert np.allclose(got[:, new], expected, rtol=0, atol=TOLERANCE), (
        f"Task 7: a new movie scores content_weight * content, here 0.2 *; expected "
        f"{np.round(expected, 4).tolist()}, got {np.round(got[:, new], 4).tolist()}"
    )
