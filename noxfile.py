"""The sessions of ML Engineering Katas: `nox -l` lists them, README.md explains them.

A session installs what it needs (every install goes through constraints.txt) and
hands its arguments to the harness, `python -m kata_harness` in shared/.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "shared"))
# Discovery needs only the standard library, so it runs in nox's own Python.
from kata_harness.kata import INTERRUPTED, NOT_PASSED, TIERS, USER_ERROR, Kata, discover  # noqa: E402

CONSTRAINTS = "constraints.txt"
MAINTAINER_TOOLS = ("cookiecutter", "ruff", "pytest", "pytest-timeout")

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["beginner"]

# uv does not read pip's settings: hand pip's extra wheel locations (such as the local
# CPU build of PyTorch) on to uv, which takes them comma-separated.
if os.environ.get("PIP_FIND_LINKS") and not os.environ.get("UV_FIND_LINKS"):
    os.environ["UV_FIND_LINKS"] = ",".join(os.environ["PIP_FIND_LINKS"].split())


def katas(tier: str | None = None, slugs: list[str] | None = None) -> list[Kata]:
    """The katas of a tier (or all), drafts too, or only those named by slug."""
    found = discover(ROOT, tier, drafts=True)
    return found if slugs is None else [kata for kata in found if kata.slug in slugs]


def install(session: nox.Session, chosen: list[Kata], *tools: str) -> None:
    """Install the katas' declared dependencies and the tools, through the constraints.

    A set of requirements already installed in this environment under today's constraints
    is not installed again: a stamp in the environment remembers it, so a warm session
    starts at once. A new environment (`nox -s NAME --no-reuse-existing-virtualenvs`)
    has no stamps.
    """
    requirements = set(tools)
    for kata in chosen:
        pyproject = tomllib.loads((kata.path / "pyproject.toml").read_text(encoding="utf-8"))
        requirements.update(pyproject["project"]["dependencies"])
    pinned = {requirement.split("==")[0] for requirement in requirements if "==" in requirement}
    requirements -= pinned  # a bare tool name beside the kata's pin of it
    if not requirements:
        return
    wanted = (ROOT / CONSTRAINTS).read_text(encoding="utf-8") + "\n".join(sorted(requirements))
    stamp = Path(session.virtualenv.location, ".kata-installed", sha256(wanted))
    if stamp.is_file():
        session.log("The requirements are installed already (under today's constraints).")
        return
    session.install("-c", CONSTRAINTS, *sorted(requirements))
    stamp.parent.mkdir(exist_ok=True)
    stamp.write_text(wanted, encoding="utf-8")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# How a session ends when the harness exits with each status.
ENDINGS = {
    NOT_PASSED: "not everything passes yet: the summary above says what to do next",
    USER_ERROR: "nothing was done: the message above says why",
    INTERRUPTED: "interrupted",
}


def harness(session: nox.Session, command: str, *args: str, endings: dict | None = None) -> None:
    """Run a harness command in the session's environment, paths read from where nox was run.

    The harness prints its own verdict and next step, so a non-zero exit ends the session
    with a line of ours, not nox's "Command ... failed", which reads as the tool breaking.
    The exit status stays non-zero.
    """
    if session.venv_backend == "none":
        python, path = sys.executable, os.environ.get("PATH", "")
    else:
        python = str(Path(session.bin) / "python")
        path = os.pathsep.join([session.bin, os.environ.get("PATH", "")])
    env = os.environ | {
        "PATH": path,
        "PYTHONPATH": str(ROOT / "shared"),
        "KATA_INVOKED_FROM": session.invoked_from,
    }
    session.log(f"python -m kata_harness {command} {' '.join(args)}".rstrip())
    code = subprocess.call([python, "-m", "kata_harness", command, *args], cwd=ROOT, env=env)
    if code:
        ending = (ENDINGS if endings is None else endings).get(code)
        session.error(ending or f"{command} stopped with exit status {code}")


def tier_session(tier: str) -> None:
    def run_tier(session: nox.Session) -> None:
        install(session, katas(tier), "pytest", "pytest-timeout")
        harness(session, "tier", tier)

    run_tier.__doc__ = (
        f"Run every {tier} kata against its reference (and your copies); print the scoreboard."
    )
    nox.session(name=tier)(run_tier)


for _tier in TIERS:
    tier_session(_tier)


@nox.session(venv_backend="none")
def start(session: nox.Session) -> None:
    """Copy a kata's starter and brief to work/SLUG to work in: start -- SLUG [DEST]."""
    harness(session, "start", *session.posargs)


@nox.session
def check(session: nox.Session) -> None:
    """Grade your copy beside the reference: check -- SLUG [PATH] [--task N | --all]."""
    install(session, katas(slugs=session.posargs[:1]), "pytest", "pytest-timeout")
    harness(session, "check", *session.posargs)


@nox.session
def run(session: nox.Session) -> None:
    """Run your own code in a kata's environment, in your copy: run -- SLUG [--copy PATH] CMD ..."""
    install(session, katas(slugs=session.posargs[:1]))
    harness(session, "run", *session.posargs, endings={})  # the status is your program's


@nox.session
def watch(session: nox.Session) -> None:
    """Check your copy again on every save: watch -- SLUG [PATH] [--task N | --all] [--poll]."""
    install(session, katas(slugs=session.posargs[:1]), "pytest", "pytest-timeout", "watchfiles")
    harness(session, "watch", *session.posargs)


@nox.session
def status(session: nox.Session) -> None:
    """Show your progress in every kata; status -- --rebuild checks every copy in work/ again."""
    if "--rebuild" in session.posargs:
        install(session, katas(), "pytest", "pytest-timeout")
    harness(session, "status", *session.posargs)


@nox.session(venv_backend="none")
def hint(session: nox.Session) -> None:
    """Reveal one more hint for a task (default: your first unfinished one): hint -- SLUG [TASK]."""
    harness(session, "hint", *session.posargs)


@nox.session
def solution(session: nox.Session) -> None:
    """Once every task passes, diff yours and the reference: solution -- SLUG [PATH] [--give-up]."""
    install(session, katas(slugs=session.posargs[:1]), "pytest", "pytest-timeout")
    harness(session, "solution", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmark your copy and the reference beside the real library: bench -- SLUG [PATH]."""
    install(session, katas(slugs=session.posargs[:1]))
    harness(session, "bench", *session.posargs)


@nox.session
def verify(session: nox.Session) -> None:
    """Prove the collection sound: lint, harness tests, katas: verify -- [SLUG ...] [--full]."""
    slugs = [arg for arg in session.posargs if not arg.startswith("-")]
    install(session, katas(slugs=slugs or None), *MAINTAINER_TOOLS)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("python", "-m", "pytest", "shared/tests")
    harness(session, "verify", *session.posargs)


@nox.session
def mutate(session: nox.Session) -> None:
    """Run the tests against mutants of the solution: mutate -- SLUG ... [--again | --survivors]."""
    slugs = [arg for arg in session.posargs if not arg.startswith("-")]
    install(session, katas(slugs=slugs), "pytest", "pytest-timeout")
    harness(session, "mutate", *session.posargs)


@nox.session
def sync(session: nox.Session) -> None:
    """Regenerate starters, skeletons, briefs' figures, proofs, catalogue: sync -- [SLUG ...]."""
    install(session, katas(slugs=session.posargs or None), *MAINTAINER_TOOLS)
    harness(session, "sync", *session.posargs)


@nox.session
def new(session: nox.Session) -> None:
    """Render a new draft kata from templates/: new -- title="Churn prediction" tier=beginner ..."""
    install(session, [], "cookiecutter")
    harness(session, "new", *session.posargs)


@nox.session(venv_backend="none")
def lock(session: nox.Session) -> None:
    """Compile constraints.txt, the pins of the whole stack, from constraints.in."""
    session.run(
        *("uv", "pip", "compile", "constraints.in", "--output-file", CONSTRAINTS),
        # `# via` on each pin: a kata's record depends on its own packages' pins only.
        *("--python-version", "3.11", "--annotation-style", "line"),
        # The file's own torch pin (rewritten below) must not steer uv away from the CPU build.
        *("--upgrade-package", "torch"),
        env={"UV_CUSTOM_COMPILE_COMMAND": "nox -s lock"},
        external=True,
    )
    # Pin the release, not the local CPU build's label, so the file also resolves where
    # that build is not on hand (pip and uv then take the registry's build of 2.13.0).
    constraints = ROOT / CONSTRAINTS
    text = constraints.read_text(encoding="utf-8")
    constraints.write_text(text.replace("torch==2.13.0+cpu", "torch==2.13.0"), encoding="utf-8")
