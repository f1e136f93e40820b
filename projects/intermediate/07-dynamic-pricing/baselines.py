"""The reference's runs that the brief shows: the system end to end, and one day of data.

- `example`: the first stock-out of product 0, as the market simulator logs it;
- `system`: what `python -m pricing` prints.

    python baselines.py    (with the reference solution's folder on PYTHONPATH)

`nox -s sync` runs it and writes each block into the brief (README.md). Every figure is
the same on every run: the simulator is seeded.
"""

import contextlib
import io

from pricing.__main__ import main as command_line
from pricing.simulator import simulate_market

SEED = 11  # the tests' seed, and the command line's default
SHOWN_PRODUCT = 0


def example() -> str:
    market = simulate_market(seed=SEED)
    product, history = SHOWN_PRODUCT, market.history
    row = history[(history["product"] == product) & history["stocked_out"]].iloc[0]
    day = int(row["day"])
    return "\n".join(
        [
            "```text",
            f"day {day}, product {product}: price {row['price']:.2f}, unit cost {row['cost']:.2f}, "
            f"competitor {row['competitor_price']:.2f}, promotion {int(row['promotion'])}",
            f"sold {int(row['sales'])} of a stock of {int(row['stock'])}"
            f" (stocked out: {bool(row['stocked_out'])})",
            f"hidden from the seller: true elasticity {market.elasticity[product]:.1f}, "
            f"demand {int(row['demand'])}",
            "```",
        ]
    )


def system() -> str:
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        command_line([])
    return f"```text\n$ python -m pricing\n{output.getvalue()}```"


def main() -> None:
    print("<!-- block: example -->")
    print(example())
    print("<!-- block: system -->")
    print(system())


if __name__ == "__main__":
    main()
