"""The command line: train a churn pipeline, and score a CSV file of customers with it.

    python -m churn train [--model boosting] [--seed 0] [--model-file model.skops]
    python -m churn score CUSTOMERS [--model-file model.skops] [--output scored.csv]

`train` fits a pipeline on every customer (`churn.train`) and saves it (Task 5).
`score` loads it, reads the file (Task 6), scores every good row and reports
every bad one (Task 7); its exit status tells a scheduler what happened.
"""

import argparse
import sys
from os import PathLike
from pathlib import Path

from churn.model import MODELS
from churn.score import MODEL_FILE, load_model, read_customers, save_model, score_customers
from churn.train import train

OK, SOME_REJECTED, FAILED, NONE_SCORED = 0, 1, 2, 3
"""The exit statuses of `main`. OK: the model was saved, or every row was scored.
SOME_REJECTED: some rows were reported as bad and the others scored. FAILED: nothing
could be done (standard error says why). NONE_SCORED: every row was bad."""


def train_command(model: str, seed: int, model_file: str | PathLike[str]) -> int:
    """Fit `model` on every customer and save it to `model_file`; return the exit status.

    OK when saved; FAILED, with a message saying why, when the file cannot be written.
    """
    try:
        save_model(train(model, seed), model_file)
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return FAILED
    print(f"saved the {model} pipeline, fitted on every customer, to {model_file}")
    return OK


def score_command(
    customers: str | PathLike[str],
    model_file: str | PathLike[str],
    output: str | PathLike[str] | None = None,
) -> int:
    """Score the CSV file `customers` with the model saved at `model_file`; return the exit status.

    Writes the scored rows as CSV (every input column, then PROBABILITY_COLUMN; no
    index) to `output`, or to standard output when it is None, and prints one line
    per problem to standard error, in line order, each naming the input file, the
    line and the field (when there is one), such as
    `customers.csv, line 7, tenure: 'seven' is not a number`.

    Returns OK when every row was scored (a file with no rows has nothing to
    report), SOME_REJECTED when some rows were reported and the others scored,
    NONE_SCORED when every row was reported (the output then holds the header
    only), and FAILED, with the error's message on standard error and no
    traceback, when the file cannot be scored at all: a model or input file that is
    missing or unreadable, a missing column, or an output that cannot be written.
    """
    # BEGIN SOLUTION (task 7): load, read, score, write (FAILED on OSError/ValueError); report
    try:
        pipeline = load_model(model_file)
        frame, problems = read_customers(customers)
        scored, row_problems = score_customers(pipeline, frame)
        scored.to_csv(sys.stdout if output is None else output, index=False)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return FAILED
    problems = sorted(problems + row_problems, key=lambda problem: problem.row)
    for problem in problems:
        field = f", {problem.column}" if problem.column else ""
        print(f"{customers}, line {problem.row}{field}: {problem.message}", file=sys.stderr)
    if not problems:
        return OK
    return NONE_SCORED if scored.empty else SOME_REJECTED
    # END SOLUTION


def main(argv: list[str] | None = None) -> int:
    """Run `python -m churn train ...` or `python -m churn score ...`; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m churn",
        description="Train a churn model, or score a CSV file of customers with it.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    training = commands.add_parser("train", help="fit a pipeline on every customer and save it")
    training.add_argument("--model", choices=MODELS, default="logistic")
    training.add_argument("--seed", type=int, default=0)
    training.add_argument(
        "--model-file", type=Path, default=Path(MODEL_FILE), help="where to save it (skops)"
    )
    scoring = commands.add_parser("score", help="score a CSV file of customers")
    scoring.add_argument("customers", type=Path, help="the CSV file of customers to score")
    scoring.add_argument(
        "--model-file",
        type=Path,
        default=Path(MODEL_FILE),
        help="a model saved by python -m churn train",
    )
    scoring.add_argument(
        "--output", type=Path, help="where to write the scored customers (default: standard output)"
    )
    args = parser.parse_args(argv)
    if args.command == "train":
        return train_command(args.model, args.seed, args.model_file)
    return score_command(args.customers, args.model_file, args.output)


if __name__ == "__main__":
    sys.exit(main())
