"""Task 8: snippets, pages and spelling, then the API through FastAPI's TestClient.

The client answers a crash with status 500, as a real server would, instead of raising.
"""

import math

import pytest
from fastapi.testclient import TestClient


@pytest.mark.task(8)
def test_snippets_by_hand():
    from search.app import snippet

    text = "one two Variance three four five variances six seven <b> eight"
    got = snippet(text, {"varianc"}, width=4)
    want = "one two <mark>Variance</mark> three …"
    assert got == want, (
        "Task 8: the first window of 4 words with the most hits, hits marked, ellipses where "
        f"the text goes on: expected {want!r}, got {got!r}"
    )
    got = snippet(text, {"varianc", "seven"}, width=3)
    want = "… <mark>variances</mark> six <mark>seven</mark> …"
    assert got == want, f"Task 8: the window with two hits wins: expected {want!r}, got {got!r}"
    got = snippet(text, {"eight"}, width=3)
    want = "… seven &lt;b&gt; <mark>eight</mark>"
    assert got == want, f"Task 8: words are HTML-escaped; no ellipsis at the end: got {got!r}"
    got = snippet(text, {"absent"}, width=2)
    assert got == "one two …", f"Task 8: with no hit, the first words: got {got!r}"
    assert snippet("short text", {"short"}) == "<mark>short</mark> text"
    got = snippet(" ".join(["w"] * 30), set())
    assert got == " ".join(["w"] * 20) + " …", f"Task 8: the default width is 20 words: {got!r}"
    got = snippet("a b c d", {"zz"}, width=4)
    assert got == "a b c d", (
        f"Task 8: a window exactly as long as the text has no ellipsis: {got!r}"
    )


@pytest.mark.task(8)
def test_pages_by_hand():
    from search.app import page_of

    ranking = list(range(23))
    assert page_of(ranking, 1, 10) == list(range(10))
    assert page_of(ranking, 3, 10) == [20, 21, 22], "Task 8: the last page holds what is left"
    assert page_of(ranking, 4, 10) == [], "Task 8: past the end, an empty page"
    assert page_of(ranking, 2, 7) == list(range(7, 14))


@pytest.mark.task(8)
@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("kitten", "sitting", 3),
        ("", "abc", 3),
        ("abc", "", 3),
        ("regresion", "regression", 1),
        ("variance", "varaince", 2),
        ("same", "same", 0),
        ("flaw", "lawn", 2),
    ],
)
def test_edit_distance_by_hand(a, b, distance):
    from search.spelling import edit_distance

    got = edit_distance(a, b)
    assert got == distance, f"Task 8: edit_distance({a!r}, {b!r}) should be {distance}, got {got}"


@pytest.mark.task(8)
def test_suggestions_by_hand():
    from search.spelling import suggest

    counts = {
        "regression": 50,
        "regressions": 3,
        "variance": 9,
        "variable": 30,
        "cat": 5,
        "cart": 5,
    }
    cases = [
        ("regresion", {}, "regression"),
        ("Regressions", {}, None),
        ("varience", {}, "variance"),
        ("variabce", {}, "variable"),
        ("cbt", {}, "cat"),
        ("carte", {}, "cart"),
        ("caat", {}, "cart"),
        ("xxxxxxxx", {}, None),
        ("varianxxx", {}, None),
        ("varianxxx", {"max_distance": 3}, "variance"),
        ("carts", {"max_distance": 1}, "cart"),
        ("ca", {"max_distance": 1}, "cat"),
    ]
    for word, options, want in cases:
        got = suggest(word, counts, **options)
        assert got == want, (
            f"Task 8: suggest({word!r}, {options or 'defaults'}) should be {want!r}: the nearest "
            f"word within max_distance, then the most frequent, then alphabetical; got {got!r}"
        )


@pytest.fixture(scope="module")
def client(topic_index):
    from search.app import create_app

    return TestClient(create_app(topic_index), raise_server_exceptions=False)


@pytest.mark.task(8)
def test_a_search_pages_through_the_ranking(client, topic_index):
    from search.app import run_query

    ranking = run_query(topic_index, "assignment OR statement")
    first = client.get("/search", params={"q": "assignment OR statement", "size": 4})
    assert first.status_code == 200, f"Task 8: a good query gets 200, got {first.text[:300]}"
    body = first.json()
    assert body["total"] == len(ranking) and body["page"] == 1 and body["size"] == 4
    assert [hit["id"] for hit in body["hits"]] == [doc for doc, _ in ranking[:4]], (
        "Task 8: the first page holds the first 4 documents of the ranking"
    )
    assert all(
        math.isclose(h["score"], s, abs_tol=1e-4)
        for h, (_, s) in zip(body["hits"], ranking[:4], strict=True)
    )
    assert all("<mark>" in hit["snippet"] for hit in body["hits"]), (
        "Task 8: every hit's snippet marks the query's words"
    )
    second = client.get("/search", params={"q": "assignment OR statement", "size": 4, "page": 2})
    assert [hit["id"] for hit in second.json()["hits"]] == [doc for doc, _ in ranking[4:8]]
    assert body["suggestion"] is None


@pytest.mark.task(8)
def test_nothing_found_suggests_a_spelling(client):
    response = client.get("/search", params={"q": "assignmnt statment"})
    body = response.json()
    assert response.status_code == 200 and body["total"] == 0 and body["hits"] == []
    assert body["suggestion"] == "assignment statement", (
        f"Task 8: a query that finds nothing should suggest 'assignment statement'; got "
        f"{body['suggestion']!r}"
    )


@pytest.mark.task(8)
@pytest.mark.parametrize(
    ("query", "message", "position"),
    [
        ("lambda AND", "expected a word", 10),
        ("(yield", "unclosed (", 0),
        ("kind:x1", "unknown field", 0),
    ],
)
def test_a_malformed_query_is_a_400_that_says_where(client, query, message, position):
    response = client.get("/search", params={"q": query})
    assert response.status_code == 400, (
        f"Task 8: {query!r} is malformed: 400, got {response.status_code} {response.text[:200]}"
    )
    detail = response.json()["detail"]
    assert message in detail["message"] and detail["position"] == position, (
        f"Task 8: the 400 should carry the parser's message and position; got {detail}"
    )


@pytest.mark.task(8)
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "x" * 201},
        {"q": "lambda", "page": 0},
        {"q": "lambda", "page": 1001},
        {"q": "lambda", "size": 51},
        {"q": "lambda", "size": "ten"},
        {"q": "lambda", "page": "NaN"},
    ],
)
def test_bad_parameters_are_a_422_that_lists_them(client, params):
    response = client.get("/search", params=params)
    assert response.status_code == 422, (
        f"Task 8: {params} breaks the API's contract: 422, got {response.status_code}"
    )
    detail = response.json()["detail"]
    assert all(item.get("msg") and "loc" in item for item in detail), (
        f"Task 8: a 422 lists each problem with its loc and msg; got {detail}"
    )
