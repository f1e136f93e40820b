"""Task 8: the CI job: every config through the pipeline, and a worse model fails the job."""

from pathlib import Path

import pytest
from config_files import write_config
from locales import ascii_locale

import mlops_pipeline
from mlops_pipeline.ci import (
    BAD_INPUT,
    PROMOTED,
    REFUSED,
    SUMMARY_HEADER,
    ci_job,
    outcome_line,
    summary_row,
)
from mlops_pipeline.config import load_config
from mlops_pipeline.gate import decide
from mlops_pipeline.pipeline import Outcome
from mlops_pipeline.registry import ModelRegistry

# The two configs shipped in the package: a model CI should promote, and a worse one.
CONFIGS = Path(mlops_pipeline.__file__).resolve().parent / "configs"
ALL_FEATURES, BODY_MASS_ONLY = CONFIGS / "all-features.toml", CONFIGS / "body-mass-only.toml"
NAME = "penguin-species"


def store(folder: Path) -> tuple[Path, Path]:
    """A fresh registry file and artefact folder, as a CI's shared store would hold them."""
    return folder / "registry.db", folder / "artefacts"


def expected_outcomes(registry_path: Path) -> list[Outcome]:
    """Versions 1 (all features, first in production) and 2 (body mass only, refused), as
    the gate judges them on their recorded held-out accuracy."""
    registry = ModelRegistry(registry_path)
    strong, weak = registry.get(NAME, version=1), registry.get(NAME, version=2)
    margin = load_config(BODY_MASS_ONLY).promotion_margin
    strong_score = strong.metrics["holdout_accuracy"]
    weak_score = weak.metrics["holdout_accuracy"]
    return [
        Outcome(strong, decide(strong_score, None, margin)),
        Outcome(weak, decide(weak_score, strong_score, margin)),
    ]


@pytest.mark.task(8)
def test_the_job_promotes_a_good_model_and_fails_on_a_worse_one(tmp_path, capsys):
    registry_path, artefacts = store(tmp_path)
    summary = tmp_path / "summary.md"
    status = ci_job([ALL_FEATURES, BODY_MASS_ONLY], registry_path, artefacts, summary)
    printed = capsys.readouterr().out
    assert status == REFUSED, (
        f"Task 8: all-features then body-mass-only: the second is refused, so the job should "
        f"return REFUSED ({REFUSED}) and fail CI, got {status}; it printed {printed!r}"
    )
    registry = ModelRegistry(registry_path)
    production = registry.get(NAME, alias="production")
    staging = registry.get(NAME, alias="staging")
    assert (production.version, staging.version) == (1, 2), (
        "Task 8: version 1 (all features) should be production and the refused version 2 "
        f"staging, got production {production.version}, staging {staging.version}"
    )
    strong, weak = expected_outcomes(registry_path)
    expected = outcome_line(strong) + "\n" + outcome_line(weak) + "\n"
    assert printed == expected, (
        f"Task 8: print outcome_line of each run, in order:\n{expected}got:\n{printed}"
    )
    table = SUMMARY_HEADER + summary_row(ALL_FEATURES, strong) + summary_row(BODY_MASS_ONLY, weak)
    written = summary.read_text() if summary.exists() else None
    assert written == table, (
        f"Task 8: the summary file should hold SUMMARY_HEADER and one summary_row per config:"
        f"\n{table}got:\n{written}"
    )


@pytest.mark.task(8)
def test_the_job_passes_when_every_candidate_is_production(tmp_path, capsys):
    registry_path, artefacts = store(tmp_path)
    status = ci_job([BODY_MASS_ONLY, ALL_FEATURES], registry_path, artefacts)
    assert status == PROMOTED, (
        f"Task 8: body-mass-only, then the better all-features model: both are promoted, so "
        f"the job should return PROMOTED ({PROMOTED}), got {status}"
    )
    assert ModelRegistry(registry_path).get(NAME, alias="production").version == 2
    again = ci_job([ALL_FEATURES], registry_path, artefacts)
    printed = capsys.readouterr().out
    assert again == PROMOTED and "already production" in printed.splitlines()[-1], (
        f"Task 8: the same config again is the same version, already production: the job "
        f"passes, got {again}; it printed {printed!r}"
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["artefacts", "registry.db"], (
        "Task 8: without a summary file the job should write none"
    )


@pytest.mark.task(8)
def test_one_refusal_fails_the_job_whatever_comes_after(tmp_path):
    registry_path, artefacts = store(tmp_path)
    status = ci_job([ALL_FEATURES, BODY_MASS_ONLY, ALL_FEATURES], registry_path, artefacts)
    assert status == REFUSED, (
        f"Task 8: a refused candidate fails the job even when a later run passes: the status "
        f"is the worst of the runs, REFUSED ({REFUSED}), got {status}"
    )


@pytest.mark.task(8)
def test_a_broken_config_fails_the_job_but_not_the_other_runs(tmp_path, capsys):
    registry_path, artefacts = store(tmp_path)
    broken = write_config(tmp_path / "broken.toml", C="strong")
    summary = tmp_path / "summary.md"
    summary.write_text("# Earlier step\n")
    status = ci_job([broken, ALL_FEATURES, BODY_MASS_ONLY], registry_path, artefacts, summary)
    out, err = capsys.readouterr()
    assert status == BAD_INPUT, (
        f"Task 8: a config that cannot be read is the worst outcome: BAD_INPUT ({BAD_INPUT}), "
        f"whatever the other runs give; got {status}"
    )
    assert err.startswith(f"error: {broken}: ") and "C" in err, (
        f"Task 8: report the failed run on stderr as 'error: CONFIG_PATH: the error', got {err!r}"
    )
    strong, weak = expected_outcomes(registry_path)
    assert out == outcome_line(strong) + "\n" + outcome_line(weak) + "\n", (
        f"Task 8: after a broken config the job goes on with the others; it printed {out!r}"
    )
    table = (
        SUMMARY_HEADER
        + summary_row(broken, None)
        + summary_row(ALL_FEATURES, strong)
        + summary_row(BODY_MASS_ONLY, weak)
    )
    assert summary.read_text() == "# Earlier step\n" + table, (
        "Task 8: append the table to the summary file, keeping what it held, with an error "
        f"row (summary_row(config, None)) for the broken config; got:\n{summary.read_text()}"
    )


@pytest.mark.task(8)
def test_a_job_with_no_config_passes_and_says_so(tmp_path, capsys):
    summary = tmp_path / "summary.md"
    status = ci_job([], *store(tmp_path), summary)
    assert status == PROMOTED and capsys.readouterr().out == "", (
        f"Task 8: a job with no config has nothing to refuse: PROMOTED ({PROMOTED}) and no "
        f"line printed, got {status}"
    )
    assert summary.read_text() == SUMMARY_HEADER, (
        f"Task 8: its summary is the table's header alone, got {summary.read_text()!r}"
    )


@pytest.mark.task(8)
def test_the_command_line_runs_the_job(tmp_path, monkeypatch, capsys):
    from mlops_pipeline.__main__ import main

    registry_path, artefacts = store(tmp_path)
    summary = tmp_path / "github-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    arguments = ["--registry", str(registry_path), "--artefacts", str(artefacts)]
    status = main([str(ALL_FEATURES), str(BODY_MASS_ONLY), *arguments])
    printed = capsys.readouterr().out
    assert status == REFUSED and "refused" in printed.splitlines()[-1], (
        f"Task 8: python -m mlops_pipeline should exit with the job's status, {REFUSED}, got "
        f"{status}; it printed {printed!r}"
    )
    assert summary.is_file() and summary.read_text().startswith(SUMMARY_HEADER), (
        "Task 8: on GitHub Actions the job writes its summary to $GITHUB_STEP_SUMMARY"
    )


@pytest.mark.task(8)
def test_the_summary_is_utf8_whatever_the_locale(tmp_path):
    broken = write_config(tmp_path / "pingüin.toml", C="strong")
    summary = tmp_path / "summary.md"
    with ascii_locale():
        try:
            status = ci_job([broken], *store(tmp_path), summary)
        except UnicodeError as error:
            pytest.fail(f"Task 8: open the summary file with encoding='utf-8', got {error!r}")
    assert status == BAD_INPUT
    assert summary.read_text(encoding="utf-8") == SUMMARY_HEADER + summary_row(broken, None), (
        "Task 8: write the summary as UTF-8 (GitHub reads it so), on every machine"
    )
