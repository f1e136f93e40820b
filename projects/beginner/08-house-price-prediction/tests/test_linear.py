"""Task 1: linear regression from scratch, exactly and by gradient descent."""

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression

from house_prices.data import PRICE, cross_validation_folds, log_rmse, numeric_columns
from house_prices.linear import LinearFit, gradient_descent, least_squares

# Relative. A stable solve (lstsq's SVD, or QR) agrees with scikit-learn to about 1e-11
# here; forming X.T @ X squares the condition number (7e7 on these columns) and loses
# about eight digits: inverting it is 2e-8 off.
EXACT_TOLERANCE = 1e-9
DESCENT_TOLERANCE = 1e-6  # relative: gradient descent stops near, not at, the optimum
# A few numeric columns on very different scales (Lot_Area ~ 10^4, Fireplaces ~ 1),
# little correlated, so that a correct descent converges in a few hundred steps.
DESCENT_COLUMNS = [
    "Gr_Liv_Area",
    "Year_Built",
    "Total_Bsmt_SF",
    "Garage_Area",
    "Lot_Area",
    "Fireplaces",
    "Full_Bath",
]


def relative_error(ours: np.ndarray, expected: np.ndarray) -> float:
    ours, expected = np.atleast_1d(ours), np.atleast_1d(expected)
    return float(np.max(np.abs(ours - expected) / np.maximum(np.abs(expected), 1e-12)))


def check_matches_scikit_learn(
    fit: LinearFit, features, targets, tolerance: float, what: str, advice: str
):
    reference = LinearRegression().fit(features, targets)
    assert isinstance(fit, LinearFit), f"Task 1: {what} should return a LinearFit, got {fit!r}"
    coef_error = relative_error(np.asarray(fit.coef), reference.coef_)
    assert np.shape(fit.coef) == reference.coef_.shape and coef_error < tolerance, (
        f"Task 1: {what}: the coefficients should match scikit-learn's LinearRegression within "
        f"a relative {tolerance:g}; the largest relative difference is {coef_error:.3g} "
        f"(first coefficients: yours {np.asarray(fit.coef)[:3]}, "
        f"expected {reference.coef_[:3]}). {advice}"
    )
    intercept_error = relative_error(fit.intercept, reference.intercept_)
    assert intercept_error < tolerance, (
        f"Task 1: {what}: the intercept should be {reference.intercept_:.6f}, got {fit.intercept!r}"
    )


@pytest.fixture(scope="module")
def log_prices(ames) -> np.ndarray:
    return np.log(ames[PRICE].to_numpy(dtype=float))


@pytest.mark.task(1)
def test_least_squares_matches_scikit_learn_on_every_numeric_column(ames, log_prices):
    features = ames[numeric_columns(ames)].to_numpy(dtype=float)
    check_matches_scikit_learn(
        least_squares(features, log_prices),
        features,
        log_prices,
        EXACT_TOLERANCE,
        f"least_squares on the {features.shape[1]} numeric columns",
        "Solve [1, X] @ theta = y with np.linalg.lstsq: going through X.T @ X (inv or solve) "
        "squares the condition number and loses about half the digits",
    )


@pytest.mark.task(1)
def test_least_squares_survives_collinear_columns(ames, log_prices):
    area = ames[["Gr_Liv_Area", "Year_Built"]].to_numpy(dtype=float)
    features = np.column_stack([area, area[:, 0]])  # the living area twice: X.T @ X is singular
    try:
        fit = least_squares(features, log_prices)
    except np.linalg.LinAlgError as error:
        pytest.fail(
            f"Task 1: with a column repeated, X.T @ X has no inverse ({error}): solve the "
            "least-squares problem with np.linalg.lstsq, which never forms it"
        )
    ours = fit.predict(features)
    expected = LinearRegression().fit(features, log_prices).predict(features)
    assert np.all(np.isfinite(ours)) and np.allclose(ours, expected, rtol=0, atol=1e-8), (
        "Task 1: with a column repeated, X.T @ X has no inverse; the coefficients are not "
        "unique but the predictions are, and should match scikit-learn's. Solve with "
        "np.linalg.lstsq on [1, X] instead of inverting X.T @ X. Largest difference: "
        f"{np.nanmax(np.abs(ours - expected)):.3g}"
    )


@pytest.mark.task(1)
def test_gradient_descent_matches_scikit_learn(ames, log_prices):
    features = ames[DESCENT_COLUMNS].to_numpy(dtype=float)
    check_matches_scikit_learn(
        gradient_descent(features, log_prices),
        features,
        log_prices,
        DESCENT_TOLERANCE,
        f"gradient_descent on {DESCENT_COLUMNS}",
        "Standardise the columns first: Lot_Area is ten thousand times larger than "
        "Fireplaces, so one learning rate cannot suit both, and unscaled steps diverge (NaN "
        "coefficients mean they did). Map the weights back to raw units at the end",
    )


@pytest.mark.task(1)
def test_gradient_descent_recovers_a_known_line_in_raw_units():
    rng = np.random.default_rng(0)
    features = np.column_stack([rng.normal(5e4, 1e4, 500), rng.normal(0.002, 0.001, 500)])
    targets = 3.0 + 2e-4 * features[:, 0] - 1500.0 * features[:, 1]
    fit = gradient_descent(features, targets)
    expected = np.array([2e-4, -1500.0])
    assert relative_error(np.asarray(fit.coef), expected) < DESCENT_TOLERANCE, (
        "Task 1: for y = 3 + 0.0002 x1 - 1500 x2 without noise, expected coefficients "
        f"{expected}, got {fit.coef}. Fit on standardised columns, then divide each weight by "
        "its column's standard deviation to get back to raw units"
    )
    assert abs(fit.intercept - 3.0) < DESCENT_TOLERANCE * 3, (
        f"Task 1: expected the intercept 3.0, got {fit.intercept}: after scaling back, the "
        "intercept is the scaled one minus sum(mean_j * coef_j)"
    )


@pytest.mark.task(1)
def test_gradient_descent_refuses_a_constant_column():
    features = np.column_stack([np.arange(10.0), np.arange(10.0) ** 2, np.full(10, 7.0)])
    try:
        gradient_descent(features, np.arange(10.0))
    except ValueError as error:
        assert "2" in str(error), (
            f"Task 1: the ValueError should say which column is constant (index 2), got {error}"
        )
    else:
        pytest.fail(
            "Task 1: a column with zero spread cannot be standardised (you would divide by "
            "0): raise ValueError saying which column (here index 2)"
        )


@pytest.mark.task(1)
def test_least_squares_baseline_on_numeric_columns(metric, ames, log_prices, seed):
    """The baseline the feature pipeline must beat: your least squares on the raw numbers."""
    features = ames[numeric_columns(ames)].to_numpy(dtype=float)
    prices = np.exp(log_prices)
    fold_errors = []
    for train, test in cross_validation_folds(seed).split(features):
        fit = least_squares(features[train], log_prices[train])
        fold_errors.append(log_rmse(prices[test], np.exp(fit.predict(features[test]))))
    metric("numeric_least_squares_rmse", np.mean(fold_errors))


def descent_by_hand(features, targets, learning_rate: float, steps: int, tolerance: float = 0.0):
    """Up to `steps` steps of batch gradient descent on the MSE, as the docstring describes
    them, stopping early once every component of the gradient is below `tolerance`."""
    means, scales = features.mean(axis=0), features.std(axis=0)
    scaled = (features - means) / scales
    weights, intercept = np.zeros(features.shape[1]), float(targets.mean())
    for _ in range(steps):
        residuals = intercept + scaled @ weights - targets
        weight_gradient = 2 * scaled.T @ residuals / len(targets)
        intercept_gradient = 2 * residuals.mean()
        if max(np.abs(weight_gradient).max(), abs(intercept_gradient)) < tolerance:
            break
        weights = weights - learning_rate * weight_gradient
        intercept = intercept - learning_rate * intercept_gradient
    coef = weights / scales
    return intercept - means @ coef, coef


@pytest.mark.task(1)
def test_one_gradient_step_by_hand():
    features = np.array([[1.0], [2.0], [3.0], [6.0]])  # mean 3, standard deviation sqrt(3.5)
    targets = np.array([1.0, 3.0, 2.0, 6.0])  # mean 3: the starting intercept
    fit = gradient_descent(features, targets, learning_rate=0.1, max_iterations=1)
    # The scaled column is (x - 3) / sqrt(3.5); the residuals start at 3 - y = (2, 0, 1, -3),
    # so the gradient of the MSE is 2 * (-2*2 - 1*0 + 0*1 + 3*-3) / sqrt(3.5) / 4 = -6.5 / sqrt(3.5)
    # and one step of 0.1 gives the weight 0.65 / sqrt(3.5), i.e. 0.65 / 3.5 in raw units.
    expected_coef = 0.65 / 3.5
    assert np.allclose(fit.coef, [expected_coef], rtol=1e-12, atol=0), (
        f"Task 1: after one step of 0.1 from zero weights the coefficient should be "
        f"{expected_coef:.6f}, got {np.asarray(fit.coef)}: the gradient of the mean squared "
        "error is 2 * scaled.T @ residuals / n (mind the factor 2), and max_iterations=1 "
        "means exactly one step"
    )
    assert np.isclose(fit.intercept, 3.0 - 3.0 * expected_coef, rtol=1e-12), (
        f"Task 1: the intercept in raw units should be {3.0 - 3.0 * expected_coef:.6f} "
        f"(the mean target minus mean @ coef), got {fit.intercept!r}"
    )


@pytest.mark.task(1)
@pytest.mark.parametrize(("learning_rate", "steps"), [(0.05, 7), (0.2, 12)])
def test_gradient_descent_takes_exactly_max_iterations_steps(learning_rate, steps):
    rng = np.random.default_rng(11)
    features = rng.normal([10.0, -3.0, 500.0], [2.0, 0.5, 80.0], size=(60, 3))
    targets = features @ np.array([1.5, -4.0, 0.02]) + rng.normal(0, 1.0, 60)
    fit = gradient_descent(features, targets, learning_rate=learning_rate, max_iterations=steps)
    intercept, coef = descent_by_hand(features, targets, learning_rate, steps)
    assert np.allclose(fit.coef, coef, rtol=1e-9, atol=0) and np.isclose(
        fit.intercept, intercept, rtol=1e-9
    ), (
        f"Task 1: with learning_rate={learning_rate} and max_iterations={steps}, far from "
        f"convergence, the fit should be exactly {steps} steps from zero weights: expected "
        f"coef {coef} and intercept {intercept:.6f}, got {np.asarray(fit.coef)} and "
        f"{fit.intercept!r}. Use the arguments (not the module's constants), take "
        "range(max_iterations) steps, standardise with the population std (features.std(axis=0)), "
        "and update weights and intercept from the same residuals"
    )


@pytest.mark.task(1)
def test_gradient_descent_stops_once_the_gradient_is_below_its_tolerance():
    rng = np.random.default_rng(5)
    features = rng.normal([4.0, 20.0], [1.0, 6.0], size=(80, 2))
    targets = features @ np.array([0.7, -0.3]) + rng.normal(0, 0.5, 80)
    intercept, coef = descent_by_hand(features, targets, 0.01, 5_000, tolerance=0.05)
    _, converged = descent_by_hand(features, targets, 0.01, 5_000)
    fit = gradient_descent(
        features, targets, learning_rate=0.01, max_iterations=5_000, tolerance=0.05
    )
    stopped_early = not np.allclose(coef, converged)
    assert stopped_early and np.allclose(fit.coef, coef, rtol=1e-9, atol=0), (
        f"Task 1: with tolerance=0.05 the descent should stop at the first step whose gradient "
        f"components are all below 0.05, at coef {coef} (not the converged {converged}); got "
        f"{np.asarray(fit.coef)}. Compare the gradient with the tolerance argument"
    )
    assert np.isclose(fit.intercept, intercept, rtol=1e-9), (
        f"Task 1: with tolerance=0.05 the intercept should be {intercept:.6f}, "
        f"got {fit.intercept!r}"
    )
