"""Feature engineering as a scikit-learn transformer, so that it cannot leak.

A feature that needs a statistic of the data (here: what a typical customer of
the same internet service pays) must learn it from the training rows alone. A
transformer makes that the only possible way: `fit` learns the statistic from the
rows it is given and stores it; `transform` only applies what was stored, to
training rows, test rows or one new customer alike. Inside a Pipeline,
cross-validation then refits it on each fold's training part, and the held-out
part never shapes its own features.
"""

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

GROUP_COLUMN = "internet_service"  # customers compared with those of the same service
NEW_FEATURES = ("log_tenure", "charge_increase", "charge_ratio")


class ChurnFeatures(TransformerMixin, BaseEstimator):
    """Add engineered columns to a frame of customers (typed, as `validate` returns it).

    Fitted attributes (set by `fit`, from the rows it is given only):
        typical_charge_: dict of each GROUP_COLUMN value seen to the median
            `monthly_charges` of the customers with that value.
        overall_charge_: the median `monthly_charges` of all of them, the fallback
            for a value of GROUP_COLUMN that `fit` never saw.

    `transform` returns a copy of its input with `total_charges` filled with 0.0
    where missing (a customer of tenure 0 has not been billed yet) and these
    columns added (NEW_FEATURES), each computed from the row itself and the fitted
    attributes only, never from the other rows being transformed:
        log_tenure: log(1 + tenure). The risk of leaving falls steeply over the
            first months and then flattens; a linear model can only draw straight
            lines in its inputs, so it needs the bend given as a column.
        charge_increase: monthly_charges - total_charges / tenure, how much more the
            customer pays now than on average since joining (a price rise is a known
            reason to leave); 0.0 for a customer of tenure 0.
        charge_ratio: monthly_charges / typical_charge_[the row's GROUP_COLUMN]
            (overall_charge_ for a value not in typical_charge_): 1.0 pays like a
            typical customer of the same service, 1.5 half as much again.
    """

    def fit(self, X: pd.DataFrame, y: np.ndarray | None = None) -> "ChurnFeatures":
        """Learn the median monthly charge of each GROUP_COLUMN value, and overall, from X."""
        # BEGIN SOLUTION (task 2): store the medians in typical_charge_ and overall_charge_
        charges = X["monthly_charges"].astype(float)
        self.typical_charge_ = charges.groupby(X[GROUP_COLUMN]).median().to_dict()
        self.overall_charge_ = float(charges.median())
        return self
        # END SOLUTION

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:
        """Return a copy of X with total_charges filled with 0 where missing, and NEW_FEATURES.

        Raises sklearn's NotFittedError when called before `fit`.
        """
        check_is_fitted(self)
        # BEGIN SOLUTION (task 2): fill total_charges; add the columns from the row and the medians
        features = X.copy()
        features["total_charges"] = features["total_charges"].fillna(0.0)
        tenure, monthly = features["tenure"], features["monthly_charges"]
        features["log_tenure"] = np.log1p(tenure)
        average = features["total_charges"] / tenure  # NaN or inf where tenure is 0
        features["charge_increase"] = (monthly - average).where(tenure > 0, 0.0)
        typical = features[GROUP_COLUMN].map(self.typical_charge_).astype(float)
        features["charge_ratio"] = monthly / typical.fillna(self.overall_charge_)
        return features
        # END SOLUTION
