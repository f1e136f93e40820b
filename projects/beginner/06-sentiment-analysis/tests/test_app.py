"""Task 6: the API through FastAPI's TestClient: good requests, and bad ones refused.

The client answers a crash with status 500, as a real server would, instead of raising.
"""

import pytest
from fastapi.testclient import TestClient

from sentiment.app import MAX_TEXT_CHARS, MAX_TEXTS, create_app

MAX_TEXTS_HERE = 3
MAX_CHARS_HERE = 20


@pytest.fixture
def client(keyword_model):
    """A client of an app with small limits, around the stand-in model."""
    return TestClient(
        create_app(keyword_model, max_texts=MAX_TEXTS_HERE, max_text_chars=MAX_CHARS_HERE),
        raise_server_exceptions=False,
    )


def refused(response, body) -> list[dict]:
    """Check that the request was refused with 422 and reasons; return the reasons."""
    assert response.status_code == 422, (
        f"Task 6: POST /predict with {body!r} should be refused with status 422, got "
        f"{response.status_code}: {response.text[:300]}"
    )
    detail = response.json().get("detail")
    assert isinstance(detail, list) and detail and all(item.get("msg") for item in detail), (
        f"Task 6: a 422 should carry a 'detail' list of problems, each with a 'msg'; got {detail!r}"
    )
    return detail


@pytest.mark.task(6)
def test_a_batch_gets_one_prediction_per_text_in_order(client, keyword_model):
    texts = ["I love this tea", "meh", "It is okay"]
    response = client.post("/predict", json={"texts": texts})
    assert response.status_code == 200, (
        f"Task 6: a valid request should get status 200, got {response.status_code}: "
        f"{response.text[:300]}"
    )
    predictions = response.json().get("predictions")
    expected = [("great", 0.9), ("other", 0.8), ("great", 0.5)]
    got = [(item["label"], item["probability"]) for item in predictions or []]
    assert [label for label, _ in got] == [label for label, _ in expected] and all(
        abs(p - q) < 1e-9 for (_, p), (_, q) in zip(got, expected, strict=True)
    ), (
        f"Task 6: for {texts} (P(great) 0.9, 0.2, 0.5), the predictions "
        f"should be {expected}: the label, and the probability of that label; got {got}"
    )
    assert keyword_model.calls == [texts], (
        f"Task 6: the model should be asked once about the whole batch, got {keyword_model.calls}"
    )


@pytest.mark.task(6)
def test_texts_at_the_limits_are_accepted(client):
    body = {"texts": ["love" + "x" * (MAX_CHARS_HERE - 4), "  padded but short  ", " k "]}
    response = client.post("/predict", json=body)
    assert response.status_code == 200, (
        f"Task 6: a text of exactly max_text_chars={MAX_CHARS_HERE} characters, one longer "
        "only by the spaces around it, and one of a single character should be accepted; got "
        f"{response.status_code}: {response.text[:300]}"
    )


@pytest.mark.task(6)
@pytest.mark.parametrize(
    ("body", "what"),
    [
        ({"texts": [""]}, "an empty text"),
        ({"texts": ["   \n "]}, "a text of whitespace only"),
        ({"texts": []}, "no text at all"),
        ({"texts": "I love it"}, "a string instead of a list"),
        ({"texts": [42]}, "a number instead of a text"),
        ({"texts": [None]}, "null instead of a text"),
        ({"text": ["I love it"]}, "a misspelt field"),
        ({"texts": ["I love it"], "debug": True}, "an unknown extra field"),
        (["I love it"], "a list instead of an object"),
    ],
)
def test_bad_requests_are_refused_with_a_reason(client, keyword_model, body, what):
    detail = refused(client.post("/predict", json=body), body)
    assert keyword_model.calls == [], (
        f"Task 6: {what} should be refused before the model is called, but it was called "
        f"with {keyword_model.calls}"
    )
    assert detail


@pytest.mark.task(6)
def test_a_text_too_long_is_refused_naming_the_limit(client, keyword_model):
    body = {"texts": ["fine", "x" * (MAX_CHARS_HERE + 1)]}
    detail = refused(client.post("/predict", json=body), body)
    assert any(str(MAX_CHARS_HERE) in item["msg"] for item in detail), (
        f"Task 6: the reason should name the limit of {MAX_CHARS_HERE} characters, got {detail}"
    )
    assert any(item.get("loc", [])[-2:] == ["texts", 1] for item in detail), (
        f"Task 6: the reason should point at the text at fault, loc [..., 'texts', 1]; got {detail}"
    )
    assert keyword_model.calls == [], "Task 6: nothing should reach the model"


@pytest.mark.task(6)
def test_too_many_texts_are_refused_naming_the_limit(client, keyword_model):
    body = {"texts": ["fine"] * (MAX_TEXTS_HERE + 1)}
    detail = refused(client.post("/predict", json=body), body)
    assert any(str(MAX_TEXTS_HERE) in item["msg"] for item in detail), (
        f"Task 6: the reason should name the limit of {MAX_TEXTS_HERE} texts, got {detail}"
    )
    assert keyword_model.calls == [], "Task 6: nothing should reach the model"


@pytest.mark.task(6)
def test_a_body_that_is_not_json_is_refused(client):
    body = "texts=I love it"
    response = client.post("/predict", content=body, headers={"Content-Type": "application/json"})
    refused(response, body)


@pytest.mark.task(6)
@pytest.mark.parametrize(
    ("body", "what"),
    [
        ("NaN", "NaN as the whole body"),
        ("-Infinity", "-Infinity as the whole body"),
        ('{"texts": NaN}', "NaN instead of the list"),
        ('{"texts": Infinity}', "Infinity instead of the list"),
        ('{"texts": [-Infinity]}', "-Infinity instead of a text"),
        ('{"texts": ["I love it", NaN]}', "NaN after a good text"),
        ('{"texts": ["I love it"], "weight": Infinity}', "Infinity in an extra field"),
        ('{"texts": [{"text": -Infinity}]}', "-Infinity in an object instead of a text"),
        ("[NaN, Infinity, -Infinity]", "a list of all three"),
    ],
)
def test_nan_and_infinity_are_refused_not_crashed_on(client, keyword_model, body, what):
    response = client.post("/predict", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code != 500, (
        f"Task 6: {what} ({body}) crashed the service (500): Python's json reads NaN and "
        "Infinity, and FastAPI's own 422 echoes the bad value back, which JSON cannot "
        "write. Answer 422 with the loc, msg and type of each problem (validation_error)"
    )
    refused(response, body)
    assert keyword_model.calls == [], f"Task 6: {what} should be refused before the model is called"


@pytest.mark.task(6)
def test_default_limits(keyword_model):
    client = TestClient(create_app(keyword_model))
    longest = {"texts": ["x" * MAX_TEXT_CHARS] * MAX_TEXTS}
    assert client.post("/predict", json=longest).status_code == 200, (
        f"Task 6: by default, {MAX_TEXTS} texts of {MAX_TEXT_CHARS} characters should be accepted"
    )
    refused(client.post("/predict", json={"texts": ["x"] * (MAX_TEXTS + 1)}), "MAX_TEXTS + 1 texts")
    refused(
        client.post("/predict", json={"texts": ["x" * (MAX_TEXT_CHARS + 1)]}),
        "a text of MAX_TEXT_CHARS + 1 characters",
    )


def stand_in_page(max_text_chars: int) -> str:
    return f"<p>the page, for texts of up to {max_text_chars} characters</p>"


@pytest.mark.task(6)
def test_the_page_is_served_as_html(keyword_model, monkeypatch):
    # Task 7 writes the page; here a stand-in takes its place, wherever the app imports it.
    monkeypatch.setattr("sentiment.page.index_page", stand_in_page)
    monkeypatch.setattr("sentiment.app.index_page", stand_in_page, raising=False)
    client = TestClient(
        create_app(keyword_model, max_text_chars=MAX_CHARS_HERE), raise_server_exceptions=False
    )
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith(
        "text/html"
    ), (
        f"Task 6: GET / should return the page as HTML (status 200, content-type text/html), "
        f"got {response.status_code} {response.headers.get('content-type')!r}"
    )
    assert response.text == stand_in_page(MAX_CHARS_HERE), (
        f"Task 6: GET / should return index_page(max_text_chars) itself, here "
        f"{stand_in_page(MAX_CHARS_HERE)!r}; got {response.text[:300]!r}"
    )
