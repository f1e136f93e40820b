"""Pricing under uncertainty: a Thompson-sampling agent that learns demand by pricing.

The agent offers one of a few price points each round and sees that round's sales, a
Poisson draw of an unknown demand rate at that price. It keeps a Gamma posterior over
each price's rate (the Poisson's conjugate prior): after n rounds at a price with s
units sold, Gamma(shape = prior_shape + s, rate = prior_rate + n). Each round it draws
one rate per price from the posteriors and offers the price whose draw earns most,
(price - cost) * rate: prices it is unsure of get tried, prices it knows to be poor
stop being offered. Its regret is the expected profit it gave up against the best
price, which only the simulator knows.
"""

from dataclasses import dataclass

import numpy as np


class ThompsonPricer:
    """Thompson sampling over `prices` with a Gamma(prior_shape, prior_rate) prior per price."""

    def __init__(
        self,
        prices: np.ndarray,
        cost: float,
        prior_shape: float = 1.0,
        prior_rate: float = 0.1,
        seed: int = 7,
    ):
        self.prices = np.asarray(prices, dtype=float)
        self.cost = cost
        self.shape = np.full(len(self.prices), float(prior_shape))
        self.rate = np.full(len(self.prices), float(prior_rate))
        self.rng = np.random.default_rng(seed)

    def choose(self) -> int:
        """The index of the price to offer: draw each price's rate, keep the best profit.

        Draw all the rates in one call, self.rng.gamma(self.shape, 1 / self.rate)
        (numpy's gamma takes a scale, the inverse of the rate); ties go to the lowest
        index (np.argmax).
        """
        raise NotImplementedError("Task 6: a gamma draw per price; argmax of (price - cost) * draw")

    def update(self, arm: int, sales: int) -> None:
        """Learn from one round: `sales` units sold at price index `arm`.

        Raise ValueError naming the sales when they are negative, and IndexError naming
        the arm when it is not one of 0 .. len(prices) - 1 (a negative arm is refused
        too, though numpy would read -1 as the last price).
        """
        raise NotImplementedError("Task 6: check, then shape += sales and rate += 1 for that price")


@dataclass(frozen=True)
class BanditRun:
    """What one run of the agent did: the price index each round, the sales, the regret."""

    arms: np.ndarray
    sales: np.ndarray
    regret: np.ndarray  # the regret of each round (cumulate it for the curve)


def expected_profits(
    prices: np.ndarray, cost: float, scale: float, elasticity: float
) -> np.ndarray:
    """Each price's expected profit per round: (price - cost) * scale * price ** -elasticity."""
    prices = np.asarray(prices, dtype=float)
    return (prices - cost) * scale * prices**-elasticity


def run_pricing(
    agent: ThompsonPricer,
    scale: float,
    elasticity: float,
    horizon: int,
    seed: int = 7,
) -> BanditRun:
    """Let `agent` price for `horizon` rounds in a market with demand scale * p ** -elasticity.

    Each round: the agent chooses, the market draws the sales with its own generator
    (np.random.default_rng(seed), made once, one rng.poisson(rate) per round), and the
    agent learns from them. A round's regret is the best price's expected profit minus
    the chosen price's.
    """
    raise NotImplementedError("Task 6: one market generator; choose, draw, update; the regret")
