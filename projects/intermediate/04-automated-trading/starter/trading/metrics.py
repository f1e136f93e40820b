"""How good was a backtest? The figures a trading desk reads, computed by hand.

`returns` are simple returns per bar (equity_t / equity_(t-1) - 1); a year has
`periods_per_year` bars (252 trading days). No risk-free rate is subtracted: over the
years of these data it was small, and a strategy is compared with buy-and-hold on the
same footing.
"""

import math

import pandas as pd

TRADING_DAYS = 252


def _enough(values: pd.Series, what: str, at_least: int = 2) -> None:
    if len(values) < at_least:
        raise ValueError(f"{what} needs at least {at_least} values, got {len(values)}")


def equity_returns(equity: pd.Series) -> pd.Series:
    """The simple return of each bar after the first: equity.pct_change() without the NaN."""
    return equity.pct_change().iloc[1:]


def annualised_return(equity: pd.Series, periods_per_year: int = TRADING_DAYS) -> float:
    """The compound annual growth rate: (last / first) ** (periods_per_year / bars) - 1,
    where bars = len(equity) - 1 is the number of returns. ValueError for fewer than 2 values."""
    raise NotImplementedError("Task 4: the growth of the whole period, compounded per year")


def annualised_volatility(returns: pd.Series, periods_per_year: int = TRADING_DAYS) -> float:
    """The sample standard deviation (ddof=1) of `returns` times sqrt(periods_per_year)."""
    raise NotImplementedError("Task 4: scale the standard deviation by the square root of time")


def sharpe_ratio(returns: pd.Series, periods_per_year: int = TRADING_DAYS) -> float:
    """mean / std (ddof=1) of `returns`, times sqrt(periods_per_year); NaN when every
    return is the same (no risk taken, none measured)."""
    raise NotImplementedError(
        "Task 4: mean over standard deviation, scaled by sqrt(periods_per_year)"
    )


def sortino_ratio(returns: pd.Series, periods_per_year: int = TRADING_DAYS) -> float:
    """mean / downside deviation of `returns`, times sqrt(periods_per_year).

    The downside deviation is sqrt(mean(min(r, 0) ** 2)) over all the returns (a gain
    counts as 0): only losses are risk. Infinite when no return is negative.
    """
    raise NotImplementedError(
        "Task 4: the root mean square of the losses alone, gains counted as 0"
    )


def max_drawdown(equity: pd.Series) -> tuple[float, int]:
    """The deepest fall from a peak, as a fraction of the peak (0.25 for a quarter lost),
    and the longest run of consecutive bars spent below an earlier peak (a bar back at
    its peak, or above it, ends the run). (0.0, 0) for equity that never falls."""
    raise NotImplementedError(
        "Task 4: compare with the running peak; count the longest run under it"
    )


def turnover(ledger: pd.DataFrame, periods_per_year: int = TRADING_DAYS) -> float:
    """How many times a year the strategy trades its own size: the value traded
    (sum of |trade| * fill_price over the bars with a trade) divided by the mean equity,
    per year of bars
    (times periods_per_year / len(ledger)). Buying once and holding for ten years
    turns over about 0.1 a year."""
    raise NotImplementedError("Task 4: traded value over mean equity, scaled to a year")


def hit_rate(ledger: pd.DataFrame) -> float:
    """The share of bars with a position (position != 0) whose equity rose from the
    previous bar's close: how often being in the market paid. NaN when never in it."""
    raise NotImplementedError("Task 4: among the bars in the market, the share of equity gains")


def summarise(ledger: pd.DataFrame, periods_per_year: int = TRADING_DAYS) -> dict[str, float]:
    """Every figure of this module for a backtest's ledger, by name."""
    equity = ledger["equity"]
    returns = equity_returns(equity)
    depth, duration = max_drawdown(equity)
    return {
        "annualised_return": annualised_return(equity, periods_per_year),
        "annualised_volatility": annualised_volatility(returns, periods_per_year),
        "sharpe": sharpe_ratio(returns, periods_per_year),
        "sortino": sortino_ratio(returns, periods_per_year),
        "max_drawdown": depth,
        "drawdown_bars": duration,
        "turnover": turnover(ledger, periods_per_year),
        "hit_rate": hit_rate(ledger),
    }
