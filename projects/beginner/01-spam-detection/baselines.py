"""The brief's table of mistakes: what the reference filter gets most confidently wrong.

The Task 5 search is fitted on the training messages (seed 0, as in the suite), the
Task 6 threshold is chosen on their out-of-fold scores, and the Task 7 function lists the
held-out messages whose scores sit furthest on the wrong side of that threshold.

`nox -s sync` runs this script on the reference (PYTHONPATH=solution) and writes the
block it prints into README.md; `nox -s verify` runs it again and compares. Everything
is seeded, so the output is the same on every run.
"""

from spam_filter.data import HAM, LABEL_NAMES, SPAM, generate_sms, split_corpus
from spam_filter.evaluation import choose_threshold, most_confident_mistakes
from spam_filter.model import tune_pipeline

SEED = 0  # of the generator, the split and every model, as in the suite
MISTAKES_PER_SIDE = 4  # the worst real messages flagged, and the worst spam let through


def mistakes_table() -> str:
    """The held-out messages the tuned filter gets most confidently wrong, worst first."""
    train, held_out = split_corpus(generate_sms(seed=SEED), seed=SEED)
    search = tune_pipeline(train.texts, train.labels, seed=SEED)
    threshold = choose_threshold(search.best_estimator_, train.texts, train.labels, seed=SEED)
    scores = search.decision_function(held_out.texts)
    every_mistake = most_confident_mistakes(
        held_out.labels, scores, held_out.texts, threshold, n=len(held_out)
    )
    mistakes = [
        mistake
        for label in (HAM, SPAM)
        for mistake in [m for m in every_mistake if m.label == label][:MISTAKES_PER_SIDE]
    ]
    rows = [
        f"| {LABEL_NAMES[m.label]} | {m.score:+.2f} | {m.margin:.2f} | "
        f"{m.text.replace('|', '&#124;')} |"
        for m in mistakes
    ]
    return "\n".join(
        [
            f"At the threshold chosen for 98% precision ({threshold:+.2f}):",
            "",
            "| Labelled | Score | Margin | Message |",
            "|---|---|---|---|",
            *rows,
        ]
    )


def main() -> None:
    print("<!-- block: mistakes -->")
    print(mistakes_table())


if __name__ == "__main__":
    main()
