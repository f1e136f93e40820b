"""A seeded web shop: users arrive through channels, visit several times, and walk a funnel.

The log it writes has the faults real logs have: events received twice, device clocks
that are wrong, bot traffic and a few malformed rows. Each channel has a planted
incremental effect on a user's chance to buy, so an attribution can be scored against
the truth. Provided: read it, do not change it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

CHANNELS = ("search", "social", "email", "display", "direct")
DEVICES = ("desktop", "mobile", "tablet")
STEPS = ("landing", "product_view", "cart", "checkout", "purchase")
LOG_COLUMNS = ("event_id", "user", "device", "user_agent", "channel", "event", "sent", "received")

# Each channel a user was reached through adds this much to their chance to buy.
CHANNEL_EFFECTS = {"search": 0.05, "social": 0.07, "email": 0.02, "display": 0.09, "direct": 0.03}
# Where in a journey each channel tends to come: display and social open journeys,
# email and search close them.
FIRST_VISIT_WEIGHTS = {"search": 2.0, "social": 3.0, "email": 0.5, "display": 4.0, "direct": 1.0}
LATER_VISIT_WEIGHTS = {"search": 4.0, "social": 1.0, "email": 4.0, "display": 0.5, "direct": 2.0}
# How much more often a visit leaves at each step, by device and by channel.
DEVICE_EXIT = {"desktop": 1.0, "mobile": 1.5, "tablet": 1.2}
CHANNEL_EXIT = {"search": 0.8, "social": 1.4, "email": 0.9, "display": 1.3, "direct": 1.0}
BROWSER_AGENTS = {
    "desktop": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
    "mobile": "Mozilla/5.0 (Linux; Android 14) Mobile Chrome/126.0",
    "tablet": "Mozilla/5.0 (iPad; CPU OS 17_5) Safari/604.1",
}
BOT_AGENTS = ("Mozilla/5.0 (compatible; Googlebot/2.1)", "AhrefsBot/7.0", "site-crawler/1.2")
DAY = 86_400.0
SIMULATED_DAYS = 60
BUYER_EXIT_SHRINK = 0.25  # a visit that ends in a purchase leaves early far less often


@dataclass(frozen=True)
class Simulation:
    """The log as the shop's collector wrote it, and the truth behind it.

    log:     one row per received event (LOG_COLUMNS), faults included.
    visits:  one row per true event (event_id, user, visit, time): the sessions a
             perfect sessioniser would find, bots and malformed rows left out.
    effects: the planted incremental effect of each channel on a user's chance to buy.
    truth:   each channel's share of the conversions it caused, in expectation: the sum,
             over the human users it reached, of its effect, divided by the total.
    bots:    the users that are bots.
    """

    log: pd.DataFrame
    visits: pd.DataFrame
    effects: dict[str, float]
    truth: pd.Series
    bots: frozenset[str]


def _walk(rng: np.random.Generator, exit_scale: float, buyer: bool) -> list[str]:
    """One visit's events: a random walk over the funnel's pages that ends by leaving.

    A buyer's walk is drawn again until it ends in a purchase; any other walk never
    buys (its checkout leaves instead).
    """
    while True:
        deep_link = 0.3 if buyer else 0.06  # a buyer often comes straight to a product
        events = ["product_view" if rng.random() < deep_link else "landing"]
        while True:
            page = events[-1]
            leave = {"landing": 0.35, "product_view": 0.3, "cart": 0.3, "checkout": 0.3}
            if page == "purchase":
                break
            scale = exit_scale * (BUYER_EXIT_SHRINK if buyer else 1.0)
            if rng.random() < min(0.95, leave[page] * scale):
                break
            u = rng.random()
            if page == "landing":
                events.append("product_view")
            elif page == "product_view":
                browse, buy_now = (0.15, 0.15) if buyer else (0.55, 0.03)
                events.append(
                    "product_view" if u < browse else "checkout" if u < browse + buy_now else "cart"
                )
            elif page == "cart":
                events.append("product_view" if u < (0.05 if buyer else 0.35) else "checkout")
            else:
                if buyer and u < 0.7:
                    events.append("purchase")
                elif u < 0.85:
                    events.append("cart")
                else:
                    break
        if buyer == (events[-1] == "purchase"):
            return events


def simulate_journeys(n_users: int = 6000, seed: int = 7) -> Simulation:
    """Simulate `n_users` human users (and 1% as many bots) over 60 days of a shop."""
    rng = np.random.default_rng(seed)
    channels = np.array(CHANNELS)
    first_p = np.array([FIRST_VISIT_WEIGHTS[c] for c in CHANNELS])
    later_p = np.array([LATER_VISIT_WEIGHTS[c] for c in CHANNELS])
    rows, visits, truth = [], [], dict.fromkeys(CHANNELS, 0.0)
    event_id = 0
    for number in range(n_users):
        user = f"u{number:05d}"
        n_visits = int(min(6, 1 + rng.poisson(1.3)))
        journey = [rng.choice(channels, p=first_p / first_p.sum())] + list(
            rng.choice(channels, size=n_visits - 1, p=later_p / later_p.sum())
        )
        reached = set(journey)
        for channel in reached:
            truth[channel] += CHANNEL_EFFECTS[channel]
        buys = rng.random() < sum(CHANNEL_EFFECTS[c] for c in reached)
        home_device = rng.choice(DEVICES, p=[0.45, 0.45, 0.10])
        skews = {d: 0.0 if rng.random() < 0.6 else float(rng.normal(0, 3 * 3600)) for d in DEVICES}
        time = float(rng.integers(0, int(SIMULATED_DAYS * DAY * 0.8)))
        for visit, channel in enumerate(journey):
            device = home_device if rng.random() < 0.8 else rng.choice(DEVICES)
            exit_scale = DEVICE_EXIT[device] * CHANNEL_EXIT[channel]
            last = visit == len(journey) - 1
            for event in _walk(rng, exit_scale, buyer=buys and last):
                received = np.floor(time)
                rows.append(
                    (event_id, user, device, BROWSER_AGENTS[device], channel, event)
                    + (np.floor(time + skews[device]), received)
                )
                visits.append((event_id, user, visit, received))
                event_id += 1
                time += min(1500.0, 5 + rng.exponential(60.0))
            time += 2 * 3600 + rng.exponential(3 * DAY)
    for number in range(max(1, n_users // 100)):
        user = f"b{number:04d}"
        agent = BOT_AGENTS[number % 3] if number % 2 == 0 else BROWSER_AGENTS["desktop"]
        time = float(rng.integers(0, int(SIMULATED_DAYS * DAY * 0.9)))
        for _ in range(int(rng.integers(25, 60))):
            event = rng.choice(STEPS[:2])
            rows.append((event_id, user, "desktop", agent, "direct", event, time, time))
            event_id += 1
            time += float(rng.integers(0, 4))
    log = pd.DataFrame(rows, columns=list(LOG_COLUMNS))
    log = _add_faults(log, rng)
    shares = pd.Series(truth).reindex(list(CHANNELS))
    return Simulation(
        log=log,
        visits=pd.DataFrame(visits, columns=["event_id", "user", "visit", "received"]),
        effects=dict(CHANNEL_EFFECTS),
        truth=shares / shares.sum(),
        bots=frozenset(u for u in log["user"].dropna().unique() if u.startswith("b")),
    )


def _add_faults(log: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Receive 3% of the events twice, seconds apart; corrupt 0.4% of the rows; shuffle."""
    repeated = log.sample(frac=0.03, random_state=rng).copy()
    repeated["received"] += rng.integers(1, 30, size=len(repeated))
    log = pd.concat([log, repeated], ignore_index=True)
    log["user"] = log["user"].astype(object)
    log["received"] = log["received"].astype(float)
    corrupt = rng.choice(len(log), size=int(0.004 * len(log)), replace=False)
    for k, row in enumerate(corrupt):
        fault = k % 4
        if fault == 0:
            log.loc[row, "user"] = None
        elif fault == 1:
            log.loc[row, "event"] = "prodcut_view"
        elif fault == 2:
            log.loc[row, "channel"] = "tv"
        else:
            log.loc[row, "received"] = np.nan
    return log.sample(frac=1.0, random_state=rng).reset_index(drop=True)
