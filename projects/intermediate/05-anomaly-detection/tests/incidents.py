"""Incidents as the store, the API and the page tests need them: each from a minute after T0,
and AT, the fixed time of an acknowledgement."""

import pandas as pd

MARGIN = pd.Timedelta(minutes=30)  # plotted around an incident on its page
T0 = pd.Timestamp("2010-06-01 08:00")
AT = pd.Timestamp("2010-06-02 09:30:15")


def incident(id_: int, start_minute: int, length: int = 10, severity: str = "warning"):
    from monitoring.alerts import Incident

    start = T0 + pd.Timedelta(minutes=start_minute)
    return Incident(
        id=id_,
        start=start,
        end=start + pd.Timedelta(minutes=length),
        peak_time=start + pd.Timedelta(minutes=5),
        peak_score=1.5 + id_,
        severity=severity,
        signals={"jump": 1.5 + id_, "level": 0.25, "flatline": 0.0},
        readings=length // 5 + 1,
        open=False,
    )
