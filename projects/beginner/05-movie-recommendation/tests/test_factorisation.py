"""Task 5: matrix factorisation by alternating least squares, biases included."""

import numpy as np
import pytest
from scipy import sparse

from recommender.factorisation import ALS, INIT_SCALE, ridge_solve

TOLERANCE = 1e-8
QUICK = {"n_factors": 4, "n_epochs": 2}
RECOMPUTED = {"n_factors": 3, "regularisation": 7.0, "bias_regularisation": 2.0, "seed": 7}


@pytest.mark.task(5)
def test_ridge_solve_agrees_with_one_regression_per_row():
    rng = np.random.default_rng(0)
    n_rows, n_columns, width = 6, 15, 3
    design = rng.normal(size=(n_columns, width))
    observed = rng.random((n_rows, n_columns)) < 0.4
    observed[4] = False  # a row without any observation
    targets = np.where(observed, rng.normal(size=(n_rows, n_columns)), 0.0)
    penalties = np.array([0.5, 2.0, 0.1])
    got = ridge_solve(
        design, sparse.csr_array(targets), sparse.csr_array(observed.astype(float)), penalties
    )
    expected = np.zeros((n_rows, width))
    for row in range(n_rows):
        x, y = design[observed[row]], targets[row, observed[row]]
        expected[row] = np.linalg.solve(x.T @ x + np.diag(penalties), x.T @ y)
    assert np.shape(got) == (n_rows, width), (
        f"Task 5: one solution of {width} coefficients per row: expected shape "
        f"({n_rows}, {width}), got {np.shape(got)}"
    )
    difference = float(np.max(np.abs(got - expected)))
    assert difference <= TOLERANCE, (
        "Task 5: each row's solution should be (X^T X + diag(penalties))^-1 X^T y over its "
        f"observed columns (and 0 for a row with none); it differs by up to {difference:.3g}"
    )


@pytest.mark.task(5)
def test_als_lowers_its_loss_every_epoch(split):
    model = ALS(n_factors=5, n_epochs=4, progress=False).fit(
        split.train, split.n_users, split.n_items
    )
    history = np.asarray(model.loss_history_)
    assert len(history) == 4, (
        f"Task 5: loss_history_ should hold one loss per epoch (4), got {len(history)}"
    )
    rises = np.flatnonzero(np.diff(history) > 1e-9 * history[:-1])
    assert rises.size == 0, (
        "Task 5: every ALS half-step solves its ridge regressions exactly, so the regularised "
        f"loss can only fall; it rose after epoch {rises + 1}: {np.round(history, 1).tolist()}"
    )


@pytest.mark.task(5)
def test_als_is_seeded_and_shaped(split):
    first = ALS(**QUICK, seed=3, progress=False).fit(split.train, split.n_users, split.n_items)
    again = ALS(**QUICK, seed=3, progress=False).fit(split.train, split.n_users, split.n_items)
    shapes = {
        "user_factors_": (np.shape(first.user_factors_), (split.n_users, 4)),
        "item_factors_": (np.shape(first.item_factors_), (split.n_items, 4)),
        "user_bias_": (np.shape(first.user_bias_), (split.n_users,)),
        "item_bias_": (np.shape(first.item_bias_), (split.n_items,)),
    }
    wrong = {name: got for name, (got, expected) in shapes.items() if got != expected}
    assert not wrong, f"Task 5: wrong shapes {wrong}; expected {[e for _, e in shapes.values()]}"
    assert np.array_equal(first.item_factors_, again.item_factors_), (
        "Task 5: two fits with the same seed should give the same factors: draw the initial "
        "item factors from np.random.default_rng(self.seed)"
    )
    other = ALS(**QUICK, seed=4, progress=False).fit(split.train, split.n_users, split.n_items)
    assert not np.allclose(first.item_factors_, other.item_factors_), (
        "Task 5: fits with seeds 3 and 4 gave the same factors: the seed must reach the "
        "generator, np.random.default_rng(self.seed)"
    )


def dense_ridge(design: np.ndarray, targets: np.ndarray, observed: np.ndarray, penalties):
    """Every row's ridge regression on its observed columns, from dense matrices."""
    width = design.shape[1]
    outer = (design[:, :, None] * design[:, None, :]).reshape(len(design), width * width)
    gram = (observed @ outer).reshape(-1, width, width) + np.diag(penalties)
    return np.linalg.solve(gram, ((targets * observed) @ design)[:, :, None])[:, :, 0]


@pytest.mark.task(5)
def test_one_epoch_of_als_recomputed_from_its_seed(split):
    """One epoch by the docstring's recipe, on dense matrices, at non-default settings."""
    model = ALS(**RECOMPUTED, n_epochs=1, progress=False)
    model.fit(split.train, split.n_users, split.n_items)
    users, items = split.train["user"].to_numpy(), split.train["item"].to_numpy()
    stars = split.train["rating"].to_numpy(dtype=np.float64)
    mean = stars.mean()
    n_factors = RECOMPUTED["n_factors"]
    rng = np.random.default_rng(RECOMPUTED["seed"])
    item_factors = rng.normal(0.0, INIT_SCALE, size=(split.n_items, n_factors))
    penalties = [RECOMPUTED["regularisation"]] * n_factors + [RECOMPUTED["bias_regularisation"]]
    observed = np.zeros((split.n_users, split.n_items))
    observed[users, items] = 1.0
    targets = np.zeros_like(observed)
    targets[users, items] = stars - mean  # the item biases start at 0
    design = np.column_stack([item_factors, np.ones(split.n_items)])
    solution = dense_ridge(design, targets, observed, penalties)
    user_factors, user_bias = solution[:, :-1], solution[:, -1]
    targets[users, items] = stars - mean - user_bias[users]
    design = np.column_stack([user_factors, np.ones(split.n_users)])
    solution = dense_ridge(design, targets.T, observed.T, penalties)
    expected = {
        "user_factors_": user_factors,
        "user_bias_": user_bias,
        "item_factors_": solution[:, :-1],
        "item_bias_": solution[:, -1],
    }
    for name, values in expected.items():
        got = np.asarray(getattr(model, name))
        difference = float(np.max(np.abs(got - values))) if got.shape == values.shape else np.inf
        assert difference <= TOLERANCE, (
            f"Task 5: after one epoch with {RECOMPUTED}, {name} differs by up to "
            f"{difference:.3g} from the recipe: item factors from N(0, INIT_SCALE^2) drawn "
            "with np.random.default_rng(seed), zero item biases, then the users' half-step "
            "and the movies' half-step, each with the penalties of its own settings"
        )


@pytest.mark.task(5)
def test_als_shows_a_progress_bar(split, capsys):
    ALS(**QUICK, progress=True).fit(split.train, split.n_users, split.n_items)
    shown = capsys.readouterr().err
    assert "2/2" in shown, (
        "Task 5: fit should show a tqdm progress bar over the epochs on stderr (it would read "
        f"'2/2' at the end of 2 epochs); stderr was {shown[-200:]!r}"
    )
    ALS(**QUICK, progress=False).fit(split.train, split.n_users, split.n_items)
    assert "2/2" not in capsys.readouterr().err, (
        "Task 5: with progress=False there should be no progress bar (tqdm's disable=)"
    )


@pytest.mark.task(5)
def test_als_rmse(metric, als_rmse, bias_rmse):
    assert als_rmse < bias_rmse, (
        f"Task 5: ALS's RMSE {als_rmse:.4f} should be below the bias baseline's "
        f"{bias_rmse:.4f}: its biases are fitted with the factors"
    )
    metric("als_rmse", als_rmse)
