"""Blocks of markdown written from data, between BEGIN/END GENERATED comments.

The README's catalogue and each brief's acceptance table are generated this way, so
`nox -s sync` can rewrite them and `nox -s verify` can tell when they are stale.
"""

from __future__ import annotations

import re

from .grading import SuiteResult
from .kata import TIERS, Kata
from .report import bar, figure, metric_value


class MissingBlock(ValueError):
    """A document without the BEGIN/END GENERATED comments of a block."""


def block_pattern(name: str) -> re.Pattern:
    return re.compile(
        rf"(<!-- BEGIN GENERATED {name}\b[^\n]*-->\n)(.*?)(<!-- END GENERATED {name} -->)", re.S
    )


def read_block(text: str, name: str) -> str:
    match = block_pattern(name).search(text)
    if match is None:
        raise MissingBlock(f"no '<!-- BEGIN GENERATED {name} ... -->' block")
    return match[2]


def replace_block(text: str, name: str, content: str) -> str:
    read_block(text, name)
    return block_pattern(name).sub(lambda match: match[1] + content + match[3], text, count=1)


# A line of a baselines script's output that starts the text of the brief's block NAME.
SCRIPT_BLOCK = re.compile(r"^<!-- block: (?P<name>[a-z0-9-]+) -->$", re.M)


def script_blocks(output: str) -> dict[str, str]:
    """A script's output split into the brief's blocks, each begun by `<!-- block: NAME -->`."""
    parts = SCRIPT_BLOCK.split(output)
    if parts[0].strip():
        raise MissingBlock("a baselines script's output must begin with '<!-- block: NAME -->'")
    return {
        name: text.strip("\n") + "\n" for name, text in zip(parts[1::2], parts[2::2], strict=True)
    }


def markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows]) + "\n"


def acceptance_table(reference: SuiteResult) -> str:
    """The brief's acceptance bar: each metric's bar beside the reference's measured figure."""
    kata = reference.kata
    rows = [
        [spec["label"], bar(spec).replace(">=", "≥").replace("<=", "≤")]
        + [figure(metric_value(reference, name))]
        for name, spec in kata.metrics.items()
    ]
    return markdown_table(["Metric", "Bar to reach", "Reference solution"], rows)


def figures_table(reference: SuiteResult) -> str:
    """The figures recorded without a bar (baselines, ablations), as the reference measured them."""
    kata = reference.kata
    rows = [
        [spec["label"], figure((reference.figure(name) or {}).get("value"))]
        for name, spec in kata.figures.items()
    ]
    return markdown_table(["Figure", "Reference solution"], rows)


TORCH_NOTE = (
    "install PyTorch's CPU build first, or pip takes a CUDA build of several GB:\n"
    "`pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu`"
)


def how_to_work(kata: Kata) -> str:
    """The brief's 'How to work on it': the learner's loop, the same words in every kata."""
    slug, package = kata.slug, kata.package
    copied = ", ".join(f"`{name}`" for name in kata.learner_files)
    also = f" (with {copied}, which the commands below read)" if copied else ""
    lines = [
        f"From the collection's root, `nox -s start -- {slug}` copies the starter{also}",
        f"to `work/{slug}/`. Edit it there and grade it with `nox -s check -- {slug}`",
        f"(`nox -s watch -- {slug}` checks again on every save): it runs your tasks up to",
        "the first unfinished one; `--task N` runs one task, `--all` every task. A failing",
        f"task names its next step; `nox -s hint -- {slug}` gives one more hint each time.",
        "",
        "Run your own code in the kata's environment, from your copy:",
        "",
        "```",
        f"nox -s run -- {slug} {kata.run_example}",
        "```",
        "",
        "With this folder on its own: `pip install .` (it pins the versions the collection",
        "is tested with" + ("; " + TORCH_NOTE + ")," if kata.needs_torch else "),"),
        f"then `pytest --impl=PATH`, where PATH holds your `{package}/` (`pytest` alone tests",
        "the untouched starter, `pytest --impl=solution` the reference).",
    ]
    return "\n".join(lines) + "\n"


def catalogue_table(planned: list[dict], available: list[Kata]) -> str:
    """Every kata, written or coming; a written one is described by its own kata.toml."""
    written = {kata.slug: kata for kata in available}
    rows = []
    for entry in sorted(planned, key=lambda entry: (TIERS.index(entry["tier"]), entry["number"])):
        kata = written.get(entry["slug"])
        what = kata.meta["summary"] if kata else entry["build"]
        status = "available" if kata else "coming"
        name = f"{entry['number']:02d} {entry['slug']}"
        if kata:
            name = f"[{name}]({kata.path.relative_to(kata.path.parents[2]).as_posix()})"
        rows.append([entry["tier"], name, what, "; ".join(entry["teaches"]), status])
    available_now = (
        f"{len(written)} of {len(planned)} katas are available now; the rest are coming.\n\n"
    )
    return available_now + markdown_table(
        ["Tier", "Kata", "What you build", "Teaches", "Status"], rows
    )
