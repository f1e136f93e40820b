"""Matrix factorisation by alternating least squares (ALS), biases included.

    predicted rating of (u, i) = mean + b_u + b_i + p_u . q_i

Each user and each movie gets a vector of `n_factors` numbers, learnt so that
their dot product explains what the biases cannot (a taste for slow French
dramas, a weakness for heist films). Fitting P and Q together is hard; fitting
one with the other fixed is a ridge regression per user (or per movie), which
has a closed form. ALS alternates the two, and every half-step lowers the
regularised squared error

    sum over ratings of (r - prediction)^2
        + regularisation * (|P|^2 + |Q|^2) + bias_regularisation * (|b_u|^2 + |b_i|^2)

The biases ride along: for the users' half-step, append a column of ones to the
movie vectors, and the user's last coefficient is b_u (the same for movies).
They get a lighter penalty than the factors: a bias is one well-estimated
number, a factor vector twenty noisy ones.
"""

from typing import Self

import numpy as np
import pandas as pd
from scipy import sparse
from tqdm.auto import tqdm

N_FACTORS = 20
REGULARISATION = 15.0
BIAS_REGULARISATION = 5.0
N_EPOCHS = 8
INIT_SCALE = 0.1


def ridge_solve(
    design: np.ndarray, targets: sparse.sparray, rated: sparse.sparray, penalties: np.ndarray
) -> np.ndarray:
    """Solve one ridge regression per row of `targets`, all at once.

    `design` is (n_columns, d): a vector for every column (for the users'
    half-step, every movie's factors with a 1 appended). `targets` is a sparse
    (n_rows, n_columns) array of what to fit and `rated` marks its observed
    entries with 1. `penalties` (d,) is the ridge penalty of each coefficient.
    For row u, with X_u the design rows of u's observed columns and y_u their
    targets, return the w_u minimising |y_u - X_u w_u|^2 + sum_c penalties[c] * w_uc^2:

        w_u = (X_u^T X_u + diag(penalties))^-1 X_u^T y_u

    as an array (n_rows, d). A row without observations gets w_u = 0. Build
    every X_u^T X_u at once: `rated @` the (n_columns, d * d) array of each design
    row's outer product with itself, reshaped to (n_rows, d, d); then one batched
    `np.linalg.solve`. No Python loop over rows.
    """
    raise NotImplementedError(
        "Task 5: batched Gram matrices from outer products, then one np.linalg.solve"
    )


class ALS:
    """Biased matrix factorisation fitted by alternating least squares.

    After `fit`: `mean_`, `user_factors_` (n_users, n_factors), `user_bias_`
    (n_users,), `item_factors_` (n_items, n_factors), `item_bias_` (n_items,),
    and `loss_history_`, the regularised squared error after each epoch.
    """

    def __init__(
        self,
        n_factors: int = N_FACTORS,
        regularisation: float = REGULARISATION,
        bias_regularisation: float = BIAS_REGULARISATION,
        n_epochs: int = N_EPOCHS,
        seed: int = 0,
        progress: bool = True,
    ) -> None:
        self.n_factors = n_factors
        self.regularisation = regularisation
        self.bias_regularisation = bias_regularisation
        self.n_epochs = n_epochs
        self.seed = seed
        self.progress = progress

    def fit(self, ratings: pd.DataFrame, n_users: int, n_items: int) -> Self:
        """Fit the factors and biases by `n_epochs` rounds of two ridge half-steps.

        Start from item factors drawn from N(0, INIT_SCALE^2) with
        `np.random.default_rng(self.seed)` and zero item biases. Each epoch:
        solve every user's [p_u, b_u] against targets r - mean_ - b_i with
        design [Q, 1] (`ridge_solve`, penalties `regularisation` for the factors
        and `bias_regularisation` for the bias), then every movie's [q_i, b_i]
        against r - mean_ - b_u with design [P, 1]. Append the loss to `loss_history_`.
        Show a progress bar over the epochs (`from tqdm.auto import tqdm`)
        unless `progress` is False. `recommender.data.rating_matrix` builds the
        sparse targets and the matrix of observed entries.
        """
        users, items = ratings["user"].to_numpy(), ratings["item"].to_numpy()
        stars = ratings["rating"].to_numpy(dtype=np.float64)
        self.mean_ = ...
        rng = ...  # one generator, seeded with self.seed
        self.item_factors_ = ...  # (n_items, n_factors) from N(0, INIT_SCALE^2), drawn with rng
        self.item_bias_ = np.zeros(n_items)
        rated = ...  # (n_users, n_items): 1 for each training rating
        penalties = ...  # (n_factors + 1,): regularisation per factor, then bias_regularisation
        self.loss_history_ = []
        for _ in tqdm(range(self.n_epochs), desc="ALS epochs", disable=not self.progress):
            ...  # every user's [p_u, b_u]: ridge_solve of r - mean_ - b_i on the design [Q, 1]
            ...  # every movie's [q_i, b_i]: the same, transposed, r - mean_ - b_u on [P, 1]
            ...  # append self.loss(ratings) to self.loss_history_
        raise NotImplementedError(
            "Task 5: initialise Q, then alternate the user and item ridge half-steps"
        )

    def loss(self, ratings: pd.DataFrame) -> float:
        """Return the regularised squared error on `ratings`, the quantity ALS lowers."""
        users, items = ratings["user"].to_numpy(), ratings["item"].to_numpy()
        errors = ratings["rating"].to_numpy() - self.predict(users, items)
        factors = np.sum(self.user_factors_**2) + np.sum(self.item_factors_**2)
        biases = np.sum(self.user_bias_**2) + np.sum(self.item_bias_**2)
        return float(
            np.sum(errors**2) + self.regularisation * factors + self.bias_regularisation * biases
        )

    def predict(self, users: np.ndarray, items: np.ndarray) -> np.ndarray:
        """Return mean + b_u + b_i + p_u . q_i for each (user, item) pair."""
        interaction = np.sum(self.user_factors_[users] * self.item_factors_[items], axis=1)
        return self.mean_ + self.user_bias_[users] + self.item_bias_[items] + interaction

    def scores(self, users: np.ndarray) -> np.ndarray:
        """Return the predicted rating of every movie for each user, (len(users), n_items)."""
        interaction = self.user_factors_[users] @ self.item_factors_.T
        return self.mean_ + self.user_bias_[users][:, None] + self.item_bias_[None, :] + interaction
