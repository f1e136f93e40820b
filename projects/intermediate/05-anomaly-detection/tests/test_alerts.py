"""Task 4: the alert manager: hysteresis, incidents, deduplication, cooldown and severity."""

import pandas as pd
import pytest

T0 = pd.Timestamp("2010-06-01 08:00")


def at(minute: int) -> pd.Timestamp:
    return T0 + pd.Timedelta(minutes=minute)


def score(minute: int, value: float):
    """A Score whose signals differ, so that the largest of each over an incident is visible."""
    from monitoring.monitor import Score

    signals = {"jump": value, "level": value / 2 + minute / 1000, "flatline": minute / 100}
    return Score(at(minute), 100.0 + minute, signals, value)


def run(manager, steps):
    return [manager.update(score(minute, value)) for minute, value in steps]


STEPS = [
    (0, 1.9),  # under on: nothing
    (5, 2.0),  # on exactly: incident 1 opens, an alert
    (10, 1.2),  # off exactly: still open
    (15, 1.1),  # under off: closed (not part of it)
    (20, 1.5),  # between off and on while closed: nothing
    (35, 2.5),  # 25 minutes after incident 1 ended, beyond the cooldown of 20: incident 2
    (40, 4.0),  # critical exactly: escalated
    (45, 0.3),  # closed
    (60, 2.2),  # 20 minutes after incident 2 ended, the cooldown exactly: reopened, no alert
    (65, 0.0),  # closed
    (90, 5.0),  # 30 minutes later: incident 3, critical at once
    (95, 0.1),  # closed
    (100, 2.1),  # reopened within the cooldown: already critical, no alert
]


@pytest.fixture
def manager():
    from monitoring.alerts import AlertManager

    manager = AlertManager(on=2.0, off=1.2, critical=4.0, cooldown=pd.Timedelta(minutes=20))
    manager.returned = run(manager, STEPS)
    return manager


def summary(incident) -> tuple:
    return (
        incident.id,
        incident.start,
        incident.end,
        incident.peak_time,
        incident.peak_score,
        incident.severity,
        incident.readings,
        incident.reopened,
        incident.open,
    )


@pytest.mark.task(4)
def test_alerts_are_sent_once_per_incident_and_once_per_escalation(manager):
    from monitoring.alerts import Alert

    expected = [
        Alert(1, at(5), "warning", "opened"),
        Alert(2, at(35), "warning", "opened"),
        Alert(2, at(40), "critical", "escalated"),
        Alert(3, at(90), "critical", "opened"),
    ]
    assert manager.alerts == expected, (
        "Task 4: with on=2.0, off=1.2, critical=4.0 and a cooldown of 20 minutes, the scores "
        f"{STEPS} (minute, score) should alert {expected}; got {manager.alerts}"
    )
    returned = [alert for alert in manager.returned if alert is not None]
    assert returned == expected and len(manager.returned) == len(STEPS), (
        f"Task 4: update() should return each alert as it is raised, None otherwise; got {returned}"
    )


@pytest.mark.task(4)
def test_incidents_with_hysteresis_and_cooldown(manager):
    expected = [
        (1, at(5), at(10), at(5), 2.0, "warning", 2, 0, False),
        (2, at(35), at(60), at(40), 4.0, "critical", 3, 1, False),
        (3, at(90), at(100), at(90), 5.0, "critical", 2, 1, True),
    ]
    got = [summary(incident) for incident in manager.incidents]
    names = "(id, start, end, peak_time, peak_score, severity, readings, reopened, open)"
    assert got == expected, (
        f"Task 4: the incidents {names} should be {expected}; got {got}. A score equal to on "
        "opens, one equal to off keeps open, a new opening within the cooldown (equal "
        "included) reopens the last incident"
    )


@pytest.mark.task(4)
def test_an_incident_keeps_the_largest_of_each_signal(manager):
    second = manager.incidents[1]
    expected = {"jump": 4.0, "level": 2.0 + 0.040, "flatline": 0.60}
    assert second.signals == pytest.approx(expected, abs=1e-12), (
        "Task 4: incident 2 (readings at minutes 35, 40 and 60) should keep the largest value "
        f"each signal took: {expected}; got {second.signals}"
    )


@pytest.mark.task(4)
def test_the_first_of_equal_peaks_stays_the_peak_and_a_reopened_incident_escalates():
    from monitoring.alerts import AlertManager

    manager = AlertManager(on=2.0, off=1.0, critical=6.0, cooldown=pd.Timedelta(minutes=10))
    run(manager, [(0, 3.0), (5, 3.0), (10, 0.5), (15, 6.5), (20, 0.2), (36, 2.0)])
    first, second = manager.incidents
    assert (first.peak_time, first.peak_score, first.reopened) == (at(15), 6.5, 1), (
        "Task 4: the reading at minute 15 reopens incident 1 (10 minutes after its end) "
        f"and is its new peak; got peak {first.peak_time} {first.peak_score}, "
        f"reopened {first.reopened}"
    )
    assert [(a.incident, a.time, a.reason) for a in manager.alerts] == [
        (1, at(0), "opened"),
        (1, at(15), "escalated"),
        (2, at(36), "opened"),
    ], f"Task 4: a reopened incident that turns critical escalates; got {manager.alerts}"
    manager = AlertManager(on=2.0, off=1.0, critical=6.0)
    run(manager, [(0, 3.0), (5, 3.0)])
    assert manager.incidents[0].peak_time == at(0), (
        "Task 4: a later score equal to the peak does not move it: the peak is the first"
    )


@pytest.mark.task(4)
def test_the_defaults():
    from monitoring.alerts import AlertManager

    manager = AlertManager()
    run(manager, [(0, 1.0), (5, 0.5), (10, 0.49), (35, 1.0), (40, 3.0), (45, 0.0), (76, 1.5)])
    got = [(i.start, i.end, i.reopened, i.severity) for i in manager.incidents]
    expected = [(at(0), at(40), 1, "critical"), (at(76), at(76), 0, "warning")]
    assert got == expected, (
        "Task 4: AlertManager() opens at 1.0, stays open at 0.5, reopens within 30 minutes and "
        f"turns critical at 3.0: expected (start, end, reopened, severity) {expected}; got {got}"
    )
