"""The maintainer's commands: verify proves the collection sound, sync regenerates, new renders.

verify runs two katas at once (one per core) and prints each kata's checks as it
finishes. The solution and starter runs always happen; the strength proof, the
costliest part, is reused from a kata's proof.json while its content hash is current.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from . import generated, mutation, records, regions, skeleton
from .grading import (
    PARALLEL_SUITES,
    SuiteResult,
    require_all,
    run_suite,
    run_suites,
    suite_environment,
)
from .kata import CATALOGUE, Kata, UserError, discover, find, planned

README = Path("README.md")
BASELINES_SCRIPT = "baselines.py"
TASK_HEADING = re.compile(r"^### Task (?P<number>\d+): (?P<title>.+)$", re.M)
# A file a brief names in backticks: a path with a folder, or a source or text file's name.
FILE_REFERENCE = re.compile(r"`(?P<path>[\w.-]+(?:/[\w.-]+)+/?|[\w-]+\.(?:py|md|toml|cfg|yml))`")
# The folders whose files a brief's paths name (besides the kata's package); any other
# path is something the learner's code writes (`out/dashboard.html`) or a name elsewhere.
KATA_FOLDERS = ("data", "tests", "ci", "starter", "solution", "work")
EXPECTED_TIME = re.compile(r"\*\*Expected time:\*\* about (?P<hours>[\d.]+) hours")
CODE_BLOCK = re.compile(r"^```[^\n]*\n(?P<code>.*?)^```", re.M | re.S)
DATA_PATH = re.compile(r"(?<![\w/])data/[\w./-]+")
# What a brief never says: how the kata was made, or a tool the conventions rule out.
OFF_BRIEF = {
    "the issue": "speaks of the issue that asked for the kata, not to the learner",
    "TODO": "has a TODO",
    "FIXME": "has a FIXME",
    "plt.": "uses pyplot (CONTRIBUTING: figures on matplotlib.figure.Figure)",
}
# Modules a solution never imports, by the conventions of CONTRIBUTING.md.
RULED_OUT_IMPORTS = {
    "matplotlib.pyplot": "figures are drawn on matplotlib.figure.Figure",
    "joblib": "a model is saved with skops",
    "pickle": "a model is saved with skops",
}


@dataclass
class Checklist:
    """verify's report on one kata: a line per check, and the problems found."""

    kata: Kata
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def check(self, name: str, found: list[str]) -> None:
        details = "".join(f"\n          {problem}" for problem in found)
        self.lines.append(f"  {'FAIL' if found else 'ok  '}  {name}{details}")
        self.problems += [f"{self.kata.slug}: {problem}" for problem in found]

    def note(self, text: str) -> None:
        self.lines.append(f"  note  {text}")


def verify(
    root: Path, python: str, slugs: list[str] | None = None, full: bool = False
) -> list[str]:
    """The maintainer's proof of every kata (or those named); returns the problems found."""
    katas = [find(root, slug) for slug in slugs] if slugs else discover(root)
    problems = [] if slugs else collection_problems(root)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=PARALLEL_SUITES) as pool:
        futures = {pool.submit(kata_checklist, root, kata, python, full): kata for kata in katas}
        for count, future in enumerate(as_completed(futures), start=1):
            kata = futures[future]
            checklist, seconds = future.result()
            print(f"\n[{count}/{len(katas)}] {kata.tier} {kata.name} ({seconds:.0f} s)", flush=True)
            print("\n".join(checklist.lines), flush=True)
            problems += checklist.problems
    plural = "" if len(katas) == 1 else "s"
    print(f"\n{len(katas)} kata{plural} verified in {time.monotonic() - started:.0f} s")
    drafts = [kata.slug for kata in discover(root, drafts=True) if kata.draft]
    if drafts and not slugs:
        print(f"Drafts, not verified: {', '.join(drafts)} (nox -s verify -- SLUG verifies one)")
    return problems


def kata_checklist(root: Path, kata: Kata, python: str, full: bool) -> tuple[Checklist, float]:
    """Everything the standard asks of one kata that a program can check; and its time."""
    started = time.monotonic()
    out = Checklist(kata)
    out.check(
        "starter in sync with the solution",
        regions.stale_starter_files(kata.solution_dir, kata.starter_dir),
    )
    out.check("skeleton in sync with the template", skeleton.drift(root, kata))
    out.check("metadata", metadata_problems(root, kata))
    out.check("brief's task headings match kata.toml", heading_problems(kata))
    out.check("brief's files, commands and wording", brief_text_problems(kata))
    out.check("solution keeps the conventions", convention_problems(kata))
    record = records.current(root, kata)
    reference = run_suite(kata, "solution", python, alone=True)  # timed against the budget
    out.check(f"solution: {passed(reference)}", solution_problems(reference))
    starter = run_suite(kata, "starter", python)
    out.check(f"starter: {failed(starter)}", starter_problems(starter))
    for reason in dict.fromkeys(reference.skips + starter.skips):
        out.note(f"not proven on this machine, skipped: {reason}")
    baselines = baselines_output(record, kata, python)
    out.check(
        "brief's generated figures match this run", brief_problems(kata, reference, baselines)
    )
    if "reference" in record:
        recorded = SuiteResult.from_record(kata, "solution", record["reference"])
        out.check("recorded reference's figures match this run", drifted(recorded, reference))
    proving = time.monotonic()
    if "strength" in record and not full:
        strength, unproven = record["strength"], []
        out.note("strength proof reused: proof.json is current (verify --full proves it again)")
    else:
        strength, unproven = strength_proof(kata, python)
        for name in unproven:
            out.note(f"not proven on this machine: {name}")
        records.write(root, kata, reference, None if unproven else strength, baselines)
    out.check("each region stubbed alone fails a test of its task", strength)
    mutation_check(root, kata, python, full, out)
    budget, seconds = kata.budget_seconds, reference.seconds
    over = [f"the suite took {seconds:.1f} s, over its budget of {budget} s"] * (seconds > budget)
    out.check(f"suite time {seconds:.1f} s (budget {budget} s)", over)
    out.note(
        f"time: solution {reference.seconds:.0f} s, starter {starter.seconds:.0f} s, "
        f"strength {time.monotonic() - proving:.0f} s"
    )
    return out, time.monotonic() - started


def strength_proof(kata: Kata, python: str) -> tuple[list[str], list[str]]:
    """Stub each region of the solution alone: a test of the region's task must then fail.

    Returns the regions that no test caught, and those whose tests were skipped here.
    """
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
    survived, unproven = [], []
    for name, (_, _, (task,)), result in zip(names, runs, results, strict=True):
        verdict = result.verdict_on(task)
        if verdict == "unproven":
            unproven.append(f"{name} stubbed: its task's tests were skipped")
        elif verdict == "missed":
            survived.append(f"no test of task {task} fails with {name} stubbed")
    return survived, unproven


def mutation_check(root: Path, kata: Kata, python: str, full: bool, out: Checklist) -> None:
    """The mutation check from a current record, or run afresh (and recorded if proven)."""
    if kata.mutation_pending:
        out.note('mutation check pending (kata.toml: mutation = "pending"): not run')
        return
    record, fresh = mutation.recorded_or_run(root, kata, python, again=full)
    if not fresh:
        out.note("mutation record reused: proof.json is current")
    elif record["unproven"]:
        out.note(f"mutants not proven on this machine: {len(record['unproven'])}")
    listed = mutation.equivalents(kata)
    out.check(f"mutation: {mutation.summary(record, listed)}", mutation.problems(record, listed))


def passed(result: SuiteResult) -> str:
    count = sum(test["outcome"] == "passed" for test in result.tests)
    skipped = sum(test["outcome"] == "skipped" for test in result.tests)
    skips = f", {skipped} skipped" if skipped else ""
    tasks = f"{result.tasks_passed}/{len(result.kata.tasks)} tasks"
    return f"{count}/{len(result.tests)} tests pass{skips}, {tasks}"


def failed(result: SuiteResult) -> str:
    count = sum(test["outcome"] in ("failed", "error") for test in result.tests)
    return f"{count}/{len(result.tests)} graded tests fail"


def solution_problems(reference: SuiteResult) -> list[str]:
    kata = reference.kata
    problems = [f"the solution run failed: {reference.error}"] if reference.error else []
    if reference.error and not reference.tests:
        return problems  # nothing ran: the error is the whole story
    strict = require_all()
    problems += [
        f"{test['nodeid']} {test['outcome']} on the solution: {test['message']}"
        for test in reference.tests
        if test["outcome"] != "passed" and (strict or test["outcome"] != "skipped")
    ]
    problems += [
        f"{test['nodeid']} has no @pytest.mark.task(N)"
        for test in reference.tests
        if test["task"] is None
    ]
    problems += [
        f"task {task['number']} has no tests"
        for task in kata.tasks
        if not reference.tasks.get(str(task["number"]), {}).get("total")
    ]
    problems += [
        f"metric {name} was not recorded by any test"
        for name in kata.metrics
        if not reference.metric(name)
    ]
    return problems + [
        f"figure {name} was not recorded by any test"
        for name in kata.figures
        if not reference.figure(name) and reference.complete
    ]


def starter_problems(starter: SuiteResult) -> list[str]:
    problems = (
        [f"the starter run could not start: {starter.error}"]
        if starter.error and not starter.tests
        else []
    )
    allowed = ("failed", "error") if require_all() else ("failed", "error", "skipped")
    return problems + [
        f"{test['nodeid']} {test['outcome']} on the starter; every graded test must fail there"
        for test in starter.tests
        if test["outcome"] not in allowed
    ]


def drifted(recorded: SuiteResult, live: SuiteResult) -> list[str]:
    """Figures of the recorded reference run that differ from the live one: not deterministic."""
    was = {entry["name"]: entry["value"] for entry in recorded.metrics + recorded.figures}
    now = {entry["name"]: entry["value"] for entry in live.metrics + live.figures}
    return [
        f"{name} is {now[name]!r} now, {was[name]!r} in proof.json: is the kata deterministic?"
        for name in sorted(was.keys() & now.keys())
        if was[name] != now[name]
    ]


def baselines_output(record: dict, kata: Kata, python: str) -> str | None:
    """What the kata's baselines script prints: from a current record, or from a run."""
    return record["baselines"] if "baselines" in record else run_baselines(kata, python)


def run_baselines(kata: Kata, python: str) -> str | None:
    """What the kata's baselines script prints for the reference, if it has one.

    The script compares the reference with what is too slow for the suite (other models,
    ablations). It prints markdown, each part begun by a line `<!-- block: NAME -->`,
    which sync writes into the brief's generated block NAME.
    """
    script = kata.path / BASELINES_SCRIPT
    if not script.is_file():
        return None
    env = suite_environment(PYTHONPATH=str(kata.solution_dir))
    finished = subprocess.run(
        [python, str(script)], cwd=kata.path, env=env, capture_output=True, text=True
    )
    if finished.returncode != 0:
        raise UserError(f"{kata.slug}: {BASELINES_SCRIPT} failed:\n{finished.stderr[-2000:]}")
    return finished.stdout


def generated_blocks(reference: SuiteResult, baselines: str | None) -> dict[str, str]:
    """Each generated block of the brief, as this run writes it."""
    blocks = {
        "acceptance": generated.acceptance_table(reference),
        "how-to-work": generated.how_to_work(reference.kata),
    }
    if reference.kata.figures:
        blocks["figures"] = generated.figures_table(reference)
    if baselines is not None:
        try:
            blocks |= generated.script_blocks(baselines)
        except generated.MissingBlock as error:
            raise UserError(f"{reference.kata.slug}: {BASELINES_SCRIPT}: {error}") from None
    return blocks


def brief_problems(kata: Kata, reference: SuiteResult, baselines: str | None) -> list[str]:
    text = (kata.path / "README.md").read_text(encoding="utf-8")
    problems = []
    try:
        blocks = generated_blocks(reference, baselines)
    except UserError as error:
        return [str(error)]
    for name, content in blocks.items():
        try:
            if generated.read_block(text, name) != content:
                problems.append(f"README.md's {name} block differs from a live run (nox -s sync)")
        except generated.MissingBlock as error:
            problems.append(f"README.md: {error}")
    return problems


def heading_problems(kata: Kata) -> list[str]:
    """The brief has a `### Task N: title` heading per task, titled as in kata.toml."""
    text = (kata.path / "README.md").read_text(encoding="utf-8")
    written = {int(m["number"]): m["title"].strip() for m in TASK_HEADING.finditer(text)}
    problems = []
    for task in kata.tasks:
        heading = written.pop(task["number"], None)
        if heading is None:
            problems.append(f"README.md has no heading '### Task {task['number']}: ...'")
        elif heading != task["title"]:
            problems.append(
                f"README.md titles task {task['number']} '{heading}'; "
                f"kata.toml says '{task['title']}'"
            )
    return problems + [f"README.md has a Task {number} that kata.toml lacks" for number in written]


def brief_text_problems(kata: Kata) -> list[str]:
    """Files the brief names exist; what its commands read is copied to the learner; its
    hints and text keep to the learner's side and to the conventions."""
    text = (kata.path / "README.md").read_text(encoding="utf-8")
    named = [m["path"].rstrip("/") for m in FILE_REFERENCE.finditer(text)]
    folders = (*KATA_FOLDERS, kata.package)
    problems = [
        f"README.md names `{path}`, which the kata does not have"
        for path in dict.fromkeys(named)
        if ("/" not in path or path.split("/")[0] in folders) and not reference_exists(kata, path)
    ]
    problems += [
        f"kata.toml's learner_files names {name}, which the kata does not have"
        for name in kata.learner_files
        if not (kata.path / name).is_file()
    ]
    commands = "\n".join(m["code"] for m in CODE_BLOCK.finditer(text)) + kata.run_example
    problems += [
        f"a command of the brief reads {path}, which start does not copy "
        "(add it to kata.toml's learner_files)"
        for path in dict.fromkeys(DATA_PATH.findall(commands))
        if path not in kata.learner_files
    ]
    hours = EXPECTED_TIME.search(text)
    if not hours or float(hours["hours"]) != kata.meta["hours"]:
        problems.append(
            f"README.md's header must say 'about {kata.meta['hours']} hours' (kata.toml)"
        )
    if "**Builds on:**" not in text:
        problems.append("README.md has no '**Builds on:**' line naming what it builds on")
    hints = "\n".join(hint for task in kata.tasks for hint in task.get("hints", []))
    for phrase, why in OFF_BRIEF.items():
        for where, words in [("README.md", text), ("kata.toml's hints", hints)]:
            if phrase.lower() in words.lower():
                problems.append(f"{where} {why}: '{phrase}'")
    return problems


def convention_problems(kata: Kata) -> list[str]:
    """What a program can see of CONTRIBUTING's conventions in the solution's code."""
    problems = []
    for relative in regions.solution_files(kata.solution_dir):
        if relative.suffix != ".py":
            continue
        tree = ast.parse((kata.solution_dir / relative).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level:
                problems.append(f"{relative}:{node.lineno}: a relative import (use absolute)")
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            problems += [
                f"{relative}:{node.lineno}: imports {name}: {RULED_OUT_IMPORTS[name]}"
                for name in names
                if name in RULED_OUT_IMPORTS
            ]
        mains = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "main"]
        for main in mains:
            if relative.name != "__main__.py":
                problems.append(f"{relative}: main() belongs in the package's __main__.py")
            elif not (isinstance(main.returns, ast.Name) and main.returns.id == "int"):
                problems.append(f"{relative}: main(argv) returns an int, its exit status")
    return problems


def reference_exists(kata: Kata, path: str) -> bool:
    """A path the brief names is a file or folder of the kata, its package or its copy."""
    if "/" not in path:
        return any(kata.path.rglob(path))
    places = [kata.path, kata.solution_dir, kata.solution_dir / kata.package]
    copy_folder = f"work/{kata.slug}"
    return path.startswith(copy_folder) or any((place / path).exists() for place in places)


def metadata_problems(root: Path, kata: Kata) -> list[str]:
    """kata.toml against its folder and the catalogue; hints; capabilities taught by tasks."""
    problems = []
    expected = root / "projects" / kata.tier / f"{kata.number:02d}-{kata.slug}"
    if kata.path.resolve() != expected.resolve():
        problems.append(
            f"kata.toml says tier {kata.tier}, number {kata.number}: it belongs in {expected}"
        )
    entry = next(
        (e for e in planned(root) if e["slug"] == kata.slug and e["tier"] == kata.tier), None
    )
    if entry is None:
        problems.append(f"not in {CATALOGUE} under tier {kata.tier}")
    problems += [
        f"task {task['number']} has no hints" for task in kata.tasks if not task.get("hints")
    ]
    return problems + capability_problems(kata, entry["teaches"] if entry else [])


def capability_problems(kata: Kata, capabilities: list[str]) -> list[str]:
    """Each capability of the catalogue entry is taught by at least one task that exists."""
    numbers = {task["number"] for task in kata.tasks}
    problems = [
        f"kata.toml's [teaches] names no task for the capability '{capability}'"
        for capability in capabilities
        if not kata.teaches.get(capability)
    ]
    problems += [
        f"kata.toml's [teaches] has '{name}', which the catalogue entry does not list"
        for name in kata.teaches
        if name not in capabilities
    ]
    return problems + [
        f"kata.toml's [teaches] names task {number} for '{name}', but there is no task {number}"
        for name, tasks in kata.teaches.items()
        for number in tasks
        if number not in numbers
    ]


def collection_problems(root: Path) -> list[str]:
    """The README's generated catalogue is current."""
    text = (root / README).read_text(encoding="utf-8")
    stale = generated.read_block(text, "catalogue") != catalogue(root)
    found = ["README.md's catalogue differs from the katas' metadata (nox -s sync)"] * stale
    print(f"  {'FAIL' if found else 'ok  '}  README.md's catalogue matches the katas' metadata")
    return found


def catalogue(root: Path) -> str:
    return generated.catalogue_table(planned(root), discover(root))


def sync(root: Path, python: str, slugs: list[str] | None = None) -> None:
    """Regenerate what is derived: starters, template-owned files, the brief's generated blocks,
    each kata's proof.json (proving strength and running the mutation check again where
    they are stale), and the catalogue."""
    katas = [find(root, slug) for slug in slugs] if slugs else discover(root, drafts=True)
    for kata in katas:
        print(f"{kata.tier} {kata.name}: starter, skeleton files, brief's figures", flush=True)
        regions.write_starter(kata.solution_dir, kata.starter_dir)
        skeleton.rerender_owned(root, kata)
        reference = run_suite(kata, "solution", python, alone=True)
        if not reference.complete:
            raise UserError(
                f"{kata.slug}: the solution fails its tests; fix it first.\n"
                f"{reference.why_incomplete()}"
            )
        record = records.current(root, kata)
        baselines = baselines_output(record, kata, python)
        brief = kata.path / "README.md"
        text = brief.read_text(encoding="utf-8")
        for name, content in generated_blocks(reference, baselines).items():
            text = generated.replace_block(text, name, content)
        brief.write_text(text, encoding="utf-8")
        if "strength" not in record:
            print(f"{kata.tier} {kata.name}: proving the tests strong (proof.json)", flush=True)
            strength, unproven = strength_proof(kata, python)
            records.write(root, kata, reference, None if unproven else strength, baselines)
        if not kata.mutation_pending:
            mutation.recorded_or_run(root, kata, python, progress=True)
        for reason in reference.skips:
            print(f"{kata.tier} {kata.name}: not recorded, a test was skipped: {reason}")
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
