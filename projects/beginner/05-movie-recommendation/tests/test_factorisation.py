"""Task 4: matrix factorisation by alternating least squares, biases included."""

import numpy as np
import pytest
from scipy import sparse

from recommender.factorisation import ALS, ridge_solve

TOLERANCE = 1e-8
QUICK = {"n_factors": 4, "n_epochs": 2}


@pytest.mark.task(4)
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
        f"Task 4: one solution of {width} coefficients per row: expected shape "
        f"({n_rows}, {width}), got {np.shape(got)}"
    )
    difference = float(np.max(np.abs(got - expected)))
    assert difference <= TOLERANCE, (
        "Task 4: each row's solution should be (X^T X + diag(penalties))^-1 X^T y over its "
        f"observed columns (and 0 for a row with none); it differs by up to {difference:.3g}"
    )


@pytest.mark.task(4)
def test_als_lowers_its_loss_every_epoch(split):
    model = ALS(n_factors=5, n_epochs=4, progress=False).fit(
        split.train, split.n_users, split.n_items
    )
    history = np.asarray(model.loss_history_)
    assert len(history) == 4, (
        f"Task 4: loss_history_ should hold one loss per epoch (4), got {len(history)}"
    )
    rises = np.flatnonzero(np.diff(history) > 1e-9 * history[:-1])
    assert rises.size == 0, (
        "Task 4: every ALS half-step solves its ridge regressions exactly, so the regularised "
        f"loss can only fall; it rose after epoch {rises + 1}: {np.round(history, 1).tolist()}"
    )


@pytest.mark.task(4)
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
    assert not wrong, f"Task 4: wrong shapes {wrong}; expected {[e for _, e in shapes.values()]}"
    assert np.array_equal(first.item_factors_, again.item_factors_), (
        "Task 4: two fits with the same seed should give the same factors: draw the initial "
        "item factors from np.random.default_rng(self.seed)"
    )


@pytest.mark.task(4)
def test_als_shows_a_progress_bar(split, capsys):
    ALS(**QUICK, progress=True).fit(split.train, split.n_users, split.n_items)
    shown = capsys.readouterr().err
    assert "2/2" in shown, (
        "Task 4: fit should show a tqdm progress bar over the epochs on stderr (it would read "
        f"'2/2' at the end of 2 epochs); stderr was {shown[-200:]!r}"
    )
    ALS(**QUICK, progress=False).fit(split.train, split.n_users, split.n_items)
    assert "2/2" not in capsys.readouterr().err, (
        "Task 4: with progress=False there should be no progress bar (tqdm's disable=)"
    )


@pytest.mark.task(4)
def test_als_rmse(metric, als_rmse, bias_rmse):
    assert als_rmse < bias_rmse, (
        f"Task 4: ALS's RMSE {als_rmse:.4f} should be below the bias baseline's "
        f"{bias_rmse:.4f}: its biases are fitted with the factors"
    )
    metric("als_rmse", als_rmse)
