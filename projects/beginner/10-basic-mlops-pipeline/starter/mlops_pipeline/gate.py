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
    raise NotImplementedError(
        "Task 6: one message per problem found, naming the column and the count"
    )


def decide(candidate_score: float, production_score: float | None, margin: float) -> Decision:
    """Promote when there is no production model yet, or when the candidate's held-out score
    is at least production's plus margin; the reason says which, with both figures."""
    raise NotImplementedError("Task 6: compare with production plus margin; explain the verdict")
