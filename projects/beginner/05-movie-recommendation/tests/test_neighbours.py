"""Tasks 3 and 4: shrunk cosine similarities, then item-item collaborative filtering."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from recommender.baseline import BiasBaseline
from recommender.neighbours import (
    MIN_SUPPORT,
    N_NEIGHBOURS,
    SHRINKAGE,
    ItemKNN,
    keep_top_k,
    shrunk_cosine,
)

TOLERANCE = 1e-9
SAMPLE_SEED = 0


@pytest.mark.task(3)
def test_shrunk_cosine_by_hand():
    # Items as rows, users as columns; items 0 and 1 share users 0 and 1, item 2 shares no one;
    # item 3 shares user 3 with item 1, and its residual is small (its norm is below 1).
    vectors = sparse.csr_array(
        np.array([[1.0, 2, 0, 0], [2, 4, 0, 1], [0, 0, 3, 0], [0, 0, 0, 0.5]])
    )
    similarity = shrunk_cosine(vectors, shrinkage=2.0)
    cosine = (1 * 2 + 2 * 4) / (math.sqrt(5) * math.sqrt(21))
    shrunk = cosine * 2 / (2 + 2)
    small = (1 * 0.5) / (math.sqrt(21) * 0.5) * 1 / (1 + 2)
    expected = np.array([[0, shrunk, 0, 0], [shrunk, 0, 0, small], [0, 0, 0, 0], [0, small, 0, 0]])
    assert sparse.issparse(similarity), (
        f"Task 3: return a scipy sparse array, not {type(similarity).__name__}"
    )
    got = similarity.toarray()
    assert np.allclose(got, expected, rtol=0, atol=TOLERANCE), (
        f"Task 3: items 0 and 1 have cosine {cosine:.4f} over 2 shared users, shrunk by "
        f"2 / (2 + 2) to {shrunk:.4f}; items 1 and 3 share one user, {small:.4f}; the diagonal "
        f"is 0. Expected {np.round(expected, 4)}, got {np.round(got, 4)}"
    )


def dense_shrunk_cosine(vectors: np.ndarray, shrinkage: float) -> np.ndarray:
    """The definition, pair by pair, for a dense matrix whose zeros mean 'not rated'."""
    n_items = len(vectors)
    rated = vectors != 0
    norms = np.linalg.norm(vectors, axis=1)
    similarity = np.zeros((n_items, n_items))
    for i in range(n_items):
        for j in range(n_items):
            both = int(np.sum(rated[i] & rated[j]))
            if i != j and both and norms[i] and norms[j]:
                cosine = vectors[i] @ vectors[j] / (norms[i] * norms[j])
                similarity[i, j] = cosine * both / (both + shrinkage)
    return similarity


@pytest.mark.task(3)
def test_shrunk_cosine_agrees_with_the_definition():
    rng = np.random.default_rng(SAMPLE_SEED)
    vectors = rng.normal(size=(25, 40)) * (rng.random((25, 40)) < 0.3)
    vectors[7] = 0.0  # an item nobody rated
    got = shrunk_cosine(sparse.csr_array(vectors), shrinkage=5.0).toarray()
    expected = dense_shrunk_cosine(vectors, shrinkage=5.0)
    difference = float(np.max(np.abs(got - expected)))
    assert difference <= TOLERANCE, (
        f"Task 3: on 25 random items, your similarities differ from the definition by up to "
        f"{difference:.3g} (item 7 has a norm of 0: its similarities are 0)"
    )


@pytest.mark.task(3)
@pytest.mark.filterwarnings("error::RuntimeWarning")  # a division by a norm of 0 is a mistake
def test_an_item_whose_residuals_are_all_zero_has_no_similarity():
    # Item 1 was rated by users 0 and 1, each rating exactly its baseline: stored zeros, norm 0.
    data, indices, indptr = [1.0, 2.0, 0.0, 0.0, 3.0, 1.0], [0, 1, 0, 1, 0, 1], [0, 2, 4, 6]
    vectors = sparse.csr_array((data, indices, indptr), shape=(3, 2))
    got = shrunk_cosine(vectors, shrinkage=1.0).toarray()
    assert np.all(np.isfinite(got)) and not got[1].any() and not got[:, 1].any(), (
        "Task 3: item 1's residuals are stored but all 0, so its norm is 0: its similarity "
        f"with every item is 0 (divide by the norm only where it is above 0). Got {got.tolist()}"
    )


@pytest.mark.task(4)
def test_keep_top_k_by_hand():
    similarity = sparse.csr_array(
        np.array([[0.0, 0.5, -0.9, 0.1, 0.7], [0.2, 0.0, 0, 0, 0], [0, 0, 0, 0, 0]])
    )
    got = keep_top_k(similarity, k=2).toarray()
    expected = np.array([[0.0, 0, -0.9, 0, 0.7], [0.2, 0, 0, 0, 0], [0, 0, 0, 0, 0]])
    assert np.array_equal(got, expected), (
        "Task 4: keep the k=2 entries of largest absolute value in each row (-0.9 counts as "
        f"0.9), and rows with fewer whole: expected {expected.tolist()}, got {got.tolist()}"
    )


@pytest.mark.task(4)
def test_keep_top_k_agrees_with_a_full_sort():
    rng = np.random.default_rng(SAMPLE_SEED)
    dense = rng.normal(size=(40, 60)) * (rng.random((40, 60)) < 0.5)
    got = keep_top_k(sparse.csr_array(dense), k=5)
    expected = np.zeros_like(dense)
    for row, values in enumerate(dense):
        keep = np.argsort(-np.abs(values))[: min(5, np.count_nonzero(values))]
        expected[row, keep] = values[keep]
    assert sparse.issparse(got) and np.array_equal(got.toarray(), expected), (
        "Task 4: on 40 random rows, the kept entries differ from the 5 largest |values| of each row"
    )


@pytest.mark.task(4)
def test_item_knn_keeps_supported_neighbours_only(item_knn, split):
    similarity = sparse.csr_array(item_knn.similarity_)
    per_row = np.diff(similarity.indptr)
    assert similarity.shape == (split.n_items, split.n_items) and per_row.max() <= N_NEIGHBOURS, (
        f"Task 4: similarity_ should be ({split.n_items}, {split.n_items}) with at most "
        f"{N_NEIGHBOURS} neighbours a row; got {similarity.shape}, up to {per_row.max()} a row"
    )
    counts = np.bincount(split.train["item"], minlength=split.n_items)
    rare = counts < MIN_SUPPORT
    in_rows = int(per_row[rare].sum())
    in_columns = int(np.isin(similarity.indices, np.flatnonzero(rare)).sum())
    assert in_rows == 0 and in_columns == 0, (
        f"Task 4: movies with fewer than {MIN_SUPPORT} training ratings have no neighbours and "
        f"are no one's neighbour; found {in_rows} entries in their rows, {in_columns} in their "
        "columns"
    )
    assert per_row[~rare].mean() > N_NEIGHBOURS / 2, (
        "Task 4: movies with enough ratings should mostly have their full set of neighbours"
    )


@pytest.mark.task(4)
def test_item_knn_similarities_are_the_top_shrunk_cosines(item_knn, split):
    """Recompute a few rows of the similarity from the residuals, by the definition."""
    residuals = sparse.csc_array(item_knn.residuals_)
    rated = sparse.csc_array(item_knn.rated_)
    users, items = split.train["user"].to_numpy(), split.train["item"].to_numpy()
    expected_residuals = split.train["rating"].to_numpy() - item_knn.baseline_.predict(users, items)
    assert np.allclose(residuals[users, items], expected_residuals, rtol=0, atol=TOLERANCE), (
        "Task 4: residuals_ should hold each training rating minus the bias baseline's prediction"
    )
    supported = np.bincount(items, minlength=split.n_items) >= MIN_SUPPORT
    norms = np.sqrt(np.asarray(residuals.multiply(residuals).sum(axis=0)).ravel())
    similarity = sparse.csr_array(item_knn.similarity_)
    for item in np.random.default_rng(SAMPLE_SEED).choice(np.flatnonzero(supported), 5):
        dots = residuals.T @ residuals[:, [item]].toarray().ravel()
        shared = rated.T @ rated[:, [item]].toarray().ravel()
        with np.errstate(divide="ignore", invalid="ignore"):
            row = dots / (norms * norms[item]) * shared / (shared + SHRINKAGE)
        row[~supported | ~np.isfinite(row)] = 0.0
        row[item] = 0.0
        kept = np.argsort(-np.abs(row))[:N_NEIGHBOURS]
        expected = np.zeros_like(row)
        expected[kept] = row[kept]
        got = similarity[[item], :].toarray().ravel()
        difference = float(np.max(np.abs(got - expected)))
        assert difference <= TOLERANCE, (
            f"Task 4: row {item} of similarity_ differs by up to {difference:.3g} from the "
            f"{N_NEIGHBOURS} largest shrunk cosines of movie {item}'s residual column with the "
            f"other movies that have at least {MIN_SUPPORT} ratings"
        )


@pytest.mark.task(4)
def test_item_knn_predicts_by_the_neighbourhood_formula(item_knn, split):
    sample = split.test.sample(40, random_state=SAMPLE_SEED)
    users, items = sample["user"].to_numpy(), sample["item"].to_numpy()
    got = item_knn.predict(users, items)
    similarity = sparse.csr_array(item_knn.similarity_)
    residuals = sparse.csr_array(item_knn.residuals_)
    rated = sparse.csr_array(item_knn.rated_)
    for position, (user, item) in enumerate(zip(users, items, strict=True)):
        neighbours = similarity[[item], :].toarray().ravel()
        weighted = residuals[[user], :].toarray().ravel() @ neighbours
        weights = rated[[user], :].toarray().ravel() @ np.abs(neighbours)
        expected = item_knn.baseline_.predict(np.array([user]), np.array([item]))[0] + weighted / (
            weights + item_knn.neighbourhood_shrinkage
        )
        assert math.isclose(got[position], expected, abs_tol=TOLERANCE), (
            f"Task 4: user {user}, movie {item}: expected baseline + sum(s * residual) / "
            f"(sum |s| + neighbourhood_shrinkage) = {expected:.6f} over the movie's neighbours "
            f"that the user rated; got {got[position]!r}"
        )


@pytest.mark.task(4)
def test_item_knn_scores_sum_similarities_to_the_users_movies(item_knn, split):
    users = np.array([0, 10, 200])
    got = item_knn.scores(users)
    expected = (
        sparse.csr_array(item_knn.rated_)[users] @ sparse.csr_array(item_knn.similarity_).T
    ).toarray()
    assert got.shape == (3, split.n_items) and np.allclose(got, expected, rtol=0, atol=1e-9), (
        "Task 4: scores(u, i) should be the sum of s_ij over the movies j that u rated, an "
        f"array ({len(users)}, {split.n_items})"
    )


@pytest.mark.task(4)
def test_item_knn_rmse(metric, item_knn_rmse, bias_rmse):
    assert item_knn_rmse < bias_rmse, (
        f"Task 4: item-kNN's RMSE {item_knn_rmse:.4f} should be below the bias baseline's "
        f"{bias_rmse:.4f}, whose predictions it corrects"
    )
    metric("item_knn_rmse", item_knn_rmse)


@pytest.mark.task(4)
def test_item_knn_ndcg(metric, item_knn_report, popularity_report):
    assert item_knn_report["ndcg"] > popularity_report["ndcg"], (
        f"Task 4: item-kNN's NDCG@10 {item_knn_report['ndcg']:.4f} should beat popularity's "
        f"{popularity_report['ndcg']:.4f}"
    )
    metric("item_knn_ndcg", item_knn_report["ndcg"])


SMALL_SETTINGS = {
    "n_neighbours": 2,
    "shrinkage": 1.5,
    "min_support": 3,
    "neighbourhood_shrinkage": 0.5,
}


def small_ratings() -> pd.DataFrame:
    """Twelve users rate some of eight movies; movies 6 and 7 have fewer than 3 ratings."""
    rng = np.random.default_rng(SAMPLE_SEED)
    rated = rng.random((12, 8)) < 0.6
    rated[:, 6] = np.arange(12) < 2
    rated[:, 7] = np.arange(12) == 5
    users, items = np.nonzero(rated)
    stars = rng.integers(1, 11, size=len(users)) / 2
    return pd.DataFrame({"user": users, "item": items, "rating": stars})


@pytest.mark.task(4)
def test_item_knn_uses_its_own_settings():
    """Every setting of ItemKNN at a value other than its default, on a small example."""
    ratings = small_ratings()
    model = ItemKNN(**SMALL_SETTINGS).fit(ratings, 12, 8)
    users, items = ratings["user"].to_numpy(), ratings["item"].to_numpy()
    residuals = ratings["rating"].to_numpy() - BiasBaseline().fit(ratings, 12, 8).predict(
        users, items
    )
    vectors = np.zeros((8, 12))
    supported = np.bincount(items, minlength=8)[items] >= SMALL_SETTINGS["min_support"]
    vectors[items[supported], users[supported]] = residuals[supported]
    similarity = dense_shrunk_cosine(vectors, SMALL_SETTINGS["shrinkage"])
    expected = np.zeros_like(similarity)
    for row, values in enumerate(similarity):
        keep = np.argsort(-np.abs(values))[: SMALL_SETTINGS["n_neighbours"]]
        expected[row, keep] = values[keep]
    got = sparse.csr_array(model.similarity_).toarray()
    assert np.allclose(got, expected, rtol=0, atol=TOLERANCE), (
        f"Task 4: with {SMALL_SETTINGS}, similarity_ should be the {SMALL_SETTINGS['n_neighbours']}"
        " largest shrunk cosines (shrinkage 1.5) of each movie with at least 3 ratings; it "
        f"differs by up to {float(np.max(np.abs(got - expected))):.3g}"
    )
    weighted = sparse.csr_array(model.residuals_).toarray() @ expected.T
    weights = sparse.csr_array(model.rated_).toarray() @ np.abs(expected).T
    pairs_users, pairs_items = np.array([0, 3, 7, 11]), np.array([1, 2, 6, 4])
    baseline = model.baseline_.predict(pairs_users, pairs_items)
    corrections = weighted[pairs_users, pairs_items] / (
        weights[pairs_users, pairs_items] + SMALL_SETTINGS["neighbourhood_shrinkage"]
    )
    got_predictions = model.predict(pairs_users, pairs_items)
    assert np.allclose(got_predictions, baseline + corrections, rtol=0, atol=TOLERANCE), (
        "Task 4: predict should divide by (sum |s| + neighbourhood_shrinkage) with the model's "
        f"own neighbourhood_shrinkage (0.5 here): expected {np.round(baseline + corrections, 4)}"
        f", got {np.round(got_predictions, 4)}"
    )
