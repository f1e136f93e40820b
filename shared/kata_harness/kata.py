"""The katas of a collection, found on disk, and what their kata.toml says of them."""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

TIERS = ("beginner", "intermediate", "advanced")
BUDGET_SECONDS = {"beginner": 30, "intermediate": 60, "advanced": 60}
CATALOGUE = Path("projects") / "catalogue.toml"
CONSTRAINTS = Path("constraints.txt")  # the pins of the whole stack


class UserError(Exception):
    """A mistake the user can fix; the message says how."""


# The harness's exit statuses (argparse, too, exits with USER_ERROR on a malformed command).
PASSED = 0
NOT_PASSED = 1  # the command ran, and what it judged does not pass yet
USER_ERROR = 2  # nothing was done: the message says why
INTERRUPTED = 130


class KataNotFound(UserError, LookupError):
    """A slug that names no kata; the message suggests the nearest ones."""


@dataclass(frozen=True)
class Kata:
    """One kata folder: projects/<tier>/<NN>-<slug>/."""

    path: Path

    @cached_property
    def meta(self) -> dict:
        return tomllib.loads((self.path / "kata.toml").read_text(encoding="utf-8"))

    @property
    def slug(self) -> str:
        return self.meta["slug"]

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def tier(self) -> str:
        return self.meta["tier"]

    @property
    def number(self) -> int:
        return self.meta["number"]

    @property
    def package(self) -> str:
        return self.meta["package"]

    @property
    def tasks(self) -> list[dict]:
        return self.meta["tasks"]

    @property
    def metrics(self) -> dict[str, dict]:
        return self.meta.get("metrics", {})

    @property
    def figures(self) -> dict[str, dict]:
        """Figures recorded without a bar (baselines, ablations), for the brief."""
        return self.meta.get("figures", {})

    @property
    def teaches(self) -> dict[str, list[int]]:
        """Each capability of the kata's catalogue entry and the tasks that teach it."""
        return self.meta.get("teaches", {})

    @property
    def learner_files(self) -> list[str]:
        """Files of the kata folder that start copies beside the package: what the brief's
        own commands read (a sample input file), so they run from the learner's copy."""
        return self.meta.get("learner_files", [])

    @property
    def run_example(self) -> str:
        """A command the brief shows the learner running in their copy (`nox -s run`)."""
        return self.meta.get("run_example", f"python -c 'import {self.package}'")

    @property
    def needs_torch(self) -> bool:
        pyproject = tomllib.loads((self.path / "pyproject.toml").read_text(encoding="utf-8"))
        return any(dep.startswith("torch") for dep in pyproject["project"]["dependencies"])

    @property
    def mutation_pending(self) -> bool:
        """A kata whose mutation check's survivors are not triaged yet: verify skips it."""
        return self.meta.get("mutation") == "pending"

    @property
    def draft(self) -> bool:
        """A draft is kept out of the tier sessions and verify until it is finished."""
        return self.meta.get("draft", False)

    @property
    def budget_seconds(self) -> int:
        return BUDGET_SECONDS[self.tier]

    @property
    def name(self) -> str:
        """The kata as the tables show it, e.g. `01 spam-detection`."""
        return f"{self.number:02d} {self.slug}"

    @property
    def solution_dir(self) -> Path:
        return self.path / "solution"

    @property
    def starter_dir(self) -> Path:
        return self.path / "starter"

    def task_title(self, number: int | str) -> str:
        return next(task["title"] for task in self.tasks if str(task["number"]) == str(number))


def discover(root: Path, tier: str | None = None, drafts: bool = False) -> list[Kata]:
    """Every kata under root/projects, in tier order then by number."""
    katas = [
        Kata(path.parent)
        for name in ([tier] if tier else TIERS)
        for path in sorted((root / "projects" / name).glob("*/kata.toml"))
    ]
    return [kata for kata in katas if drafts or not kata.draft]


def find(root: Path, slug: str) -> Kata:
    """The kata called slug, drafts included."""
    katas = {kata.slug: kata for kata in discover(root, drafts=True)}
    if slug in katas:
        return katas[slug]
    near = difflib.get_close_matches(slug, katas, n=3)
    suggestion = f" Did you mean {' or '.join(near)}?" if near else ""
    raise KataNotFound(f"There is no kata called '{slug}'.{suggestion} `nox -s status` lists them.")


def planned(root: Path) -> list[dict]:
    """The catalogue of all katas, written or coming, from projects/catalogue.toml."""
    return tomllib.loads((root / CATALOGUE).read_text(encoding="utf-8"))["kata"]
