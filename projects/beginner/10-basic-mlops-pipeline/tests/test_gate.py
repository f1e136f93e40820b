"""Task 6: the validation gate: data checks, and a candidate that must win by a margin."""

import numpy as np
import pytest

from mlops_pipeline.gate import MIN_ROWS_PER_SPECIES, Decision, data_problems, decide


@pytest.mark.task(6)
def test_the_penguins_pass_the_data_checks(penguins):
    problems = data_problems(penguins)
    assert problems == [], (
        f"Task 6: the real penguins should pass every check (missing measurements are "
        f"allowed), got {problems}"
    )


def drop_species_column(frame):
    return frame.drop(columns="species")


def lose_a_label(frame):
    frame.loc[frame.index[0], "species"] = None
    return frame


def add_a_stranger(frame):
    frame.loc[frame.index[0], "species"] = "Emperor"
    return frame


def weigh_in_kilograms(frame):
    frame["body_mass_g"] = frame["body_mass_g"] / 1000
    return frame


def keep_few_chinstraps(frame):
    chinstraps = frame.index[frame["species"] == "Chinstrap"]
    return frame.drop(chinstraps[5:])


def keep_one_chinstrap_too_few(frame):
    chinstraps = frame.index[frame["species"] == "Chinstrap"]
    return frame.drop(chinstraps[MIN_ROWS_PER_SPECIES - 1 :])


def lose_every_gentoo(frame):
    return frame[frame["species"] != "Gentoo"]


@pytest.mark.task(6)
@pytest.mark.parametrize(
    "damage, named",
    [
        (drop_species_column, "species"),
        (lose_a_label, "species"),
        (add_a_stranger, "Emperor"),
        (weigh_in_kilograms, "body_mass_g"),
        (keep_few_chinstraps, "Chinstrap"),
        (keep_one_chinstrap_too_few, "Chinstrap"),
        (lose_every_gentoo, "Gentoo"),
    ],
)
def test_bad_data_is_reported_by_name(penguins, damage, named):
    problems = data_problems(damage(penguins.copy()))
    assert problems and any(named in problem for problem in problems), (
        f"Task 6: after {damage.__name__}, data_problems should report a problem naming "
        f"{named!r}, got {problems}"
    )


@pytest.mark.task(6)
def test_exactly_the_minimum_of_a_species_is_enough(penguins):
    chinstraps = penguins.index[penguins["species"] == "Chinstrap"]
    frame = penguins.drop(chinstraps[MIN_ROWS_PER_SPECIES:])
    assert data_problems(frame) == [], (
        f"Task 6: {MIN_ROWS_PER_SPECIES} Chinstrap rows are 'at least MIN_ROWS_PER_SPECIES': "
        "no problem to report"
    )


@pytest.mark.task(6)
def test_missing_measurements_are_not_out_of_range(penguins):
    frame = penguins.copy()
    frame.loc[frame.index[:5], "flipper_length_mm"] = np.nan
    assert data_problems(frame) == [], (
        "Task 6: a missing measurement is for the imputer, not a range violation"
    )


@pytest.mark.task(6)
@pytest.mark.parametrize(
    "candidate, production, promote",
    [
        (0.90, None, True),
        (0.99, 0.98, True),
        (0.984, 0.98, False),
        (0.97, 0.98, False),
    ],
)
def test_the_gate_promotes_only_a_clear_winner(candidate, production, promote):
    decision = decide(candidate, production, margin=0.005)
    assert isinstance(decision, Decision) and decision.promote is promote, (
        f"Task 6: candidate {candidate} against production {production} with margin 0.005 "
        f"should {'be promoted' if promote else 'be refused'}, got {decision}"
    )
    assert f"{candidate:.4f}" in decision.reason, (
        f"Task 6: the reason should quote the candidate's score to four decimals "
        f"({candidate:.4f}), got {decision.reason!r}"
    )
    if production is not None:
        assert f"{production:.4f}" in decision.reason, (
            f"Task 6: the reason should quote production's score to four decimals "
            f"({production:.4f}), got {decision.reason!r}"
        )


@pytest.mark.task(6)
@pytest.mark.parametrize("candidate, production, margin", [(0.875, 0.75, 0.125), (0.75, 0.75, 0.0)])
def test_a_candidate_exactly_at_production_plus_margin_is_promoted(candidate, production, margin):
    decision = decide(candidate, production, margin=margin)
    assert decision.promote is True, (
        f"Task 6: candidate {candidate} is exactly production {production} plus the margin "
        f"{margin}: 'at least' means it is promoted, got {decision}"
    )
