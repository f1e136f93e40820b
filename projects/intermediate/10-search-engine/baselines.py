"""The reference's run that the brief shows: a query from the command line.

    python baselines.py    (with the reference solution's folder on PYTHONPATH)

`nox -s sync` runs it and writes the block into the brief (README.md). It prints the
same on every run: the pages and the ranking are deterministic.
"""

import contextlib
import io

from search.__main__ import main as command_line

QUERY = '"analysis of variance" AND title:data*'
SIZE = 3


def example() -> str:
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        command_line(["--size", str(SIZE), QUERY])
    return f"```text\n$ python -m search --size {SIZE} '{QUERY}'\n{output.getvalue()}```"


def main() -> None:
    print("<!-- block: example -->")
    print(example())


if __name__ == "__main__":
    main()
