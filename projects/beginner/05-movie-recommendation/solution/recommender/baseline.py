"""The bias baseline: a global mean, plus how generous each user is and how good each movie is.

    predicted rating = mu + b_user + b_item

Most of what a rating says is in those three numbers: some users give four
stars to everything, some movies are loved by nearly everyone. A movie with
two five-star ratings is not better than one with two hundred at 4.5, so each
bias is regularised: shrunk towards 0 by `regularisation` imaginary ratings
of exactly the mean. Every later model predicts what this one cannot.
"""

from typing import Self

import numpy as np
import pandas as pd

ITEM_REGULARISATION = 5.0
USER_REGULARISATION = 5.0
N_SWEEPS = 3


class BiasBaseline:
    """Predict mu + b_user + b_item, with biases shrunk towards 0."""

    def __init__(
        self,
        item_regularisation: float = ITEM_REGULARISATION,
        user_regularisation: float = USER_REGULARISATION,
        n_sweeps: int = N_SWEEPS,
    ) -> None:
        self.item_regularisation = item_regularisation
        self.user_regularisation = user_regularisation
        self.n_sweeps = n_sweeps

    def fit(self, ratings: pd.DataFrame, n_users: int, n_items: int) -> Self:
        """Estimate `mean_`, `user_bias_` (n_users,) and `item_bias_` (n_items,).

        mean_ is the mean training rating. Then, `n_sweeps` times, starting from
        zero user biases:

        - b_item = (sum over the item's ratings of r - mean_ - b_user)
          / (item_regularisation + n_item)
        - b_user = (sum over the user's ratings of r - mean_ - b_item)
          / (user_regularisation + n_user)

        where n_item and n_user count the ratings. A user or movie without any
        training rating gets a bias of 0.
        """
        # BEGIN SOLUTION (task 3): the mean, then alternate the two shrunk averages (np.bincount)
        users = ratings["user"].to_numpy()
        items = ratings["item"].to_numpy()
        stars = ratings["rating"].to_numpy(dtype=np.float64)
        self.mean_ = float(stars.mean())
        item_counts = np.bincount(items, minlength=n_items)
        user_counts = np.bincount(users, minlength=n_users)
        self.user_bias_ = np.zeros(n_users)
        for _ in range(self.n_sweeps):
            item_residuals = stars - self.mean_ - self.user_bias_[users]
            self.item_bias_ = np.bincount(items, item_residuals, minlength=n_items) / (
                self.item_regularisation + item_counts
            )
            user_residuals = stars - self.mean_ - self.item_bias_[items]
            self.user_bias_ = np.bincount(users, user_residuals, minlength=n_users) / (
                self.user_regularisation + user_counts
            )
        return self
        # END SOLUTION

    def predict(self, users: np.ndarray, items: np.ndarray) -> np.ndarray:
        """Return the predicted rating of each (user, item) pair."""
        return self.mean_ + self.user_bias_[users] + self.item_bias_[items]

    def scores(self, users: np.ndarray) -> np.ndarray:
        """Return the predicted rating of every movie for each user, (len(users), n_items)."""
        return self.mean_ + self.user_bias_[users][:, None] + self.item_bias_[None, :]
