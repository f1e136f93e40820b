"""The live trader: the backtest's Engine and strategy, fed by a stream of events.

Backtest/live parity: the same strategy object, run by the same Engine, must place the
same orders on a replayed stream as in its backtest. What a live feed adds is checked
here, before a bar reaches the engine: an event that is not a valid bar is rejected
with its reason, a bar seen before (a duplicate) or older than the last one processed
(late) is left out, and trading sessions the feed skipped are reported as missing.
None of them stops the trader; each goes in the report for a person to read.

The risk guard sits between the engine and the strategy: once the equity has fallen
`max_drawdown` below its peak, the trader closes the position and trades no more
(a kill switch: a strategy that has lost that much is not trusted to decide).
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from trading.broker import INITIAL_CASH, Costs, Portfolio
from trading.data import BAR_COLUMNS, PRICE_COLUMNS, Bar
from trading.engine import MAX_POSITION, Engine, Strategy

MAX_DRAWDOWN = 0.2  # a fifth of the peak equity lost: stop


@dataclass
class StreamReport:
    """What the live trader saw besides clean bars."""

    rejected: list[tuple[int, str]] = field(default_factory=list)  # (event position, reason)
    duplicates: list[pd.Timestamp] = field(default_factory=list)
    late: list[pd.Timestamp] = field(default_factory=list)
    missing: list[pd.Timestamp] = field(default_factory=list)
    halted_at: pd.Timestamp | None = None  # the bar at whose close the kill switch fired


def parse_bar(event: Mapping) -> Bar:
    """Return the Bar an event describes, or raise ValueError naming the field at fault.

    The event maps "timestamp" (a date string pandas reads) and each of BAR_COLUMNS
    (a number: int or float, not bool, not str). Messages, for the first fault found in
    that order of fields: "{name}: missing", "timestamp: {value!r} is not a date",
    "{name}: {value!r} is not a number", "{name}: {value!r} is not finite",
    "{name}: {value!r} is not positive" (for a price), "volume: {value!r} is negative";
    then, for a bar whose low is above its open or close, or whose high is below them:
    "low and high: {low} to {high} does not hold the open and close".
    """
    raise NotImplementedError(
        "Task 8: check every field in order, then that low and high bracket the bar"
    )


class LiveTrader:
    """Run `strategy` on a live stream of events, trading the sessions of `calendar`."""

    def __init__(
        self,
        strategy: Strategy,
        calendar: Sequence[pd.Timestamp],
        cash: float = INITIAL_CASH,
        costs: Costs | None = None,
        max_position: int = MAX_POSITION,
        max_drawdown: float = MAX_DRAWDOWN,
    ) -> None:
        self.strategy = strategy
        self.calendar = pd.DatetimeIndex(calendar)
        self.max_drawdown = max_drawdown
        self.engine = Engine(self, cash, costs, max_position)  # the engine asks self.on_bar
        self.peak_equity = float(cash)
        self.seen: set[pd.Timestamp] = set()
        self.report = StreamReport()

    def on_event(self, position: int, event: Mapping) -> None:
        """Handle the event at `position` in the stream. In this order: an event
        `parse_bar` refuses goes to report.rejected as (position, its message); a bar whose
        timestamp was processed before to report.duplicates; one older than the last bar
        processed to report.late; one whose timestamp is not a session of the calendar is
        rejected with the message "timestamp: {timestamp} is not a trading session". A bar
        that passes all that reports the sessions of the calendar strictly between the last
        bar processed and itself as missing, then goes to `self.engine.step`."""
        raise NotImplementedError(
            "Task 8: parse; leave out duplicates, late bars and unknown sessions"
        )

    def on_bar(self, bar: Bar, portfolio: Portfolio) -> int:
        """The engine's call for a target, after it recorded `bar`: the risk guard.

        Update the peak equity with `portfolio`'s equity at bar.close; when the equity is
        max_drawdown or more below the peak (1 - equity / peak >= max_drawdown), set
        report.halted_at to this bar's timestamp, once. Once halted, return 0 (close the
        position, and never ask the strategy again); until then, the strategy's target.
        """
        raise NotImplementedError(
            "Task 8: the peak, the drawdown from it, and a switch that stays off"
        )


def run_live(events: Iterable[Mapping], trader: LiveTrader) -> LiveTrader:
    """Feed every event to `trader.on_event` with its position in the stream; return it."""
    for position, event in enumerate(events):
        trader.on_event(position, event)
    return trader
