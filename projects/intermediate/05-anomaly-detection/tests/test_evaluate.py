"""Task 5: the whole system on the glucose stream, judged incident by incident."""

import math

import pandas as pd
import pytest

T0 = pd.Timestamp("2010-06-01 00:00")
TOLERANCE = pd.Timedelta(minutes=10)


def at(minute: int) -> pd.Timestamp:
    return T0 + pd.Timedelta(minutes=minute)


TRUTH = pd.DataFrame(
    {
        "kind": ["spike", "level_shift", "stuck"],
        "start": [at(100), at(300), at(600)],
        "end": [at(100), at(400), at(700)],
    },
    index=[4, 7, 9],
)


@pytest.mark.task(5)
def test_first_detections_in_the_widened_windows():
    from monitoring.evaluate import first_detections

    detections = [at(330), at(89), at(90), at(290), at(711), at(350)]
    got = first_detections(TRUTH, detections, tolerance=TOLERANCE)
    expected = pd.Series([at(90), at(290), pd.NaT], index=TRUTH.index)
    assert got.index.equals(TRUTH.index) and list(got) == list(expected), (
        "Task 5: with a tolerance of 10 minutes, detections at minutes 330, 89, 90, 290, 711 "
        "and 350 should first detect the fault [100, 100] at 90 (start - tolerance, included), "
        "[300, 400] at 290, and [600, 700] not at all (711 is past end + tolerance); expected "
        f"{list(expected)} indexed as the truth, got {list(got)}"
    )


@pytest.mark.task(5)
def test_the_report_by_hand():
    from monitoring.evaluate import incident_report

    detections = [at(95), at(90), at(320), at(410), at(500), at(580), at(710), at(1000)]
    report = incident_report(TRUTH, detections, days=2.5, alerts=7, tolerance=TOLERANCE)
    # matched: 95 and 90 (the spike; 90 is start - tolerance: first, early, so 0 minutes),
    # 320 (shift, 20 minutes) and 410 (its end + tolerance), 710 (stuck, 110 minutes);
    # 580 is 20 minutes before the stuck sensor: inside the default tolerance, not this one
    precision = 5 / 8
    expected = (precision, 1.0, 2 * precision / (precision + 1), 20.0, 7 / 2.5)
    got = (
        report.precision,
        report.recall,
        report.f1,
        report.median_minutes_to_detect,
        report.alerts_per_day,
    )
    assert got == pytest.approx(expected, abs=1e-12), (
        "Task 5: detections at minutes 95, 90, 320, 410, 500, 580, 710, 1000 against faults "
        "[100, 100], [300, 400], [600, 700] with a tolerance of 10 minutes, 7 alerts in 2.5 days: "
        "(precision, recall, F1, median minutes to detect, alerts per day) should be "
        f"{expected} (a detection before the start counts 0 minutes); got {got}"
    )


@pytest.mark.task(5)
def test_the_report_of_silence_and_of_one_alert_per_detection():
    from monitoring.evaluate import incident_report

    quiet = incident_report(TRUTH, [], days=4.0)
    assert (quiet.precision, quiet.recall, quiet.f1, quiet.alerts_per_day) == (1.0, 0.0, 0.0, 0.0)
    assert math.isnan(quiet.median_minutes_to_detect), (
        "Task 5: with no detection: precision 1.0, recall 0.0, F1 0.0, no alerts, and a "
        f"median time to detect of NaN; got {quiet}"
    )
    report = incident_report(TRUTH, [at(125), at(300)], days=0.5)
    assert (report.recall, report.alerts_per_day, report.median_minutes_to_detect) == (
        2 / 3,
        4.0,
        12.5,
    ), (
        "Task 5: with the default tolerance of 30 minutes, detections at 125 and 300 find two "
        "faults after 25 and 0 minutes (median 12.5), and alerts default to one per "
        f"detection: 2 in half a day is 4.0 a day; got {report}"
    )


@pytest.mark.task(5)
def test_the_report_of_only_false_alarms_and_of_an_early_detection():
    from monitoring.evaluate import incident_report

    wrong = incident_report(TRUTH, [at(5000), at(6000)], days=1.0)
    assert (wrong.precision, wrong.recall, wrong.f1) == (0.0, 0.0, 0.0), (
        "Task 5: two detections far from every fault: precision 0.0, recall 0.0 and F1 0.0 "
        f"(precision + recall is 0: no division); got {wrong}"
    )
    early = incident_report(TRUTH, [at(80)], days=1.0)
    assert early.median_minutes_to_detect == 0.0, (
        "Task 5: a detection 20 minutes before a fault's start (inside the default tolerance "
        f"of 30) detects it in 0 minutes, not a negative time; got {early.median_minutes_to_detect}"
    )


class Recorder:
    """A stand-in for the monitor or the alert manager that records what it is given."""

    def __init__(self, answers=None):
        self.seen, self.answers = [], answers

    def process(self, event):
        self.seen.append(event)
        return self.answers.get(event) if self.answers else None

    update = process


@pytest.mark.task(5)
def test_run_stream_passes_each_score_on():
    from monitoring.evaluate import run_stream

    monitor, manager = Recorder({"a": "score a", "c": "score c"}), Recorder()
    run_stream(iter(["a", "b", "c", "d"]), monitor, manager)
    assert monitor.seen == ["a", "b", "c", "d"] and manager.seen == ["score a", "score c"], (
        "Task 5: run_stream should give every event to monitor.process, in order, and each "
        f"score that is not None to manager.update; the monitor saw {monitor.seen}, the "
        f"manager {manager.seen}"
    )


@pytest.fixture(scope="module")
def glucose_report(faulty, system_run):
    from monitoring.evaluate import incident_report, stream_days

    readings, truth = faulty
    _, manager, _ = system_run
    faults = truth[truth["kind"] != "missing"]
    detections = [incident.start for incident in manager.incidents]
    return incident_report(faults, detections, stream_days(readings), alerts=len(manager.alerts))


@pytest.mark.task(5)
def test_every_silence_injected_is_reported_as_a_gap(faulty, system_run):
    from monitoring.evaluate import first_detections

    _, truth = faulty
    _, _, gaps = system_run
    missing = truth[truth["kind"] == "missing"]
    found = first_detections(missing, [gap.end for gap in gaps])
    assert found.notna().all(), (
        "Task 5: every stretch of missing readings injected should end in a Gap of the "
        f"monitor; these did not: {missing[found.isna()].to_dict('records')}"
    )


@pytest.mark.task(5)
def test_the_system_pages_once_per_incident_and_once_per_escalation(system_run):
    _, manager, _ = system_run
    critical = sum(incident.severity == "critical" for incident in manager.incidents)
    escalated = sum(alert.reason == "escalated" for alert in manager.alerts)
    opened = [alert.incident for alert in manager.alerts if alert.reason == "opened"]
    assert opened == [incident.id for incident in manager.incidents] and escalated <= critical, (
        "Task 5: on the glucose stream, each incident should page once when it opens, and "
        "at most once more when it turns critical"
    )
    assert all(i.start <= i.peak_time <= i.end for i in manager.incidents)


@pytest.mark.task(5)
def test_recall_of_the_injected_faults(glucose_report, metric):
    metric("glucose_recall", glucose_report.recall)


@pytest.mark.task(5)
def test_f1_of_the_injected_faults(glucose_report, metric):
    metric("glucose_f1", glucose_report.f1)


@pytest.mark.task(5)
def test_median_time_to_detect(glucose_report, metric):
    metric("glucose_minutes_to_detect", glucose_report.median_minutes_to_detect)


@pytest.mark.task(5)
def test_alerts_per_day(glucose_report, metric):
    metric("glucose_alerts_per_day", glucose_report.alerts_per_day)
