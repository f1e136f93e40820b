"""Task 5: a prediction service another program can call.

`create_app(model_path)` builds the FastAPI application: it loads the model once,
when the service starts (the lifespan), not on every request, and serves

    GET  /health           is the service up, and which model does it serve?
    POST /predict          one House (schema.py)  -> {"price": ...}
    POST /predict/batch    {"houses": [House, ...]} (1 to MAX_BATCH_SIZE) -> {"prices": [...]}

with the OpenAPI schema at /openapi.json and interactive docs at /docs. A request
that breaks the schema never reaches the endpoints: FastAPI answers 422 (through
`validation_error`) and lists each bad field with its location, for example
`["body", "houses", 3, "gr_liv_area"]`.

Run it with `python -m house_prices serve MODEL_PATH` (see __main__.py).
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from house_prices.schema import (
    MAX_BATCH_SIZE,
    BatchPrediction,
    Health,
    House,
    HouseBatch,
    Prediction,
)

API_VERSION = "1.0.0"
UNPROCESSABLE = 422  # the request was well-formed HTTP but its content breaks the schema


async def validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
    """Answer 422 with the location, message and type of each error, and nothing more.

    `{"detail": [{"loc": [...], "msg": "...", "type": "..."}, ...]}`, the shape of FastAPI's
    own answer without the `input` and `ctx` it adds: it echoes each bad value back, and
    when the value is NaN (Python's json module reads `NaN` in a body) the error response
    cannot be written as JSON, so the client gets a 500 instead of a 422.
    """
    raise NotImplementedError(
        "Task 5: a JSONResponse(422) listing loc, msg and type of error.errors()"
    )


def create_app(model_path: Path) -> FastAPI:
    """Return the application serving the model saved at `model_path` by `save_model`."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        """Load the model into `app.state.model` before the first request, then serve.

        A missing file must stop the service at start-up with load_model's error,
        not fail every request later.
        """
        raise NotImplementedError("Task 5: load_model(model_path) into app.state.model")
        yield  # the service answers requests while the lifespan waits here

    app = FastAPI(
        title="Ames house prices",
        version=API_VERSION,
        description=(
            "Predicts the sale price of a house in Ames, Iowa, from a model trained on "
            f"the sales of 2006 to 2010. Batches hold at most {MAX_BATCH_SIZE} houses."
        ),
        lifespan=lifespan,
    )
    app.add_exception_handler(RequestValidationError, validation_error)

    @app.get("/health")
    def health(request: Request) -> Health:
        """Report that the service is up and which model it loaded."""
        return Health(status="ok", model=type(request.app.state.model).__name__)

    @app.post("/predict")
    def predict(house: House, request: Request) -> Prediction:
        """Predict the sale price of one house, in dollars."""
        raise NotImplementedError(
            "Task 5: one-row frame with houses_to_frame, predict, wrap the price"
        )

    @app.post("/predict/batch")
    def predict_batch(batch: HouseBatch, request: Request) -> BatchPrediction:
        """Predict the sale prices of up to MAX_BATCH_SIZE houses, in their order."""
        raise NotImplementedError("Task 5: one frame for the whole batch, one predict call")

    return app
