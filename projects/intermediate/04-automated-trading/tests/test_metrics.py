"""Task 4: performance figures by hand, on examples worked out and against brute force."""

import math

import numpy as np
import pandas as pd
import pytest

from trading.metrics import (
    TRADING_DAYS,
    annualised_return,
    annualised_volatility,
    equity_returns,
    hit_rate,
    max_drawdown,
    sharpe_ratio,
    sortino_ratio,
    summarise,
    turnover,
)

MONTHS = 12  # a periods_per_year other than the default


def series(values) -> pd.Series:
    return pd.Series(np.asarray(values, dtype=float))


def random_equity(seed: int, size: int = 300) -> pd.Series:
    steps = np.random.default_rng(seed).normal(0.0004, 0.012, size)
    return series(1e6 * np.exp(np.cumsum(steps)))


def brute_force_drawdown(equity) -> tuple[float, int]:
    values = list(equity)
    depth = max(
        1 - values[j] / values[i] for i in range(len(values)) for j in range(i, len(values))
    )
    longest = 0
    for start in range(len(values)):
        end = start
        while end < len(values) and values[end] < max(values[: end + 1]):
            end += 1
        longest = max(longest, end - start)
    return depth, longest


def ledger(trade, fill_price, position, equity) -> pd.DataFrame:
    return pd.DataFrame(
        {"trade": trade, "fill_price": fill_price, "position": position, "equity": equity}
    )


@pytest.mark.task(4)
def test_annualised_return_compounds():
    got = annualised_return(series([100, 110, 121]), periods_per_year=2)
    assert math.isclose(got, 0.21), (
        f"Task 4: 100 -> 121 over 2 bars, at 2 bars a year, is 21% a year; got {got}"
    )
    year = series(100 * 1.1 ** (np.arange(TRADING_DAYS + 1) / TRADING_DAYS))
    assert math.isclose(annualised_return(year), 0.1), (
        f"Task 4: 10% growth over {TRADING_DAYS} returns ({TRADING_DAYS + 1} values) is 10% a "
        f"year by default; got {annualised_return(year)}"
    )
    month = series([100, 101])
    assert math.isclose(annualised_return(month, MONTHS), 1.01**12 - 1)
    with pytest.raises(ValueError):
        annualised_return(series([100]))


@pytest.mark.task(4)
@pytest.mark.parametrize("periods", [TRADING_DAYS, MONTHS])
def test_volatility_and_sharpe_against_numpy(periods):
    returns = equity_returns(random_equity(1))
    values = returns.to_numpy()
    volatility = np.std(values, ddof=1) * np.sqrt(periods)
    sharpe = np.mean(values) / np.std(values, ddof=1) * np.sqrt(periods)
    got_volatility = (
        annualised_volatility(returns, periods)
        if periods != TRADING_DAYS
        else annualised_volatility(returns)
    )
    got_sharpe = (
        sharpe_ratio(returns, periods) if periods != TRADING_DAYS else sharpe_ratio(returns)
    )
    assert math.isclose(got_volatility, volatility, rel_tol=1e-12), (
        f"Task 4: annualised volatility at {periods} bars a year: expected {volatility:.6f} "
        f"(std with ddof=1, times sqrt({periods})), got {got_volatility:.6f}"
    )
    assert math.isclose(got_sharpe, sharpe, rel_tol=1e-12), (
        f"Task 4: Sharpe ratio at {periods} bars a year: expected {sharpe:.6f}, "
        f"got {got_sharpe:.6f}"
    )


@pytest.mark.task(4)
def test_sharpe_without_risk_and_without_data():
    assert math.isnan(sharpe_ratio(series([0.01, 0.01, 0.01]))), (
        "Task 4: returns that never vary have no measurable risk: the Sharpe ratio is NaN"
    )
    for function in (sharpe_ratio, sortino_ratio, annualised_volatility):
        with pytest.raises(ValueError):
            function(series([0.01]))
    assert not math.isnan(sharpe_ratio(series([0.01, 0.02])))


@pytest.mark.task(4)
def test_sortino_counts_only_the_losses():
    returns = series([0.02, -0.01, 0.03, -0.02, 0.0])
    downside = math.sqrt((0.01**2 + 0.02**2) / 5)
    expected = 0.004 / downside * math.sqrt(MONTHS)
    got = sortino_ratio(returns, MONTHS)
    assert math.isclose(got, expected, rel_tol=1e-12), (
        f"Task 4: returns {returns.tolist()}: the downside deviation is "
        "sqrt((0.01^2 + 0.02^2) / 5) "
        f"(gains and the zero count as 0, and all 5 returns are in the mean), so Sortino at 12 "
        f"bars a year is {expected:.6f}; got {got:.6f}"
    )
    assert math.isclose(sortino_ratio(returns), 0.004 / downside * math.sqrt(TRADING_DAYS))
    assert sortino_ratio(series([0.01, 0.0, 0.02])) == math.inf, (
        "Task 4: without a single loss the Sortino ratio is infinite"
    )


@pytest.mark.task(4)
def test_max_drawdown_by_hand():
    equity = series([100, 120, 90, 110, 120, 130, 100])
    depth, duration = max_drawdown(equity)
    assert math.isclose(depth, 0.25) and duration == 2, (
        "Task 4: for equity 100, 120, 90, 110, 120, 130, 100 the deepest fall is 120 -> 90 "
        "(0.25), and the longest stretch below an earlier peak is 90, 110 (2 bars: back at "
        f"120 the drawdown is over; the final 100 is 1 bar); got ({depth}, {duration})"
    )
    assert max_drawdown(series([1, 2, 2, 3])) == (0.0, 0), "Task 4: equity that never falls"
    assert max_drawdown(series([5, 4, 3, 2]))[1] == 3, (
        "Task 4: a drawdown still open at the end counts"
    )


@pytest.mark.task(4)
@pytest.mark.parametrize("seed", [2, 3, 4])
def test_max_drawdown_against_brute_force(seed):
    equity = random_equity(seed, size=150)
    expected = brute_force_drawdown(equity)
    got = max_drawdown(equity)
    assert math.isclose(got[0], expected[0], rel_tol=1e-12) and got[1] == expected[1], (
        f"Task 4: random equity (seed {seed}): expected drawdown {expected}, got {got}"
    )


@pytest.mark.task(4)
def test_turnover_by_hand():
    book = ledger(
        [0, 10, 0, -10],
        [np.nan, 100.0, np.nan, 110.0],
        [0, 10, 10, 0],
        [1000.0, 1010.0, 1090.0, 1100.0],
    )
    traded = 10 * 100.0 + 10 * 110.0
    expected = traded / book["equity"].mean() * MONTHS / 4
    assert math.isclose(turnover(book, MONTHS), expected), (
        f"Task 4: 2,100 traded on a mean equity of {book['equity'].mean()} over 4 bars, at 12 "
        f"bars a year, is a turnover of {expected:.4f}; got {turnover(book, MONTHS)}"
    )
    assert math.isclose(turnover(book), traded / book["equity"].mean() * TRADING_DAYS / 4)
    with pytest.raises(ValueError):
        turnover(book.iloc[:0])
    one_bar = turnover(book.iloc[1:2], MONTHS)
    assert math.isclose(one_bar, 1000.0 / 1010.0 * MONTHS), (
        f"Task 4: a ledger of one bar that trades 1,000 on an equity of 1,010 turns over "
        f"{1000 / 1010 * MONTHS:.4f} a year at 12 bars a year; got {one_bar}"
    )


@pytest.mark.task(4)
def test_hit_rate_by_hand():
    book = ledger(
        [0] * 6,
        [np.nan] * 6,
        [5, 5, 5, 0, -5, -5],
        [100.0, 101.0, 99.0, 99.0, 99.0, 100.0],
    )
    got = hit_rate(book)
    assert math.isclose(got, 2 / 4), (
        "Task 4: of the bars after the first that hold a position (bars 1, 2, 4, 5), the equity "
        f"rose in bars 1 and 5 (an unchanged equity is not a gain): 2 / 4; got {got}"
    )
    assert math.isnan(hit_rate(ledger([0] * 3, [np.nan] * 3, [0, 0, 0], [1.0, 2.0, 3.0])))


@pytest.mark.task(4)
def test_summarise_collects_every_figure():
    equity = random_equity(5, 60)
    book = ledger([0] * 60, [np.nan] * 60, [1] * 60, equity)
    book.loc[10, ["trade", "fill_price"]] = [3, 50.0]
    figures = summarise(book, MONTHS)
    returns = equity.pct_change().iloc[1:]
    expected = {
        "annualised_return": annualised_return(equity, MONTHS),
        "annualised_volatility": annualised_volatility(returns, MONTHS),
        "sharpe": sharpe_ratio(returns, MONTHS),
        "sortino": sortino_ratio(returns, MONTHS),
        "max_drawdown": max_drawdown(equity)[0],
        "drawdown_bars": max_drawdown(equity)[1],
        "turnover": turnover(book, MONTHS),
        "hit_rate": hit_rate(book),
    }
    assert figures.keys() == expected.keys()
    for name, value in expected.items():
        assert math.isclose(figures[name], value), f"Task 4: summarise's {name} should be {value}"


@pytest.mark.task(4)
def test_the_sharpe_ratio_of_the_sp500(sp500, figure):
    returns = sp500["close"].pct_change().iloc[1:]
    sharpe = sharpe_ratio(returns)
    figure("sp500_sharpe", sharpe)
    assert math.isclose(sharpe, returns.mean() / returns.std() * math.sqrt(TRADING_DAYS)), (
        "Task 4: the Sharpe ratio of the S&P 500's daily returns, 1999-2018, should be "
        f"mean / std * sqrt({TRADING_DAYS}); got {sharpe:.4f}"
    )
