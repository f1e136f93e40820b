"""Task 7: the dashboard through FastAPI's TestClient: the API, the page, and bad requests.

The client answers a crash with status 500, as a real server would, instead of raising.
"""

import pytest
from fastapi.testclient import TestClient
from test_store import AT, queued


@pytest.fixture
def store(tmp_path):
    from moderation.store import DecisionStore

    store = DecisionStore(tmp_path / "decisions.sqlite")
    queued(store)
    yield store
    store.close()


@pytest.fixture
def client(store):
    from moderation.app import create_app

    return TestClient(create_app(store, clock=lambda: AT), raise_server_exceptions=False)


def detail_of(response, status: int, what: str):
    assert response.status_code == status, (
        f"Task 7: {what} should be answered {status}, got {response.status_code}: "
        f"{response.text[:300]}"
    )
    detail = response.json().get("detail")
    assert detail, f"Task 7: the answer to {what} should carry a 'detail' that says why"
    return detail


@pytest.mark.task(7)
def test_the_api_shows_the_queue_and_the_posts(client, store):
    from moderation.app import TITLE

    assert client.get("/openapi.json").json()["info"]["title"] == TITLE, (
        f"Task 7: the app should be titled {TITLE!r} (FastAPI(title=...))"
    )
    queue = client.get("/api/queue")
    assert queue.status_code == 200 and queue.json() == store.review_queue(), (
        "Task 7: GET /api/queue should answer 200 with store.review_queue() (5 posts)"
    )
    two = client.get("/api/queue", params={"limit": 2})
    assert [p["post_id"] for p in two.json()] == ["c", "e"], "Task 7: ?limit=2 gives two posts"
    one = client.get("/api/posts/d")
    assert one.status_code == 200 and one.json() == store.decision("d")
    assert detail_of(client.get("/api/posts/zz"), 404, "GET /api/posts/zz") == "no post zz"


@pytest.mark.task(7)
def test_the_default_limit(tmp_path):
    from moderation.app import DEFAULT_LIMIT, create_app
    from moderation.policy import REVIEW
    from moderation.store import Decision, DecisionStore

    store = DecisionStore(tmp_path / "many.sqlite")
    store.record(
        [Decision(f"m{i}", "t", False, i / 100, REVIEW, 0) for i in range(DEFAULT_LIMIT + 3)]
    )
    client = TestClient(create_app(store), raise_server_exceptions=False)
    assert len(client.get("/api/queue").json()) == DEFAULT_LIMIT, (
        f"Task 7: without a limit, the queue gives DEFAULT_LIMIT ({DEFAULT_LIMIT}) posts"
    )
    page = client.get("/").text
    assert page.count("<tr data-post=") == DEFAULT_LIMIT and 'data-post="m52"' in page, (
        "Task 7: the page shows the first DEFAULT_LIMIT posts of the queue"
    )
    assert len(client.get("/api/queue", params={"limit": 500}).json()) == DEFAULT_LIMIT + 3
    store.close()


@pytest.mark.task(7)
def test_a_review_is_stored_once_and_becomes_a_label(client, store):
    response = client.post("/api/posts/g/review", json={"reviewer": "  Ada ", "verdict": "remove"})
    review = {"reviewer": "Ada", "verdict": "remove", "at": AT.isoformat()}
    assert response.status_code == 200 and response.json()["review"] == review, (
        f"Task 7: POST /api/posts/g/review should answer 200 with the review {review} (the name "
        f"stripped, the time from clock()); got {response.status_code} {response.text[:300]}"
    )
    assert store.decision("g")["review"] == review, "Task 7: the review is in the store"
    again = client.post("/api/posts/g/review", json={"reviewer": "Grace", "verdict": "approve"})
    assert detail_of(again, 409, "a second review") == "post 'g' was already reviewed by Ada"
    auto = client.post("/api/posts/d/review", json={"reviewer": "Grace", "verdict": "approve"})
    assert "not sent to review" in detail_of(auto, 409, "a review of a post removed automatically")
    missing = client.post("/api/posts/nope/review", json={"reviewer": "Ada", "verdict": "remove"})
    assert detail_of(missing, 404, "a review of an unknown post") == "no post nope"
    client.post("/api/posts/a/review", json={"reviewer": "Grace", "verdict": "approve"})
    labels = client.get("/api/labels")
    assert labels.status_code == 200 and labels.json() == store.labels(), (
        "Task 7: GET /api/labels should answer store.labels()"
    )
    assert [(x["post_id"], x["label"]) for x in labels.json()] == [("g", 1), ("a", 0)]


@pytest.mark.task(7)
@pytest.mark.parametrize(
    ("path", "body", "what"),
    [
        ("/api/posts/a/review", {"verdict": "remove"}, "no reviewer"),
        ("/api/posts/a/review", {"reviewer": "Ada"}, "no verdict"),
        ("/api/posts/a/review", {"reviewer": "   ", "verdict": "remove"}, "a name of spaces"),
        ("/api/posts/a/review", {"reviewer": "x" * 81, "verdict": "remove"}, "81 characters"),
        ("/api/posts/a/review", {"reviewer": "Ada", "verdict": "delete"}, "an unknown verdict"),
        ("/api/posts/a/review", {"reviewer": 7, "verdict": "remove"}, "a number for a name"),
        ("/api/posts/a/review", {"reviewer": "Ada", "verdict": "remove", "x": 1}, "a stray field"),
        ("/api/posts/a/review", ["Ada", "remove"], "a list for a body"),
        ("/api/posts/a%20b/review", {"reviewer": "Ada", "verdict": "remove"}, "a space in an id"),
        (f"/api/posts/{'a' * 65}/review", {"reviewer": "Ada", "verdict": "remove"}, "a long id"),
    ],
)
def test_bad_reviews_are_refused_with_a_reason(client, store, path, body, what):
    detail = detail_of(client.post(path, json=body), 422, what)
    assert isinstance(detail, list) and all(item.get("msg") and "loc" in item for item in detail), (
        f"Task 7: a 422 should list the problems, each with its loc and msg; got {detail}"
    )
    assert store.labels() == [], f"Task 7: {what} should change nothing"


@pytest.mark.task(7)
@pytest.mark.parametrize(
    "body",
    [
        '{"reviewer": NaN, "verdict": "remove"}',
        '{"reviewer": "Ada", "verdict": Infinity}',
        "NaN",
        "not json",
        "",
    ],
)
def test_nan_and_broken_json_are_refused_not_crashed_on(client, body):
    response = client.post(
        "/api/posts/a/review", content=body, headers={"Content-Type": "application/json"}
    )
    detail_of(response, 422, f"the body {body!r}")


@pytest.mark.task(7)
@pytest.mark.parametrize("limit", ["0", "-1", "501", "1.5", "ten", "9" * 30])
def test_a_bad_limit_is_refused(client, limit):
    detail_of(client.get("/api/queue", params={"limit": limit}), 422, f"limit={limit}")


@pytest.mark.task(7)
def test_limits_at_their_ends_are_accepted(client):
    from moderation.app import MAX_LIMIT, MAX_REVIEWER_CHARS

    assert client.get("/api/queue", params={"limit": 1}).status_code == 200
    assert client.get("/api/queue", params={"limit": MAX_LIMIT}).status_code == 200
    body = {"reviewer": "x" * MAX_REVIEWER_CHARS, "verdict": "approve"}
    assert client.post("/api/posts/c/review", json=body).status_code == 200, (
        f"Task 7: a name of {MAX_REVIEWER_CHARS} characters is accepted"
    )
    assert detail_of(client.get(f"/api/posts/{'a' * 64}"), 404, "an id of 64 characters")


@pytest.mark.task(7)
def test_the_page(client, store):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html"), (
        "Task 7: GET / should answer the queue page as HTML"
    )
    order = [page.text.index(f'data-post="{p}"') for p in ["c", "e", "g", "a", "f"]]
    assert order == sorted(order) and 'data-post="d"' not in page.text, (
        "Task 7: the page lists the queue in its order, and only the posts waiting for review"
    )
    assert "DROP TABLE decisions; --" in page.text and '"quote"' not in page.text, (
        "Task 7: a post's text is escaped on the page"
    )
