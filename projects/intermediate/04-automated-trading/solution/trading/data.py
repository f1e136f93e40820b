"""Daily price bars that ship inside installed packages: no download.

- `bokeh_sampledata.stocks`: AAPL, GOOG, IBM and MSFT, 2000 to March 2013 (GOOG from
  its listing in August 2004), public domain (Quandl WIKI prices).
- `arch`'s S&P 500 index, 1999 to 2018 (the CSV file `arch.data.sp500` reads), read
  straight from the package's folder: importing `arch` itself takes seconds.

A stock's open, high, low and close are adjusted here for splits and dividends (each
multiplied by that day's adj_close / close), so that a return computed from them is
what a holder earned; the index needs no adjustment.
"""

from importlib.util import find_spec
from pathlib import Path
from typing import NamedTuple

import pandas as pd

STOCKS = ("AAPL", "GOOG", "IBM", "MSFT")
SP500 = "SP500"
SYMBOLS = (*STOCKS, SP500)
PRICE_COLUMNS = ("open", "high", "low", "close")
BAR_COLUMNS = (*PRICE_COLUMNS, "volume")


class Bar(NamedTuple):
    """One day of one instrument: what a market data feed delivers at the close."""

    timestamp: pd.Timestamp
    open: float
    high: float
    low: float
    close: float
    volume: float


def load_prices(symbol: str) -> pd.DataFrame:
    """Return the daily bars of `symbol` (one of SYMBOLS), indexed by date, oldest first.

    Columns: open, high, low, close (adjusted for splits and dividends) and volume.
    """
    if symbol == SP500:
        return _load_sp500()
    if symbol not in STOCKS:
        raise ValueError(f"unknown symbol {symbol!r}: choose one of {list(SYMBOLS)}")
    from bokeh_sampledata import stocks

    raw = pd.DataFrame(getattr(stocks, symbol))
    factor = raw["adj_close"] / raw["close"]
    frame = pd.DataFrame({name: raw[name] * factor for name in PRICE_COLUMNS})
    frame["volume"] = raw["volume"].astype(float)
    frame.index = pd.DatetimeIndex(pd.to_datetime(raw["date"]), name="date")
    return frame


def _load_sp500() -> pd.DataFrame:
    spec = find_spec("arch")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the S&P 500 bars ship with the package arch: pip install arch")
    path = Path(spec.submodule_search_locations[0]) / "data" / "sp500" / "sp500.csv.gz"
    raw = pd.read_csv(path, index_col="Date", parse_dates=True)
    frame = raw.rename(columns=str.lower)[list(BAR_COLUMNS)].astype(float)
    frame.index = pd.DatetimeIndex(frame.index, name="date")
    return frame


def to_bars(prices: pd.DataFrame) -> list[Bar]:
    """Return the rows of a price frame as Bars, in order: the events a feed would send."""
    return [
        Bar(timestamp, *values)
        for timestamp, values in zip(
            prices.index, prices[list(BAR_COLUMNS)].itertuples(index=False), strict=True
        )
    ]
