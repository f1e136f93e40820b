"""The reference's runs that the brief shows: the command line's output, and the verdict.

- `backtest` and `live`: what `python -m trading backtest SP500 --fast 10 --slow 40` and
  `python -m trading live AAPL` print;
- `verdict`: the walk-forward ML strategy on the S&P 500's test period (2003-2018),
  with and without costs, beside buy-and-hold, at three thresholds of the probability
  of a rise.

    python baselines.py    (with the reference solution's folder on PYTHONPATH)

`nox -s sync` runs it and writes each block into the brief (README.md). Every figure is
the same on every run: the models are seeded and the data fixed.
"""

import contextlib
import io

from trading.__main__ import main as command_line
from trading.broker import Costs
from trading.data import load_prices
from trading.features import forward_label, make_features
from trading.ml import judge
from trading.walkforward import default_model, fit_fold_models, walk_forward_splits

SEED = 7  # the tests' seed
THRESHOLDS = (0.5, 0.52, 0.55)
COLUMNS = {
    "annualised_return": ("Return a year", "{:.1%}"),
    "annualised_volatility": ("Volatility a year", "{:.1%}"),
    "sharpe": ("Sharpe", "{:.3f}"),
    "sortino": ("Sortino", "{:.3f}"),
    "max_drawdown": ("Max drawdown", "{:.1%}"),
    "drawdown_bars": ("Longest drawdown, bars", "{:.0f}"),
    "turnover": ("Turnover a year", "{:.2f}"),
    "hit_rate": ("Hit rate", "{:.1%}"),
}


def run(argv: list[str]) -> str:
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        command_line(argv)
    return f"```text\n$ python -m trading {' '.join(argv)}\n{output.getvalue()}```"


def verdict_table() -> str:
    prices = load_prices("SP500")
    features, labels = make_features(prices["close"]), forward_label(prices["close"])
    splits = walk_forward_splits(len(prices))
    fold_models = fit_fold_models(features, labels, splits, default_model(SEED))
    header = ["Strategy", "Threshold", *(label for label, _ in COLUMNS.values())]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for threshold in THRESHOLDS:
        table = judge(prices, fold_models, Costs(), threshold=threshold)
        for name, figures in table.iterrows():
            if name == "buy and hold" and threshold != THRESHOLDS[0]:
                continue  # the same at every threshold
            shown = "-" if name == "buy and hold" else f"{threshold:.2f}"
            cells = [fmt.format(figures[column]) for column, (_, fmt) in COLUMNS.items()]
            lines.append("| " + " | ".join([name, shown, *cells]) + " |")
    return "\n".join(lines)


def main() -> None:
    print("<!-- block: backtest -->")
    print(run(["backtest", "SP500", "--fast", "10", "--slow", "40"]))
    print("<!-- block: live -->")
    print(run(["live", "AAPL"]))
    print("<!-- block: verdict -->")
    print(verdict_table())


if __name__ == "__main__":
    main()
