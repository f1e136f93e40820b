"""Market analysis: own-price elasticities from a sales history, naive and instrumented.

A log-log regression reads the elasticity off as a coefficient: with log sales on the
left and log price on the right, the price's coefficient is minus the elasticity. With
controls for the week, the season, the competitor's price and promotions, the other
coefficients are the market's other effects. When the seller raises the price on busy
days, the price is correlated with the regression's error and the naive coefficient is
biased; two-stage least squares with the unit cost as an instrument is not.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.api as sm

from pricing.simulator import DAYS_PER_YEAR

WEEKDAY_COLUMNS = [f"weekday_{k}" for k in range(1, 7)]  # Monday is the reference day
CONTROLS = ["log_competitor", "promotion", "season_sin", "season_cos", *WEEKDAY_COLUMNS]


@dataclass(frozen=True)
class Estimate:
    """An estimated own-price elasticity (positive: demand falls as the price rises).

    `params` and `std_errors` hold every coefficient of the regression, by column name
    (`const`, `log_price` and the controls); `elasticity` is minus that of `log_price`.
    """

    elasticity: float
    std_error: float
    params: pd.Series
    std_errors: pd.Series


def log_log_frame(history: pd.DataFrame, product: int) -> pd.DataFrame:
    """The regression's rows for one product: the days whose sales measured demand.

    Keep the rows of `product` that did not stock out and sold at least one unit (a
    stock-out's sales are the stock, not demand; log 0 is undefined). Return, indexed as
    in `history`: log_sales, log_price, log_cost, log_competitor, promotion,
    season_sin and season_cos (sin and cos of 2 pi day / DAYS_PER_YEAR), and one 0/1
    column per weekday but Monday (weekday_1 ... weekday_6).
    """
    # BEGIN SOLUTION (task 1): the days that measured demand; logs, season, weekdays
    rows = history[
        (history["product"] == product) & ~history["stocked_out"] & (history["sales"] > 0)
    ]
    angle = 2 * np.pi * rows["day"] / DAYS_PER_YEAR
    frame = pd.DataFrame(
        {
            "log_sales": np.log(rows["sales"]),
            "log_price": np.log(rows["price"]),
            "log_cost": np.log(rows["cost"]),
            "log_competitor": np.log(rows["competitor_price"]),
            "promotion": rows["promotion"].astype(float),
            "season_sin": np.sin(angle),
            "season_cos": np.cos(angle),
        },
        index=rows.index,
    )
    for k, column in enumerate(WEEKDAY_COLUMNS, start=1):
        frame[column] = (rows["weekday"] == k).astype(float)
    return frame
    # END SOLUTION


def naive_elasticity(frame: pd.DataFrame, controls: list[str] = CONTROLS) -> Estimate:
    """Ordinary least squares of log_sales on a constant, log_price and `controls`.

    Fit with statsmodels' OLS (columns in that order: const, log_price, then the
    controls); return the elasticity (minus log_price's coefficient), its standard
    error, and every coefficient with its standard error.
    """
    # BEGIN SOLUTION (task 1): fit OLS of log_sales on const, log_price and the controls
    design = sm.add_constant(frame[["log_price", *controls]], has_constant="add")
    fit = sm.OLS(frame["log_sales"], design).fit()
    return Estimate(
        elasticity=-float(fit.params["log_price"]),
        std_error=float(fit.bse["log_price"]),
        params=fit.params,
        std_errors=fit.bse,
    )
    # END SOLUTION


def two_stage_least_squares(
    y: np.ndarray, exog: np.ndarray, endog: np.ndarray, instruments: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Two-stage least squares by hand: coefficients and their standard errors.

    `y` (n,), `exog` (n, k) the regressors that are their own instruments (a constant
    among them if wanted), `endog` (n, m) the endogenous regressors, `instruments`
    (n, l) the excluded instruments, l >= m. The coefficients come in the order of
    [exog, endog]. Stage one projects the regressors on Z = [exog, instruments]; stage
    two regresses y on the projection. The standard errors are the homoskedastic ones:
    the residuals use the regressors themselves (not their projection) and the
    variance divides by n - (k + m). Raises ValueError, naming the instruments, when
    there are fewer instruments than endogenous regressors (l < m: not identified).
    """
    # BEGIN SOLUTION (task 2): project X on Z, regress y on it; errors from y - X b
    y = np.asarray(y, dtype=float)
    regressors = np.column_stack([exog, endog])
    z = np.column_stack([exog, instruments])
    if z.shape[1] < regressors.shape[1]:
        raise ValueError(
            f"2SLS needs at least as many instruments as endogenous regressors: "
            f"{np.shape(instruments)[1] if np.ndim(instruments) > 1 else 1} instrument(s) "
            f"for {regressors.shape[1] - np.shape(exog)[1]} endogenous regressor(s)"
        )
    projection = z @ np.linalg.lstsq(z, regressors, rcond=None)[0]
    coefficients = np.linalg.lstsq(projection, y, rcond=None)[0]
    residuals = y - regressors @ coefficients
    n, p = regressors.shape
    sigma2 = residuals @ residuals / (n - p)
    covariance = sigma2 * np.linalg.inv(projection.T @ projection)
    return coefficients, np.sqrt(np.diag(covariance))
    # END SOLUTION


def iv_elasticity(frame: pd.DataFrame, controls: list[str] = CONTROLS) -> Estimate:
    """The elasticity by two-stage least squares, log_cost instrumenting log_price.

    The exogenous regressors are a constant and `controls`; return an Estimate whose
    params and std_errors are indexed const, the controls, then log_price.
    """
    # BEGIN SOLUTION (task 2): const + controls, log_price instrumented by log_cost
    exog = sm.add_constant(frame[controls], has_constant="add")
    coefficients, errors = two_stage_least_squares(
        frame["log_sales"].to_numpy(),
        exog.to_numpy(),
        frame[["log_price"]].to_numpy(),
        frame[["log_cost"]].to_numpy(),
    )
    names = [*exog.columns, "log_price"]
    return Estimate(
        elasticity=-float(coefficients[-1]),
        std_error=float(errors[-1]),
        params=pd.Series(coefficients, index=names),
        std_errors=pd.Series(errors, index=names),
    )
    # END SOLUTION
