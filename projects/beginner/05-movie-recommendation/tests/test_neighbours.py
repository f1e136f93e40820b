"""Task 3: the bias baseline, and item-item collaborative filtering on sparse matrices."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from recommender.baseline import BiasBaseline
from recommender.neighbours import MIN_SUPPORT, N_NEIGHBOURS, SHRINKAGE, keep_top_k, shrunk_cosine

TOLERANCE = 1e-9
SAMPLE_SEED = 0


@pytest.mark.task(3)
def test_bias_baseline_by_hand():
    # user 0 rates movies 0 and 1 (5 and 3 stars), user 1 movie 0 (4), user 2 movie 1 (1 star);
    # user 3 and movie 2 have no rating.
    ratings = pd.DataFrame({"user": [0, 0, 1, 2], "item": [0, 1, 0, 1], "rating": [5, 3, 4, 1.0]})
    model = BiasBaseline(item_regularisation=1.0, user_regularisation=1.0, n_sweeps=1)
    model.fit(ratings, n_users=4, n_items=3)
    assert math.isclose(model.mean_, 3.25, abs_tol=TOLERANCE), (
        f"Task 3: mean_ is the mean training rating, 13 / 4 = 3.25; got {model.mean_!r}"
    )
    # movie 0: (1.75 + 0.75) / (1 + 2); movie 1: (-0.25 - 2.25) / (1 + 2)
    item_bias = [2.5 / 3, -2.5 / 3, 0.0]
    assert np.allclose(model.item_bias_, item_bias, rtol=0, atol=TOLERANCE), (
        "Task 3: b_item = sum of (r - mean_ - b_user) / (item_regularisation + n_item), with "
        f"user biases still 0 in the first sweep: expected {np.round(item_bias, 6).tolist()}, "
        f"got {np.round(model.item_bias_, 6).tolist()}"
    )
    # user 0: ((5 - 3.25 - 5/6) + (3 - 3.25 + 5/6)) / (1 + 2); users 1 and 2 over (1 + 1)
    user_bias = [0.5, (4 - 3.25 - 2.5 / 3) / 2, (1 - 3.25 + 2.5 / 3) / 2, 0.0]
    assert np.allclose(model.user_bias_, user_bias, rtol=0, atol=TOLERANCE), (
        "Task 3: b_user = sum of (r - mean_ - b_item) / (user_regularisation + n_user), with the "
        f"new item biases: expected {np.round(user_bias, 6).tolist()}, got "
        f"{np.round(model.user_bias_, 6).tolist()}"
    )


@pytest.mark.task(3)
def test_bias_baseline_rmse(metric, bias_rmse):
    metric("bias_rmse", bias_rmse)


@pytest.mark.task(3)
def test_shrunk_cosine_by_hand():
    # Items as rows, users as columns; items 0 and 1 share users 0 and 1, item 2 shares no one.
    vectors = sparse.csr_array(np.array([[1.0, 2, 0, 0], [2, 4, 0, 1], [0, 0, 3, 0]]))
    similarity = shrunk_cosine(vectors, shrinkage=2.0)
    cosine = (1 * 2 + 2 * 4) / (math.sqrt(5) * math.sqrt(21))
    shrunk = cosine * 2 / (2 + 2)
    expected = np.array([[0, shrunk, 0], [shrunk, 0, 0], [0, 0, 0]])
    assert sparse.issparse(similarity), (
        f"Task 3: return a scipy sparse array, not {type(similarity).__name__}"
    )
    got = similarity.toarray()
    assert np.allclose(got, expected, rtol=0, atol=TOLERANCE), (
        f"Task 3: items 0 and 1 have cosine {cosine:.4f} over 2 shared users, shrunk by "
        f"2 / (2 + 2) to {shrunk:.4f}; the diagonal is 0. Expected {np.round(expected, 4)}, "
        f"got {np.round(got, 4)}"
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
        f"{difference:.3g}"
    )


@pytest.mark.task(3)
def test_keep_top_k_by_hand():
    similarity = sparse.csr_array(
        np.array([[0.0, 0.5, -0.9, 0.1, 0.7], [0.2, 0.0, 0, 0, 0], [0, 0, 0, 0, 0]])
    )
    got = keep_top_k(similarity, k=2).toarray()
    expected = np.array([[0.0, 0, -0.9, 0, 0.7], [0.2, 0, 0, 0, 0], [0, 0, 0, 0, 0]])
    assert np.array_equal(got, expected), (
        "Task 3: keep the k=2 entries of largest absolute value in each row (-0.9 counts as "
        f"0.9), and rows with fewer whole: expected {expected.tolist()}, got {got.tolist()}"
    )


@pytest.mark.task(3)
def test_keep_top_k_agrees_with_a_full_sort():
    rng = np.random.default_rng(SAMPLE_SEED)
    dense = rng.normal(size=(40, 60)) * (rng.random((40, 60)) < 0.5)
    got = keep_top_k(sparse.csr_array(dense), k=5)
    expected = np.zeros_like(dense)
    for row, values in enumerate(dense):
        keep = np.argsort(-np.abs(values))[: min(5, np.count_nonzero(values))]
        expected[row, keep] = values[keep]
    assert sparse.issparse(got) and np.array_equal(got.toarray(), expected), (
        "Task 3: on 40 random rows, the kept entries differ from the 5 largest |values| of each row"
    )


@pytest.mark.task(3)
def test_item_knn_keeps_supported_neighbours_only(item_knn, split):
    similarity = sparse.csr_array(item_knn.similarity_)
    per_row = np.diff(similarity.indptr)
    assert similarity.shape == (split.n_items, split.n_items) and per_row.max() <= N_NEIGHBOURS, (
        f"Task 3: similarity_ should be ({split.n_items}, {split.n_items}) with at most "
        f"{N_NEIGHBOURS} neighbours a row; got {similarity.shape}, up to {per_row.max()} a row"
    )
    counts = np.bincount(split.train["item"], minlength=split.n_items)
    rare = counts < MIN_SUPPORT
    in_rows = int(per_row[rare].sum())
    in_columns = int(np.isin(similarity.indices, np.flatnonzero(rare)).sum())
    assert in_rows == 0 and in_columns == 0, (
        f"Task 3: movies with fewer than {MIN_SUPPORT} training ratings have no neighbours and "
        f"are no one's neighbour; found {in_rows} entries in their rows, {in_columns} in their "
        "columns"
    )
    assert per_row[~rare].mean() > N_NEIGHBOURS / 2, (
        "Task 3: movies with enough ratings should mostly have their full set of neighbours"
    )


@pytest.mark.task(3)
def test_item_knn_similarities_are_the_top_shrunk_cosines(item_knn, split):
    """Recompute a few rows of the similarity from the residuals, by the definition."""
    residuals = sparse.csc_array(item_knn.residuals_)
    rated = sparse.csc_array(item_knn.rated_)
    users, items = split.train["user"].to_numpy(), split.train["item"].to_numpy()
    expected_residuals = split.train["rating"].to_numpy() - item_knn.baseline_.predict(users, items)
    assert np.allclose(residuals[users, items], expected_residuals, rtol=0, atol=TOLERANCE), (
        "Task 3: residuals_ should hold each training rating minus the bias baseline's prediction"
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
            f"Task 3: row {item} of similarity_ differs by up to {difference:.3g} from the "
            f"{N_NEIGHBOURS} largest shrunk cosines of movie {item}'s residual column with the "
            f"other movies that have at least {MIN_SUPPORT} ratings"
        )


@pytest.mark.task(3)
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
            f"Task 3: user {user}, movie {item}: expected baseline + sum(s * residual) / "
            f"(sum |s| + neighbourhood_shrinkage) = {expected:.6f} over the movie's neighbours "
            f"that the user rated; got {got[position]!r}"
        )


@pytest.mark.task(3)
def test_item_knn_scores_sum_similarities_to_the_users_movies(item_knn, split):
    users = np.array([0, 10, 200])
    got = item_knn.scores(users)
    expected = (
        sparse.csr_array(item_knn.rated_)[users] @ sparse.csr_array(item_knn.similarity_).T
    ).toarray()
    assert got.shape == (3, split.n_items) and np.allclose(got, expected, rtol=0, atol=1e-9), (
        "Task 3: scores(u, i) should be the sum of s_ij over the movies j that u rated, an "
        f"array ({len(users)}, {split.n_items})"
    )


@pytest.mark.task(3)
def test_item_knn_rmse(metric, item_knn_rmse, bias_rmse):
    assert item_knn_rmse < bias_rmse, (
        f"Task 3: item-kNN's RMSE {item_knn_rmse:.4f} should be below the bias baseline's "
        f"{bias_rmse:.4f}, whose predictions it corrects"
    )
    metric("item_knn_rmse", item_knn_rmse)


@pytest.mark.task(3)
def test_item_knn_ndcg(metric, item_knn_report, popularity_report):
    assert item_knn_report["ndcg"] > popularity_report["ndcg"], (
        f"Task 3: item-kNN's NDCG@10 {item_knn_report['ndcg']:.4f} should beat popularity's "
        f"{popularity_report['ndcg']:.4f}"
    )
    metric("item_knn_ndcg", item_knn_report["ndcg"])
