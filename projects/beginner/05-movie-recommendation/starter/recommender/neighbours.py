"""Item-item collaborative filtering: people who rated this movie rated those alike.

Two movies are similar when the same users rate them the same way relative to
what the bias baseline expects. The similarity is the cosine between the two
movies' columns of residuals (rating minus baseline), shrunk towards 0 when few
users rated both: a cosine of 1 from two shared users is mostly luck. Each movie
keeps only its `n_neighbours` most similar movies, which keeps the model small
and the sums fast. Then:

    predicted rating of (u, i) = baseline(u, i)
        + sum over i's neighbours j rated by u of s_ij * residual(u, j)
          / (sum of |s_ij| over the same j + neighbourhood_shrinkage)

Everything is a scipy sparse matrix: 9,066 movies make 82 million pairs, and
most of them were never rated by anyone in common.
"""

from typing import Self

import numpy as np
import pandas as pd
from scipy import sparse

N_NEIGHBOURS = 50
SHRINKAGE = 100.0
MIN_SUPPORT = 10
NEIGHBOURHOOD_SHRINKAGE = 1.0


def shrunk_cosine(vectors: sparse.sparray, shrinkage: float = SHRINKAGE) -> sparse.csr_array:
    """Return the shrunk cosine similarity between the rows of a sparse matrix.

    `vectors` is (n_items, n_users): row i holds item i's residuals, with an
    explicit entry for every user who rated it. For items i != j:

        s_ij = cosine(row i, row j) * n_ij / (n_ij + shrinkage)

    where n_ij is the number of users who rated both (both rows have an entry
    there). Return a sparse (n_items, n_items) array with a zero diagonal (an
    item is not its own neighbour). A row of zeros has cosine 0 with everything.
    """
    raise NotImplementedError(
        "Task 3: dot products and co-rating counts by sparse products, then scale"
    )


def keep_top_k(similarity: sparse.sparray, k: int = N_NEIGHBOURS) -> sparse.csr_array:
    """Keep, in each row, the k entries of largest absolute value; drop the others.

    Rows with k entries or fewer are kept whole. The result has the shape of
    `similarity`, at most k stored entries a row, and the kept values unchanged.
    """
    raise NotImplementedError(
        "Task 4: sort each row's entries by |value| (np.lexsort), keep ranks < k"
    )


class ItemKNN:
    """Item-item collaborative filtering on the residuals of a bias baseline.

    After `fit`: `baseline_` (a fitted `BiasBaseline`), `similarity_` (n_items,
    n_items; at most `n_neighbours` entries per row, row i holding item i's
    neighbours), `residuals_` and `rated_` (n_users, n_items sparse: each
    training rating's residual, and 1 for each training rating).
    """

    def __init__(
        self,
        n_neighbours: int = N_NEIGHBOURS,
        shrinkage: float = SHRINKAGE,
        min_support: int = MIN_SUPPORT,
        neighbourhood_shrinkage: float = NEIGHBOURHOOD_SHRINKAGE,
    ) -> None:
        self.n_neighbours = n_neighbours
        self.shrinkage = shrinkage
        self.min_support = min_support
        self.neighbourhood_shrinkage = neighbourhood_shrinkage

    def fit(self, ratings: pd.DataFrame, n_users: int, n_items: int) -> Self:
        """Fit the baseline, then the similarities between movies with enough ratings.

        Fit a `recommender.baseline.BiasBaseline()` on `ratings`; build
        `residuals_` and `rated_` with `recommender.data.rating_matrix`. A
        movie with fewer than `min_support` training ratings gets no neighbours
        and is no one's neighbour: its similarities would be noise. Compute
        `shrunk_cosine` on the residuals of the others (items as rows), then
        `keep_top_k`.
        """
        raise NotImplementedError(
            "Task 4: residuals of the baseline, similarities of supported items, top k"
        )

    def predict(self, users: np.ndarray, items: np.ndarray) -> np.ndarray:
        """Return the baseline plus the shrunk weighted mean residual of each pair's neighbours.

        Only the neighbours of item i that user u rated in training count. With
        none, the prediction is the baseline's.
        """
        raise NotImplementedError(
            "Task 4: multiply the user's residual rows by the item's neighbour rows"
        )

    def scores(self, users: np.ndarray) -> np.ndarray:
        """Return, for each user and movie, the sum of its similarities to the user's movies.

        For ranking, what a user watched says more about what they will watch
        next than how they rated it: score(u, i) = sum over the movies j that u
        rated of s_ij. Shape (len(users), n_items).
        """
        raise NotImplementedError(
            "Task 4: the user's rated-movie indicators times the similarities"
        )
