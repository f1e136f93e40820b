"""The Palmer penguins, and the columns a pipeline may use to predict their species."""

import pandas as pd
from palmerpenguins import load_penguins as _load_penguins

NUMERIC_FEATURES = ("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g")
CATEGORICAL_FEATURES = ("island", "sex")
FEATURES = NUMERIC_FEATURES + CATEGORICAL_FEATURES
TARGET = "species"
SPECIES = ("Adelie", "Chinstrap", "Gentoo")


def load_penguins() -> pd.DataFrame:
    """The 344 penguins of Palmer Station that the palmerpenguins package ships (no download)."""
    return _load_penguins()
