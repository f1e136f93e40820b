"""Task 2: the positional index, its additions and deletions, checked against a fresh build."""

import copy

import pytest
from conftest import analysed_fields, build

FIELDS = ("title", "body")


def expected_postings(frame):
    """{field: {term: {doc: positions}}} from the reference analysis."""
    titles, bodies = analysed_fields(frame)
    postings = {field: {} for field in FIELDS}
    for doc_id, title, body in zip(frame["id"], titles, bodies, strict=True):
        for field, terms in (("title", title), ("body", body)):
            for position, term in enumerate(terms):
                postings[field].setdefault(term, {}).setdefault(int(doc_id), []).append(position)
    return postings, titles, bodies


def same_index(got, want) -> str | None:
    """Why two indexes differ, or None."""
    for field in FIELDS:
        if got.postings[field] != want.postings[field]:
            extra = set(got.postings[field]) ^ set(want.postings[field])
            return f"the postings of {field} differ (terms in one only: {sorted(extra)[:5]})"
        if got.lengths[field] != want.lengths[field]:
            return f"the lengths of {field} differ"
    if got.documents != want.documents:
        return "the stored documents differ"
    return None


@pytest.mark.task(2)
def test_a_small_index_by_hand():
    from search.index import InvertedIndex

    index = InvertedIndex()
    index.add(3, {"title": "Tests of variance", "body": "A test, then another test of the tests."})
    index.add(7, {"title": "Variance", "body": "Nothing here."})
    want = {"test": {3: [0, 2, 3]}, "anoth": {3: [1]}, "noth": {7: [0]}, "here": {7: [1]}}
    assert index.postings["body"] == want, (
        "Task 2: postings[field][term][doc] lists the positions of the term among the field's "
        f"analysed terms; expected {want}, got {index.postings['body']}"
    )
    assert index.postings["title"] == {"test": {3: [0]}, "varianc": {3: [1], 7: [0]}}
    assert index.lengths == {"title": {3: 2, 7: 1}, "body": {3: 4, 7: 2}}, (
        f"Task 2: lengths[field][doc] is the number of analysed terms; got {index.lengths}"
    )
    assert index.documents[7] == {"title": "Variance", "body": "Nothing here."}


@pytest.mark.task(2)
def test_the_topics_index_holds_every_position(topics, topic_index):
    postings, titles, bodies = expected_postings(topics)
    for field in FIELDS:
        assert topic_index.postings[field] == postings[field], (
            f"Task 2: the {field} postings of Python's help topics differ from the positions of "
            "analyse(text): every term, every document, every position, in order"
        )
    assert topic_index.lengths["body"] == {
        int(i): len(terms) for i, terms in zip(topics["id"], bodies, strict=True)
    }
    assert topic_index.lengths["title"] == {
        int(i): len(terms) for i, terms in zip(topics["id"], titles, strict=True)
    }
    assert len(topic_index) == len(topics)


@pytest.mark.task(2)
def test_additions_and_deletions_equal_a_fresh_build(topics):
    from search.index import InvertedIndex

    index = build(topics)
    gone = [0, 5, 6, 40, len(topics) - 1]
    for doc_id in gone:
        index.delete(doc_id)
    kept = topics[~topics["id"].isin(gone)]
    why = same_index(index, build(kept))
    assert why is None, (
        f"Task 2: after deleting documents {gone}, the index should be what a fresh build of the "
        f"rest gives: {why}. A term left without postings goes too."
    )
    for doc_id in gone[:2]:
        row = topics.iloc[doc_id]
        index.add(doc_id, {"title": row.title, "body": row.body})
    back = topics[~topics["id"].isin(gone[2:])]
    why = same_index(index, build(back))
    assert why is None, f"Task 2: after adding two documents back: {why}"
    assert isinstance(index, InvertedIndex)


@pytest.mark.task(2)
@pytest.mark.parametrize(
    ("doc_id", "document", "named"),
    [
        (1, {"title": "again", "body": "a second document 1"}, "1"),
        (-1, {"title": "t", "body": "b"}, "-1"),
        ("x", {"title": "t", "body": "b"}, "'x'"),
        (True, {"title": "t", "body": "b"}, "True"),
        (4, {"title": "no body"}, "'body'"),
        (4, {"title": 7, "body": "b"}, "'title'"),
    ],
)
def test_a_bad_document_is_refused_and_changes_nothing(doc_id, document, named):
    from search.index import InvertedIndex

    index = InvertedIndex()
    index.add(0, {"title": "first", "body": "zero document"})
    index.add(1, {"title": "second", "body": "one document"})
    before = copy.deepcopy((index.postings, index.lengths, index.documents))
    with pytest.raises(ValueError) as error:
        index.add(doc_id, document)
    assert named in str(error.value), (
        f"Task 2: the error for a bad document should name {named}; got {error.value}"
    )
    assert (index.postings, index.lengths, index.documents) == before, (
        "Task 2: a refused document must leave the index as it was: check every field "
        "before changing anything"
    )


@pytest.mark.task(2)
def test_deleting_an_unknown_document_says_so():
    from search.index import InvertedIndex

    index = InvertedIndex()
    index.add(0, {"title": "t", "body": "body text"})
    with pytest.raises(KeyError, match="9"):
        index.delete(9)
    index.delete(0)
    assert index.postings == {"title": {}, "body": {}} and len(index) == 0, (
        f"Task 2: deleting the only document should leave no terms; got {index.postings}"
    )
    with pytest.raises(KeyError, match="0"):
        index.delete(0)
