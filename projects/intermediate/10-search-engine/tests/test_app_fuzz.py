"""Task 8: property-based fuzzing of the API: whatever a client sends, no server error.

Schemathesis reads the app's own /openapi.json and writes requests from it with
Hypothesis, derandomized (the same requests on every run) and bounded: "positive"
ones that follow the schema (any text of 1 to 200 characters for q, which the parser
must answer with results or a 400) and "negative" ones that break it on purpose.
test_app.py adds the cases a fuzzer does not write. The service must answer 200 or a
4xx every time: a 5xx means it crashed, and the client could not know what it did wrong.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

EXAMPLES = 60  # schema-driven requests to /search, per mode
REPLAY_URL = "http://127.0.0.1:8000"  # where the curl command of a failure points
FUZZ_SETTINGS = {
    "derandomize": True,
    "deadline": None,
    "database": None,
    "suppress_health_check": list(HealthCheck),
}


@pytest.fixture(scope="module")
def api_schema(topic_index):
    from search.app import create_app

    return schemathesis.openapi.from_asgi("/openapi.json", create_app(topic_index))


@pytest.mark.task(8)
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@settings(max_examples=EXAMPLES, **FUZZ_SETTINGS)
@given(data=st.data())
def test_schema_fuzz_of_search(api_schema, mode, data):
    case = data.draw(api_schema["/search"]["GET"].as_strategy(generation_mode=mode))
    response = case.call()
    try:
        case.validate_response(response, checks=[not_a_server_error])
    except Exception as failure:  # Schemathesis reports a failed check as an exception group
        raise AssertionError(
            f"Task 8: a {mode.value} request to /search got {response.status_code}, a server "
            "error: the service crashed where it should have answered 400 or 422 (or 200). "
            f"Replay it against your running service: {case.as_curl_command(base_url=REPLAY_URL)}"
            f"\nResponse: {response.text[:300]}"
        ) from failure
