"""Task 6: incidents and acknowledgements in SQLite, kept across restarts."""

import pandas as pd
import pytest
from incidents import AT, incident


def expected_row(item, acknowledged=None) -> dict:
    return {
        "id": item.id,
        "start": item.start.isoformat(),
        "end": item.end.isoformat(),
        "peak_time": item.peak_time.isoformat(),
        "peak_score": item.peak_score,
        "severity": item.severity,
        "signals": item.signals,
        "readings": item.readings,
        "acknowledged": acknowledged,
    }


@pytest.fixture
def store(tmp_path):
    from monitoring.store import IncidentStore

    store = IncidentStore(tmp_path / "incidents.sqlite")
    store.save([incident(3, 200), incident(1, 0), incident(2, 200, severity="critical")])
    yield store
    store.close()


@pytest.mark.task(6)
def test_incidents_come_back_as_saved_by_start_then_id(store):
    got = store.incidents()
    expected = [
        expected_row(incident(1, 0)),
        expected_row(incident(2, 200, severity="critical")),
        expected_row(incident(3, 200)),
    ]
    assert got == expected, (
        "Task 6: incidents() should return every saved incident as a dict (times as ISO text, "
        "signals as a dict, acknowledged None), ordered by start and then id; expected "
        f"{expected}, got {got}"
    )
    assert store.incident(2) == expected[1], "Task 6: incident(2) should return incident 2"


@pytest.mark.task(6)
def test_an_unknown_incident_is_named(store):
    from monitoring.store import UnknownIncident

    with pytest.raises(UnknownIncident):
        store.incident(99)
    with pytest.raises(UnknownIncident):
        store.acknowledge(99, "Ada", "", AT)
    assert all(row["acknowledged"] is None for row in store.incidents()), (
        "Task 6: acknowledging an unknown incident should change nothing"
    )


@pytest.mark.task(6)
def test_an_acknowledgement_is_kept_once(store):
    from monitoring.store import AlreadyAcknowledged

    note = "Robert'); DROP TABLE incidents;-- looked: sensor re-seated"
    got = store.acknowledge(2, "Ada", note, AT)
    ack = {"by": "Ada", "note": note, "at": AT.isoformat()}
    assert got == expected_row(incident(2, 200, severity="critical"), ack), (
        f"Task 6: acknowledge should return the incident with acknowledged {ack}; got {got}"
    )
    with pytest.raises(AlreadyAcknowledged):
        store.acknowledge(2, "Grace", "me too", AT + pd.Timedelta(hours=1))
    assert store.incident(2)["acknowledged"] == ack, (
        "Task 6: a second acknowledgement should be refused and the first should stand"
    )
    assert [row["acknowledged"] for row in store.incidents()] == [None, ack, None], (
        "Task 6: only incident 2 is acknowledged"
    )


@pytest.mark.task(6)
def test_everything_survives_a_restart_and_a_save_keeps_the_acknowledgement(store, tmp_path):
    from monitoring.store import IncidentStore

    store.acknowledge(1, "Ada", "", AT)
    store.close()
    reopened = IncidentStore(tmp_path / "incidents.sqlite")
    longer = incident(1, 0, length=40)
    reopened.save([longer])
    got = reopened.incident(1)
    reopened.close()
    assert got == expected_row(longer, {"by": "Ada", "note": "", "at": AT.isoformat()}), (
        "Task 6: after closing and opening the store again, incident 1 and its "
        "acknowledgement should still be there, and saving incident 1 again (now 40 "
        f"minutes long) should replace it and keep the acknowledgement; got {got}"
    )
