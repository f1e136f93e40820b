"""Per-card velocity features, computed from each card's past only.

A fraud model scores a payment while it is being authorised: all it can know
is what happened before. A feature that peeks at later payments (a card's mean
spend over the whole log, a count over a window centred on the payment) makes
the validation score look great and the live model fail. So every feature here
uses strictly earlier payments of the same card.
"""

import pandas as pd

RAW_FEATURES = (
    "amount",
    "hour",
    "online",
    "foreign",
    "category",
    "customer_age",
    "card_age_days",
)
WINDOWS = {"1h": "1h", "24h": "24h"}
NO_HISTORY_HOURS = 24.0 * 30  # `hours_since_last` of a card's first payment in the log
VELOCITY_FEATURES = (
    "count_1h",
    "amount_1h",
    "count_24h",
    "amount_24h",
    "hours_since_last",
    "amount_to_mean",
    "new_merchant",
)


def velocity_features(transactions: pd.DataFrame) -> pd.DataFrame:
    """Return each payment's velocity features, one row per row of `transactions`.

    `transactions` has at least `card_id`, `timestamp`, `amount` and
    `merchant_id`, in any row order. The result has the same index and, in this
    order, the columns of `VELOCITY_FEATURES`:

    - `count_1h`, `amount_1h`, `count_24h`, `amount_24h`: how many payments the
      same card made, and their total amount, in the hour (day) before this one:
      earlier timestamps t' with timestamp - window <= t' < timestamp. The
      payment itself, and any of the card's payments at the very same second,
      are left out.
    - `hours_since_last`: hours since the card's previous payment (0.0 for a
      second payment at the same second); `NO_HISTORY_HOURS` for its first.
    - `amount_to_mean`: the amount divided by the mean amount of the card's
      earlier payments (rows before this one in time order); 1.0 for its first.
    - `new_merchant`: 1 if the card never paid this merchant before, else 0.

    Rows of one card at the same timestamp keep their order in `transactions`.
    """
    # BEGIN SOLUTION (task 3): sort by card and time, roll left-closed windows, use earlier rows
    # BEGIN PROMPT
    # ordered = transactions.sort_values(["card_id", "timestamp"], kind="stable")
    # cards = ordered.groupby("card_id", sort=False)
    # features = pd.DataFrame(index=ordered.index)  # filled in the order of `ordered`
    # # 1. count_ and amount_ of each of WINDOWS: the card's payments in [t - window, t)
    # # 2. hours_since_last: the gap to the card's previous payment
    # # 3. amount_to_mean: the amount over the mean of the card's earlier amounts
    # # 4. new_merchant: the card's first payment to this merchant
    # # then: features.loc[transactions.index, list(VELOCITY_FEATURES)], in the input's order
    # END PROMPT
    ordered = transactions.sort_values(["card_id", "timestamp"], kind="stable")
    cards = ordered.groupby("card_id", sort=False)
    features = pd.DataFrame(index=ordered.index)
    by_time = ordered.set_index("timestamp").groupby("card_id", sort=False)["amount"]
    for name, window in WINDOWS.items():
        rolling = by_time.rolling(window, closed="left")
        features[f"count_{name}"] = rolling.count().fillna(0).to_numpy()
        features[f"amount_{name}"] = rolling.sum().fillna(0).to_numpy()
    gap = cards["timestamp"].diff().dt.total_seconds() / 3_600
    features["hours_since_last"] = gap.fillna(NO_HISTORY_HOURS)
    earlier = cards.cumcount()
    past_mean = (cards["amount"].cumsum() - ordered["amount"]) / earlier.where(earlier > 0)
    features["amount_to_mean"] = (ordered["amount"] / past_mean).fillna(1.0)
    seen = ordered.groupby(["card_id", "merchant_id"], sort=False).cumcount()
    features["new_merchant"] = (seen == 0).astype(int)
    return features.loc[transactions.index, list(VELOCITY_FEATURES)]
    # END SOLUTION


def raw_features(transactions: pd.DataFrame) -> pd.DataFrame:
    """Return what one payment says about itself: the columns of `RAW_FEATURES`.

    `hour` is the hour of the day as a fraction (13.5 is half past one in the
    afternoon), `foreign` is 1 when the payment was made outside the card's
    country, and `category` stays a pandas categorical, which
    HistGradientBoosting uses natively and the linear models one-hot encode.
    """
    timestamp = transactions["timestamp"]
    return pd.DataFrame(
        {
            "amount": transactions["amount"],
            "hour": timestamp.dt.hour + timestamp.dt.minute / 60,
            "online": transactions["online"],
            "foreign": (transactions["country"] != transactions["card_country"]).astype(int),
            "category": transactions["category"],
            "customer_age": transactions["customer_age"],
            "card_age_days": transactions["card_age_days"],
        },
        index=transactions.index,
    )


def model_features(transactions: pd.DataFrame) -> pd.DataFrame:
    """Return the raw features and then the velocity features of each payment."""
    return pd.concat([raw_features(transactions), velocity_features(transactions)], axis=1)
