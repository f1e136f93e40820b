"""Shared fixtures: the glucose stream with its injected faults, and a Shuttle sample.

Everything costly is built once per session. The package is imported inside the
fixtures, not at the top: this file loads before the kata's conftest.py has chosen
which implementation (starter, solution or yours) to import.
"""

import numpy as np
import pandas as pd
import pytest
from incidents import T0

FAULT_SEED = 7  # where the faults go in the glucose series
STREAM_SEED = 11  # which events of the stream come late, twice, or malformed
SHUTTLE_SEED = 5
SHUTTLE_ROWS = 3_000


@pytest.fixture(scope="session")
def glucose():
    """The real glucose readings, without faults."""
    from monitoring.data import load_glucose

    return load_glucose()


@pytest.fixture(scope="session")
def faulty(glucose):
    """The glucose series with seeded faults, and the truth table of what was injected."""
    from monitoring.data import inject_anomalies

    return inject_anomalies(glucose, seed=FAULT_SEED)


@pytest.fixture(scope="session")
def shuttle():
    """A sample of the Shuttle set, in stream order: features and labels."""
    from monitoring.data import load_shuttle

    return load_shuttle(SHUTTLE_ROWS, seed=SHUTTLE_SEED)


@pytest.fixture(scope="session")
def system_run(faulty):
    """Your monitor and alert manager, with their defaults, run over the messy faulty stream.

    Returns the monitor, the manager, and every gap the monitor reported (it keeps only
    the last KEPT of them).
    """
    from monitoring.alerts import AlertManager
    from monitoring.data import to_events
    from monitoring.monitor import Monitor

    readings, _ = faulty
    monitor, manager, gaps = Monitor(), AlertManager(), []
    for event in to_events(readings, seed=STREAM_SEED):
        seen = monitor.counts["gaps"]
        score = monitor.process(event)
        if monitor.counts["gaps"] > seen:
            gaps.append(monitor.gaps[-1])
        if score is not None:
            manager.update(score)
    return monitor, manager, gaps


@pytest.fixture
def readings() -> pd.Series:
    """Made-up glucose readings for the dashboard: 200, five minutes apart, from T0 - 6 h."""
    times = pd.date_range(T0 - pd.Timedelta(hours=6), periods=200, freq="5min")
    values = 120 + 10 * np.sin(np.arange(200) / 7)
    return pd.Series(values, index=times, name="glucose")
