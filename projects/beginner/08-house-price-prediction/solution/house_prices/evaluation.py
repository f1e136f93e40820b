"""Task 4: errors in dollars, the unit the people who buy and sell houses think in.

The models were compared on the log scale; a buyer asks "how many dollars off?",
and an appraiser "how often within 10%?". These functions answer both from the
out-of-fold predictions of Task 3, and draw the residuals so that a person can see
where the model fails (hint: the largest houses, and sales that were not "Normal").
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure  # SOLUTION

FIGURE_SIZE = (11, 4.5)  # inches: two panels side by side
DPI = 100
POINT_SIZE = 6
POINT_ALPHA = 0.35


@dataclass(frozen=True)
class DollarErrors:
    """How far predicted prices are from the true ones."""

    rmse: float  # root mean squared error, in dollars: large misses weigh most
    mae: float  # mean absolute error, in dollars: the typical miss
    median_ape: float  # median of |predicted - true| / true: 0.08 means half are within 8%


def check_prices(prices: np.ndarray, predicted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return both as float arrays, or raise ValueError if they cannot be compared.

    They must be one-dimensional, of the same non-zero length, finite, and every
    true price must be positive (a percentage of zero dollars means nothing).
    """
    prices = np.asarray(prices, dtype=float)
    predicted = np.asarray(predicted, dtype=float)
    if prices.ndim != 1 or prices.shape != predicted.shape or prices.size == 0:
        raise ValueError(
            f"expected two non-empty 1-D arrays of the same length, got shapes "
            f"{prices.shape} and {predicted.shape}"
        )
    if not (np.isfinite(prices).all() and np.isfinite(predicted).all()):
        raise ValueError("prices and predictions must be finite numbers (no NaN or inf)")
    if (prices <= 0).any():
        raise ValueError(f"every true price must be positive, got {prices.min()}")
    return prices, predicted


def dollar_errors(prices: np.ndarray, predicted: np.ndarray) -> DollarErrors:
    """RMSE, MAE and median absolute percentage error of predicted prices, in dollars.

    Both arguments are prices in dollars (the models' predictions are already back
    on that scale). Check them first with `check_prices`.
    """
    # BEGIN SOLUTION (task 4): check the inputs, then RMSE, MAE and the median of |error| / price
    prices, predicted = check_prices(prices, predicted)
    errors = predicted - prices
    return DollarErrors(
        rmse=float(np.sqrt(np.mean(errors**2))),
        mae=float(np.mean(np.abs(errors))),
        median_ape=float(np.median(np.abs(errors) / prices)),
    )
    # END SOLUTION


def plot_residuals(prices: np.ndarray, predicted: np.ndarray, path: Path) -> Path:
    """Draw predicted against true price and the log residuals; save a PNG at `path`.

    Left: predicted against true price on log axes, with a black line of perfect
    predictions. Right: the residual `log(predicted / true)` against the predicted
    price (log x axis), with a black line at zero: a fan or a curve there means the
    model is wrong in a systematic way, not just noisy. Draw both scatters with points
    of size POINT_SIZE and transparency POINT_ALPHA (thousands of houses overlap).
    Label the axes; return `path`. Draw on a
    `matplotlib.figure.Figure` rather than through `pyplot`: it needs no display and
    keeps no global state, so it is safe in a server or a test run.
    """
    # BEGIN SOLUTION (task 4): two scatter panels (predicted vs true, residual vs predicted)
    prices, predicted = check_prices(prices, predicted)
    path = Path(path)
    figure = Figure(figsize=FIGURE_SIZE, dpi=DPI)
    left, right = figure.subplots(1, 2)
    left.scatter(prices, predicted, s=POINT_SIZE, alpha=POINT_ALPHA)
    limits = [min(prices.min(), predicted.min()), max(prices.max(), predicted.max())]
    left.plot(limits, limits, color="black", linewidth=1, label="perfect prediction")
    left.set(xscale="log", yscale="log", xlabel="true price ($)", ylabel="predicted price ($)")
    left.legend()
    right.scatter(predicted, np.log(predicted / prices), s=POINT_SIZE, alpha=POINT_ALPHA)
    right.axhline(0, color="black", linewidth=1)
    right.set(xscale="log", xlabel="predicted price ($)", ylabel="log(predicted / true)")
    figure.suptitle("Out-of-fold predictions")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="png")
    return path
    # END SOLUTION
