"""The brief's example and the figures its notes discuss, measured on the reference.

Three blocks of the brief, from the package's own experiments (`forecasting.experiments`,
the ones the tests and the dashboard run), on one BLAS thread as the suite runs them:

- `example`: the scenario's two forecasts: CO2 for 1998-2001 by the SARIMA that AIC
  chose, and AAPL's last trading day by the random walk and ARIMA(1,1,1);
- `orders`: each SARIMA candidate of the AIC search, its AIC on the training months and
  its MAPE on the 48 test months (looked at here to show what AIC does not see);
- `findings`: every model's MAPE in each experiment, the 95% intervals' coverage on the
  CO2 hold-out, and the coefficients of the AAPL ARIMA.

    python baselines.py    (with the reference solution's folder on PYTHONPATH)

`nox -s sync` runs it and writes each block into the brief (README.md).
"""

from collections.abc import Sequence

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from forecasting import experiments
from forecasting.metrics import mape
from forecasting.sarima import fit_sarima, sarima_forecast, select_order

BLAS_THREADS = 1  # as the suite runs: small state-space fits are faster on one thread
SHOWN_VALUES = 3  # the last values of each input shown in the example


def row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def sarima_name(order: tuple, seasonal_order: tuple) -> str:
    return "SARIMA({},{},{})".format(*order) + "({},{},{},{})".format(*seasonal_order)


def last_values(series: pd.Series) -> str:
    return "... " + ", ".join(f"{value:.2f}" for value in series.iloc[-SHOWN_VALUES:])


def example_block(
    train: pd.Series,
    test: pd.Series,
    name: str,
    sarima: pd.DataFrame,
    aapl: experiments.Backtest,
) -> str:
    def co2_line(month: int) -> str:
        forecast = sarima.iloc[month]
        return (
            f"         {sarima.index[month]:%Y-%m}   {forecast['mean']:.2f}   "
            f"95% interval [{forecast['lower']:.2f}, {forecast['upper']:.2f}]   "
            f"(actual {test.iloc[month]:.2f})"
        )

    results = aapl.results
    last = {model: rows.iloc[-1] for model, rows in results.groupby("model", sort=False)}
    walk, arima = last[experiments.RANDOM_WALK], last[experiments.ARIMA]
    history = aapl.series[aapl.series.index <= walk["cutoff"]]
    summary = aapl.summary["MAPE"]
    n_days = len(results[results["model"] == experiments.RANDOM_WALK])
    lines = [
        "```text",
        f"input:   monthly CO2 at Mauna Loa (ppm), {train.index[0]:%Y-%m} .. "
        f"{train.index[-1]:%Y-%m}:  {last_values(train)}",
        f"output:  {name}, orders chosen by AIC",
        co2_line(0),
        "         ...",
        co2_line(-1),
        "",
        f"input:   AAPL adjusted close up to {walk['cutoff']:%Y-%m-%d}:  {last_values(history)}",
        f"output:  {walk['timestamp']:%Y-%m-%d}   {experiments.RANDOM_WALK} "
        f"{walk['forecast']:.2f}   {experiments.ARIMA} {arima['forecast']:.2f}   "
        f"(actual {walk['actual']:.2f})",
        f"         over the last {n_days} trading days: {experiments.RANDOM_WALK} MAPE "
        f"{summary[experiments.RANDOM_WALK]:.3f}%, ARIMA {summary[experiments.ARIMA]:.3f}%",
        "```",
    ]
    return "\n".join(lines)


def orders_block(train: pd.Series, test: pd.Series, ranked: pd.DataFrame) -> str:
    lines = [
        row(
            [
                "Candidate (best AIC first)",
                f"AIC on {train.index[0]:%Y-%m} to {train.index[-1]:%Y-%m}",
                "MAPE on the test months, %",
            ]
        ),
        "|---|---|---|",
    ]
    for k, candidate in ranked.iterrows():
        order, seasonal_order = candidate["order"], candidate["seasonal_order"]
        results = fit_sarima(train, order, seasonal_order)
        error = mape(test, sarima_forecast(results, len(test))["mean"])
        name = sarima_name(order, seasonal_order) + (" (chosen)" if k == 0 else "")
        lines.append(row([name, f"{candidate['aic']:.2f}", f"{error:.3f}"]))
    return "\n".join(lines)


def findings_block(
    holdout: pd.DataFrame,
    co2: experiments.Backtest,
    aapl: experiments.Backtest,
) -> str:
    def cell(table: pd.DataFrame, model: str, column: str, form: str) -> str:
        if model not in table.index or np.isnan(table.loc[model, column]):
            return ""
        return format(table.loc[model, column], form)

    aapl_names = {experiments.NAIVE: experiments.RANDOM_WALK}
    models = [*holdout.index, experiments.ARIMA]
    lines = [
        row(
            [
                "Model",
                "CO2 hold-out: MAPE, %",
                "CO2 hold-out: 95% interval coverage",
                "CO2 backtest: MAPE, %",
                "AAPL backtest: MAPE, %",
            ]
        ),
        "|---|---|---|---|---|",
    ]
    for model in models:
        aapl_model = aapl_names.get(model, model)
        name = model if aapl_model == model else f"{model} ({aapl_model} on AAPL)"
        lines.append(
            row(
                [
                    name,
                    cell(holdout, model, "MAPE", ".3f"),
                    cell(holdout, model, "95% coverage", ".0%"),
                    cell(co2.summary, model, "MAPE", ".3f"),
                    cell(aapl.summary, aapl_model, "MAPE", ".3f"),
                ]
            )
        )
    first = aapl.series.index.get_loc(aapl.results["timestamp"].iloc[0])
    history = aapl.series.iloc[:first]
    results = fit_sarima(history.to_numpy(dtype=float), experiments.AAPL_ORDER)
    params = dict(zip(results.model.param_names, results.params, strict=True))
    lines += [
        "",
        f"The AAPL {experiments.ARIMA}, fitted on {history.index[0]:%Y-%m-%d} to "
        f"{history.index[-1]:%Y-%m-%d}, has the AR coefficient {params['ar.L1']:.4f} and "
        f"the MA coefficient {params['ma.L1']:.4f}. Over those years the adjusted close "
        f"went from {history.iloc[0]:.2f} to {history.iloc[-1]:.2f}, "
        f"{history.iloc[-1] / history.iloc[0]:.1f} times as much.",
    ]
    return "\n".join(lines)


def main() -> None:
    with threadpool_limits(limits=BLAS_THREADS):
        train, test = experiments.co2_split()
        ranked = select_order(train)
        order, seasonal_order = ranked.iloc[0]["order"], ranked.iloc[0]["seasonal_order"]
        forecasts = experiments.co2_holdout_forecasts(train, len(test), order, seasonal_order)
        holdout = experiments.holdout_table(train, test, forecasts)
        co2 = experiments.co2_backtest(order, seasonal_order)
        aapl = experiments.aapl_backtest()
        name = sarima_name(order, seasonal_order)
        print("<!-- block: example -->")
        print(example_block(train, test, name, forecasts[experiments.SARIMA], aapl))
        print("<!-- block: orders -->")
        print(orders_block(train, test, ranked))
        print("<!-- block: findings -->")
        print(findings_block(holdout, co2, aapl))


if __name__ == "__main__":
    main()
