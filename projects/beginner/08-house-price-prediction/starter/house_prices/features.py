"""Task 2: the feature pipeline, from a table of houses to a matrix of numbers.

Two steps, both fitted on training rows only when they sit inside a model:
`engineer_features` adds columns a linear model cannot invent for itself (total
area, age at sale, bathrooms counted together, an interaction), and the
`ColumnTransformer` of `build_preprocessor` turns each kind of column into numbers
its own way: numbers imputed and scaled, quality scales kept in their order,
categories one-hot encoded with the rare ones grouped.

The columns listed here are the model's whole input, and the API's `House` schema
(schema.py) asks for exactly these.
"""

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import (
    Pipeline,
)
from sklearn.preprocessing import (
    FunctionTransformer,
)

NUMERIC_COLUMNS = [
    "Lot_Frontage",
    "Lot_Area",
    "Year_Built",
    "Year_Remod_Add",
    "Year_Sold",
    "Total_Bsmt_SF",
    "First_Flr_SF",
    "Second_Flr_SF",
    "Gr_Liv_Area",
    "Full_Bath",
    "Half_Bath",
    "Bsmt_Full_Bath",
    "Bsmt_Half_Bath",
    "Bedroom_AbvGr",
    "Kitchen_AbvGr",
    "TotRms_AbvGrd",
    "Fireplaces",
    "Garage_Cars",
    "Garage_Area",
]

QUALITY = ["Poor", "Fair", "Typical", "Good", "Excellent"]
OVERALL = [
    "Very_Poor",
    "Poor",
    "Fair",
    "Below_Average",
    "Average",
    "Above_Average",
    "Good",
    "Very_Good",
    "Excellent",
    "Very_Excellent",
]
# Each ordinal column with its levels from worst to best. "No garage" sits below the
# poorest garage: a house without one sells for less than one with a poor one.
ORDINAL_SCALES: dict[str, list[str]] = {
    "Overall_Cond": OVERALL,
    "Exter_Cond": QUALITY,
    "Heating_QC": QUALITY,
    "Bsmt_Cond": ["No_Basement", *QUALITY],
    "Garage_Cond": ["No_Garage", *QUALITY],
    "Bsmt_Exposure": ["No_Basement", "No", "Mn", "Av", "Gd"],
    "Garage_Finish": ["No_Garage", "Unf", "RFn", "Fin"],
    "Functional": ["Sal", "Sev", "Maj2", "Maj1", "Mod", "Min2", "Min1", "Typ"],
}
ORDINAL_COLUMNS = list(ORDINAL_SCALES)

NOMINAL_COLUMNS = [
    "Neighborhood",
    "MS_Zoning",
    "Bldg_Type",
    "House_Style",
    "Foundation",
    "Central_Air",
    "Garage_Type",
    "Sale_Condition",
]

INPUT_COLUMNS = NUMERIC_COLUMNS + ORDINAL_COLUMNS + NOMINAL_COLUMNS

# What engineer_features adds: every one of them is numeric.
ENGINEERED_COLUMNS = [
    "Total_SF",  # basement + above-ground living area
    "House_Age",  # years from construction to sale
    "Years_Since_Remodel",  # years from the last remodel (or construction) to sale
    "Total_Baths",  # full baths count 1 and half baths 0.5, basement ones included
    "Condition_x_Living_Area",  # Overall_Cond's rank (0 = Very_Poor) times Gr_Liv_Area
    "Log_Gr_Liv_Area",  # natural log of the living area: price grows less than in
    "Log_Lot_Area",  # proportion to area, and the few huge houses stop dominating
]

HALF_BATH = 0.5
MIN_CATEGORY_COUNT = 10  # a level seen in fewer training houses joins the "infrequent" column
MISSING_CATEGORY = "Missing"


def engineer_features(houses: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of `houses` with `ENGINEERED_COLUMNS` added and missing values marked.

    The input is never modified. `Lot_Frontage` of 0 means "not recorded" in this
    data (no lot has no street frontage): make it NaN, so that the imputer fills it.
    `Condition_x_Living_Area` uses the position of `Overall_Cond` in
    `ORDINAL_SCALES["Overall_Cond"]` (0 for Very_Poor, 9 for Very_Excellent); an
    unknown or missing condition gives NaN.
    """
    raise NotImplementedError("Task 2: copy, mark frontage 0 as NaN, add the ENGINEERED_COLUMNS")


def build_preprocessor() -> ColumnTransformer:
    """Return an unfitted ColumnTransformer that makes a dense, finite matrix of numbers.

    - `NUMERIC_COLUMNS + ENGINEERED_COLUMNS`: fill missing values with the median,
      with an indicator column saying which were filled, then standardise;
    - `ORDINAL_COLUMNS`: one number per column, the level's rank on its scale in
      `ORDINAL_SCALES` (an unknown level or a missing one gets the median rank), then
      standardise;
    - `NOMINAL_COLUMNS`: fill missing values with `MISSING_CATEGORY`, then one-hot
      encode with levels seen fewer than `MIN_CATEGORY_COUNT` times grouped into one
      "infrequent" column; a level never seen in training goes there too.

    Every other column is dropped. The output is a dense array, which the gradient
    boosting of Task 3 needs.
    """
    raise NotImplementedError(
        "Task 2: a ColumnTransformer with numeric, ordinal and nominal branches"
    )


def build_feature_pipeline() -> Pipeline:
    """The two steps chained: `engineer_features`, then `build_preprocessor()`."""
    return Pipeline(
        [
            ("engineer", FunctionTransformer(engineer_features)),
            ("preprocess", build_preprocessor()),
        ]
    )
