"""Command line: `python -m segmentation OUTDIR [--log LOG] [--k K] [--seed SEED]` (provided).

    python -m segmentation report                    the CDNOW log, k chosen by the elbow
    python -m segmentation report --log my_log.txt --k 5

segments the customers of a transaction log (by default the CDNOW log that the
lifetimes package ships) and writes the self-contained dashboard OUTDIR/index.html
and OUTDIR/segments.csv (`segmentation.report.build_report`, Task 8).
Exit status: 0 when the report is written, 2 for a bad command line, a log that
cannot be read or holds a bad line (the error names it), or a folder that cannot
be written.
"""

import argparse
import sys
from pathlib import Path

from segmentation.data import cdnow_path
from segmentation.report import build_report

OK, BAD_INPUT = 0, 2  # argparse, too, exits with 2 on a malformed command line


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, build the report, and return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m segmentation",
        description="Segment the customers of a transaction log into a static HTML dashboard.",
    )
    parser.add_argument("outdir", type=Path, help="the folder to write the dashboard into")
    parser.add_argument(
        "--log",
        type=Path,
        help="the transaction log, one purchase a line: customer_id date cds amount "
        "(default: the CDNOW log of the lifetimes package)",
    )
    parser.add_argument("--k", type=int, help="the number of segments (default: the elbow's)")
    parser.add_argument("--seed", type=int, default=0, help="the seed of every random choice")
    args = parser.parse_args(argv)
    try:
        log = cdnow_path() if args.log is None else args.log
        report = build_report(log, args.outdir, k=args.k, seed=args.seed)
    except (OSError, ValueError) as error:
        print(f"{parser.prog}: error: {error}", file=sys.stderr)
        return BAD_INPUT
    customers = report.profiles["customers"].sum()
    print(f"{report.k} segments of {customers} customers: {report.html}, {report.segments}")
    return OK


if __name__ == "__main__":
    sys.exit(main())
