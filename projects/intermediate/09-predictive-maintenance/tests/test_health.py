"""Task 4: a health index fitted on training units, and CUSUM onset with its lead time."""

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LinearRegression

from maintenance.health import HealthIndex, cusum_onset, onset_cycles
from maintenance.simulator import SENSORS


def two_units(seed=4):
    rng = np.random.default_rng(seed)
    frames = []
    for unit, first, last in ((1, 1, 90), (2, 6, 70)):
        cycles = np.arange(first, last + 1)
        frame = pd.DataFrame(rng.normal(size=(cycles.size, 3)), columns=list(SENSORS[:3]))
        frame[list(SENSORS[:3])] += np.linspace(0, 3, cycles.size)[:, None] * [1, -1, 0.5]
        frame.insert(0, "unit", unit)
        frame.insert(1, "cycle", cycles)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


@pytest.mark.task(4)
@pytest.mark.parametrize(("healthy", "failing"), [(30, 30), (20, 25)])
def test_health_index_is_a_regression_on_the_first_and_last_cycles(healthy, failing):
    frame = two_units()
    sensors = list(SENSORS[:3])
    args = (
        {}
        if (healthy, failing) == (30, 30)
        else {"healthy_cycles": healthy, "failing_cycles": failing}
    )
    index = HealthIndex(sensors, **args).fit(frame)
    first = frame.groupby("unit")["cycle"].transform("min")
    last = frame.groupby("unit")["cycle"].transform("max")
    is_healthy = frame["cycle"] - first < healthy
    is_failing = last - frame["cycle"] < failing
    rows = is_healthy | is_failing
    want = LinearRegression().fit(frame.loc[rows, sensors], is_healthy[rows].astype(float))
    np.testing.assert_allclose(
        np.append(index.model.coef_, index.model.intercept_),
        np.append(want.coef_, want.intercept_),
        rtol=1e-9,
        atol=1e-12,
        err_msg=f"Task 4: a LinearRegression on the rows with cycle - first < {healthy} (target "
        f"1) and last - cycle < {failing} (target 0), each unit's first and last cycle its own",
    )
    np.testing.assert_allclose(index.transform(frame), want.predict(frame[sensors]), rtol=1e-9)


def cusum_by_hand(health, baseline, slack, threshold):
    mu, sigma = np.mean(health[:baseline]), np.std(health[:baseline])
    s = 0.0
    for t in range(baseline, len(health)):
        s = max(0.0, s + (mu - health[t]) / sigma - slack)
        if s > threshold:
            return t
    return None


@pytest.mark.task(4)
@pytest.mark.parametrize(
    ("baseline", "slack", "threshold"), [(30, 0.5, 8.0), (10, 0.25, 4.0), (35, 1.0, 6.0)]
)
def test_cusum_against_the_definition(baseline, slack, threshold):
    rng = np.random.default_rng(baseline)
    for trial in range(20):
        drop_at = int(rng.integers(40, 120))
        health = 1 + rng.normal(0, 0.1, 150)
        health[drop_at:] -= np.linspace(0, rng.uniform(0.2, 1.5), 150 - drop_at)
        args = (
            {}
            if (baseline, slack, threshold) == (30, 0.5, 8.0)
            else {"baseline": baseline, "slack": slack, "threshold": threshold}
        )
        got = cusum_onset(health, **args)
        want = cusum_by_hand(health, baseline, slack, threshold)
        assert got == want, (
            f"Task 4: cusum_onset(baseline={baseline}, slack={slack}, threshold={threshold}) "
            f"should alarm at position {want}, got {got} (trial {trial})"
        )


@pytest.mark.task(4)
def test_cusum_boundaries():
    baseline = [1.0, -1.0] * 5  # mean 0, std 1
    steps = [-1.5, -1.5, -1.5]  # each adds (0 + 1.5) / 1 - 0.5 = 1.0 to s
    assert cusum_onset(np.array(baseline + steps), baseline=10, slack=0.5, threshold=2.0) == 12, (
        "Task 4: s reaches exactly 2.0 at position 11 (no alarm: s must exceed the threshold) "
        "and 3.0 at position 12"
    )
    assert cusum_onset(np.array(baseline + [-0.4] * 30), baseline=10, slack=0.5) is None, (
        "Task 4: a drift smaller than the slack never accumulates: no alarm, None"
    )
    early = np.array([1.0, -1.0] * 2 + [-50.0] + [1.0, -1.0] * 2 + [0.0] * 3)
    assert cusum_onset(early, baseline=4, slack=0.5, threshold=2.0) == 4
    assert cusum_onset(early, baseline=6, slack=0.5, threshold=2.0) is None, (
        "Task 4: the baseline's own values are not monitored"
    )
    assert cusum_onset(np.arange(11.0), baseline=10) is None
    with pytest.raises(ValueError, match="baseline"):
        cusum_onset(np.arange(10.0), baseline=10)


@pytest.mark.task(4)
def test_onset_detection_on_the_held_out_fleet(test_features, test_fleet, metric, figure):
    alarms = onset_cycles(test_features, test_features["health"].to_numpy())
    truth = test_fleet.units.set_index("unit")
    lead = truth["last"] - alarms
    early = alarms < truth["onset"]
    metric("onset_detection_rate", alarms.notna().mean())
    metric("median_lead_time", lead.median())
    metric("false_alarm_share", early.mean())
    figure("median_detection_delay", (alarms - truth["onset"]).median())
