"""The cookiecutter skeleton in templates/: rendering new katas, and keeping old ones in step.

Each kata keeps the context it was rendered from in .cookiecutter.json. The files the
template owns (listed under `_owned` in templates/cookiecutter.json) are re-rendered
from that context by `nox -s sync`, and `nox -s verify` fails when they have drifted.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
from pathlib import Path

from . import pins, regions
from .kata import CONSTRAINTS, Kata

TEMPLATES = Path("templates")
CONTEXT_FILE = ".cookiecutter.json"
# What every kata needs besides its own dependencies: its test runner.
TEST_TOOLS = ("pytest", "pytest-timeout")
# cookiecutter changes the working directory while it renders: one rendering at a time.
_rendering = threading.Lock()


def pinned(root: Path, dependencies: str) -> list[str]:
    """Each dependency (and the test tools) pinned to its version in constraints.txt.

    A kata's pyproject.toml carries these pins, so `pip install .` in a kata copied on
    its own installs what the collection is tested with.
    """
    pinned_versions = pins.versions(root)
    requirements = []
    for dependency in [*dependencies.split(","), *TEST_TOOLS]:
        match = pins.REQUIREMENT.match(dependency)
        if not match:
            continue
        version = pinned_versions.get(pins.normalised(match["name"]))
        if version is None:
            raise ValueError(
                f"{match['name']} is not pinned in {CONSTRAINTS}: add it to constraints.in "
                "and run nox -s lock"
            )
        requirements.append(f"{match['name']}{match['extras'] or ''}=={version}")
    return requirements


def template_spec(root: Path) -> dict:
    return json.loads((root / TEMPLATES / "cookiecutter.json").read_text(encoding="utf-8"))


def owned_files(root: Path) -> list[str]:
    return template_spec(root)["_owned"]


def render(root: Path, context: dict, output_dir: Path) -> Path:
    """Render the template with context into output_dir; return the kata folder it made."""
    from cookiecutter.main import cookiecutter  # only the maintainer's sessions install it

    requirements = ",".join(pinned(root, context.get("dependencies", "")))
    with _rendering:
        return Path(
            cookiecutter(
                str(root / TEMPLATES),
                no_input=True,
                extra_context=context | {"_requirements": requirements},
                output_dir=str(output_dir),
            )
        )


def full_context(root: Path, answers: dict) -> dict:
    """The template's questions answered: the given answers, and defaults for the rest."""
    from cookiecutter.generate import generate_context
    from cookiecutter.prompt import prompt_for_config

    questions = {key for key in template_spec(root) if not key.startswith("_")}
    unknown = answers.keys() - questions
    if unknown:
        raise ValueError(
            f"the template asks no {', '.join(sorted(unknown))}; it asks {sorted(questions)}"
        )
    context = generate_context(
        context_file=str(root / TEMPLATES / "cookiecutter.json"), extra_context=answers
    )
    answered = prompt_for_config(context, no_input=True)
    return {key: value for key, value in answered.items() if key in questions}


def new_kata(root: Path, answers: dict) -> Path:
    """Render a kata into its tier, with its context and a starter rendered from its solution."""
    context = full_context(root, answers)
    tier = context["tier"]
    with tempfile.TemporaryDirectory() as tmp:
        rendered = render(root, context, Path(tmp))
        target = root / "projects" / tier / rendered.name
        if target.exists():
            raise FileExistsError(f"{target} already exists; nothing was written.")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(rendered, target)
    (target / CONTEXT_FILE).write_text(json.dumps(context, indent=2) + "\n", encoding="utf-8")
    regions.write_starter(target / "solution", target / "starter")
    return target


def rendered_owned_files(root: Path, kata: Kata) -> dict[str, str]:
    """The template-owned files of a kata, as the template renders them from its context."""
    context = json.loads((kata.path / CONTEXT_FILE).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        rendered = render(root, context, Path(tmp))
        return {name: (rendered / name).read_text(encoding="utf-8") for name in owned_files(root)}


def drift(root: Path, kata: Kata) -> list[str]:
    """The template-owned files of a kata that differ from a fresh rendering."""
    return [
        f"{name}: differs from the template's rendering"
        for name, text in rendered_owned_files(root, kata).items()
        if not (kata.path / name).is_file()
        or (kata.path / name).read_text(encoding="utf-8") != text
    ]


def rerender_owned(root: Path, kata: Kata) -> None:
    for name, text in rendered_owned_files(root, kata).items():
        (kata.path / name).write_text(text, encoding="utf-8")
