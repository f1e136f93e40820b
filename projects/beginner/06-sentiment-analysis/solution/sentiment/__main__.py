"""The command line: `python -m sentiment serve`, `python -m sentiment mistakes`.

- `serve` fits the Task 3 pipeline on the training tweets and serves the page
  and the API of Tasks 6 and 7 (at http://127.0.0.1:8000 by default).
- `mistakes` fits the same pipeline and prints the test tweets it gets most
  confidently wrong (Task 8).
"""

import argparse
import sys

from sentiment.data import LABEL_NAMES, load_tweets
from sentiment.evaluation import MISTAKES_SHOWN, most_confident_mistakes
from sentiment.linear import build_pipeline
from sentiment.serve import HOST, PORT, serve

OK, BAD_USAGE = 0, 2
LAST_PORT = 65_535
SHOWN_CHARS = 300  # of each mistaken tweet; the rest is cut


def print_mistakes(n: int) -> None:
    """Fit the Task 3 pipeline, then print its n most confident mistakes on the test tweets."""
    train, test = load_tweets("train"), load_tweets("test")
    pipeline = build_pipeline().fit(train.texts, train.labels)
    scores = pipeline.predict_proba(test.texts)[:, 1]
    mistakes = most_confident_mistakes(test.labels, scores, test.texts, n=n)
    for position, row in mistakes.iterrows():
        text = row.text if len(row.text) <= SHOWN_CHARS else row.text[:SHOWN_CHARS] + "..."
        print(
            f"test tweet {position}: labelled {LABEL_NAMES[row.label]}, "
            f"P(great) = {row.score:.3f}\n  {text}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sentiment", description="Serve the sentiment model, or read its mistakes."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serving = commands.add_parser("serve", help="fit the Task 3 pipeline and serve the page")
    serving.add_argument("--host", default=HOST, help=f"address to listen on (default {HOST})")
    serving.add_argument("--port", type=int, default=PORT, help=f"port (default {PORT})")
    reading = commands.add_parser("mistakes", help="print the most confident mistakes")
    reading.add_argument(
        "-n", type=int, default=MISTAKES_SHOWN, help=f"how many (default {MISTAKES_SHOWN})"
    )
    args = parser.parse_args(argv)
    if args.command == "serve":
        if not 1 <= args.port <= LAST_PORT:
            print(f"--port must be between 1 and {LAST_PORT}, got {args.port}", file=sys.stderr)
            return BAD_USAGE
        serve(args.host, args.port)
    else:
        if args.n < 1:
            print(f"-n must be at least 1, got {args.n}", file=sys.stderr)
            return BAD_USAGE
        print_mistakes(args.n)
    return OK


if __name__ == "__main__":
    sys.exit(main())
