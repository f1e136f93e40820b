"""The harness's command line, which the nox sessions call: python -m kata_harness COMMAND ...

Paths a user types are read from where they typed them (KATA_INVOKED_FROM, which the
noxfile sets), not from the collection's root where nox runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import commands
from .kata import TIERS

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

    tier = command("tier", "run a tier's reference solutions and print the scoreboard")
    tier.add_argument("tier", choices=TIERS)
    started = command("start", "copy a kata's starter and brief to work/SLUG or DEST")
    started.add_argument("slug")
    started.add_argument("dest", nargs="?")
    with_copy("check", "grade your copy beside the reference")
    with_copy("watch", "check your copy on every save").add_argument("--poll", action="store_true")
    command("status", "your progress in every kata").add_argument("--rebuild", action="store_true")
    hinted = command("hint", "one more hint for a task")
    hinted.add_argument("slug")
    hinted.add_argument("task", nargs="?", type=int)
    with_copy("solution", "your copy beside the reference").add_argument(
        "--give-up", action="store_true"
    )
    command("verify", "prove every kata (or those named) sound").add_argument("slugs", nargs="*")
    command("sync", "regenerate every derived file").add_argument("slugs", nargs="*")
    command("new", "render a new kata from the template").add_argument(
        "answers", nargs="+", metavar="KEY=VALUE"
    )
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    python = sys.executable
    try:
        match args.command:
            case "tier":
                return 0 if commands.tier(ROOT, args.tier, python) else 1
            case "start":
                commands.start(ROOT, args.slug, user_path(args.dest))
            case "check":
                return 0 if commands.check(ROOT, args.slug, user_path(args.path), python) else 1
            case "watch":
                commands.watch(ROOT, args.slug, user_path(args.path), python, args.poll)
            case "status":
                print(commands.status(ROOT, python if args.rebuild else None))
            case "hint":
                print(commands.hint(ROOT, args.slug, args.task))
            case "solution":
                print(
                    commands.solution(ROOT, args.slug, user_path(args.path), python, args.give_up)
                )
            case "verify":
                problems = commands.verify(ROOT, python, args.slugs or None)
                print(
                    "\n"
                    + (
                        "verify found problems:\n  " + "\n  ".join(problems)
                        if problems
                        else "verify: every check passed"
                    )
                )
                return 1 if problems else 0
            case "sync":
                commands.sync(ROOT, python, args.slugs or None)
            case "new":
                malformed = [answer for answer in args.answers if "=" not in answer]
                if malformed:
                    raise commands.UserError(
                        f"give each field as KEY=VALUE, not {' '.join(malformed)}"
                    )
                commands.new(ROOT, dict(answer.split("=", 1) for answer in args.answers))
    except commands.UserError as error:
        print(error, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
