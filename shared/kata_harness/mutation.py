"""The mutation check: does a kata's tests catch the mistakes a learner makes?

Each mutant of the solution's regions (mutants.py) runs against the tests of its region's
task; a test that fails kills it. A mutant no test kills is a survivor: either a test is
missing, or the mutant behaves as the solution does on every input the kata can see. The
second kind are listed in the kata's equivalent-mutants.toml, each with a reason a reviewer
can check; verify fails on any other survivor (so a kata's score over its non-equivalent
mutants is 100%, above the standard's bar of 85%, once it is triaged).

The outcome is recorded in the kata's proof.json under its own hash (the kata's content
hash and this check's operators), so a run is repeated only when something it depends on
changed.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import tempfile
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import mutants as mutant_operators
from . import records
from .grading import PARALLEL_SUITES, run_suite
from .kata import Kata, UserError, find

MUTANTS_SOURCE = Path(mutant_operators.__file__)


def mutation_hash(root: Path, kata: Kata) -> str:
    digest = hashlib.sha256(records.content_hash(root, kata).encode("ascii"))
    digest.update(MUTANTS_SOURCE.read_bytes())
    return digest.hexdigest()


def current_record(root: Path, kata: Kata) -> dict:
    """The kata's recorded mutation run if it is current, else {}."""
    recorded = records.read(kata).get("mutation", {})
    return recorded if recorded.get("hash") == mutation_hash(root, kata) else {}


def equivalents(kata: Kata) -> dict[str, str]:
    """The kata's survivors listed as equivalent: mutant name to the reason."""
    path = kata.path / mutant_operators.EQUIVALENT_FILE
    if not path.is_file():
        return {}
    try:
        entries = tomllib.loads(path.read_text(encoding="utf-8")).get("equivalent", [])
    except tomllib.TOMLDecodeError as error:
        raise UserError(f"{path}: not valid TOML: {error}") from None
    listed = {}
    for number, entry in enumerate(entries, start=1):
        if not entry.get("mutant") or not entry.get("reason", "").strip():
            raise UserError(f"{path}: entry {number} needs both a mutant and a reason")
        listed[entry["mutant"]] = entry["reason"]
    return listed


def run(
    root: Path, kata: Kata, python: str, progress: bool = False, only: set[str] | None = None
) -> dict:
    """Run every (sampled) mutant against its task's tests; return the record of the run.

    With only, run just the mutants of those names (a record of such a run is partial).
    """
    found, generated = mutant_operators.solution_mutants(kata.solution_dir)
    if only is not None:
        found = [mutant for mutant in found if mutant.name in only]
    started = time.monotonic()
    done = 0

    def outcome(mutant: mutant_operators.Mutant) -> str:
        nonlocal done
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "solution"
            shutil.copytree(kata.solution_dir, copy)
            (copy / mutant.file).write_text(mutant.source, encoding="utf-8")
            result = run_suite(kata, str(copy), python, (mutant.task,), stop_at_failure=True)
        done += 1
        if progress and (done % 25 == 0 or done == len(found)):
            print(f"  {kata.name}: {done}/{len(found)} mutants run", flush=True)
        return result.verdict_on(mutant.task)

    with ThreadPoolExecutor(max_workers=PARALLEL_SUITES) as pool:
        outcomes = list(pool.map(outcome, found))
    return {
        "hash": mutation_hash(root, kata),
        "generated": generated,
        "mutants": len(found),
        "killed": outcomes.count("caught"),
        "survivors": [
            {"name": mutant.name, "diff": mutant.diff}
            for mutant, result in zip(found, outcomes, strict=True)
            if result == "missed"
        ],
        "unproven": [m.name for m, r in zip(found, outcomes, strict=True) if r == "unproven"],
        "seconds": round(time.monotonic() - started, 1),
    }


def listed_survivors(record: dict, listed: dict[str, str]) -> int:
    """How many of the run's survivors are listed as equivalent."""
    return sum(survivor["name"] in listed for survivor in record["survivors"])


def score(record: dict, listed: dict[str, str]) -> tuple[int, int, float]:
    """(killed, non-equivalent mutants, the share killed)."""
    equivalent = listed_survivors(record, listed)
    counted = record["mutants"] - equivalent - len(record["unproven"])
    return record["killed"], counted, record["killed"] / counted if counted else 1.0


def problems(record: dict, listed: dict[str, str]) -> list[str]:
    """Survivors neither killed nor listed as equivalent; listed mutants that no longer survive."""
    surviving = {survivor["name"] for survivor in record["survivors"]}
    found = [
        f"mutant survives its task's tests: {name} (kill it with a test, or list it in "
        f"{mutant_operators.EQUIVALENT_FILE} with a reason)"
        for name in sorted(surviving - listed.keys())
    ]
    return found + [
        f"{mutant_operators.EQUIVALENT_FILE} lists a mutant that is not a survivor: {name}"
        for name in sorted(listed.keys() - surviving)
    ]


def summary(record: dict, listed: dict[str, str]) -> str:
    killed, counted, share = score(record, listed)
    equivalent = listed_survivors(record, listed)
    sampled = record["mutants"] < record["generated"]
    of = f"{record['mutants']} of {record['generated']} sampled" if sampled else record["mutants"]
    unproven = f", {len(record['unproven'])} unproven here" if record["unproven"] else ""
    return (
        f"{killed}/{counted} non-equivalent mutants killed ({share:.0%}); "
        f"mutants: {of}, {equivalent} listed as equivalent{unproven}"
    )


def recorded_or_run(
    root: Path, kata: Kata, python: str, again: bool = False, progress: bool = False
) -> tuple[dict, bool]:
    """The current record, or a fresh run, recorded when every mutant was proven; and
    whether the run is fresh."""
    record = {} if again else current_record(root, kata)
    if record:
        return record, False
    record = run(root, kata, python, progress=progress)
    if not record["unproven"]:
        records.write_mutation(kata, record)
    return record, True


def mutate(
    root: Path,
    slugs: list[str],
    python: str = sys.executable,
    again: bool = False,
    survivors: bool = False,
) -> bool:
    """Print each kata's mutation score and its survivors with their diffs; True if sound.

    With survivors, run again only the survivors of the kata's last recorded run, current
    or not: the quick loop while writing the tests that kill them (nothing is recorded).
    """
    sound = True
    for slug in slugs:
        kata = find(root, slug)
        print(f"{kata.tier} {kata.name}: mutation check", flush=True)
        listed = equivalents(kata)
        if survivors:
            last = records.read(kata).get("mutation", {}).get("survivors", [])
            record = run(root, kata, python, only={survivor["name"] for survivor in last})
            print_survivors(record, listed)
            print(
                f"\n{kata.slug}: {len(record['survivors'])} of the last recorded run's "
                f"{len(last)} survivors survive again ({record['mutants']} of them are "
                "mutants of the solution as it is now); nothing was recorded"
            )
            sound = sound and all(s["name"] in listed for s in record["survivors"])
            continue
        record, _ = recorded_or_run(root, kata, python, again, progress=True)
        print_survivors(record, listed)
        found = problems(record, listed)
        print(f"\n{kata.slug}: {summary(record, listed)} in {record['seconds']:.0f} s")
        for problem in found:
            print(f"  {problem}")
        sound = sound and not found
    return sound


def print_survivors(record: dict, listed: dict[str, str]) -> None:
    for survivor in record["survivors"]:
        reason = listed.get(survivor["name"])
        verdict = f"listed as equivalent: {reason}" if reason else "NOT KILLED"
        print(f"\n{survivor['name']}\n  {verdict}\n{indent(survivor['diff'])}")


def indent(text: str) -> str:
    return "\n".join(f"    {line}" for line in text.splitlines())
