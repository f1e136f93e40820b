"""Time-series forecasting: baselines, SARIMA and Prophet in an honest rolling-origin backtest.

Modules, in the order of the brief's tasks: `data` (load, resample, split), `metrics` and
`baselines`, `sarima`, `prophet_model`, `backtest`, and `dashboard`; `experiments` holds the
settings of every experiment the tests and the dashboard run.
"""
