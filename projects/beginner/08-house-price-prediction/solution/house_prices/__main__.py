"""Command line: `python -m house_prices {train,evaluate,serve} ...` (provided).

    python -m house_prices train model.skops                 fit on every house, save
    python -m house_prices evaluate --plot residuals.png     compare the models, 5 folds
    python -m house_prices serve model.skops --port 8000     serve the saved model

Each command uses your functions: it works once the tasks it needs are done (train
needs Task 3, evaluate Tasks 3 and 4, serve Task 5 and a model saved by train).
Exit status: 0 when the command did its work, 2 for a bad command line or a model
file that is missing or cannot be written.
"""

import argparse
import sys
from pathlib import Path

from house_prices.data import PRICE, load_ames
from house_prices.evaluation import dollar_errors, plot_residuals
from house_prices.features import INPUT_COLUMNS
from house_prices.models import MODEL_NAMES, build_model, compare_models, save_model

DEFAULT_MODEL = "gradient_boosting"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
OK, BAD_INPUT = 0, 2  # argparse, too, exits with 2 on a malformed command line


def train(path: Path, name: str, seed: int) -> int:
    """Fit the named model on every house and save it for the service."""
    houses = load_ames()
    model = build_model(name, seed).fit(houses[INPUT_COLUMNS], houses[PRICE].to_numpy())
    try:
        saved = save_model(model, path)
    except OSError as error:
        print(f"error: cannot write the model to {path}: {error}", file=sys.stderr)
        return BAD_INPUT
    print(f"saved {name} to {saved}")
    return OK


def evaluate(plot: Path | None, seed: int) -> int:
    """Cross-validate every model and print their errors; optionally plot the best one's."""
    houses = load_ames()
    prices = houses[PRICE].to_numpy()
    results = compare_models(houses[INPUT_COLUMNS], prices, seed)
    print(f"{'model':<18} {'log RMSE':>9} {'RMSE $':>9} {'MAE $':>9} {'median |%|':>10}")
    for name, result in results.items():
        errors = dollar_errors(prices, result.predictions)
        print(
            f"{name:<18} {result.mean_rmse:9.4f} {errors.rmse:9,.0f} {errors.mae:9,.0f} "
            f"{errors.median_ape:10.1%}"
        )
    if plot is not None:
        best = min(results, key=lambda name: results[name].mean_rmse)
        print(f"residuals of {best}: {plot_residuals(prices, results[best].predictions, plot)}")
    return OK


def serve(path: Path, host: str, port: int) -> int:
    """Serve the saved model over HTTP until interrupted; refuse a missing model file."""
    if not Path(path).is_file():
        print(
            f"error: no model file at {path}: train one first "
            f"(python -m house_prices train {path})",
            file=sys.stderr,
        )
        return BAD_INPUT
    import uvicorn

    from house_prices.api import create_app

    uvicorn.run(create_app(path), host=host, port=port)
    return OK


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, run the command, and return its exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m house_prices",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the folds and the models")
    commands = parser.add_subparsers(dest="command", required=True)
    train_parser = commands.add_parser("train", help="fit a model on every house and save it")
    train_parser.add_argument("path", type=Path, help="where to save the model (.skops)")
    train_parser.add_argument("--model", choices=MODEL_NAMES, default=DEFAULT_MODEL)
    evaluate_parser = commands.add_parser("evaluate", help="compare the models on five folds")
    evaluate_parser.add_argument("--plot", type=Path, default=None, help="residual plot (PNG)")
    serve_parser = commands.add_parser("serve", help="serve a saved model over HTTP")
    serve_parser.add_argument("path", type=Path, help="a model saved by train")
    serve_parser.add_argument("--host", default=DEFAULT_HOST)
    serve_parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    arguments = parser.parse_args(argv)
    if arguments.command == "train":
        return train(arguments.path, arguments.model, arguments.seed)
    if arguments.command == "evaluate":
        return evaluate(arguments.plot, arguments.seed)
    return serve(arguments.path, arguments.host, arguments.port)


if __name__ == "__main__":
    sys.exit(main())
