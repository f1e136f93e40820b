"""Task 4: Prophet, a curve fitted to time: trend + yearly and weekly seasonality.

Prophet (Taylor & Letham, 2018) regresses the series on a piecewise-linear trend and
Fourier terms for each seasonality, fitted with Stan. It reads a frame with the columns
"ds" (the date) and "y" (the value). Unlike ARIMA it does not condition on the latest
observations: to take in new data it must be fitted again.
"""

import logging

import pandas as pd

# Prophet logs "Importing plotly failed" as it loads: harmless, the kata plots with matplotlib.
logging.getLogger("prophet.plot").disabled = True
from prophet import Prophet  # noqa: E402

INTERVAL_WIDTH = 0.95  # the same 95% as SARIMA's intervals
SEED = 0


def fit_prophet(history: pd.Series, interval_width: float = INTERVAL_WIDTH) -> Prophet:
    """Fit a Prophet model with its default trend and seasonalities to a dated series.

    Prophet switches on the seasonalities the data can show (yearly for several years
    of data, weekly for daily data). Its Stan backend, cmdstanpy, logs two INFO lines
    per fit: keep them out of the output with `cmdstanpy.disable_logging()`.
    """
    raise NotImplementedError(
        "Task 4: build the ds/y frame, then fit Prophet(interval_width=...) quietly"
    )


def prophet_forecast(model: Prophet, dates: pd.DatetimeIndex, seed: int = SEED) -> pd.DataFrame:
    """Forecast the given dates; return the columns "mean", "lower", "upper" indexed by them.

    Prophet draws its interval from simulated futures with NumPy's global random
    generator, so seed it (`np.random.seed(seed)`) right before `predict`: the same
    call must give the same interval every time.
    """
    raise NotImplementedError("Task 4: seed NumPy, predict a frame of ds, keep yhat and its bounds")
