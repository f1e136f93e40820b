"""The command line: process a JSON-lines file of R help pages.

    python -m documents process PAGES.jsonl [--output OUT.jsonl] [--seed 7]
        [--sentences 1000] [--epochs 5] [--summary-sentences 1]

It trains the classifier and the tagger (a few seconds), then writes one JSON line
per good document (Task 8) and reports each bad line on standard error as
`PAGES.jsonl, line 3: empty document`; its exit status tells a scheduler what
happened.
"""

import argparse
import json
import sys
from contextlib import nullcontext
from os import PathLike
from pathlib import Path

from documents.pipeline import (
    SUMMARY_SENTENCES,
    TRAINING_SENTENCES,
    Models,
    Problem,
    process_lines,
    train_models,
)
from documents.tagger import EPOCHS

OK, SOME_REJECTED, FAILED, NONE_PROCESSED = 0, 1, 2, 3
"""The exit statuses of `main`. OK: every document was processed. SOME_REJECTED: some
lines were reported and the others processed. FAILED: nothing could be done (standard
error says why). NONE_PROCESSED: every line was reported."""


def process_command(
    source: str | PathLike[str], output: str | PathLike[str] | None, models: Models
) -> int:
    """Process the JSON-lines file `source` with `models`; return the exit status.

    Reads the lines as bytes (so that a line that is not UTF-8 is reported, not
    fatal) and writes each record of process_lines as one line of JSON (json.dumps,
    ensure_ascii=False) to `output` (UTF-8), or to standard output when it is None,
    as the records come; prints each Problem to standard error as
    `{source}, line {line}: {message}`. Returns OK when there was no problem (an
    empty file included), SOME_REJECTED when there were problems and records,
    NONE_PROCESSED when there were problems only, and FAILED, with one line
    `error: ...` on standard error and no traceback, when the input cannot be read
    (missing, a folder) or the output cannot be written.
    """
    # BEGIN SOLUTION (task 8): stream the records to the output and the problems to stderr
    wrote = reported = False
    try:
        with (
            open(source, "rb") as lines,
            nullcontext(sys.stdout)
            if output is None
            else open(output, "w", encoding="utf-8") as writer,
        ):
            for item in process_lines(lines, models):
                if isinstance(item, Problem):
                    reported = True
                    print(f"{source}, line {item.line}: {item.message}", file=sys.stderr)
                else:
                    wrote = True
                    writer.write(json.dumps(item, ensure_ascii=False) + "\n")
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return FAILED
    if not reported:
        return OK
    return SOME_REJECTED if wrote else NONE_PROCESSED
    # END SOLUTION


def main(argv: list[str] | None = None) -> int:
    """Run `python -m documents process ...`; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m documents",
        description="Classify, tag and summarise a JSON-lines file of R help pages.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    processing = commands.add_parser("process", help="process a JSON-lines file of pages")
    processing.add_argument("pages", type=Path, help='one {"id": ..., "text": ...} per line')
    processing.add_argument("--output", type=Path, help="where to write (default: stdout)")
    processing.add_argument("--seed", type=int, default=7)
    processing.add_argument("--sentences", type=int, default=TRAINING_SENTENCES)
    processing.add_argument("--epochs", type=int, default=EPOCHS)
    processing.add_argument("--summary-sentences", type=int, default=SUMMARY_SENTENCES)
    args = parser.parse_args(argv)
    if not args.pages.is_file():
        print(f"error: {args.pages}: no such file", file=sys.stderr)
        return FAILED
    models = train_models(args.seed, args.sentences, args.epochs, args.summary_sentences)
    return process_command(args.pages, args.output, models)


if __name__ == "__main__":
    sys.exit(main())
