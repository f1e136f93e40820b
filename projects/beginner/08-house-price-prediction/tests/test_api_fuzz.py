"""Task 5: property-based fuzzing of the API: whatever a client sends, no server error.

Two fuzzers, both derandomized (the same requests on every run) and bounded:

- Schemathesis reads the app's own /openapi.json and writes request bodies from it
  with Hypothesis: "positive" ones that follow the schema (every field within its
  range and enum, in combinations nobody writes by hand, which may still break a
  cross-field rule) and "negative" ones that break it on purpose (wrong types, values
  out of range, missing or extra fields, bodies that are not JSON at all).
- A Hypothesis test of our own takes the schema's example house and replaces one
  field, or leaves it out, or adds an unknown one, with any JSON value: every field
  gets hit, including the ones a validator reads from another field's `info.data`.

The service must answer 200 or a 4xx every time: a 5xx means it crashed, and the
client could not have known what it did wrong.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

SINGLE_EXAMPLES = 25  # schema-driven requests to /predict, per mode
BATCH_EXAMPLES = 10  # to /predict/batch, per mode: each one generates many houses
FIELD_EXAMPLES = 100  # one-field mutations of a valid house
REPLAY_URL = "http://127.0.0.1:8000"  # where the curl command of a failure points
FUZZ_SETTINGS = {
    "derandomize": True,
    "deadline": None,
    "database": None,
    "suppress_health_check": list(HealthCheck),
}
MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]


class LeftOut:
    """Stands for a field left out of the body."""

    def __repr__(self) -> str:
        return "<left out>"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=4,
)


@pytest.fixture(scope="session")
def api_schema(app, client):
    """The app's OpenAPI schema, loaded by Schemathesis; `client` has run the lifespan."""
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def check_schema_case(api_schema, path: str, mode: GenerationMode, data) -> None:
    case = data.draw(api_schema[path]["POST"].as_strategy(generation_mode=mode))
    response = case.call()
    try:
        case.validate_response(response, checks=[not_a_server_error])
    except Exception as failure:  # Schemathesis reports a failed check as an exception group
        raise AssertionError(
            f"Task 5: a {mode.value} request to {path} got {response.status_code}, a server "
            "error: the service crashed where it should have answered 422 (or 200). Replay "
            f"it against your running service: {case.as_curl_command(base_url=REPLAY_URL)}\n"
            f"Response: {response.text[:300]}"
        ) from failure


@pytest.mark.task(5)
@pytest.mark.parametrize("mode", MODES)
@settings(max_examples=SINGLE_EXAMPLES, **FUZZ_SETTINGS)
@given(data=st.data())
def test_schema_fuzz_of_predict(api_schema, mode, data):
    check_schema_case(api_schema, "/predict", mode, data)


@pytest.mark.task(5)
@pytest.mark.parametrize("mode", MODES)
@settings(max_examples=BATCH_EXAMPLES, **FUZZ_SETTINGS)
@given(data=st.data())
def test_schema_fuzz_of_batch(api_schema, mode, data):
    check_schema_case(api_schema, "/predict/batch", mode, data)


@pytest.mark.task(5)
@settings(max_examples=FIELD_EXAMPLES, **FUZZ_SETTINGS)
@given(data=st.data())
def test_any_value_in_any_field_is_answered(client, example_house, data):
    field = data.draw(st.sampled_from([*example_house, "not_a_field"]), label="field")
    value = data.draw(JSON_VALUES | st.just(LeftOut()), label="value")
    house = {key: item for key, item in example_house.items() if key != field}
    if not isinstance(value, LeftOut):
        house[field] = value
    try:
        status = client.post("/predict", json=house).status_code
    except Exception as crash:  # the test client re-raises what crashed the service
        raise AssertionError(
            f"Task 5: the example house with {field} = {value!r} crashed the service with "
            f"{type(crash).__name__}: {crash}. It should answer 422 naming the field (or 200 "
            "if the value is valid). A validator that reads another field from info.data "
            "must cope with that field being absent"
        ) from crash
    assert status in (200, 422), (
        f"Task 5: the example house with {field} = {value!r} got {status}; expected 200 or 422"
    )
