"""The model's CI/CD, as a CI job would run it: train, validate, register, promote.

    nox -f ci/noxfile.py                                  # the reference solution
    KATA_IMPL=~/katas/work/basic-mlops-pipeline nox -f ci/noxfile.py   # your copy
    nox -f ci/noxfile.py -- mlops_pipeline/configs/body-mass-only.toml   # another config

The session fails (exit status 1) when the gate refuses the candidate, so a worse model
stops the pipeline, just as a failing test stops a merge. ci/model-pipeline.yml is the
same job as a GitHub Actions workflow.
"""

import os
from pathlib import Path

import nox

KATA = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = "mlops_pipeline/configs/all-features.toml"


@nox.session
def model(session: nox.Session) -> None:
    """Train the config's model and promote it if it passes the gate."""
    session.install(str(KATA))
    implementation = Path(os.environ.get("KATA_IMPL", KATA / "solution")).resolve()
    config = session.posargs[0] if session.posargs else str(implementation / DEFAULT_CONFIG)
    models = KATA / ".kata" / "models"  # git-ignored, like every run's output
    session.run(
        *("python", "-m", "mlops_pipeline", config),
        *("--registry", str(models / "registry.db"), "--artefacts", str(models / "artefacts")),
        env={"PYTHONPATH": str(implementation)},
    )
