"""Each kata's recorded proof, kept in its proof.json and trusted only while it is current.

A record is keyed by a hash of everything the kata's verdicts depend on: its solution,
tests, data, conftest, kata.toml and pyproject.toml, the pins of the packages it installs
(pins.py), and the harness's way of stubbing regions. It holds a full run of the reference
solution (which `check` shows beside the learner's figures, so it need not run the reference
each time) and the strength proof (which `verify` then need not repeat). A record
whose hash differs from the kata's is stale: it is never trusted, only replaced. The
mutation check's run is kept in the same file under its own hash (mutation.py).
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from pathlib import Path

from . import pins, regions
from .grading import SuiteResult, run_suite
from .kata import Kata

RECORD_FILE = "proof.json"
HASHED = ("solution", "tests", "data", "conftest.py", "kata.toml", "pyproject.toml", "baselines.py")
REGIONS_SOURCE = Path(regions.__file__)


def hashed_files(kata: Kata) -> list[Path]:
    """The files a kata's verdicts depend on, in a stable order."""
    files = []
    for name in HASHED:
        part = kata.path / name
        if part.is_file():
            files.append(part)
        elif part.is_dir():
            files += [part / relative for relative in regions.solution_files(part)]
    return files


def content_hash(root: Path, kata: Kata) -> str:
    """The hash of what the kata's verdicts depend on, inside and outside its folder: the
    pins of the packages it installs, the harness's way of stubbing regions, its files."""
    digest = hashlib.sha256()
    project = tomllib.loads((kata.path / "pyproject.toml").read_text(encoding="utf-8"))
    needed = pins.needed_pins(root, project["project"]["dependencies"])
    files = hashed_files(kata)
    parts = {
        "pins": "\n".join(needed).encode("utf-8"),
        "regions.py": REGIONS_SOURCE.read_bytes(),
        **{path.relative_to(kata.path).as_posix(): path.read_bytes() for path in files},
    }
    for name, content in parts.items():
        digest.update(f"{name}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def read(kata: Kata) -> dict:
    """The kata's record as written, or {} when there is none or it cannot be read."""
    try:
        return json.loads((kata.path / RECORD_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def current(root: Path, kata: Kata) -> dict:
    """The kata's record if it matches the kata as it is now, else {}."""
    record = read(kata)
    return record if record.get("hash") == content_hash(root, kata) else {}


def write(
    root: Path,
    kata: Kata,
    reference: SuiteResult,
    strength: list[str] | None = None,
    baselines: str | None = None,
) -> None:
    """Record a reference run under today's hash, with the strength proof and the baselines
    script's output where they were made. A run that skipped a test is not recorded:
    it would show the reference short of a component on every machine."""
    if reference.skips or not reference.complete:
        return
    record = {"hash": content_hash(root, kata), "reference": reference.to_record()}
    if strength is not None:
        record["strength"] = strength
    if baselines is not None:
        record["baselines"] = baselines
    mutation = read(kata).get("mutation")
    if mutation:
        record["mutation"] = mutation  # guarded by its own hash
    save(kata, record)


def write_mutation(kata: Kata, mutation: dict) -> None:
    """Record a mutation run beside the rest of the record (mutation.py keeps its hash)."""
    save(kata, read(kata) | {"mutation": mutation})


def save(kata: Kata, record: dict) -> None:
    path = kata.path / RECORD_FILE
    path.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def reference(root: Path, kata: Kata, python: str) -> SuiteResult:
    """The reference's results from a current record, or from a fresh run that is then recorded.

    The new record has no strength proof or baselines: `verify` and `sync` make those again.
    """
    record = current(root, kata)
    if "reference" in record:
        return SuiteResult.from_record(kata, "solution", record["reference"])
    result = run_suite(kata, "solution", python)
    write(root, kata, result)
    return result
