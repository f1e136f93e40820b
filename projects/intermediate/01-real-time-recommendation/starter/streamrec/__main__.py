"""Run the whole system on a simulated click stream: ``python -m streamrec``.

The stream is served through your feature store, scored by your online model before it
learns from each impression, and the prequential figures are printed beside those of
popularity (the item's windowed click-through rate) alone.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
from scipy.stats import mannwhitneyu

from streamrec.features import OnlineFeatureStore, serve_features
from streamrec.pipeline import default_model, prequential
from streamrec.simulator import simulate_clicks

OK = 0


def roc_auc(clicked: np.ndarray, scores: np.ndarray) -> float:
    """The area under the ROC curve, from the Mann-Whitney U statistic."""
    positives, negatives = scores[clicked == 1], scores[clicked == 0]
    return float(mannwhitneyu(positives, negatives).statistic / (positives.size * negatives.size))


def positive(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m streamrec", description=__doc__)
    parser.add_argument("--requests", type=positive, default=4000, help="slates to simulate")
    parser.add_argument("--window", type=positive, default=3600, help="feature window, seconds")
    parser.add_argument("--seed", type=int, default=11, help="seed of the simulator")
    args = parser.parse_args(argv)

    stream = simulate_clicks(n_requests=args.requests, seed=args.seed)
    log = stream.log
    clicked = log["clicked"].to_numpy()
    scores = prequential(log, default_model(), OnlineFeatureStore(window=args.window))
    popularity = serve_features(log, OnlineFeatureStore(window=args.window))["item_ctr"]
    after = (log["timestamp"] >= stream.drift_time).to_numpy()
    print(f"{len(log):,} impressions of {args.requests:,} slates, CTR {clicked.mean():.3f}")
    print(f"{'prequential ROC-AUC':<24}{'all':>8}{'after drift':>14}")
    for name, score in (("online model", scores), ("popularity", popularity.to_numpy())):
        overall, late = roc_auc(clicked, score), roc_auc(clicked[after], score[after])
        print(f"{name:<24}{overall:>8.3f}{late:>14.3f}")
    return OK


if __name__ == "__main__":
    sys.exit(main())
