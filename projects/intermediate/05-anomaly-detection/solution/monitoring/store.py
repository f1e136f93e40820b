"""The incidents and their acknowledgements, kept in SQLite so that they outlive the process.

An acknowledgement says that a person has looked at an incident: who, when, and a
note. It is written once: a second acknowledgement of the same incident is refused,
so that nobody's note is silently overwritten. Every statement uses `?` parameters,
never text pasted into SQL: a note may hold anything, quotes included.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from monitoring.alerts import Incident

SCHEMA = """
CREATE TABLE IF NOT EXISTS incidents (
    id INTEGER PRIMARY KEY,
    start TEXT NOT NULL,
    end TEXT NOT NULL,
    peak_time TEXT NOT NULL,
    peak_score REAL NOT NULL,
    severity TEXT NOT NULL,
    signals TEXT NOT NULL,
    readings INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS acknowledgements (
    incident INTEGER PRIMARY KEY REFERENCES incidents (id),
    by TEXT NOT NULL,
    note TEXT NOT NULL,
    at TEXT NOT NULL
);
"""


class UnknownIncident(KeyError):
    """No incident has this id."""


class AlreadyAcknowledged(ValueError):
    """The incident was acknowledged before: the first acknowledgement stands."""


class IncidentStore:
    """Incidents and acknowledgements in one SQLite file (or ":memory:")."""

    def __init__(self, path: Path | str) -> None:
        self.connection = sqlite3.connect(str(path), check_same_thread=False)
        self.connection.row_factory = sqlite3.Row
        self.connection.executescript(SCHEMA)

    def close(self) -> None:
        self.connection.close()

    def save(self, incidents: Iterable[Incident]) -> None:
        """Insert each incident, or replace the stored one with the same id (its
        acknowledgement, if any, is kept). Times are stored as ISO 8601 text, signals as
        a JSON object."""
        # BEGIN SOLUTION (task 6): INSERT OR REPLACE each incident with ? parameters, then commit
        rows = [
            (
                incident.id,
                incident.start.isoformat(),
                incident.end.isoformat(),
                incident.peak_time.isoformat(),
                incident.peak_score,
                incident.severity,
                json.dumps(incident.signals),
                incident.readings,
            )
            for incident in incidents
        ]
        with self.connection:
            self.connection.executemany(
                "INSERT OR REPLACE INTO incidents VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows
            )
        # END SOLUTION

    def incidents(self) -> list[dict]:
        """Every incident as a dict, by start time: the columns of `incidents` (signals
        decoded to a dict), and "acknowledged": None, or {"by", "note", "at"}."""
        # BEGIN SOLUTION (task 6): LEFT JOIN the acknowledgements, ORDER BY start, then id
        rows = self.connection.execute(
            "SELECT i.*, a.by AS ack_by, a.note AS ack_note, a.at AS ack_at "
            "FROM incidents AS i LEFT JOIN acknowledgements AS a ON a.incident = i.id "
            "ORDER BY i.start, i.id"
        ).fetchall()
        return [_as_dict(row) for row in rows]
        # END SOLUTION

    def incident(self, incident_id: int) -> dict:
        """One incident as `incidents` gives it; UnknownIncident when there is none."""
        # BEGIN SOLUTION (task 6): the same query WHERE i.id = ?; raise UnknownIncident if empty
        row = self.connection.execute(
            "SELECT i.*, a.by AS ack_by, a.note AS ack_note, a.at AS ack_at "
            "FROM incidents AS i LEFT JOIN acknowledgements AS a ON a.incident = i.id "
            "WHERE i.id = ?",
            (incident_id,),
        ).fetchone()
        if row is None:
            raise UnknownIncident(incident_id)
        return _as_dict(row)
        # END SOLUTION

    def acknowledge(self, incident_id: int, by: str, note: str, at: pd.Timestamp) -> dict:
        """Record who acknowledged the incident, with a note, at `at`; return the incident.

        UnknownIncident for an id never saved; AlreadyAcknowledged, and nothing
        changed, when it was acknowledged before.
        """
        # BEGIN SOLUTION (task 6): check it exists and is not acknowledged, INSERT, commit
        if self.incident(incident_id)["acknowledged"] is not None:
            raise AlreadyAcknowledged(incident_id)
        with self.connection:
            self.connection.execute(
                "INSERT INTO acknowledgements VALUES (?, ?, ?, ?)",
                (incident_id, by, note, at.isoformat()),
            )
        return self.incident(incident_id)
        # END SOLUTION


def _as_dict(row: sqlite3.Row) -> dict:
    """A row of the incidents query as the dict the store's readers return."""
    columns = row.keys()  # iterating a Row gives its values, not its names
    record = {key: row[key] for key in columns if not key.startswith("ack_")}
    record["signals"] = json.loads(record["signals"])
    record["acknowledged"] = (
        None
        if row["ack_by"] is None
        else {"by": row["ack_by"], "note": row["ack_note"], "at": row["ack_at"]}
    )
    return record
