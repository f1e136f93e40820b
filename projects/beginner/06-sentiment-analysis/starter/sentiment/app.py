"""A web service around a trained model: `POST /predict` for programs, `/` for people.

FastAPI turns a pydantic model of the request body into validation: a request
that does not fit it never reaches your code, and the client gets status 422
with a `detail` list that says, for each problem, where it is (`loc`) and what
is wrong (`msg`). Limits on the size of a request are part of that contract: a
text of a million characters, or a batch of a million texts, would tie up the
model for everyone else. The limits are parameters of `create_app`, so the
request model is built inside it. Pydantic reads its configuration from
keywords of the class (`class Body(BaseModel, extra="forbid")`) and its
constraints from `Field(...)`, inside `Annotated[...]` for the items of a list.

FastAPI's own 422 echoes each bad value back in the answer. Python's json module
reads `NaN`, `Infinity` and `-Infinity` in a body, and an answer holding one of
them cannot be written as JSON, so the client would get a 500 where it should get
a 422: `validation_error` answers without the values.
"""

from collections.abc import Sequence
from typing import Annotated, Literal, Protocol

import numpy as np
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field

MAX_TEXTS = 32  # texts in one request
MAX_TEXT_CHARS = 2_000  # characters in one text: a long review, far more than a tweet
THRESHOLD = 0.5  # P(great) from which a text is labelled great
UNPROCESSABLE = 422  # the request was well-formed HTTP, but its content breaks the contract

Label = Literal["other", "great"]
Probability = Annotated[float, Field(ge=0.0, le=1.0)]  # a constrained type, the pydantic way


class TextModel(Protocol):
    """What the app needs of a model: scikit-learn's `predict_proba` over raw texts."""

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Return an array of shape (len(texts), 2): P(other) and P(great) of each text."""
        ...


class Prediction(BaseModel):
    """The answer for one text: its label and the probability the model gives that label."""

    label: Label
    probability: Probability


class PredictResponse(BaseModel):
    """The body of a successful `POST /predict`: one prediction per text, in order."""

    predictions: list[Prediction]


def predict(model: TextModel, texts: Sequence[str]) -> list[Prediction]:
    """Label each text with the model: "great" when P(great) >= THRESHOLD, else "other".

    Each Prediction's probability is the one of its own label: P(great) for
    "great", 1 - P(great) for "other". So it is never below 0.5.
    """
    raise NotImplementedError(
        "Task 6: P(great) is column GREAT of predict_proba; label, then probability"
    )


async def validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
    """Answer status UNPROCESSABLE with the location, message and type of each problem.

    `{"detail": [{"loc": [...], "msg": "...", "type": "..."}, ...]}`: FastAPI's own
    answer without the `input` and `ctx` it adds, which echo the bad value back and
    turn a NaN or an infinite number in the body into a server error.
    """
    raise NotImplementedError(
        "Task 6: a JSONResponse(UNPROCESSABLE) of loc, msg and type of error.errors()"
    )


def create_app(
    model: TextModel, max_texts: int = MAX_TEXTS, max_text_chars: int = MAX_TEXT_CHARS
) -> FastAPI:
    """Return a FastAPI app that serves `model`.

    - `POST /predict` takes a JSON object with one field, `texts`: a list of 1
      to `max_texts` strings, each 1 to `max_text_chars` characters long once
      the whitespace around it is stripped. Any other field, any other type, an
      empty or too long text, an empty or too long list is refused with status
      422 and a reason, before the model is called: `validation_error` writes
      the answer, whatever the body held (NaN and infinite numbers included). A
      valid request gets a PredictResponse with the predictions of `predict`.
    - `GET /` returns the page of `sentiment.page.index_page(max_text_chars)` as HTML.
    """
    raise NotImplementedError(
        "Task 6: a request model with the limits, validation_error, the two routes"
    )
