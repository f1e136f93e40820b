"""The collection's pins (constraints.txt, compiled by `nox -s lock`), and the ones a kata
depends on: its own dependencies' pins and, through uv's `# via` notes, theirs.

A kata's record hashes only those, so a package added for another kata leaves it current.
"""

from __future__ import annotations

import re
from pathlib import Path

from .kata import CONSTRAINTS

PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;#]+)[^#\n]*(?:#\s*via\s+(?P<via>.*))?$",
    re.M,
)
REQUIREMENT = re.compile(r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?P<extras>\[[^\]]*\])?")


def normalised(name: str) -> str:
    """A distribution name as package indexes compare them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pin_lines(root: Path) -> list[re.Match]:
    """Each pin of constraints.txt: its name, version and `# via` note."""
    return list(PIN.finditer((root / CONSTRAINTS).read_text(encoding="utf-8")))


def versions(root: Path) -> dict[str, str]:
    """Each pinned distribution's version, by its normalised name."""
    return {normalised(match["name"]): match["version"] for match in pin_lines(root)}


def needed_pins(root: Path, requirements: list[str]) -> list[str]:
    """The pin lines (`name==version`) of the requirements and of everything they need."""
    needed_by = {
        normalised(match["name"]): (
            f"{match['name']}=={match['version']}",
            {normalised(name.strip()) for name in (match["via"] or "").split(",")},
        )
        for match in pin_lines(root)
    }
    wanted = {normalised(match["name"]) for match in map(REQUIREMENT.match, requirements) if match}
    while more := {name for name, (_, via) in needed_by.items() if via & wanted} - wanted:
        wanted |= more
    return sorted(needed_by[name][0] for name in wanted if name in needed_by)
