"""Task 5: decisions, the review queue, verdicts and labels in SQLite."""

from datetime import datetime

import pytest

AT = datetime(2026, 3, 14, 9, 26, 53)


def decision(post_id, score, action, batch=0, text=None, has_image=False):
    from moderation.store import Decision

    return Decision(
        post_id, text if text is not None else f"text of {post_id}", has_image, score, action, batch
    )


@pytest.fixture
def store(tmp_path):
    from moderation.store import DecisionStore

    store = DecisionStore(tmp_path / "decisions.sqlite")
    yield store
    store.close()


def queued(store):
    from moderation.policy import APPROVE, REMOVE, REVIEW

    store.record(
        [
            decision("a", 0.40, REVIEW, 0),
            decision("b", 0.02, APPROVE, 0, has_image=True),
            decision("c", 0.65, REVIEW, 0),
            decision("d", 0.95, REMOVE, 1),
            decision("e", 0.65, REVIEW, 1, text='it\'s a "quote"; DROP TABLE decisions; --'),
            decision("f", None, REVIEW, 2),
            decision("g", 0.51, REVIEW, 2),
        ]
    )


@pytest.mark.task(5)
def test_decisions_are_recorded_in_order(store):
    queued(store)
    got = [(d["seq"], d["post_id"], d["score"], d["action"], d["batch"]) for d in store.decisions()]
    assert [row[1] for row in got] == list("abcdefg") and [row[0] for row in got] == list(
        range(1, 8)
    ), f"Task 5: decisions should come back in the order recorded, seq 1..7; got {got}"
    e = store.decision("e")
    assert e["text"] == 'it\'s a "quote"; DROP TABLE decisions; --' and e["review"] is None, (
        f"Task 5: a text with quotes and SQL is kept as written (use ? parameters); got {e}"
    )
    assert store.decision("b")["has_image"] is True and store.decision("f")["score"] is None


@pytest.mark.task(5)
def test_a_duplicate_refuses_the_whole_batch(store):
    from moderation.policy import REVIEW
    from moderation.store import DuplicatePost

    queued(store)
    with pytest.raises(DuplicatePost, match="'c'"):
        store.record([decision("h", 0.3, REVIEW), decision("c", 0.3, REVIEW)])
    with pytest.raises(DuplicatePost, match="'i'"):
        store.record([decision("i", 0.3, REVIEW), decision("i", 0.4, REVIEW)])
    ids = [d["post_id"] for d in store.decisions()]
    assert ids == list("abcdefg"), (
        f"Task 5: a batch with a duplicate is refused whole (one transaction): got {ids}"
    )


@pytest.mark.task(5)
def test_the_review_queue_puts_the_likeliest_harm_first(store):
    queued(store)
    got = [d["post_id"] for d in store.review_queue()]
    assert got == ["c", "e", "g", "a", "f"], (
        "Task 5: the queue holds the REVIEW decisions without a verdict, highest score first, "
        f"ties by the order recorded, unscored last: expected c, e, g, a, f; got {got}"
    )
    assert [d["post_id"] for d in store.review_queue(limit=2)] == ["c", "e"], (
        "Task 5: review_queue(limit=2) gives the first two"
    )
    store.review("c", "Ada", "remove", AT)
    got = [d["post_id"] for d in store.review_queue(limit=3)]
    assert got == ["e", "g", "a"], f"Task 5: a reviewed post leaves the queue: got {got}"


@pytest.mark.task(5)
def test_a_verdict_is_written_once(store):
    from moderation.store import AlreadyReviewed, NotForReview, UnknownPost

    queued(store)
    got = store.review("e", "Ada", "approve", AT)
    want = {"reviewer": "Ada", "verdict": "approve", "at": AT.isoformat()}
    assert got["post_id"] == "e" and got["review"] == want, (
        f"Task 5: review should return the decision with its review {want}; got {got}"
    )
    with pytest.raises(AlreadyReviewed, match="Ada"):
        store.review("e", "Grace", "remove", AT)
    with pytest.raises(NotForReview, match="approve"):
        store.review("b", "Grace", "remove", AT)
    with pytest.raises(NotForReview, match="remove"):
        store.review("d", "Grace", "approve", AT)
    with pytest.raises(UnknownPost):
        store.review("zz", "Grace", "remove", AT)
    with pytest.raises(ValueError, match="'delete'"):
        store.review("a", "Grace", "delete", AT)
    with pytest.raises(ValueError, match="'maybe'"):
        store.review("zz", "Grace", "maybe", AT)  # the verdict is checked first
    assert store.decision("e")["review"] == want and store.decision("a")["review"] is None, (
        "Task 5: a refused verdict changes nothing"
    )


@pytest.mark.task(5)
def test_verdicts_come_back_as_labels_and_survive_a_restart(tmp_path):
    from moderation.store import DecisionStore

    path = tmp_path / "decisions.sqlite"
    store = DecisionStore(path)
    queued(store)
    store.review("g", "Grace", "remove", AT)
    store.review("a", "Ada", "approve", AT)
    store.review("f", "Ada", "remove", AT)
    store.close()
    store = DecisionStore(path)
    got = store.labels()
    want = [
        {"post_id": "g", "text": "text of g", "has_image": False, "label": 1, "reviewer": "Grace"},
        {"post_id": "a", "text": "text of a", "has_image": False, "label": 0, "reviewer": "Ada"},
        {"post_id": "f", "text": "text of f", "has_image": False, "label": 1, "reviewer": "Ada"},
    ]
    assert got == want, f"Task 5: labels, in the order the verdicts came: {want}; got {got}"
    assert [d["post_id"] for d in store.review_queue()] == ["c", "e"], (
        "Task 5: after a restart the queue still knows what was reviewed"
    )
    store.close()
