"""Task 1: load the two series, put them on a regular clock, and split them by time.

Two kinds of gap look alike and are not. The weekly CO2 record misses weeks when the
instrument was down: those are missing data, and a month without any week is filled
from its neighbours. A stock has no price on weekends and holidays because the market
was closed: nothing is missing, so the price series stays on its trading days.
"""

from collections.abc import Mapping, Sequence

import pandas as pd
from bokeh_sampledata.stocks import AAPL
from statsmodels.datasets import co2

MONTH_START = "MS"
PRICE_COLUMN = "adj_close"
DATE_COLUMN = "date"


def to_monthly(weekly: pd.Series) -> pd.Series:
    """Return the monthly means of a weekly series, with empty months filled in.

    Each month is labelled by its first day (pandas' "MS" frequency, which the result
    keeps) and holds the mean of the weeks that fall in it, missing weeks ignored. A
    month with no observed week at all is filled by linear interpolation in time
    between the months around it; months before the first or after the last observation
    are not invented. Interpolation reads the next value, so fill gaps deep inside the
    history like these, never across the boundary of a train/test split.
    """
    raise NotImplementedError(
        "Task 1: resample to month starts, average, interpolate the inner gaps"
    )


def load_co2_monthly() -> pd.Series:
    """Mauna Loa atmospheric CO2 (ppm), 1958-03 to 2001-12, as monthly means."""
    weekly = co2.load_pandas().data["co2"]
    return to_monthly(weekly).rename("co2")


def parse_prices(records: Mapping[str, Sequence], column: str = PRICE_COLUMN) -> pd.Series:
    """Return one price column of a table of daily quotes as a series indexed by date.

    `records` maps column names to equal-length sequences, as `bokeh_sampledata`
    ships them: a "date" column of "YYYY-MM-DD" strings and price columns. Use the
    adjusted close by default: the raw close halves on the day of a 2-for-1 split, and a
    model would read that as a crash. The rows come back sorted by date (the index is
    named "date", the series after the column) and every good row is kept. Raise a
    ValueError that names the problem (and the offending row or date) for a missing
    column, columns of different lengths, a date that does not parse, a date that
    occurs twice, or a price that is missing or not positive.
    """
    ...  # ValueError naming DATE_COLUMN or `column` when records has no such column
    ...  # ValueError when the two columns differ in length
    dates = ...  # pd.to_datetime(..., format="%Y-%m-%d", errors="coerce"): NaT where unreadable
    ...  # ValueError naming the first date that did not parse
    prices = ...  # the column as floats (pd.to_numeric, errors="coerce"), indexed by the dates
    ...  # ValueError naming a date that occurs twice; another naming a missing or bad price
    # Return the prices sorted by date.
    raise NotImplementedError(
        "Task 1: check the columns, parse the dates, reject duplicates and bad prices"
    )


def load_aapl() -> pd.Series:
    """Apple's adjusted daily close, 2000-03-01 to 2013-03-01, one value per trading day."""
    return parse_prices(AAPL)


def split_by_time(
    series: pd.Series, last_train: str | pd.Timestamp, horizon: int | None = None
) -> tuple[pd.Series, pd.Series]:
    """Split a time-ordered series into the past up to `last_train` and what follows.

    The training part holds every observation at or before `last_train` (a date, or a
    month such as "1997-12", which means the whole month); the test part holds the
    next `horizon` observations (all the rest when `horizon` is None). Nothing is
    shuffled: a model must never be fitted on a time that comes after one it is judged
    on. Raise a ValueError when the index is not sorted in time, when either part would
    be empty, or when fewer than `horizon` observations follow the cut.
    """
    raise NotImplementedError(
        "Task 1: find the cut with searchsorted on the sorted index, then slice"
    )
