"""What each nox session does. The noxfile parses arguments and installs; the work is here.

Every command takes the collection's root, so the harness's own tests can run it on
fixture collections. A mistake a user can fix raises UserError with a message that
says how; the noxfile shows it without a traceback.
"""

from __future__ import annotations

import difflib
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from . import generated, progress, regions, report, skeleton
from .grading import SuiteResult, run_suite, run_suites
from .kata import CATALOGUE, Kata, KataNotFound, discover, find, planned

README = Path("README.md")
POLL_SECONDS = 1.0


class UserError(Exception):
    """A mistake the user can fix; the message says how."""


def kata_named(root: Path, slug: str) -> Kata:
    try:
        return find(root, slug)
    except KataNotFound as error:
        raise UserError(str(error)) from None


def learner_copy(root: Path, kata: Kata, path: Path | None) -> Path:
    """The learner's copy to grade: the path given, or work/<slug>; it must hold the package."""
    copy = (path or progress.default_copy(root, kata)).resolve()
    if not (copy / kata.package / "__init__.py").is_file():
        raise UserError(
            f"There is no copy of {kata.slug} at {copy} (no {kata.package}/ in it). "
            f"Start one with: nox -s start -- {kata.slug}"
        )
    return copy


def start(root: Path, slug: str, dest: Path | None = None) -> Path:
    """Copy a kata's starter package and brief into work/<slug> or dest; never overwrite."""
    kata = kata_named(root, slug)
    target = (dest or progress.default_copy(root, kata)).resolve()
    if target.exists():
        raise UserError(
            f"{target} already exists, so nothing was copied: your work there is untouched. "
            f"Check it with: nox -s check -- {slug}"
            + (f" {target}" if dest else "")
            + f", or give another destination: nox -s start -- {slug} OTHER_FOLDER"
        )
    shutil.copytree(kata.starter_dir / kata.package, target / kata.package)
    shutil.copy2(kata.path / "README.md", target / "README.md")
    print(f"Started {kata.title} in {target}.")
    print(f"Read {target / 'README.md'}, edit {target / kata.package}/, then run:")
    print(f"  nox -s check -- {slug}" + (f" {target}" if dest else ""))
    return target


def grade_copy(root: Path, kata: Kata, copy: Path, python: str) -> SuiteResult:
    """Run the kata's tests on the learner's copy and record the progress it shows."""
    result = run_suite(kata, str(copy), python)
    progress.record(root, result, copy)
    return result


def check(root: Path, slug: str, path: Path | None, python: str) -> bool:
    """Grade the learner's copy beside the reference, print both, and record the progress."""
    kata = kata_named(root, slug)
    copy = learner_copy(root, kata, path)
    yours, reference = run_suites([(kata, str(copy)), (kata, "solution")], python)
    print(report.check_report(yours, reference, str(copy)))
    progress.record(root, yours, copy)
    return yours.complete


def status(root: Path, python: str | None = None) -> str:
    """Every kata with the learner's progress; with python, the copies are checked afresh."""
    if python:
        for kata in discover(root):
            copy = progress.default_copy(root, kata)
            if copy.is_dir():
                grade_copy(root, kata, copy, python)
    recorded = progress.recorded(root)
    rows = []
    for kata in discover(root):
        entry = recorded.get(kata.slug)
        started = progress.default_copy(root, kata).is_dir() or entry
        if entry:
            state = f"{entry['tasks_passed']}/{entry['tasks_total']} tasks"
        else:
            state = "started, not checked yet" if started else "not started"
        rows.append([kata.tier, kata.name, state, entry["checked"] if entry else ""])
    headers = ["tier", "kata", "progress", "last checked"]
    return report.table(headers, rows) + (
        "\n\nProgress comes from your last check of each kata; "
        "nox -s status -- --rebuild checks every copy in work/ again."
    )


def hint(root: Path, slug: str, task: int | None = None) -> str:
    """One more hint for a task (by default the first unfinished one) each time it is asked."""
    kata = kata_named(root, slug)
    number = task or progress.first_unfinished_task(root, kata)
    try:
        shown, total = progress.next_hint(root, kata, number)
    except ValueError as error:
        raise UserError(str(error)) from None
    lines = [f"{kata.title}, task {number}: {kata.task_title(number)}"]
    lines += [f"  Hint {i} of {total}: {text}" for i, text in enumerate(shown, start=1)]
    if len(shown) == total:
        lines.append(
            "  That is every hint for this task. The brief's Task section has one more; "
            f"to read the reference: nox -s solution -- {slug} --give-up"
        )
    else:
        lines.append(f"  Ask again for the next one: nox -s hint -- {slug} {number}")
    return "\n".join(lines)


def snapshot(folder: Path) -> dict[Path, tuple[int, int]]:
    return {
        path: (path.stat().st_mtime_ns, path.stat().st_size)
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def changes(folder: Path, poll: bool) -> Iterator[None]:
    """Yield once per burst of saves in folder: by file-system events, or by polling."""
    if not poll:
        try:
            from watchfiles import watch
        except ImportError:
            print("watchfiles is not installed, so watch falls back to polling.")
        else:
            print(f"Watching {folder} for saves (file-system events, via watchfiles).")
            for _ in watch(folder):
                yield
            return
    print(f"Watching {folder} for saves (polling every {POLL_SECONDS:g} s).")
    before = snapshot(folder)
    while True:
        time.sleep(POLL_SECONDS)
        now = snapshot(folder)
        if now != before:
            before = now
            yield


def watch(root: Path, slug: str, path: Path | None, python: str, poll: bool = False) -> None:
    """Check the learner's copy, then again on every save, until interrupted."""
    copy = learner_copy(root, kata_named(root, slug), path)
    check(root, slug, copy, python)
    for _ in changes(copy, poll):
        print("\n" + "=" * 30 + f" {time.strftime('%H:%M:%S')}: change seen, checking again\n")
        check(root, slug, copy, python)


def solution(root: Path, slug: str, path: Path | None, python: str, give_up: bool) -> str:
    """The learner's copy beside the reference as a diff, once every task passes."""
    kata = kata_named(root, slug)
    copy = learner_copy(root, kata, path)
    yours = grade_copy(root, kata, copy, python)
    if not (yours.complete or give_up):
        raise UserError(
            f"{yours.tasks_passed} of {len(kata.tasks)} tasks of {slug} pass; the reference "
            "opens once they all do. Try a hint first (nox -s hint -- "
            f"{slug}), or look anyway: nox -s solution -- {slug} --give-up"
        )
    return solution_diff(kata, copy)


def solution_diff(kata: Kata, copy: Path) -> str:
    """A unified diff from each of the learner's Python files to the clean reference."""
    parts = []
    for relative in regions.solution_files(kata.solution_dir):
        if relative.suffix != ".py":
            continue
        reference = regions.render_clean_solution(
            (kata.solution_dir / relative).read_text(encoding="utf-8")
        )
        mine = copy / relative
        text = mine.read_text(encoding="utf-8") if mine.is_file() else ""
        parts += difflib.unified_diff(
            text.splitlines(keepends=True),
            reference.splitlines(keepends=True),
            fromfile=f"yours/{relative}",
            tofile=f"reference/{relative}",
        )
    return "".join(parts) or "Your copy is the same as the reference."


def tier(root: Path, tier_name: str, python: str) -> bool:
    """Run a tier's reference solutions and the learner's started copies; print the scoreboard."""
    rows = []
    for kata in discover(root, tier_name):
        print(f"running {kata.name} ...", flush=True)
        reference = run_suite(kata, "solution", python)
        copy = progress.default_copy(root, kata)
        yours = grade_copy(root, kata, copy, python) if copy.is_dir() else None
        rows.append((reference, yours))
    print()
    print(report.scoreboard(tier_name, rows))
    return all(reference.complete for reference, _ in rows)


def verify(root: Path, python: str, slugs: list[str] | None = None) -> list[str]:
    """The maintainer's proof of every kata (or those named); returns the problems found."""
    katas = [kata_named(root, slug) for slug in slugs] if slugs else discover(root)
    problems = [] if slugs else collection_problems(root)
    for kata in katas:
        print(f"\n{kata.tier} {kata.name}", flush=True)
        for problem in kata_problems(root, kata, python):
            problems.append(f"{kata.slug}: {problem}")
    drafts = [kata.slug for kata in discover(root, drafts=True) if kata.draft]
    if drafts and not slugs:
        print(f"\nDrafts, not verified: {', '.join(drafts)} (nox -s verify -- SLUG verifies one)")
    return problems


def strength_problems(kata: Kata, python: str) -> list[str]:
    """Stub each region of the solution alone: a test of the region's task must then fail."""
    runs, names = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for relative in regions.solution_files(kata.solution_dir):
            if relative.suffix != ".py":
                continue
            source = (kata.solution_dir / relative).read_text(encoding="utf-8")
            for index, task in enumerate(regions.region_tasks(source)):
                mutant = Path(tmp) / f"{relative.stem}-{index}"
                shutil.copytree(kata.solution_dir, mutant)
                stubbed = regions.stub_region(source, index, str(relative))
                (mutant / relative).write_text(stubbed, encoding="utf-8")
                runs.append((kata, str(mutant), (task,)))
                names.append(f"region {index + 1} of {relative} (task {task})")
        results = run_suites(runs, python, stop_at_failure=True)
    return [
        f"no test of task {task} fails with {name} stubbed"
        for name, (_, _, (task,)), result in zip(names, runs, results, strict=True)
        if result.task_done(task)
    ]


def checked(name: str, found: list[str]) -> list[str]:
    """Print one line of verify's report, ok or FAIL with what was found; return what was found."""
    details = "".join(f"\n          {problem}" for problem in found)
    print(f"  {'FAIL' if found else 'ok  '}  {name}{details}", flush=True)
    return found


def kata_problems(root: Path, kata: Kata, python: str) -> list[str]:
    """Everything the standard asks of one kata that a program can check."""
    stale = regions.stale_starter_files(kata.solution_dir, kata.starter_dir)
    problems = checked("starter in sync with the solution", stale)
    problems += checked("skeleton in sync with the template", skeleton.drift(root, kata))
    problems += checked("metadata", metadata_problems(root, kata))
    reference = run_suite(kata, "solution", python)
    problems += checked(f"solution: {passed(reference)}", solution_problems(reference))
    starter = run_suite(kata, "starter", python)
    problems += checked(f"starter: {failed(starter)}", starter_problems(starter))
    problems += checked(
        "brief's acceptance figures match this run", brief_problems(kata, reference)
    )
    strength = strength_problems(kata, python)
    problems += checked("each region stubbed alone fails a test of its task", strength)
    budget, seconds = kata.budget_seconds, reference.seconds
    over = [f"the suite took {seconds:.1f} s, over its budget of {budget} s"] * (seconds > budget)
    return problems + checked(f"suite time {seconds:.1f} s (budget {budget} s)", over)


def passed(result: SuiteResult) -> str:
    count = sum(test["outcome"] == "passed" for test in result.tests)
    tasks = f"{result.tasks_passed}/{len(result.kata.tasks)} tasks"
    return f"{count}/{len(result.tests)} tests pass, {tasks}"


def failed(result: SuiteResult) -> str:
    count = sum(test["outcome"] in ("failed", "error") for test in result.tests)
    return f"{count}/{len(result.tests)} graded tests fail"


def solution_problems(reference: SuiteResult) -> list[str]:
    kata = reference.kata
    problems = [f"the solution run failed: {reference.error}"] if reference.error else []
    if reference.error and not reference.tests:
        return problems  # nothing ran: the error is the whole story
    problems += [
        f"{test['nodeid']} {test['outcome']} on the solution: {test['message']}"
        for test in reference.tests
        if test["outcome"] != "passed"
    ]
    problems += [
        f"{test['nodeid']} has no @pytest.mark.task(N)"
        for test in reference.tests
        if test["task"] is None
    ]
    problems += [
        f"task {task['number']} has no tests"
        for task in kata.tasks
        if not reference.tasks[str(task["number"])]["total"]
    ]
    problems += [
        f"metric {name} was not recorded by any test"
        for name in kata.metrics
        if not reference.metric(name)
    ]
    return problems


def starter_problems(starter: SuiteResult) -> list[str]:
    problems = (
        [f"the starter run could not start: {starter.error}"]
        if starter.error and not starter.tests
        else []
    )
    return problems + [
        f"{test['nodeid']} {test['outcome']} on the starter; every graded test must fail there"
        for test in starter.tests
        if test["outcome"] not in ("failed", "error")
    ]


def brief_problems(kata: Kata, reference: SuiteResult) -> list[str]:
    try:
        written = generated.read_block(
            (kata.path / "README.md").read_text(encoding="utf-8"), "acceptance"
        )
    except generated.MissingBlock as error:
        return [f"README.md: {error}"]
    if written != generated.acceptance_table(reference):
        return [
            "README.md's acceptance table differs from a live run of the solution (nox -s sync)"
        ]
    return []


def metadata_problems(root: Path, kata: Kata) -> list[str]:
    """kata.toml against its folder and the catalogue; every task has hints."""
    problems = []
    expected = root / "projects" / kata.tier / f"{kata.number:02d}-{kata.slug}"
    if kata.path.resolve() != expected.resolve():
        problems.append(
            f"kata.toml says tier {kata.tier}, number {kata.number}: it belongs in {expected}"
        )
    if not any(
        entry["slug"] == kata.slug and entry["tier"] == kata.tier for entry in planned(root)
    ):
        problems.append(f"not in {CATALOGUE} under tier {kata.tier}")
    problems += [
        f"task {task['number']} has no hints" for task in kata.tasks if not task.get("hints")
    ]
    return problems


def collection_problems(root: Path) -> list[str]:
    """The README's generated catalogue is current."""
    text = (root / README).read_text(encoding="utf-8")
    stale = generated.read_block(text, "catalogue") != catalogue(root)
    found = ["README.md's catalogue differs from the katas' metadata (nox -s sync)"] * stale
    return checked("README.md's catalogue matches the katas' metadata", found)


def catalogue(root: Path) -> str:
    return generated.catalogue_table(planned(root), discover(root))


def sync(root: Path, python: str, slugs: list[str] | None = None) -> None:
    """Regenerate what is derived: starters, template-owned files, acceptance tables, catalogue."""
    katas = [kata_named(root, slug) for slug in slugs] if slugs else discover(root, drafts=True)
    for kata in katas:
        print(f"{kata.tier} {kata.name}: starter, skeleton files, acceptance table", flush=True)
        regions.write_starter(kata.solution_dir, kata.starter_dir)
        skeleton.rerender_owned(root, kata)
        reference = run_suite(kata, "solution", python)
        if not reference.complete:
            raise UserError(
                f"{kata.slug}: the solution fails its tests; fix it first.\n{reference.error}"
            )
        brief = kata.path / "README.md"
        text = brief.read_text(encoding="utf-8")
        brief.write_text(
            generated.replace_block(text, "acceptance", generated.acceptance_table(reference)),
            encoding="utf-8",
        )
    readme = root / README
    readme.write_text(
        generated.replace_block(readme.read_text(encoding="utf-8"), "catalogue", catalogue(root)),
        encoding="utf-8",
    )
    print("README.md: catalogue")


def new(root: Path, answers: dict) -> Path:
    """Render a new kata from the template into its tier, as a draft."""
    try:
        target = skeleton.new_kata(root, answers)
    except (FileExistsError, ValueError) as error:
        raise UserError(str(error)) from None
    slug = Kata(target).slug
    print(f"Rendered {target}. It is a draft (kata.toml: draft = true) until it is finished:")
    print(f"write solution/, tests/ and the brief, then nox -s sync -- {slug}")
    print(f"and nox -s verify -- {slug}. CONTRIBUTING.md has the whole loop.")
    return target
