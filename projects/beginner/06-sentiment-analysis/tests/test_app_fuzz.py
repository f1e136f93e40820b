"""Task 6: property-based fuzzing of the API: whatever a client sends, no server error.

Schemathesis reads the app's own /openapi.json and writes request bodies from it with
Hypothesis, derandomized (the same requests on every run) and bounded: "positive" ones
that follow the schema (texts at and around the limits, whitespace, any Unicode) and
"negative" ones that break it on purpose (wrong types, missing or extra fields, bodies
that are not JSON at all). test_app.py adds the cases a fuzzer does not write, such as
NaN and Infinity, which Python's json reads but the schema cannot describe.

The service must answer 200 or a 4xx every time: a 5xx means it crashed, and the client
could not have known what it did wrong.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from sentiment.app import create_app

EXAMPLES = 40  # schema-driven requests to /predict, per mode
REPLAY_URL = "http://127.0.0.1:8000"  # where the curl command of a failure points
FUZZ_SETTINGS = {
    "derandomize": True,
    "deadline": None,
    "database": None,
    "suppress_health_check": list(HealthCheck),
}


@pytest.fixture
def api_schema(keyword_model):
    """The OpenAPI schema of an app with small limits around the stand-in model."""
    app = create_app(keyword_model, max_texts=3, max_text_chars=20)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.task(6)
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@settings(max_examples=EXAMPLES, **FUZZ_SETTINGS)
@given(data=st.data())
def test_schema_fuzz_of_predict(api_schema, mode, data):
    case = data.draw(api_schema["/predict"]["POST"].as_strategy(generation_mode=mode))
    response = case.call()
    try:
        case.validate_response(response, checks=[not_a_server_error])
    except Exception as failure:  # Schemathesis reports a failed check as an exception group
        raise AssertionError(
            f"Task 6: a {mode.value} request to /predict got {response.status_code}, a server "
            "error: the service crashed where it should have answered 422 (or 200). Replay "
            f"it against your running service: {case.as_curl_command(base_url=REPLAY_URL)}\n"
            f"Response: {response.text[:300]}"
        ) from failure
