"""The validation gate: a candidate replaces production only on sound data and a clear win."""

from dataclasses import dataclass

import pandas as pd

from mlops_pipeline.data import FEATURES, NUMERIC_FEATURES, SPECIES, TARGET

# What a penguin can measure; a value outside is a broken sensor or a typo, not a bird.
PLAUSIBLE_RANGES = {
    "bill_length_mm": (25.0, 70.0),
    "bill_depth_mm": (10.0, 25.0),
    "flipper_length_mm": (160.0, 240.0),
    "body_mass_g": (2_000.0, 7_000.0),
}
MIN_ROWS_PER_SPECIES = 20


@dataclass(frozen=True)
class Decision:
    """Whether to promote the candidate, and why, with the two held-out scores compared."""

    promote: bool
    reason: str
    candidate_score: float
    production_score: float | None


def data_problems(frame: pd.DataFrame) -> list[str]:
    """Every reason the frame is unfit to train or judge a model on; [] when it is fit.

    The checks: each of FEATURES and TARGET is a column; no species is missing; every
    species is one of SPECIES and each has at least MIN_ROWS_PER_SPECIES rows; no
    numeric feature lies outside its PLAUSIBLE_RANGES (missing values are allowed).
    """
    # BEGIN SOLUTION (task 6): one message per problem found, naming the column and the count
    missing_columns = [column for column in (*FEATURES, TARGET) if column not in frame.columns]
    if missing_columns:
        return [f"missing column(s): {missing_columns}"]
    problems = []
    species = frame[TARGET]
    if species.isna().any():
        problems.append(f"{TARGET}: {int(species.isna().sum())} row(s) have no species")
    unknown = sorted(set(species.dropna()) - set(SPECIES))
    if unknown:
        problems.append(f"{TARGET}: unknown species {unknown}; expected {list(SPECIES)}")
    counts = species.value_counts()
    for name in SPECIES:
        if counts.get(name, 0) < MIN_ROWS_PER_SPECIES:
            problems.append(
                f"{TARGET}: {counts.get(name, 0)} {name} row(s), fewer than {MIN_ROWS_PER_SPECIES}"
            )
    for column in NUMERIC_FEATURES:
        low, high = PLAUSIBLE_RANGES[column]
        outside = int((~frame[column].between(low, high) & frame[column].notna()).sum())
        if outside:
            problems.append(f"{column}: {outside} value(s) outside [{low}, {high}]")
    return problems
    # END SOLUTION


def decide(candidate_score: float, production_score: float | None, margin: float) -> Decision:
    """Promote when there is no production model yet, or when the candidate's held-out score
    is at least production's plus margin; the reason says which, with both figures."""
    # BEGIN SOLUTION (task 6): compare with production plus margin; explain the verdict
    if production_score is None:
        reason = f"no production model yet; the candidate scores {candidate_score:.4f}"
        return Decision(True, reason, candidate_score, None)
    needed = production_score + margin
    promote = candidate_score >= needed
    verdict = "beats" if promote else "does not beat"
    reason = (
        f"the candidate's held-out accuracy {candidate_score:.4f} {verdict} production's "
        f"{production_score:.4f} plus the margin {margin} ({needed:.4f})"
    )
    return Decision(promote, reason, candidate_score, production_score)
    # END SOLUTION
