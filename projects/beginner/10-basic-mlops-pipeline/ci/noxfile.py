"""The model's CI job as nox runs it: every config given goes through train, validate,
register and promote (`python -m mlops_pipeline`, whose logic is ci_job in ci.py).

    nox -f ci/noxfile.py                                  # the reference solution
    KATA_IMPL=~/katas/work/basic-mlops-pipeline nox -f ci/noxfile.py   # your copy
    nox -f ci/noxfile.py -- mlops_pipeline/configs/body-mass-only.toml   # other configs

The session fails (exit status 1) when the gate refuses a candidate, so a worse model
stops the pipeline, just as a failing test stops a merge. ci/model-pipeline.yml is the
same job as a GitHub Actions workflow; there the job's summary table appears on the
run's page (GITHUB_STEP_SUMMARY).
"""

import os
from pathlib import Path

import nox

KATA = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = "mlops_pipeline/configs/all-features.toml"


@nox.session
def model(session: nox.Session) -> None:
    """Train each config's model and promote it if it passes the gate."""
    session.install(str(KATA))
    implementation = Path(os.environ.get("KATA_IMPL", KATA / "solution")).resolve()
    # nox runs in ci/: a config path is read from the implementation's folder
    configs = [str(implementation / config) for config in session.posargs or [DEFAULT_CONFIG]]
    models = KATA / ".kata" / "models"  # git-ignored, like every run's output
    session.run(
        *("python", "-m", "mlops_pipeline", *configs),
        *("--registry", str(models / "registry.db"), "--artefacts", str(models / "artefacts")),
        env={"PYTHONPATH": str(implementation)},
    )
