"""Task 1: linear regression from scratch, solved exactly and by gradient descent.

Both functions fit `y ≈ intercept + X @ coef` by least squares, the model behind
scikit-learn's `LinearRegression`. The exact way solves the least-squares problem
with a stable factorisation; the iterative way walks downhill on the mean squared
error, which only works well once every feature is on the same scale.
"""

from dataclasses import dataclass

import numpy as np

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
    raise NotImplementedError("Task 1: solve [1, X] @ theta ≈ y with np.linalg.lstsq")


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
    raise NotImplementedError("Task 1: standardise, descend on the MSE, then map back to raw units")
