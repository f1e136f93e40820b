"""The investigation dashboard: a JSON API over the incident store, and pages for people.

    GET  /api/incidents                 every incident, by start time
    GET  /api/incidents/{id}            one incident (404 when there is none)
    POST /api/incidents/{id}/ack        {"by": "...", "note": "..."}: acknowledge it
    GET  /                              the list page
    GET  /incidents/{id}                the incident's page: plot, signals, the form

A request that breaks the contract is answered 422 with the loc, msg and type of each
problem and never with the bad value itself (NaN in a body would make that a 500), as
in the sentiment kata. A missing incident is 404, a second acknowledgement 409: each
with a `detail` that says what was wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import pandas as pd
from fastapi import FastAPI, HTTPException, Path, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field

from monitoring.page import incident_page, list_page, not_found_page, plot_around
from monitoring.store import AlreadyAcknowledged, IncidentStore, UnknownIncident

MAX_NAME_CHARS = 80
MAX_NOTE_CHARS = 2_000
PLOT_MARGIN = pd.Timedelta(hours=3)
TOP_SIGNALS = 3
UNPROCESSABLE, NOT_FOUND, CONFLICT = 422, 404, 409
LARGEST_SQLITE_INTEGER = 2**63 - 1
TITLE = "Glucose sensor incidents"  # the API's title in its OpenAPI schema and at /docs

# An incident's id in a path: a whole number SQLite can hold. A larger one would crash
# the query (a 500) where the client deserves a 422.
IncidentId = Annotated[int, Path(ge=1, le=LARGEST_SQLITE_INTEGER)]


def strongest_signals(signals: dict[str, float], top: int = TOP_SIGNALS) -> list[tuple[str, float]]:
    """The `top` largest signals as (name, value), largest first, ties by name; none at 0."""
    # BEGIN SOLUTION (task 7): sort by value (descending) then name, drop zeros, keep top
    ranked = sorted(signals.items(), key=lambda item: (-item[1], item[0]))
    return [(name, value) for name, value in ranked if value > 0][:top]
    # END SOLUTION


async def validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
    """Answer 422 with the loc, msg and type of each problem, without the values."""
    detail = [
        {"loc": list(problem["loc"]), "msg": problem["msg"], "type": problem["type"]}
        for problem in error.errors()
    ]
    return JSONResponse(status_code=UNPROCESSABLE, content={"detail": detail})


class Acknowledgement(BaseModel, extra="forbid", str_strip_whitespace=True):
    """The body of an acknowledgement: who (1 to MAX_NAME_CHARS characters), and a note."""

    by: Annotated[str, Field(min_length=1, max_length=MAX_NAME_CHARS)]
    note: Annotated[str, Field(max_length=MAX_NOTE_CHARS)] = ""


def create_app(
    store: IncidentStore,
    readings: pd.Series,
    plot_margin: pd.Timedelta = PLOT_MARGIN,
    clock: Callable[[], pd.Timestamp] = pd.Timestamp.now,
) -> FastAPI:
    """The dashboard over `store`, titled TITLE, plotting `readings` `plot_margin` around each
    incident.

    `clock()` gives the time of an acknowledgement. Every route's id is an IncidentId
    (anything else is refused with 422 before the store is asked). An unknown incident
    is 404 with the detail "no incident {id}" for the API, and for its page (a person's
    browser) 404 with not_found_page("no incident {id}") as HTML; a second acknowledgement
    409 with the detail "incident {id} was already acknowledged by {who}".
    The incident's page shows strongest_signals(incident's signals).
    """
    # BEGIN SOLUTION (task 7): the validation handler, then the five routes over the store
    # BEGIN PROMPT
    # app = FastAPI(title=TITLE)
    # ...  # register validation_error for RequestValidationError
    # ...  # find(incident_id): store.incident, or HTTPException(NOT_FOUND, "no incident ...")
    # ...  # GET /api/incidents, GET /api/incidents/{incident_id},
    # ...  # POST /api/incidents/{incident_id}/ack (409 on AlreadyAcknowledged),
    # ...  # GET / (list_page) and GET /incidents/{incident_id} (incident_page), as HTML;
    # ...  # an unknown incident's page is not_found_page, status NOT_FOUND
    # # Return app.
    # END PROMPT
    app = FastAPI(title=TITLE)
    app.add_exception_handler(RequestValidationError, validation_error)

    def find(incident_id: int) -> dict:
        try:
            return store.incident(incident_id)
        except UnknownIncident:
            raise HTTPException(NOT_FOUND, f"no incident {incident_id}") from None

    @app.get("/api/incidents")
    def all_incidents() -> list[dict]:
        return store.incidents()

    @app.get("/api/incidents/{incident_id}")
    def one_incident(incident_id: IncidentId) -> dict:
        return find(incident_id)

    @app.post("/api/incidents/{incident_id}/ack")
    def acknowledge(incident_id: IncidentId, body: Acknowledgement) -> dict:
        incident = find(incident_id)
        try:
            return store.acknowledge(incident_id, body.by, body.note, clock())
        except AlreadyAcknowledged:
            who = incident["acknowledged"]["by"]
            raise HTTPException(
                CONFLICT, f"incident {incident_id} was already acknowledged by {who}"
            ) from None

    @app.get("/", response_class=HTMLResponse)
    def home() -> str:
        return list_page(store.incidents())

    @app.get("/incidents/{incident_id}", response_class=HTMLResponse)
    def page(incident_id: IncidentId) -> HTMLResponse:
        try:
            incident = store.incident(incident_id)
        except UnknownIncident:
            return HTMLResponse(not_found_page(f"no incident {incident_id}"), NOT_FOUND)
        plot = plot_around(readings, incident, plot_margin)
        signals = strongest_signals(incident["signals"])
        return HTMLResponse(incident_page(incident, plot, signals))

    return app
    # END SOLUTION
