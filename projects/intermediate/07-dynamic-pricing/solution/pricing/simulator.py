"""A seeded market in which the truth is known: provided, worth reading first.

Each product's daily demand follows a constant-elasticity curve,

    log demand = base + weekly[weekday] + yearly * sin(2 pi day / 365.25)
                 - elasticity * log(price) + cross * log(competitor price)
                 + promotion_lift * promotion + shock,

and the day's sales are a Poisson draw of that demand, cut at the day's stock (a
stock-out censors demand: the sales say only that demand was at least the stock).

The seller sets the price from its unit cost and a markup, and, as real sellers do, it
raises the price on days it expects to be busy: the price carries part of the demand
shock (`endogeneity`). A regression of sales on price then mixes the shock into the
price effect. The unit cost moves for reasons of its own (suppliers, energy): it moves
the price and not demand, which makes it an instrument.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

DAYS_PER_YEAR = 365.25
WEEKLY = np.array([-0.15, -0.1, -0.05, 0.0, 0.1, 0.25, -0.05])  # Monday first
YEARLY = 0.3  # amplitude of the yearly season, in log demand
CROSS_ELASTICITY = 0.6  # demand rises by 0.6% when the competitor's price rises by 1%
PROMOTION_LIFT = 0.35  # a promoted day's extra log demand, on top of its price cut
PROMOTION_DISCOUNT = 0.85  # a promoted day's price, as a share of the usual price
SHOCK_SD = 0.25  # the demand shock: weather, events, news, in log demand
COST_SD = 0.15  # the unit cost's log moves around its level
PRICE_NOISE_SD = 0.03


@dataclass(frozen=True)
class Market:
    """A simulated sales history and the truth behind it.

    `history` has one row per product and day: day, product, weekday (0 is Monday),
    price, cost, competitor_price, promotion (0 or 1), stock, sales, stocked_out (sales
    reached the stock); and two columns no seller sees: demand (the day's draw before
    the stock cut) and expected_demand (the demand curve's mean that day, without the
    shock). `elasticity`, `base` and `unit_cost` give each
    product's true own-price elasticity, log demand level and cost level.
    """

    history: pd.DataFrame
    elasticity: np.ndarray
    base: np.ndarray
    unit_cost: np.ndarray


def seasonality(day: np.ndarray) -> np.ndarray:
    """The yearly season's term of log demand on each day."""
    return YEARLY * np.sin(2 * np.pi * np.asarray(day) / DAYS_PER_YEAR)


def expected_demand(
    price: np.ndarray,
    elasticity: float,
    base: float,
    day: np.ndarray,
    competitor_price: np.ndarray,
    promotion: np.ndarray,
) -> np.ndarray:
    """The mean demand of one product at `price` on `day`, without the day's shock."""
    day = np.asarray(day)
    log_demand = (
        base
        + WEEKLY[day % 7]
        + seasonality(day)
        - elasticity * np.log(price)
        + CROSS_ELASTICITY * np.log(competitor_price)
        + PROMOTION_LIFT * np.asarray(promotion)
    )
    return np.exp(log_demand)


def simulate_market(
    n_products: int = 6,
    n_days: int = 730,
    endogeneity: float = 0.8,
    stock_ratio: float = 2.0,
    seed: int = 7,
) -> Market:
    """Simulate `n_days` of sales of `n_products`; elasticities spread from 0.5 to 3.

    `endogeneity` is how much of the day's log demand shock the seller puts into its log
    price; `stock_ratio` is each day's stock as a multiple of the product's typical
    demand (lower means more stock-outs).
    """
    rng = np.random.default_rng(seed)
    elasticity = np.linspace(0.5, 3.0, n_products)
    unit_cost = rng.uniform(5.0, 20.0, n_products)
    markup = np.where(elasticity > 1.2, elasticity / np.maximum(elasticity - 1, 0.2), 2.5)
    # the level is chosen so that a typical day sells about 60 units at the usual price
    base = (
        np.log(60.0)
        + elasticity * np.log(unit_cost * markup)
        - CROSS_ELASTICITY * np.log(unit_cost * markup)
    )
    day = np.arange(n_days)
    frames = []
    for product in range(n_products):
        cost = unit_cost[product] * np.exp(_ar1(rng, n_days, COST_SD, 0.9))
        competitor = unit_cost[product] * markup[product] * np.exp(_ar1(rng, n_days, 0.2, 0.8))
        promotion = (rng.random(n_days) < 0.1).astype(int)
        shock = rng.normal(0.0, SHOCK_SD, n_days)
        price = (
            cost
            * markup[product]
            * np.exp(endogeneity * shock + rng.normal(0.0, PRICE_NOISE_SD, n_days))
            * np.where(promotion == 1, PROMOTION_DISCOUNT, 1.0)
        )
        mean = expected_demand(
            price, elasticity[product], base[product], day, competitor, promotion
        )
        demand = rng.poisson(mean * np.exp(shock))
        stock = np.full(n_days, int(round(60 * stock_ratio)))
        sales = np.minimum(demand, stock)
        frames.append(
            pd.DataFrame(
                {
                    "day": day,
                    "product": product,
                    "weekday": day % 7,
                    "price": price,
                    "cost": cost,
                    "competitor_price": competitor,
                    "promotion": promotion,
                    "stock": stock,
                    "sales": sales,
                    "stocked_out": sales >= stock,
                    "demand": demand,
                    "expected_demand": mean,
                }
            )
        )
    history = pd.concat(frames, ignore_index=True)
    return Market(history=history, elasticity=elasticity, base=base, unit_cost=unit_cost)


def _ar1(rng: np.random.Generator, n: int, sd: float, persistence: float) -> np.ndarray:
    """A stationary AR(1) path with standard deviation `sd`."""
    steps = rng.normal(0.0, sd * np.sqrt(1 - persistence**2), n)
    path = np.empty(n)
    path[0] = rng.normal(0.0, sd)
    for t in range(1, n):
        path[t] = persistence * path[t - 1] + steps[t]
    return path
