"""Task 1: linear regression from scratch, solved exactly and by gradient descent.

Both functions fit `y ≈ intercept + X @ coef` by least squares, the model behind
scikit-learn's `LinearRegression`. The exact way solves the least-squares problem
with a stable factorisation; the iterative way walks downhill on the mean squared
error, which only works well once every feature is on the same scale.
"""

from dataclasses import dataclass

import numpy as np
from tqdm.auto import tqdm  # SOLUTION

LEARNING_RATE = 0.1  # step size on standardised features; above about 2 / (largest
# eigenvalue of the features' correlation matrix) the descent diverges
MAX_ITERATIONS = 20_000
TOLERANCE = 1e-10  # stop once no gradient component is larger than this


@dataclass(frozen=True)
class LinearFit:
    """A fitted linear model: `predict(X) = intercept + X @ coef`, on the original scale."""

    intercept: float
    coef: np.ndarray

    def predict(self, features: np.ndarray) -> np.ndarray:
        """Predicted targets for each row of `features` (n_samples, n_features)."""
        return self.intercept + np.asarray(features, dtype=float) @ self.coef


def least_squares(features: np.ndarray, targets: np.ndarray) -> LinearFit:
    """Fit intercept and coefficients minimising the sum of squared errors, exactly.

    Add a column of ones to `features` for the intercept and solve the least-squares
    problem with `np.linalg.lstsq` (an SVD): never invert `X.T @ X`, which squares
    the condition number and fails outright when two columns are collinear. With
    collinear columns the coefficients are not unique; return any minimiser (lstsq
    returns the one of smallest norm), and the predictions are the same for all.
    """
    # BEGIN SOLUTION (task 1): solve [1, X] @ theta ≈ y with np.linalg.lstsq
    features = np.asarray(features, dtype=float)
    design = np.column_stack([np.ones(len(features)), features])
    theta, *_ = np.linalg.lstsq(design, np.asarray(targets, dtype=float), rcond=None)
    return LinearFit(intercept=float(theta[0]), coef=theta[1:])
    # END SOLUTION


def gradient_descent(
    features: np.ndarray,
    targets: np.ndarray,
    learning_rate: float = LEARNING_RATE,
    max_iterations: int = MAX_ITERATIONS,
    tolerance: float = TOLERANCE,
) -> LinearFit:
    """Fit the same model by batch gradient descent on standardised features.

    Standardise each column (subtract its mean, divide by its standard deviation,
    `features.std(axis=0)`), start from zero weights and an intercept equal to the
    mean target, and repeat `w -= learning_rate * gradient` (weights and intercept
    together, from the same residuals) on the mean squared error over all rows until
    every component of the gradient is below `tolerance` or `max_iterations` steps
    are done (show the steps with a tqdm progress bar). Then map the weights back
    to the original scale, so that the result predicts from unscaled features.
    A column with zero spread cannot be standardised: raise `ValueError` with its index.
    """
    # BEGIN SOLUTION (task 1): standardise, descend on the MSE, then map back to raw units
    features = np.asarray(features, dtype=float)
    targets = np.asarray(targets, dtype=float)
    means, scales = features.mean(axis=0), features.std(axis=0)
    if np.any(scales == 0):
        raise ValueError(f"column {int(np.argmax(scales == 0))} is constant: it cannot be scaled")
    scaled = (features - means) / scales
    weights, intercept = np.zeros(features.shape[1]), float(targets.mean())
    for _ in tqdm(range(max_iterations), desc="gradient descent", leave=False):
        residuals = intercept + scaled @ weights - targets
        weight_gradient = 2 * scaled.T @ residuals / len(targets)
        intercept_gradient = 2 * residuals.mean()
        if max(np.abs(weight_gradient).max(), abs(intercept_gradient)) < tolerance:
            break
        weights -= learning_rate * weight_gradient
        intercept -= learning_rate * intercept_gradient
    coef = weights / scales
    return LinearFit(intercept=float(intercept - means @ coef), coef=coef)
    # END SOLUTION
