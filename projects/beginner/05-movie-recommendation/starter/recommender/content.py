"""Content-based recommendation: describe each movie by its genres and its decade.

A user's profile is the sum of the descriptions of the movies they liked more
than they usually do; a movie's score is the cosine between that profile and
its description. It needs no other user, so it can recommend a movie nobody has
rated yet, and it reaches deep into the catalogue; but two movies with the same
genres look the same to it, however good one of them is.
"""

from typing import Self

import numpy as np
import pandas as pd

DECADE_START, DECADE_END = 1900, 2020


def decade_names() -> list[str]:
    """The decade columns of `item_features`: '1900s', '1910s', ..., '2010s'."""
    return [f"{start}s" for start in range(DECADE_START, DECADE_END, 10)]


def item_features(movies: pd.DataFrame) -> pd.DataFrame:
    """Return one row per movie (same index as `movies`): its genres, then its decade.

    Columns: every genre that occurs in `movies["genres"]`, in alphabetical
    order, then `decade_names()`. The genre block of a movie is 1 for each of
    its genres, the decade block 1 for the decade of its year (none when the
    year is NaN or outside the range); each block is scaled to unit length, so
    genres and era weigh the same however many genres a movie has, then the
    whole row to unit length. A movie with neither keeps a row of zeros.
    """
    raise NotImplementedError(
        "Task 6: multi-hot genres and one-hot decades, each block then each row unit"
    )


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    """Scale each row of a dense matrix to unit Euclidean length; rows of zeros stay zero."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix, dtype=np.float64), where=norms > 0)


class ContentBased:
    """Score movies by the cosine between a user's taste profile and their features.

    After `fit`: `profiles_`, an array (n_users, n_features) of unit rows (zero
    for a user with no liked movie).
    """

    def __init__(self, features: pd.DataFrame) -> None:
        self.features = features

    def fit(self, ratings: pd.DataFrame, n_users: int, n_items: int) -> Self:
        """Build each user's profile from the movies they rated at or above their own mean.

        Liked relative to the user's mean, not to a fixed 4 stars, because one
        user's 3 is another's 5. Sum the feature rows of those movies (a
        `recommender.data.rating_matrix` of liked flags times the feature
        matrix does it for all users at once) and scale the sum to unit length
        (`unit_rows`).
        """
        raise NotImplementedError(
            "Task 6: mark the ratings >= the user's mean, sum their feature rows"
        )

    def scores(self, users: np.ndarray) -> np.ndarray:
        """Return the cosine between each user's profile and every movie, (len(users), n_items)."""
        raise NotImplementedError("Task 6: profiles times the feature rows (both unit length)")
