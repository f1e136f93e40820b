"""The harness's command line, which the nox sessions call: python -m kata_harness COMMAND ...

Paths a user types are read from where they typed them (KATA_INVOKED_FROM, which the
noxfile sets), not from the collection's root where nox runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import learner, maintainer, mutation
from .kata import INTERRUPTED, NOT_PASSED, PASSED, TIERS, USER_ERROR, UserError

ROOT = Path(__file__).resolve().parents[2]


def user_path(text: str | None) -> Path | None:
    if text is None:
        return None
    return Path(os.environ.get("KATA_INVOKED_FROM", os.getcwd()), text).resolve()


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="nox -s", description="ML Engineering Katas")
    sub = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text, prog=f"nox -s {name} --")

    def with_copy(name: str, help_text: str) -> argparse.ArgumentParser:
        parsed = command(name, help_text)
        parsed.add_argument("slug", help="the kata, e.g. spam-detection")
        parsed.add_argument("path", nargs="?", help="your copy (default: work/SLUG)")
        return parsed

    def with_window(parsed: argparse.ArgumentParser) -> argparse.ArgumentParser:
        window = parsed.add_mutually_exclusive_group()
        window.add_argument("--task", type=int, help="run only this task's tests")
        window.add_argument(
            "--all",
            action="store_true",
            dest="every_task",
            help="run every task (default: up to and including your first unfinished one)",
        )
        return parsed

    tier = command("tier", "run a tier's reference solutions and print the scoreboard")
    tier.add_argument("tier", choices=TIERS)
    started = command("start", "copy a kata's starter and brief to work/SLUG or DEST")
    started.add_argument("slug")
    started.add_argument("dest", nargs="?")
    ran = command("run", "run a command in your copy, in the kata's environment")
    ran.add_argument("slug")
    ran.add_argument("run", nargs=argparse.REMAINDER, metavar="[--copy PATH] COMMAND ...")
    with_window(with_copy("check", "grade your copy beside the reference"))
    watched = with_window(with_copy("watch", "check your copy on every save"))
    watched.add_argument("--poll", action="store_true", help="poll instead of file events")
    command("status", "your progress in every kata").add_argument("--rebuild", action="store_true")
    hinted = command("hint", "one more hint for a task")
    hinted.add_argument("slug")
    hinted.add_argument("task", nargs="?", type=int)
    with_copy("solution", "your copy beside the reference").add_argument(
        "--give-up", action="store_true"
    )
    with_copy("bench", "benchmark your copy and the reference beside the real library")
    verified = command("verify", "prove every kata (or those named) sound")
    verified.add_argument("slugs", nargs="*")
    verified.add_argument(
        "--full", action="store_true", help="prove every kata's tests strong again, records or not"
    )
    mutated = command("mutate", "run a kata's tests against mutants of its solution")
    mutated.add_argument("slugs", nargs="+", metavar="SLUG")
    mutated.add_argument(
        "--again", action="store_true", help="run the mutants again, even with a current record"
    )
    mutated.add_argument(
        "--survivors",
        action="store_true",
        help="run only the last recorded run's survivors again, and record nothing",
    )
    command("sync", "regenerate every derived file").add_argument("slugs", nargs="*")
    command("new", "render a new kata from the template").add_argument(
        "answers", nargs="+", metavar="KEY=VALUE"
    )
    return main


def copy_and_command(words: list[str]) -> tuple[str | None, list[str]]:
    """`run`'s words after the slug: an optional `--copy PATH`, then the command, whose own
    options (a `--copy` among them) are left to it."""
    if words[:1] != ["--copy"]:
        return None, words
    if len(words) < 2:
        raise UserError("--copy needs the path of your copy: run -- SLUG --copy PATH COMMAND")
    return words[1], words[2:]


def window(args: argparse.Namespace) -> dict:
    """Which tasks check and watch run: --task N, --all, or by default the learner's window."""
    return {"task": args.task, "every_task": args.every_task}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    python = sys.executable
    try:
        match args.command:
            case "tier":
                return verdict(learner.tier(ROOT, args.tier, python))
            case "start":
                learner.start(ROOT, args.slug, user_path(args.dest))
            case "check":
                copy = user_path(args.path)
                return verdict(learner.check(ROOT, args.slug, copy, python, **window(args)))
            case "run":
                copy, command = copy_and_command(args.run)
                return learner.run(ROOT, args.slug, command, user_path(copy))
            case "watch":
                copy = user_path(args.path)
                learner.watch(ROOT, args.slug, copy, python, args.poll, **window(args))
            case "status":
                print(learner.status(ROOT, python if args.rebuild else None))
            case "hint":
                print(learner.hint(ROOT, args.slug, args.task))
            case "solution":
                print(learner.solution(ROOT, args.slug, user_path(args.path), python, args.give_up))
            case "bench":
                learner.bench(ROOT, args.slug, user_path(args.path), python)
            case "verify":
                problems = maintainer.verify(ROOT, python, args.slugs or None, args.full)
                print(
                    "\n"
                    + (
                        "verify found problems:\n  " + "\n  ".join(problems)
                        if problems
                        else "verify: every check passed"
                    )
                )
                return verdict(not problems)
            case "mutate":
                sound = mutation.mutate(ROOT, args.slugs, python, args.again, args.survivors)
                return verdict(sound)
            case "sync":
                maintainer.sync(ROOT, python, args.slugs or None)
            case "new":
                malformed = [answer for answer in args.answers if "=" not in answer]
                if malformed:
                    raise UserError(f"give each field as KEY=VALUE, not {' '.join(malformed)}")
                maintainer.new(ROOT, dict(answer.split("=", 1) for answer in args.answers))
    except UserError as error:
        print(error, file=sys.stderr)
        return USER_ERROR
    except KeyboardInterrupt:
        return INTERRUPTED
    return PASSED


def verdict(passed: bool) -> int:
    return PASSED if passed else NOT_PASSED


if __name__ == "__main__":
    sys.exit(main())
