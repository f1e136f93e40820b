"""Shared fixtures: the two corpora, and indexes built once per session by your Task 2.

The package is imported inside the fixtures, not at the top: this file loads before
the kata's conftest.py has chosen which implementation (starter, solution or yours)
to import.
"""

from pathlib import Path

import pytest

EMBEDDINGS = Path(__file__).resolve().parents[1] / "data" / "embeddings.npz"

K1, B = 1.2, 0.6  # BM25's parameters in the tests: not the defaults, so both are exercised


@pytest.fixture(scope="session")
def pages():
    """The R help pages, one per title: id, name, title, body."""
    from search.data import load_help_pages

    return load_help_pages()


@pytest.fixture(scope="session")
def topics():
    """Python's help topics: id, name, title, body."""
    from search.data import load_python_topics

    return load_python_topics()


def build(frame):
    from search.index import InvertedIndex

    index = InvertedIndex()
    for row in frame.itertuples():
        index.add(row.id, {"title": row.title, "body": row.body})
    return index


@pytest.fixture(scope="session")
def page_index(pages):
    """Every R help page, indexed by your InvertedIndex.add. Do not change it in a test."""
    return build(pages)


@pytest.fixture(scope="session")
def topic_index(topics):
    """Python's help topics, indexed by your InvertedIndex.add. Do not change it in a test."""
    return build(topics)


@pytest.fixture(scope="session")
def embeddings():
    """The stored MiniLM vectors of the pages' bodies and of the evaluation titles."""
    from search.data import load_embeddings

    return load_embeddings(EMBEDDINGS)


def analysed_fields(frame):
    """Each document's analysed title and body, by the reference analysis (bm25s's)."""
    import bm25s

    from search.analysis import STEMMER, STOP_WORDS

    def terms(texts):
        return bm25s.tokenize(
            list(texts),
            stopwords=list(STOP_WORDS),
            stemmer=STEMMER.stemWords,
            return_ids=False,
            show_progress=False,
        )

    return terms(frame["title"]), terms(frame["body"])
