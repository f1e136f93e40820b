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
    raise NotImplementedError("Task 7: sort by value (descending) then name, drop zeros, keep top")


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
    app = FastAPI(title=TITLE)
    ...  # register validation_error for RequestValidationError
    ...  # find(incident_id): store.incident, or HTTPException(NOT_FOUND, "no incident ...")
    ...  # GET /api/incidents, GET /api/incidents/{incident_id},
    ...  # POST /api/incidents/{incident_id}/ack (409 on AlreadyAcknowledged),
    ...  # GET / (list_page) and GET /incidents/{incident_id} (incident_page), as HTML;
    ...  # an unknown incident's page is not_found_page, status NOT_FOUND
    # Return app.
    raise NotImplementedError("Task 7: the validation handler, then the five routes over the store")
