"""The reference's runs that the brief shows: one impression served, and the command line.

- `example`: one impression of the simulated stream, the features the store served it
  with, and the model's score before it learnt the click;
- `system`: what `python -m streamrec` prints.

    python baselines.py    (with the reference solution's folder on PYTHONPATH)

`nox -s sync` runs it and writes each block into the brief (README.md). Every figure is
the same on every run: the simulator is seeded.
"""

import contextlib
import io

from streamrec.__main__ import main as command_line
from streamrec.features import FEATURE_NAMES, OnlineFeatureStore, serve_features
from streamrec.pipeline import default_model, prequential
from streamrec.simulator import simulate_clicks

SEED = 11  # the tests' seed, and the command line's default
SHOWN_ROW = 30_003  # an impression late in the stream, after the drift


def example() -> str:
    log = simulate_clicks(seed=SEED).log
    scores = prequential(log, default_model(), OnlineFeatureStore())
    served = serve_features(log, OnlineFeatureStore()).iloc[SHOWN_ROW]
    event = log.iloc[SHOWN_ROW]
    fields = ("timestamp", "user", "item", "position", "hour")
    shown = ", ".join(f'"{field}": {int(event[field])}' for field in fields)
    features = [
        f"{name} {served[name]:.3f}" if name.endswith("ctr") else f"{name} {int(served[name])}"
        for name in FEATURE_NAMES
    ]
    return "\n".join(
        [
            "```text",
            f"event:    {{{shown}}}",
            f"features: {', '.join(features[:3])}",
            f"          {', '.join(features[3:])}   (the last hour, before the event)",
            f"model:    P(click) = {scores[SHOWN_ROW]:.3f}, scored before the click is known;"
            f" then learn(clicked = {int(event['clicked'])})",
            "```",
        ]
    )


def system() -> str:
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        command_line([])
    return f"```text\n$ python -m streamrec\n{output.getvalue()}```"


def main() -> None:
    print("<!-- block: example -->")
    print(example())
    print("<!-- block: system -->")
    print(system())


if __name__ == "__main__":
    main()
