"""Task 3: the bias baseline, by hand and on the held-out ratings."""

import math

import numpy as np
import pandas as pd
import pytest

from recommender.baseline import BiasBaseline

TOLERANCE = 1e-9


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
