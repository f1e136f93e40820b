"""Task 8: the live trader on a messy stream: checked events, parity, a kill switch."""

import math

import pandas as pd
import pytest

from trading.broker import Costs, Order
from trading.data import Bar, to_bars
from trading.engine import run_backtest
from trading.live import MAX_DRAWDOWN, LiveTrader, StreamReport, parse_bar, run_live
from trading.ml import MLStrategy
from trading.strategies import MovingAverageCrossover
from trading.stream import as_event, replay

GOOD = {
    "timestamp": "2024-03-05",
    "open": 10.0,
    "high": 12.0,
    "low": 9.5,
    "close": 11.0,
    "volume": 1500,
}


class Recording:
    """Holds `shares` always, and records when it was asked."""

    def __init__(self, shares):
        self.shares, self.asked = shares, []

    def on_bar(self, bar, portfolio):
        self.asked.append(bar.timestamp)
        return self.shares


def event(day: str, close: float, open_: float | None = None) -> dict:
    open_ = close if open_ is None else open_
    return {
        "timestamp": day,
        "open": open_,
        "high": max(open_, close),
        "low": min(open_, close),
        "close": close,
        "volume": 100.0,
    }


@pytest.mark.task(8)
def test_a_good_event_is_a_bar():
    bar = parse_bar(GOOD)
    assert bar == Bar(pd.Timestamp("2024-03-05"), 10.0, 12.0, 9.5, 11.0, 1500.0), (
        f"Task 8: parse_bar({GOOD}) should be the Bar of those values, got {bar!r}"
    )
    assert isinstance(bar.volume, float), "Task 8: every number of a Bar is a float"
    edge = GOOD | {"low": 10.0, "high": 11.0, "volume": 0}
    assert parse_bar(edge).low == 10.0, (
        "Task 8: a low equal to the open and a high equal to the close are fine, and so is "
        "a volume of 0"
    )


@pytest.mark.task(8)
@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"close": None}, "close: missing"),
        ({"timestamp": None}, "timestamp: missing"),
        ({"volume": None}, "volume: missing"),
        ({"timestamp": "yesterday-ish"}, "timestamp: 'yesterday-ish' is not a date"),
        ({"open": "10.0"}, "open: '10.0' is not a number"),
        ({"high": True}, "high: True is not a number"),
        ({"low": float("nan")}, "low: nan is not finite"),
        ({"volume": float("inf")}, "volume: inf is not finite"),
        ({"open": 0.0}, "open: 0.0 is not positive"),
        ({"low": -9.5}, "low: -9.5 is not positive"),
        ({"volume": -1}, "volume: -1 is negative"),
        ({"high": 10.5}, "low and high: 9.5 to 10.5 does not hold the open and close"),
        ({"low": 10.5}, "low and high: 10.5 to 12.0 does not hold the open and close"),
        ({"high": 9.9, "low": 9.0}, "low and high: 9.0 to 9.9 does not hold the open and close"),
        ({"open": 13.0}, "low and high: 9.5 to 12.0 does not hold the open and close"),
    ],
)
def test_a_malformed_event_is_refused_with_its_reason(change, message):
    broken = {name: value for name, value in (GOOD | change).items() if value is not None}
    with pytest.raises(ValueError) as caught:
        parse_bar(broken)
    assert str(caught.value) == message, (
        f"Task 8: parse_bar({broken}) should raise ValueError({message!r}), "
        f"got {str(caught.value)!r}"
    )


@pytest.mark.task(8)
def test_duplicates_late_and_missing_bars_are_reported():
    calendar = pd.DatetimeIndex(
        ["2024-03-04", "2024-03-05", "2024-03-06", "2024-03-07", "2024-03-08", "2024-03-11"]
    )
    stream = [
        event("2024-03-04", 10.0),
        event("2024-03-05", 11.0),
        event("2024-03-05", 11.0),  # 2: sent twice
        {"timestamp": "2024-03-06", "open": "?"},  # 3: malformed
        event("2024-03-09", 12.0),  # 4: a Saturday
        event("2024-03-08", 12.5),  # 5: skips the 6th and the 7th
        event("2024-03-07", 12.2),  # 6: too late
        event("2024-03-04", 10.0),  # 7: an old duplicate
        event("2024-03-11", 13.0),
    ]
    strategy = Recording(3)
    trader = run_live(stream, LiveTrader(strategy, calendar, cash=1000.0, costs=Costs(0, 0)))
    report = trader.report
    assert isinstance(report, StreamReport)
    processed = [
        pd.Timestamp(day) for day in ("2024-03-04", "2024-03-05", "2024-03-08", "2024-03-11")
    ]
    assert trader.engine.timestamps == processed and strategy.asked == processed, (
        f"Task 8: only the bars of 4, 5, 8 and 11 March should reach the engine and the "
        f"strategy, once each; got {[str(t.date()) for t in trader.engine.timestamps]}"
    )
    assert report.duplicates == [pd.Timestamp("2024-03-05"), pd.Timestamp("2024-03-04")], (
        f"Task 8: the bars of 5 and 4 March came again: duplicates; got {report.duplicates}"
    )
    assert report.late == [pd.Timestamp("2024-03-07")], (
        f"Task 8: the bar of 7 March came after the 8th: late; got {report.late}"
    )
    assert list(report.missing) == [pd.Timestamp("2024-03-06"), pd.Timestamp("2024-03-07")], (
        "Task 8: the 8th came straight after the 5th: the sessions of the 6th and the 7th are "
        f"missing; got {list(report.missing)}"
    )
    assert [position for position, _ in report.rejected] == [3, 4], (
        f"Task 8: events 3 (malformed) and 4 (a Saturday) should be rejected; got {report.rejected}"
    )
    reasons = [reason for _, reason in report.rejected]
    assert reasons == [
        "high: missing",
        "timestamp: 2024-03-09 00:00:00 is not a trading session",
    ], (
        "Task 8: a rejected event's reason is parse_bar's message (the first field at fault), or "
        f"'timestamp: ... is not a trading session'; got {reasons}"
    )
    assert report.halted_at is None


@pytest.mark.task(8)
def test_the_report_matches_what_the_feed_did(aapl, seed):
    prices = aapl.iloc[:800]
    feed = replay(
        prices, seed, duplicate_rate=0.03, delay_rate=0.02, drop_rate=0.02, malformed_rate=0.03
    )
    trader = run_live(feed.events, LiveTrader(MovingAverageCrossover(5, 20, 100), prices.index))
    report = trader.report
    assert report.duplicates == feed.duplicated, (
        "Task 8: every duplicated bar is reported, in order"
    )
    assert report.late == feed.delayed, "Task 8: every delayed bar arrives late and is reported so"
    assert sorted(report.missing) == sorted(feed.dropped + feed.delayed), (
        "Task 8: every session whose bar was dropped or came late is missing"
    )
    assert [position for position, _ in report.rejected] == feed.malformed, (
        "Task 8: every malformed event is rejected, with its position in the stream"
    )
    lost = set(feed.dropped + feed.delayed)
    assert trader.engine.timestamps == [day for day in prices.index if day not in lost], (
        "Task 8: every other bar reaches the engine, in order"
    )


@pytest.mark.task(8)
def test_a_crossover_trades_live_as_in_its_backtest(aapl, seed):
    feed = replay(aapl, seed, duplicate_rate=0.05, malformed_rate=0.05)
    backtest = run_backtest(to_bars(aapl), MovingAverageCrossover(10, 40, 500))
    live = run_live(
        feed.events, LiveTrader(MovingAverageCrossover(10, 40, 500), aapl.index, max_drawdown=1.0)
    )
    assert live.engine.orders == backtest.orders, (
        "Task 8: on a stream that loses no bar (only duplicates and malformed events), the live "
        "trader must place exactly the backtest's orders"
    )
    pd.testing.assert_frame_equal(live.engine.ledger(), backtest.ledger(), check_exact=True)


@pytest.mark.task(8)
def test_the_ml_strategy_trades_live_as_in_its_backtest(sp500, sp500_fold_models, seed, metric):
    folds = sp500_fold_models[-2:]
    feed = replay(sp500, seed + 1, duplicate_rate=0.04, malformed_rate=0.04)
    backtest = run_backtest(to_bars(sp500), MLStrategy(folds), costs=Costs())
    live = run_live(
        feed.events, LiveTrader(MLStrategy(folds), sp500.index, costs=Costs(), max_drawdown=1.0)
    )
    assert len(feed.duplicated) and len(feed.malformed), "the stream should be messy"
    ours, theirs = live.engine.orders, backtest.orders
    mismatches = sum(a != b for a, b in zip(ours, theirs, strict=True)) + abs(
        len(ours) - len(theirs)
    )
    metric("parity_mismatches", mismatches)


def falling_bars(closes):
    days = pd.date_range("2024-01-01", periods=len(closes), freq="B")
    return [
        as_event(
            day,
            {"open": 100.0, "high": max(100.0, c), "low": min(100.0, c), "close": c, "volume": 1.0},
        )
        for day, c in zip(days, closes, strict=True)
    ], days


@pytest.mark.task(8)
@pytest.mark.parametrize(("limit", "halts_at"), [(0.25, 3), (0.25000001, None), (0.125, 2)])
def test_the_kill_switch(limit, halts_at):
    # 10 shares bought at 100 with all the 1,000 in cash: equity 1000, 1280, 1120, 960, 1100, 1200
    events, days = falling_bars([100.0, 128.0, 112.0, 96.0, 110.0, 120.0])
    strategy = Recording(10)
    trader = run_live(
        events, LiveTrader(strategy, days, cash=1000.0, costs=Costs(0, 0), max_drawdown=limit)
    )
    equity = trader.engine.ledger()["equity"].tolist()
    if halts_at is None:
        assert trader.report.halted_at is None, (
            f"Task 8: equity {equity} falls 25% from its peak of 1280 at most: a limit of "
            f"{limit} is never reached"
        )
        return
    assert trader.report.halted_at == days[halts_at], (
        f"Task 8: equity {equity}: the drawdown from the peak (1280, not the starting cash) first "
        f"reaches {limit} at bar {halts_at} (>=: exactly the limit is enough); got "
        f"{trader.report.halted_at}"
    )
    assert strategy.asked == list(days[:halts_at]), (
        "Task 8: once halted, the strategy is never asked again (not even at the bar that halts)"
    )
    assert trader.engine.orders == [Order(days[0], 10), Order(days[halts_at], -10)], (
        "Task 8: the kill switch closes the position at the close that trips it, and nothing "
        f"trades afterwards; got {trader.engine.orders}"
    )
    assert trader.engine.ledger()["position"].iloc[halts_at + 1 :].eq(0).all()


@pytest.mark.task(8)
def test_the_default_drawdown_limit():
    events, days = falling_bars([100.0, 100.0, 85.0, 79.0, 60.0])
    trader = run_live(events, LiveTrader(Recording(10), days, cash=1000.0, costs=Costs(0, 0)))
    assert MAX_DRAWDOWN == 0.2 and trader.report.halted_at == days[3], (
        f"Task 8: with the default limit of {MAX_DRAWDOWN}, equity 1000, 1000, 850, 790 "
        "halts at bar 3"
    )
    assert math.isclose(trader.engine.ledger()["cash"].iloc[-1], 10 * 100.0 - 1000.0 + 1000.0)
