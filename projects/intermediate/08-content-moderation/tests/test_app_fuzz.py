"""Task 7: property-based fuzzing of the API: whatever a client sends, no server error.

Schemathesis reads the app's own /openapi.json and writes requests from it with
Hypothesis, derandomized (the same requests on every run) and bounded: "positive"
ones that follow the schema (post ids and names at and around their limits, any
Unicode) and "negative" ones that break it on purpose (wrong types, missing or extra
fields, bodies that are not JSON at all). test_app.py adds the cases a fuzzer does not
write, such as NaN and Infinity, which Python's json reads but the schema cannot
describe. The service must answer 200 or a 4xx every time: a 5xx means it crashed,
and the moderator's page could not have said what was wrong.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from test_store import AT, queued

EXAMPLES = 25  # schema-driven requests per route and mode
REPLAY_URL = "http://127.0.0.1:8000"  # where the curl command of a failure points
FUZZ_SETTINGS = {
    "derandomize": True,
    "deadline": None,
    "database": None,
    "suppress_health_check": list(HealthCheck),
}
ROUTES = [("/api/posts/{post_id}/review", "POST"), ("/api/queue", "GET")]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    from moderation.app import create_app
    from moderation.store import DecisionStore

    store = DecisionStore(tmp_path_factory.mktemp("fuzz") / "decisions.sqlite")
    queued(store)
    yield schemathesis.openapi.from_asgi("/openapi.json", create_app(store, clock=lambda: AT))
    store.close()


@pytest.mark.task(7)
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize(("path", "method"), ROUTES)
@settings(max_examples=EXAMPLES, **FUZZ_SETTINGS)
@given(data=st.data())
def test_schema_fuzz(api_schema, path, method, mode, data):
    case = data.draw(api_schema[path][method].as_strategy(generation_mode=mode))
    response = case.call()
    try:
        case.validate_response(response, checks=[not_a_server_error])
    except Exception as failure:  # Schemathesis reports a failed check as an exception group
        raise AssertionError(
            f"Task 7: a {mode.value} request to {method} {path} got {response.status_code}, a "
            "server error: the service crashed where it should have answered 4xx (or 200). "
            f"Replay it against your running service: {case.as_curl_command(base_url=REPLAY_URL)}"
            f"\nResponse: {response.text[:300]}"
        ) from failure
