"""Fixtures for the harness's own tests: the fixture collection, synced, in a temporary folder."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from kata_harness import grading, maintainer

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def synced_collection(tmp_path_factory) -> Path:
    """The fixture collection with the real template, its starters and tables generated."""
    root = tmp_path_factory.mktemp("pristine") / "collection"
    shutil.copytree(FIXTURES / "collection", root)
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copy2(REPO / "constraints.txt", root / "constraints.txt")
    maintainer.sync(root, sys.executable)
    return root


@pytest.fixture
def collection(synced_collection, tmp_path) -> Path:
    """A fresh copy of the synced fixture collection for one test to change."""
    root = tmp_path / "collection"
    shutil.copytree(synced_collection, root)
    return root


@pytest.fixture(autouse=True)
def components_optional(monkeypatch):
    """Each test starts where a skip is allowed (CI sets KATA_REQUIRE_ALL); a test may set it."""
    monkeypatch.delenv(grading.REQUIRE_ALL_VARIABLE, raising=False)
