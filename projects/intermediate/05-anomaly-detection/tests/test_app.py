"""Task 7: the dashboard through FastAPI's TestClient: the API, the pages, and bad requests.

The client answers a crash with status 500, as a real server would, instead of raising.
"""

import pytest
from fastapi.testclient import TestClient
from incidents import AT, MARGIN, incident


@pytest.fixture
def store(tmp_path):
    from monitoring.store import IncidentStore

    store = IncidentStore(tmp_path / "incidents.sqlite")
    store.save([incident(1, 0), incident(2, 200, severity="critical"), incident(3, 300)])
    yield store
    store.close()


@pytest.fixture
def client(store, readings):
    from monitoring.app import create_app

    app = create_app(store, readings, plot_margin=MARGIN, clock=lambda: AT)
    return TestClient(app, raise_server_exceptions=False)


def detail_of(response, status: int, what: str):
    assert response.status_code == status, (
        f"Task 7: {what} should be answered {status}, got {response.status_code}: "
        f"{response.text[:300]}"
    )
    detail = response.json().get("detail")
    assert detail, f"Task 7: the answer to {what} should carry a 'detail' that says why"
    return detail


@pytest.mark.task(7)
@pytest.mark.parametrize(
    ("signals", "top", "expected"),
    [
        ({"jump": 1.5, "level": 0.2, "flatline": 0.0}, 3, [("jump", 1.5), ("level", 0.2)]),
        ({"level": 0.5, "jump": 0.5, "flatline": 2.0}, 2, [("flatline", 2.0), ("jump", 0.5)]),
        ({"a": 0.1, "b": 0.3, "c": 0.2}, 1, [("b", 0.3)]),
    ],
)
def test_strongest_signals(signals, top, expected):
    from monitoring.app import strongest_signals

    got = strongest_signals(signals, top=top)
    assert got == expected, (
        f"Task 7: strongest_signals({signals}, top={top}) should be {expected}: the largest "
        f"first, ties by name, none at 0, at most top; got {got}"
    )


@pytest.mark.task(7)
def test_the_api_lists_and_shows_incidents(client, store):
    from monitoring.app import TITLE

    schema = client.get("/openapi.json").json()
    assert schema["info"]["title"] == TITLE, (
        f"Task 7: the app should be titled {TITLE!r} (FastAPI(title=...)): its /docs page "
        f"shows it; got {schema['info']['title']!r}"
    )
    listed = client.get("/api/incidents")
    assert listed.status_code == 200 and listed.json() == store.incidents(), (
        "Task 7: GET /api/incidents should answer 200 with store.incidents()"
    )
    one = client.get("/api/incidents/2")
    assert one.status_code == 200 and one.json() == store.incident(2), (
        "Task 7: GET /api/incidents/2 should answer 200 with store.incident(2)"
    )
    detail = detail_of(client.get("/api/incidents/42"), 404, "GET /api/incidents/42")
    assert detail == "no incident 42", (
        f"Task 7: the 404 should say 'no incident 42', got {detail!r}"
    )


@pytest.mark.task(7)
def test_an_acknowledgement_is_stored_once(client, store):
    response = client.post("/api/incidents/3/ack", json={"by": "  Ada ", "note": "re-seated"})
    ack = {"by": "Ada", "note": "re-seated", "at": AT.isoformat()}
    assert response.status_code == 200 and response.json()["acknowledged"] == ack, (
        f"Task 7: POST /api/incidents/3/ack should answer 200 with the incident acknowledged "
        f"{ack} (the name stripped, the time from clock()); got {response.status_code} "
        f"{response.text[:300]}"
    )
    assert store.incident(3)["acknowledged"] == ack, "Task 7: the acknowledgement is in the store"
    again = client.post("/api/incidents/3/ack", json={"by": "Grace"})
    detail = detail_of(again, 409, "a second acknowledgement")
    assert detail == "incident 3 was already acknowledged by Ada", (
        f"Task 7: the 409 should say who acknowledged it first; got {detail!r}"
    )
    only_name = client.post("/api/incidents/1/ack", json={"by": "Grace"})
    assert only_name.status_code == 200 and only_name.json()["acknowledged"]["note"] == "", (
        "Task 7: the note is optional: it defaults to ''"
    )
    missing = client.post("/api/incidents/9/ack", json={"by": "Ada"})
    assert detail_of(missing, 404, "acknowledging incident 9") == "no incident 9"


@pytest.mark.task(7)
@pytest.mark.parametrize(
    ("path", "body", "what"),
    [
        ("/api/incidents/1/ack", {"note": "no name"}, "no 'by'"),
        ("/api/incidents/1/ack", {"by": "   "}, "a name of spaces only"),
        ("/api/incidents/1/ack", {"by": "x" * 81}, "a name of 81 characters"),
        ("/api/incidents/1/ack", {"by": "Ada", "note": "x" * 2001}, "a note of 2001 characters"),
        ("/api/incidents/1/ack", {"by": 7}, "a number for a name"),
        ("/api/incidents/1/ack", {"by": "Ada", "urgent": True}, "an unknown field"),
        ("/api/incidents/1/ack", ["Ada"], "a list for a body"),
        ("/api/incidents/one/ack", {"by": "Ada"}, "an id that is not a number"),
    ],
)
def test_bad_requests_are_refused_with_a_reason(client, store, path, body, what):
    detail = detail_of(client.post(path, json=body), 422, what)
    assert isinstance(detail, list) and all(item.get("msg") and "loc" in item for item in detail), (
        f"Task 7: a 422 should list the problems, each with its loc and msg; got {detail}"
    )
    assert store.incident(1)["acknowledged"] is None, f"Task 7: {what} should change nothing"


@pytest.mark.task(7)
@pytest.mark.parametrize(
    "body", ['{"by": NaN}', '{"by": "Ada", "note": Infinity}', "NaN", "not json", ""]
)
def test_nan_and_broken_json_are_refused_not_crashed_on(client, body):
    response = client.post(
        "/api/incidents/1/ack", content=body, headers={"Content-Type": "application/json"}
    )
    detail_of(response, 422, f"the body {body!r}")


@pytest.mark.task(7)
@pytest.mark.parametrize("incident_id", ["0", "-1", "1.5", str(2**63), "9" * 30])
def test_an_id_that_is_no_incident_id_is_refused(client, incident_id):
    for method, path in [
        ("GET", f"/api/incidents/{incident_id}"),
        ("GET", f"/incidents/{incident_id}"),
        ("POST", f"/api/incidents/{incident_id}/ack"),
    ]:
        response = client.request(method, path, json={"by": "Ada"})
        detail_of(response, 422, f"{method} {path} (SQLite holds ids from 1 to 2**63 - 1)")


@pytest.mark.task(7)
def test_the_largest_id_sqlite_holds_is_looked_up(client):
    response = client.get(f"/api/incidents/{2**63 - 1}")
    assert detail_of(response, 404, "the largest id SQLite holds") == f"no incident {2**63 - 1}"


@pytest.mark.task(7)
def test_names_at_the_limits_are_accepted(client):
    from monitoring.app import MAX_NAME_CHARS, MAX_NOTE_CHARS

    body = {"by": "x" * MAX_NAME_CHARS, "note": "y" * MAX_NOTE_CHARS}
    response = client.post("/api/incidents/2/ack", json=body)
    assert response.status_code == 200, (
        f"Task 7: a name of {MAX_NAME_CHARS} characters and a note of {MAX_NOTE_CHARS} are "
        f"accepted; got {response.status_code}: {response.text[:300]}"
    )


@pytest.mark.task(7)
def test_the_pages(client, store):
    home = client.get("/")
    assert home.status_code == 200 and home.headers["content-type"].startswith("text/html"), (
        "Task 7: GET / should answer the list page as HTML"
    )
    assert all(f'href="/incidents/{i}"' in home.text for i in (1, 2, 3)), (
        "Task 7: the list page links to each incident's page"
    )
    store.acknowledge(2, "<b>Ada</b>", "fine", AT)
    page = client.get("/incidents/2")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html"), (
        "Task 7: GET /incidents/2 should answer its page as HTML (content-type text/html)"
    )
    assert "<svg" in page.text, "Task 7: the incident's page shows the plot as inline SVG"
    assert "&lt;b&gt;Ada&lt;/b&gt;" in page.text and "<b>Ada</b>" not in page.text, (
        "Task 7: a name typed by a person is escaped on the page"
    )
    ordered = page.text.index("<li>jump: 3.50</li>") < page.text.index("<li>level: 0.25</li>")
    assert ordered and "flatline:" not in page.text, (
        "Task 7: the page lists the strongest signals, largest first, none at 0"
    )
    missing = client.get("/incidents/77")
    assert missing.status_code == 404, (
        f"Task 7: the page of incident 77, which is not stored, should be answered 404, "
        f"got {missing.status_code}"
    )
    assert missing.headers["content-type"].startswith("text/html"), (
        "Task 7: a missing incident's page is for a person: answer not_found_page as HTML, "
        f"not {missing.headers['content-type']}"
    )
    assert "no incident 77" in missing.text and 'href="/"' in missing.text, (
        "Task 7: the 404 page says 'no incident 77' and links back to the list"
    )


@pytest.mark.task(7)
def test_the_page_plots_the_readings_around_the_incident(client, store, readings, monkeypatch):
    calls = []

    def stand_in_plot(series, row, margin):
        calls.append((series, row, margin))
        return "<svg><!-- the plot --></svg>"

    monkeypatch.setattr("monitoring.app.plot_around", stand_in_plot)
    page = client.get("/incidents/3")
    assert page.status_code == 200 and "<svg><!-- the plot --></svg>" in page.text, (
        "Task 7: the incident's page should hold the SVG of plot_around(...) itself"
    )
    assert len(calls) == 1 and calls[0][0] is readings and calls[0][1] == store.incident(3), (
        "Task 7: the page should plot the app's readings around the incident from the store"
    )
    assert calls[0][2] == MARGIN, (
        f"Task 7: the plot should span plot_margin={MARGIN} around the incident, got {calls[0][2]}"
    )
