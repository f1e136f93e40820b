"""How long do your sessions and your two funnels take, beside DuckDB doing the same job?

An analyst reruns a funnel many times a day, by segment after segment; the log of a
real shop is millions of rows. This prints, from one run on a simulated shop, your
pandas sessioniser beside the same rule in DuckDB SQL (LAG over each user's events),
and your pandas funnel beside your DuckDB funnel.

    python bench.py    (with your copy's folder, or the reference's, on PYTHONPATH)

It prints times and ratios from one run, never a pass or a fail.
"""

import time

import duckdb

from journeys.cleaning import clean_log
from journeys.funnel import funnel
from journeys.funnel_sql import funnel_sql
from journeys.sessions import SESSION_TIMEOUT, sessionise
from journeys.simulator import simulate_journeys

REPEATS = 3  # the best of three runs of each
USERS = 20_000

DUCKDB_SESSIONS = """
SELECT *, SUM(starts) OVER (ORDER BY "user", received, event_id) - 1 AS session
FROM (
    SELECT *, CASE WHEN received - LAG(received) OVER w > $timeout
                     OR LAG(received) OVER w IS NULL THEN 1 ELSE 0 END AS starts
    FROM events
    WINDOW w AS (PARTITION BY "user" ORDER BY received, event_id)
)
ORDER BY "user", received, event_id
"""


def best_time(job) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    events = clean_log(simulate_journeys(n_users=USERS, seed=3).log).events
    sessions = sessionise(events)

    def duckdb_sessions():
        connection = duckdb.connect()
        connection.register("events", events)
        connection.execute(DUCKDB_SESSIONS, {"timeout": SESSION_TIMEOUT}).df()
        connection.close()

    yours = best_time(lambda: sessionise(events))
    theirs = best_time(duckdb_sessions)
    pandas_funnel = best_time(lambda: funnel(sessions, by=["device", "channel"]))
    sql_funnel = best_time(lambda: funnel_sql(sessions, by=["device", "channel"]))
    print(f"{len(events):,} events of {USERS:,} simulated users, best of {REPEATS}")
    print(f"  your sessionise:                 {yours * 1000:8.1f} ms")
    print(f"  the same rule in DuckDB SQL:     {theirs * 1000:8.1f} ms")
    print(f"  your funnel in pandas (by 2):    {pandas_funnel * 1000:8.1f} ms")
    print(f"  your funnel in DuckDB (by 2):    {sql_funnel * 1000:8.1f} ms")
    print(f"yours: {yours / theirs:.2f}x DuckDB's time to sessionise")
    print(f"your SQL funnel: {sql_funnel / pandas_funnel:.2f}x your pandas funnel's time")


if __name__ == "__main__":
    main()
