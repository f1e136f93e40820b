"""Task 5: every decision and every review, kept in SQLite.

The service records each post's decision: its score, its action and the micro-batch
that scored it. The posts sent to review wait in a queue, most likely harmful first;
a moderator's verdict is written once, with who gave it and when, and the verdicts
come back out as labels to train the next model on. Every statement uses `?`
parameters: a post's text may hold anything, quotes included.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from moderation.policy import APPROVE, REMOVE, REVIEW

SCHEMA = """
CREATE TABLE IF NOT EXISTS decisions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    has_image INTEGER NOT NULL,
    score REAL,
    action TEXT NOT NULL,
    batch INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS reviews (
    post_id TEXT PRIMARY KEY REFERENCES decisions (post_id),
    reviewer TEXT NOT NULL,
    verdict TEXT NOT NULL,
    at TEXT NOT NULL
);
"""
VERDICTS = (APPROVE, REMOVE)
LABEL_OF = {APPROVE: 0, REMOVE: 1}


@dataclass(frozen=True)
class Decision:
    """What the service decided about one post, and in which micro-batch; `score` is None
    when the post could not be scored (it is then sent to review)."""

    post_id: str
    text: str
    has_image: bool
    score: float | None
    action: str
    batch: int


class UnknownPost(KeyError):
    """No decision was recorded for this post."""


class NotForReview(ValueError):
    """The post was approved or removed automatically: it is not in the review queue."""


class AlreadyReviewed(ValueError):
    """The post has a verdict already: the first one stands."""


class DuplicatePost(ValueError):
    """A decision for this post was recorded before."""


class DecisionStore:
    """Decisions and reviews in one SQLite file (or ":memory:")."""

    def __init__(self, path: Path | str) -> None:
        self.connection = sqlite3.connect(str(path), check_same_thread=False)
        self.connection.row_factory = sqlite3.Row
        self.connection.executescript(SCHEMA)

    def close(self) -> None:
        self.connection.close()

    def record(self, decisions: Iterable[Decision]) -> None:
        """Insert the decisions, in order, in one transaction: all of them or, when one of
        their posts already has a decision (or appears twice), none of them, with
        DuplicatePost("post '<id>' already has a decision")."""
        # BEGIN SOLUTION (task 5): one transaction of ? inserts; IntegrityError -> DuplicatePost
        with self.connection:  # commits at the end, rolls everything back on an error
            for decision in decisions:
                try:
                    self.connection.execute(
                        "INSERT INTO decisions (post_id, text, has_image, score, action, batch) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        (
                            decision.post_id,
                            decision.text,
                            decision.has_image,
                            decision.score,
                            decision.action,
                            decision.batch,
                        ),
                    )
                except sqlite3.IntegrityError:
                    raise DuplicatePost(
                        f"post {decision.post_id!r} already has a decision"
                    ) from None
        # END SOLUTION

    def decisions(self) -> list[dict]:
        """Every decision as a dict, in the order recorded (see `decision`)."""
        rows = self.connection.execute(f"{SELECT} ORDER BY d.seq").fetchall()
        return [_as_dict(row) for row in rows]

    def decision(self, post_id: str) -> dict:
        """One post's decision: the columns of `decisions` (has_image a bool), and
        "review": None, or {"reviewer", "verdict", "at"}. UnknownPost when there is none."""
        row = self.connection.execute(f"{SELECT} WHERE d.post_id = ?", (post_id,)).fetchone()
        if row is None:
            raise UnknownPost(post_id)
        return _as_dict(row)

    def review_queue(self, limit: int | None = None) -> list[dict]:
        """The decisions sent to REVIEW that have no verdict yet, as `decisions` gives them:
        the highest score first (the most likely harm; a post without a score, which
        SQLite sorts as the smallest, comes last), then the earliest recorded; at most
        `limit` of them (all with None)."""
        # BEGIN SOLUTION (task 5): REVIEW without a review, by score DESC then seq; LIMIT if given
        query = f"{SELECT} WHERE d.action = ? AND r.post_id IS NULL ORDER BY d.score DESC, d.seq"
        params: tuple = (REVIEW,)
        if limit is not None:
            query += " LIMIT ?"
            params += (limit,)
        return [_as_dict(row) for row in self.connection.execute(query, params).fetchall()]
        # END SOLUTION

    def review(self, post_id: str, reviewer: str, verdict: str, at: datetime) -> dict:
        """Record a moderator's verdict (APPROVE or REMOVE) on a post waiting for review,
        at `at`; return the post's decision with its review.

        In this order: a verdict that is neither is a ValueError naming it; UnknownPost
        for a post never decided; NotForReview, naming its action, for a post that was
        not sent to review; AlreadyReviewed, naming who reviewed it, for a second
        verdict. Each refusal changes nothing.
        """
        # BEGIN SOLUTION (task 5): check the verdict, the post, its action, no review yet; INSERT
        if verdict not in VERDICTS:
            raise ValueError(f"a verdict is one of {VERDICTS}, not {verdict!r}")
        decision = self.decision(post_id)
        if decision["action"] != REVIEW:
            raise NotForReview(f"post {post_id!r} was not sent to review: {decision['action']}")
        if decision["review"] is not None:
            who = decision["review"]["reviewer"]
            raise AlreadyReviewed(f"post {post_id!r} was already reviewed by {who}")
        with self.connection:
            self.connection.execute(
                "INSERT INTO reviews VALUES (?, ?, ?, ?)",
                (post_id, reviewer, verdict, at.isoformat()),
            )
        return self.decision(post_id)
        # END SOLUTION

    def labels(self) -> list[dict]:
        """The verdicts as training labels, in the order given: {"post_id", "text",
        "has_image", "label" (1 for REMOVE, 0 for APPROVE), "reviewer"}."""
        # BEGIN SOLUTION (task 5): reviews JOIN decisions in the order of the reviews (rowid)
        rows = self.connection.execute(
            "SELECT r.post_id, d.text, d.has_image, r.verdict, r.reviewer FROM reviews AS r "
            "JOIN decisions AS d ON d.post_id = r.post_id ORDER BY r.rowid"
        ).fetchall()
        return [
            {
                "post_id": row["post_id"],
                "text": row["text"],
                "has_image": bool(row["has_image"]),
                "label": LABEL_OF[row["verdict"]],
                "reviewer": row["reviewer"],
            }
            for row in rows
        ]
        # END SOLUTION


SELECT = (
    "SELECT d.*, r.reviewer AS r_reviewer, r.verdict AS r_verdict, r.at AS r_at "
    "FROM decisions AS d LEFT JOIN reviews AS r ON r.post_id = d.post_id"
)


def _as_dict(row: sqlite3.Row) -> dict:
    """A row of the decisions query as the dict the store's readers return."""
    columns = row.keys()  # iterating a Row gives its values, not its names
    record = {key: row[key] for key in columns if not key.startswith("r_")}
    record["has_image"] = bool(record["has_image"])
    record["review"] = (
        None
        if row["r_reviewer"] is None
        else {"reviewer": row["r_reviewer"], "verdict": row["r_verdict"], "at": row["r_at"]}
    )
    return record
