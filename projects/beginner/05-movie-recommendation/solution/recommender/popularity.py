"""The baseline every recommender must beat: show everyone the most-rated movies.

It knows nothing about the user, yet on MovieLens it is hard to beat, because
what people rate next is, more often than not, what everybody else watches.
It is also the natural answer for a user the system has never seen.
"""

from typing import Self

import numpy as np
import pandas as pd


class Popularity:
    """Score each movie by how many training ratings it has; the same for every user."""

    def fit(self, ratings: pd.DataFrame, n_users: int, n_items: int) -> Self:
        """Count the ratings of each of the n_items movies: `counts_`, shape (n_items,).

        A movie nobody rated counts 0. `n_users` is unused (every model's `fit`
        takes the same arguments).
        """
        # BEGIN SOLUTION (task 2): count the training ratings of each item code
        self.counts_ = np.bincount(ratings["item"].to_numpy(), minlength=n_items).astype(float)
        return self
        # END SOLUTION

    def scores(self, users: np.ndarray) -> np.ndarray:
        """Return the counts as every user's scores, shape (len(users), n_items)."""
        return np.broadcast_to(self.counts_, (len(users), len(self.counts_)))
