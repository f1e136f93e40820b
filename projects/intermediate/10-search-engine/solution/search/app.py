"""The search API: GET /search?q=...&page=1&size=10.

    {"query": "variance AND test", "total": 37, "page": 1, "size": 10,
     "hits": [{"id": 12, "title": "...", "score": 7.31,
               "snippet": "... the <mark>variance</mark> of the ..."}, ...],
     "suggestion": null}

The query is parsed (Task 5), the documents it matches are ranked by BM25 over its
words (Task 4), the page asked for is cut from the ranking, and each hit carries a
snippet of its body with the query's words marked. A query that finds nothing gets a
spelling suggestion. A malformed query is answered 400 with the parser's message and
position; a parameter out of its range 422, listing the problems without their
values. Never a 5xx.
"""

import html
from collections import Counter
from collections.abc import Sequence, Set
from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from search.analysis import STOP_WORDS, TOKEN, analyse
from search.index import InvertedIndex
from search.query import QuerySyntaxError, matches, parse, query_terms
from search.rank import bm25_scores
from search.spelling import suggest

TITLE = "R datasets search"
MAX_QUERY_CHARS = 200
MAX_PAGE = 1_000
MAX_SIZE = 50
DEFAULT_SIZE = 10
SNIPPET_WORDS = 20
ELLIPSIS = "…"
BAD_REQUEST, UNPROCESSABLE = 400, 422


def snippet(text: str, terms: Set[str], width: int = SNIPPET_WORDS) -> str:
    """The `width` words of `text` (split on whitespace) that hold the most query terms.

    A word is a hit when analyse(word) shares a term with `terms`. The window is the
    first of those with the most hits (the first `width` words when none hits). Every
    word is HTML-escaped, and a hit is wrapped in <mark></mark>; ELLIPSIS and a space
    stand before the window when it does not start the text, a space and ELLIPSIS
    after it when it does not end it.
    """
    # BEGIN SOLUTION (task 8): mark the hits, the first window with the most
    words = text.split()
    hits = [bool(terms.intersection(analyse(word))) for word in words]
    starts = range(max(1, len(words) - width + 1))
    best_start = max(starts, key=lambda start: sum(hits[start : start + width]))
    end = best_start + width
    shown = [
        f"<mark>{html.escape(word)}</mark>" if hit else html.escape(word)
        for word, hit in zip(words[best_start:end], hits[best_start:end], strict=True)
    ]
    before = f"{ELLIPSIS} " if best_start > 0 else ""
    after = f" {ELLIPSIS}" if end < len(words) else ""
    return before + " ".join(shown) + after
    # END SOLUTION


def page_of(ranking: Sequence, page: int, size: int) -> list:
    """The `page`-th slice of `size` items of `ranking`, pages counted from 1 ([] past the end)."""
    # BEGIN SOLUTION (task 8): one slice
    return list(ranking[(page - 1) * size : page * size])
    # END SOLUTION


def word_counts(index: InvertedIndex) -> Counter:
    """How often each lower-cased word (TOKEN) but the stop words stands in the indexed titles
    and bodies: the words a suggestion may offer. Provided."""
    counts = Counter()
    for document in index.documents.values():
        for text in document.values():
            counts.update(word for word in TOKEN.findall(text.lower()) if word not in STOP_WORDS)
    return counts


def did_you_mean(query: str, counts: Counter) -> str | None:
    """The query with each unknown plain word replaced by its suggestion, or None. Provided."""
    words, changed = query.split(), False
    for i, word in enumerate(words):
        if word.isalpha() and word not in ("AND", "OR", "NOT"):
            better = suggest(word, counts)
            if better is not None:
                words[i], changed = better, True
    return " ".join(words) if changed else None


def run_query(index: InvertedIndex, query: str) -> list[tuple[int, float]]:
    """Every document `query` matches, ranked by BM25 over its words (0 without any), ties
    by id. Raises QuerySyntaxError for a malformed query. Provided."""
    tree = parse(query)
    found = matches(tree, index)
    scores = bm25_scores(index, query_terms(tree))
    return sorted(((doc, scores.get(doc, 0.0)) for doc in found), key=lambda h: (-h[1], h[0]))


async def validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
    """Answer 422 with the loc, msg and type of each problem, without the values. Provided."""
    detail = [
        {"loc": list(problem["loc"]), "msg": problem["msg"], "type": problem["type"]}
        for problem in error.errors()
    ]
    return JSONResponse(status_code=UNPROCESSABLE, content={"detail": detail})


def create_app(index: InvertedIndex) -> FastAPI:
    """The API over `index`, titled TITLE, with its word counts for suggestions. Provided."""
    app = FastAPI(title=TITLE)
    app.add_exception_handler(RequestValidationError, validation_error)
    counts = word_counts(index)

    @app.get("/search")
    def search(
        q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS)],
        page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
        size: Annotated[int, Query(ge=1, le=MAX_SIZE)] = DEFAULT_SIZE,
    ):
        try:
            ranking = run_query(index, q)
        except QuerySyntaxError as error:
            detail = {"message": error.message, "position": error.position}
            return JSONResponse(status_code=BAD_REQUEST, content={"detail": detail})
        terms = set(query_terms(parse(q)))
        hits = [
            {
                "id": doc_id,
                "title": index.documents[doc_id]["title"],
                "score": round(score, 4),
                "snippet": snippet(index.documents[doc_id]["body"], terms),
            }
            for doc_id, score in page_of(ranking, page, size)
        ]
        suggestion = did_you_mean(q, counts) if not ranking else None
        return {
            "query": q,
            "total": len(ranking),
            "page": page,
            "size": size,
            "hits": hits,
            "suggestion": suggestion,
        }

    return app
