"""Task 4: the same funnel in SQL on DuckDB, equal to the pandas one."""

import pandas as pd
import pytest
from oracles import assert_same_table, funnel_oracle

FIVE = ("landing", "product_view", "cart", "checkout", "purchase")


@pytest.mark.task(4)
@pytest.mark.parametrize(
    ("strict", "by", "confidence"),
    [(True, (), 0.95), (False, ("device",), 0.9), (True, ("channel", "device"), 0.99)],
)
def test_sql_funnel_of_the_simulated_shop(small_sessions, strict, by, confidence):
    from journeys.funnel_sql import funnel_sql

    table = funnel_sql(small_sessions, FIVE, strict=strict, by=list(by), confidence=confidence)
    expected = funnel_oracle(small_sessions, FIVE, strict, by, confidence)
    assert_same_table(4, table, expected, f"strict={strict}, by={list(by)}")
    assert table["sessions"].dtype.kind == "i", (
        f"Task 4: sessions are counts: integers, not {table['sessions'].dtype}"
    )


@pytest.mark.task(4)
def test_sql_funnel_defaults_and_other_steps(small_sessions):
    from journeys.funnel_sql import funnel_sql

    assert_same_table(
        4, funnel_sql(small_sessions), funnel_oracle(small_sessions, FIVE), "defaults"
    )
    steps = ("landing", "checkout", "cart")
    assert_same_table(
        4,
        funnel_sql(small_sessions, steps, strict=False),
        funnel_oracle(small_sessions, steps, strict=False),
        f"steps={steps}, relaxed",
    )


@pytest.mark.task(4)
def test_names_and_values_that_would_break_a_formatted_query(small_sessions):
    from journeys.funnel_sql import funnel_sql

    sessions = small_sessions.rename(columns={"device": 'the "device"'}).copy()
    sessions["event"] = sessions["event"].replace({"cart": "it's a cart"})
    steps = ("landing", "product_view", "it's a cart")
    table = funnel_sql(sessions, steps, by=['the "device"'])
    expected = funnel_oracle(sessions, steps, by=['the "device"'])
    assert_same_table(4, table, expected, "a quote in a column name and in a step")


@pytest.mark.task(4)
def test_a_segment_with_no_session_reaching_a_step_has_nan_rates(log_of):
    from journeys.funnel_sql import funnel_sql

    log = log_of([(1, "a", "landing", 0), (2, "b", "cart", 0, {"device": "tablet"})])
    log["session"] = [0, 1]
    table = funnel_sql(log, ("landing", "cart"), by=["device"])
    expected = funnel_oracle(log, ("landing", "cart"), by=["device"])
    assert_same_table(4, table, expected, "rates over 0 sessions")
    assert table["from_previous"].isna().tolist() == [False, False, False, True]


@pytest.mark.task(4)
def test_the_query_runs_on_duckdb_not_on_pandas(small_sessions, monkeypatch):
    import duckdb

    import journeys.funnel
    import journeys.funnel_sql

    connections = []
    real_connect = duckdb.connect

    def counting_connect(*args, **kwargs):
        connections.append(args)
        return real_connect(*args, **kwargs)

    def refuse(*args, **kwargs):
        raise AssertionError("Task 4: funnel_sql must compute in SQL, not call Task 3's code")

    monkeypatch.setattr(journeys.funnel_sql.duckdb, "connect", counting_connect)
    for name in ("funnel", "step_times", "wilson_interval"):
        monkeypatch.setattr(journeys.funnel, name, refuse)
        if hasattr(journeys.funnel_sql, name):
            monkeypatch.setattr(journeys.funnel_sql, name, refuse)
    journeys.funnel_sql.funnel_sql(small_sessions)
    assert connections, "Task 4: funnel_sql must run its query on duckdb.connect()"


@pytest.mark.task(4)
def test_the_two_funnels_agree(small_sessions):
    from journeys.funnel import funnel
    from journeys.funnel_sql import funnel_sql

    for strict, by in ((True, ["device", "channel"]), (False, ["channel"])):
        pandas_table = funnel(small_sessions, strict=strict, by=by)
        sql_table = funnel_sql(small_sessions, strict=strict, by=by)
        pd.testing.assert_frame_equal(
            pandas_table,
            sql_table,
            check_dtype=False,
            rtol=1e-12,
            obj=f"Task 4: your pandas funnel (Task 3) and your SQL funnel, strict={strict}",
        )
