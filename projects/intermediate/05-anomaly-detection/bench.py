"""How fast is the monitoring pipeline, does its memory stay flat, and how fast are your trees?

- The pipeline (your monitor and alert manager) handles one reading at a time in
  Python, as a live system must; pandas computes the same robust statistics of the
  whole series at once (a rolling median and MAD, an ewm mean and variance). The price
  of streaming is the ratio between the two.
- Memory: the peak memory traced while the pipeline reads 10,000 readings and while it
  reads 50,000. A pipeline whose memory is bounded needs about the same for both.
- Half-space trees: yours beside river's, over the same Shuttle rows.

    python bench.py    (with your copy's folder, or the reference's, on PYTHONPATH)

It prints rates and ratios from one run, never a pass or a fail.
"""

import time
import tracemalloc

import numpy as np
import pandas as pd

from monitoring.alerts import AlertManager
from monitoring.data import inject_anomalies, load_glucose, load_shuttle, to_events
from monitoring.evaluate import run_stream
from monitoring.hst import HalfSpaceTrees, progressive_scores
from monitoring.monitor import Monitor

SEED = 7
SIZES = (5_000, 25_000, 50_000)  # events read, for the memory
SHUTTLE_ROWS = 5_000


def seconds(job) -> float:
    start = time.perf_counter()
    job()
    return time.perf_counter() - start


def batch_signals(values: pd.Series) -> None:
    """The same statistics as the monitor's, for the whole series at once, in pandas."""
    changes = values.diff()
    rolling = changes.rolling(24, min_periods=12)
    rolling.median()
    rolling.apply(lambda w: np.median(np.abs(w - np.median(w))), raw=True)
    ewm = values.ewm(alpha=0.1, adjust=False)
    ewm.mean()
    ewm.var(bias=True)


def peak_memory(events: list[dict]) -> int:
    monitor, manager = (
        Monitor(),
        AlertManager(on=float("inf"), off=float("inf"), critical=float("inf")),
    )
    tracemalloc.start()
    run_stream(events, monitor, manager)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def river_progressive(rows: np.ndarray, limits) -> None:
    from river.anomaly import HalfSpaceTrees as RiverTrees

    model = RiverTrees(limits=dict(enumerate(limits)), seed=SEED)
    for row in rows:
        x = dict(enumerate(row.tolist()))
        model.score_one(x)
        model.learn_one(x)


def main() -> None:
    readings, _ = inject_anomalies(load_glucose(), seed=SEED)
    events = to_events(readings, seed=SEED)
    pipeline = seconds(lambda: run_stream(events, Monitor(), AlertManager()))
    batch = seconds(lambda: batch_signals(readings))
    print(f"{len(events):,} events of the glucose stream")
    print(f"  your pipeline:           {len(events) / pipeline:12,.0f} events a second")
    print(f"  pandas, the whole series:{len(readings) / batch:12,.0f} readings a second")
    print(f"yours: {pipeline / batch:.1f}x pandas' time for the same statistics")
    # The alert manager is silenced here: the incidents it keeps are output, not state.
    # It keeps the last KEPT refusals and gaps: memory grows until they are full, then stays.
    peaks = {size: peak_memory(events[:size]) for size in SIZES}
    print("peak memory: " + ", ".join(f"{peaks[n] / 1024:,.0f} KiB for {n:,}" for n in SIZES))
    print(
        f"yours: {peaks[SIZES[-1]] / peaks[SIZES[-2]]:.2f}x the memory from {SIZES[-2]:,} "
        f"events to {SIZES[-1]:,} (1.0 is flat)"
    )
    rows, _ = load_shuttle(SHUTTLE_ROWS, seed=SEED)
    limits = [(float(low), float(high)) for low, high in zip(rows.min(0), rows.max(0), strict=True)]
    mine = seconds(lambda: progressive_scores(HalfSpaceTrees(limits, seed=SEED), rows))
    theirs = seconds(lambda: river_progressive(rows, limits))
    print(f"half-space trees over {SHUTTLE_ROWS:,} Shuttle rows, score then learn each")
    print(f"yours: {mine / theirs:.2f}x river's time")


if __name__ == "__main__":
    main()
