"""The pricing system end to end on the simulated market: `python -m pricing`.

Sales history -> elasticity per product (naive and instrumented) -> the price each
estimate recommends -> its expected profit against the oracle's, under the true curve.
"""

import argparse
import sys

from pricing.elasticity import iv_elasticity, log_log_frame, naive_elasticity
from pricing.optimise import optimal_prices, plan_profit
from pricing.simulator import simulate_market

OK = 0
PRICE_CEILING = 4.0  # the highest price allowed, as a multiple of the unit cost


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pricing", description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=11, help="the market simulator's seed")
    parser.add_argument(
        "--endogeneity",
        type=float,
        default=0.8,
        help="how much of each demand shock the seller prices in",
    )
    args = parser.parse_args(argv)
    market = simulate_market(endogeneity=args.endogeneity, seed=args.seed)
    stocked_out = market.history["stocked_out"].mean()
    print(f"{len(market.history):,} product-days, {stocked_out:.1%} stocked out")
    print("product  true e  naive e  IV e   oracle price  IV price  profit share (naive, IV)")
    for product, truth in enumerate(market.elasticity):
        cost = market.unit_cost[product]
        frame = log_log_frame(market.history, product)
        estimates = [naive_elasticity(frame).elasticity, iv_elasticity(frame).elasticity]
        prices = [
            optimal_prices(cost, elasticity, [1.0], cost, PRICE_CEILING * cost).prices[0]
            for elasticity in [truth, *estimates]
        ]
        best = plan_profit([prices[0]], cost, truth, [1.0])
        shares = [plan_profit([price], cost, truth, [1.0]) / best for price in prices[1:]]
        print(
            f"{product:>7}  {truth:6.2f}  {estimates[0]:7.2f}  {estimates[1]:5.2f}  "
            f"{prices[0]:12.2f}  {prices[2]:8.2f}  {shares[0]:6.1%}, {shares[1]:6.1%}"
        )
    return OK


if __name__ == "__main__":
    sys.exit(main())
