"""A hybrid recommender: collaborative filtering, helped by content and popularity where blind.

Collaborative filtering ranks best when it has history, and is blind without
it: a user who has rated nothing has no neighbours to sum, and a movie nobody
rated is nobody's neighbour. The hybrid blends the three rankers' scores, each
first scaled to [0, 1] within the user's row so that weights mean something:

    score = collaborative + content_weight * content + popularity_weight * popularity

and falls back where one part knows nothing:

- a new user (no training rating) gets the popularity ranking;
- a new movie (no training rating) has no collaborative or popularity score,
  so content alone places it, among the movies that match the user's taste.
"""

from typing import Self

import numpy as np
import pandas as pd

from recommender.evaluation import Ranker

CONTENT_WEIGHT = 0.5
POPULARITY_WEIGHT = 0.3


def scale_rows(scores: np.ndarray) -> np.ndarray:
    """Min-max scale each row to [0, 1]; a constant row becomes zeros."""
    raise NotImplementedError(
        "Task 7: subtract each row's minimum, divide by its range where positive"
    )


class Hybrid:
    """Blend a fitted collaborative ranker, a content ranker and popularity, with fallbacks.

    The three components come fitted on the same training ratings; `fit` only
    records who and what the training ratings know: `user_counts_` (n_users,)
    and `item_counts_` (n_items,), the number of training ratings of each.
    """

    def __init__(
        self,
        collaborative: Ranker,
        content: Ranker,
        popularity: Ranker,
        content_weight: float = CONTENT_WEIGHT,
        popularity_weight: float = POPULARITY_WEIGHT,
    ) -> None:
        self.collaborative = collaborative
        self.content = content
        self.popularity = popularity
        self.content_weight = content_weight
        self.popularity_weight = popularity_weight

    def fit(self, ratings: pd.DataFrame, n_users: int, n_items: int) -> Self:
        """Count the training ratings of each user and each movie."""
        self.user_counts_ = np.bincount(ratings["user"].to_numpy(), minlength=n_users)
        self.item_counts_ = np.bincount(ratings["item"].to_numpy(), minlength=n_items)
        return self

    def scores(self, users: np.ndarray) -> np.ndarray:
        """Return the blended scores, (len(users), n_items), with the fallbacks above.

        Scale each component's rows with `scale_rows`, then blend. Movies
        without training ratings get 0 for the collaborative and popularity
        parts whatever those components say. Rows of users without training
        ratings are the scaled popularity scores alone.
        """
        raise NotImplementedError(
            "Task 7: scale and blend; new movies: content only; new users: popularity"
        )
