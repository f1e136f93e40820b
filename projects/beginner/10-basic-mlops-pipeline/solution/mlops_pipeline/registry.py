"""A model registry on SQLite, with MLflow's concepts: registered models, versions, aliases.

A registered model (such as "penguin-species") has numbered versions 1, 2, 3 ..., each
pointing at an artefact folder. An alias ("staging", "production") names one version at
a time; every move of an alias is kept, so that it can be rolled back. SQLite is the
embedded default store: one file, safe for several processes at once when every change
runs in one transaction that takes the write lock first (BEGIN IMMEDIATE).
"""

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sklearn.pipeline import Pipeline

from mlops_pipeline.artefacts import load_artefact, read_metadata

# How long a process waits for another's write lock before it gives up.
LOCK_TIMEOUT_SECONDS = 30.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS registered_models (
    name TEXT PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS model_versions (
    name TEXT NOT NULL REFERENCES registered_models (name),
    version INTEGER NOT NULL,
    content_version TEXT NOT NULL,
    artefact TEXT NOT NULL,
    metrics TEXT NOT NULL,
    PRIMARY KEY (name, version),
    UNIQUE (name, content_version)
);
CREATE TABLE IF NOT EXISTS alias_moves (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    alias TEXT NOT NULL,
    version INTEGER NOT NULL,
    FOREIGN KEY (name, version) REFERENCES model_versions (name, version)
);
"""


class RegistryError(LookupError):
    """A model, version or alias that the registry does not have, or a move it cannot make."""


@dataclass(frozen=True)
class ModelVersion:
    """One version of a registered model: its number, content version, artefact and metrics."""

    name: str
    version: int
    content_version: str
    artefact: Path
    metrics: dict[str, Any]


class ModelRegistry:
    """Registered models, their versions and aliases, in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        with closing(self.connect()) as connection:
            connection.executescript(SCHEMA)

    def connect(self) -> sqlite3.Connection:
        """A connection that commits each statement unless a transaction is begun."""
        return sqlite3.connect(self.path, timeout=LOCK_TIMEOUT_SECONDS, isolation_level=None)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A connection inside one transaction that holds the write lock from its start."""
        connection = self.connect()
        try:
            connection.execute("BEGIN IMMEDIATE")
            yield connection
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        finally:
            connection.close()

    def register(self, name: str, artefact: Path) -> ModelVersion:
        """Register a checked artefact (read_metadata) as the next version of the model name,
        creating the registered model if it is new. An artefact whose content version the
        model already has is not registered twice: that version is returned."""
        # BEGIN SOLUTION (task 5): in one transaction: find the content version or insert max + 1
        metadata = read_metadata(artefact)
        content_version = metadata["version"]
        with self.transaction() as connection:
            connection.execute("INSERT OR IGNORE INTO registered_models (name) VALUES (?)", (name,))
            row = connection.execute(
                "SELECT version FROM model_versions WHERE name = ? AND content_version = ?",
                (name, content_version),
            ).fetchone()
            if row is None:
                (latest,) = connection.execute(
                    "SELECT COALESCE(MAX(version), 0) FROM model_versions WHERE name = ?",
                    (name,),
                ).fetchone()
                row = (latest + 1,)
                connection.execute(
                    "INSERT INTO model_versions VALUES (?, ?, ?, ?, ?)",
                    (
                        name,
                        row[0],
                        content_version,
                        str(Path(artefact).resolve()),
                        json.dumps(metadata.get("metrics", {})),
                    ),
                )
        return self.get(name, version=row[0])
        # END SOLUTION

    def versions(self, name: str) -> list[ModelVersion]:
        """Every version of the model name, oldest first; [] for a model never registered."""
        with self.transaction() as connection:
            rows = connection.execute(
                "SELECT version FROM model_versions WHERE name = ? ORDER BY version", (name,)
            ).fetchall()
        return [self.get(name, version=version) for (version,) in rows]

    def get(self, name: str, version: int | None = None, alias: str | None = None) -> ModelVersion:
        """One version of the model name, chosen by its number or by the alias now on it.

        Give exactly one of version and alias (ValueError otherwise). Raise RegistryError
        naming what is missing: the model, the version, or the alias.
        """
        # BEGIN SOLUTION (task 5): resolve the alias to its latest move, then read the version's row
        if (version is None) == (alias is None):
            raise ValueError("give exactly one of version and alias")
        with self.transaction() as connection:
            if alias is not None:
                version = self._alias_version(connection, name, alias)
            row = connection.execute(
                "SELECT content_version, artefact, metrics FROM model_versions "
                "WHERE name = ? AND version = ?",
                (name, version),
            ).fetchone()
            if row is None:
                self._require_model(connection, name)
                raise RegistryError(f"model {name!r} has no version {version}")
        content_version, artefact, metrics = row
        return ModelVersion(name, version, content_version, Path(artefact), json.loads(metrics))
        # END SOLUTION

    def promote(self, name: str, alias: str, version: int) -> ModelVersion:
        """Point alias at an existing version of the model name, remembering where it was."""
        # BEGIN SOLUTION (task 5): check the version exists, then record the alias's move
        chosen = self.get(name, version=version)
        with self.transaction() as connection:
            connection.execute(
                "INSERT INTO alias_moves (name, alias, version) VALUES (?, ?, ?)",
                (name, alias, version),
            )
        return chosen
        # END SOLUTION

    def roll_back(self, name: str, alias: str) -> ModelVersion:
        """Undo the alias's latest move: it points again at the version it named before.

        Raise RegistryError when the alias has no earlier version to go back to.
        """
        # BEGIN SOLUTION (task 5): delete the alias's latest move, if an earlier one remains
        with self.transaction() as connection:
            moves = connection.execute(
                "SELECT id FROM alias_moves WHERE name = ? AND alias = ? ORDER BY id DESC LIMIT 2",
                (name, alias),
            ).fetchall()
            if len(moves) < 2:
                raise RegistryError(f"alias {alias!r} of model {name!r} has no earlier version")
            connection.execute("DELETE FROM alias_moves WHERE id = ?", moves[0])
        return self.get(name, alias=alias)
        # END SOLUTION

    def load_model(
        self, name: str, version: int | None = None, alias: str | None = None
    ) -> Pipeline:
        """The model of one version (by number or alias), loaded from its checked artefact."""
        model, _ = load_artefact(self.get(name, version=version, alias=alias).artefact)
        return model

    def _require_model(self, connection: sqlite3.Connection, name: str) -> None:
        known = connection.execute(
            "SELECT 1 FROM registered_models WHERE name = ?", (name,)
        ).fetchone()
        if known is None:
            raise RegistryError(f"no registered model is named {name!r}")

    def _alias_version(self, connection: sqlite3.Connection, name: str, alias: str) -> int:
        row = connection.execute(
            "SELECT version FROM alias_moves WHERE name = ? AND alias = ? ORDER BY id DESC LIMIT 1",
            (name, alias),
        ).fetchone()
        if row is None:
            self._require_model(connection, name)
            raise RegistryError(f"model {name!r} has no alias {alias!r}")
        return row[0]
