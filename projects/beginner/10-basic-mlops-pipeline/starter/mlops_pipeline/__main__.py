"""The CI job's command line: `python -m mlops_pipeline CONFIG [CONFIG ...]`.

    python -m mlops_pipeline mlops_pipeline/configs/all-features.toml
    python -m mlops_pipeline CONFIG ... --registry FILE --artefacts DIR --summary FILE

Runs ci_job on the configs and exits with its status (ci.py): PROMOTED (0) when every
candidate is (or already was) production, REFUSED (1) when the gate refuses one (CI
fails on a worse model), BAD_INPUT (2) when a config, the data or an artefact is
unusable; argparse, too, exits with 2 on a malformed command line.
"""

import argparse
import os
import sys
from pathlib import Path

from mlops_pipeline.ci import ci_job

DEFAULT_REGISTRY = Path("models/registry.db")
DEFAULT_ARTEFACTS = Path("models/artefacts")
# GitHub Actions names the file of the job's summary in this variable.
SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY"


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, run the CI job, and return its exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m mlops_pipeline",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("configs", type=Path, nargs="+", help="TOML training configs")
    parser.add_argument("--registry", type=Path, default=DEFAULT_REGISTRY)
    parser.add_argument("--artefacts", type=Path, default=DEFAULT_ARTEFACTS)
    parser.add_argument(
        "--summary",
        type=Path,
        default=os.environ.get(SUMMARY_VARIABLE) or None,
        help=f"append the job's summary (markdown) to this file; default ${SUMMARY_VARIABLE}",
    )
    arguments = parser.parse_args(argv)
    return ci_job(arguments.configs, arguments.registry, arguments.artefacts, arguments.summary)


if __name__ == "__main__":
    sys.exit(main())
