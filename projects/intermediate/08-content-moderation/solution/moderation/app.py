"""Task 7: the review dashboard, a JSON API over the decision store and a page for people.

    GET  /api/queue?limit=N               the posts waiting for review, likeliest harm first
    GET  /api/posts/{post_id}             one post's decision and review (404 when none)
    POST /api/posts/{post_id}/review      {"reviewer": "...", "verdict": "approve"|"remove"}
    GET  /api/labels                      the verdicts, as labels for the next model
    GET  /                                the queue page, with Approve and Remove buttons

A request that breaks the contract is answered 422 with the loc, msg and type of each
problem, never with the bad value itself (a NaN in a body would make that a 500). An
unknown post is 404; a verdict on a post that was not sent to review, or that has one
already, is 409: each with a `detail` that says what was wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Literal

from fastapi import FastAPI, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field

from moderation.page import queue_page
from moderation.store import AlreadyReviewed, DecisionStore, NotForReview, UnknownPost

MAX_REVIEWER_CHARS = 80
MAX_POST_ID_CHARS = 64
DEFAULT_LIMIT, MAX_LIMIT = 50, 500
UNPROCESSABLE, NOT_FOUND, CONFLICT = 422, 404, 409
TITLE = "Moderation review queue"

PostId = Annotated[
    str, Path(min_length=1, max_length=MAX_POST_ID_CHARS, pattern=r"^[A-Za-z0-9_-]+$")
]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]


async def validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
    """Answer 422 with the loc, msg and type of each problem, without the values."""
    detail = [
        {"loc": list(problem["loc"]), "msg": problem["msg"], "type": problem["type"]}
        for problem in error.errors()
    ]
    return JSONResponse(status_code=UNPROCESSABLE, content={"detail": detail})


class Verdict(BaseModel, extra="forbid", str_strip_whitespace=True):
    """The body of a review: who (1 to MAX_REVIEWER_CHARS characters), and the verdict."""

    reviewer: Annotated[str, Field(min_length=1, max_length=MAX_REVIEWER_CHARS)]
    verdict: Literal["approve", "remove"]


def create_app(store: DecisionStore, clock: Callable[[], datetime] = datetime.now) -> FastAPI:
    """The dashboard over `store`, titled TITLE; `clock()` gives the time of a review.

    Every route's post id is a PostId, the limit a Limit (DEFAULT_LIMIT when not
    given): FastAPI refuses anything else with 422 before the store is asked. An
    unknown post is 404 with the detail "no post {post_id}"; NotForReview and
    AlreadyReviewed are 409 with the error's message as the detail. The page shows
    queue_page of the first DEFAULT_LIMIT posts of the queue.
    """
    # BEGIN SOLUTION (task 7): the validation handler, then the five routes over the store
    # BEGIN PROMPT
    # app = FastAPI(title=TITLE)
    # ...  # register validation_error for RequestValidationError
    # ...  # GET /api/queue (limit: Limit = DEFAULT_LIMIT), GET /api/posts/{post_id},
    # ...  # POST /api/posts/{post_id}/review (404 and 409 as above), GET /api/labels,
    # ...  # GET / (queue_page) as HTML
    # # Return app.
    # END PROMPT
    app = FastAPI(title=TITLE)
    app.add_exception_handler(RequestValidationError, validation_error)

    @app.get("/api/queue")
    def review_queue(limit: Limit = DEFAULT_LIMIT) -> list[dict]:
        return store.review_queue(limit)

    @app.get("/api/posts/{post_id}")
    def one_post(post_id: PostId) -> dict:
        try:
            return store.decision(post_id)
        except UnknownPost:
            raise HTTPException(NOT_FOUND, f"no post {post_id}") from None

    @app.post("/api/posts/{post_id}/review")
    def review(post_id: PostId, body: Verdict) -> dict:
        try:
            return store.review(post_id, body.reviewer, body.verdict, clock())
        except UnknownPost:
            raise HTTPException(NOT_FOUND, f"no post {post_id}") from None
        except (NotForReview, AlreadyReviewed) as error:
            raise HTTPException(CONFLICT, str(error)) from None

    @app.get("/api/labels")
    def labels() -> list[dict]:
        return store.labels()

    @app.get("/", response_class=HTMLResponse)
    def home() -> str:
        return queue_page(store.review_queue(DEFAULT_LIMIT))

    return app
    # END SOLUTION
