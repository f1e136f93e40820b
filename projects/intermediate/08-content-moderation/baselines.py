"""The reference's runs that the brief shows: one post through the system, and the policy's
trade-off.

- `example`: the first disguised unsafe post of the stream of `python -m moderation
  simulate --seed 7`, its normalised text, its scores and its action;
- `precision`: the same model and costs with the removal threshold set, on the
  calibration posts, for four target precisions: what each costs the reviewers.

    python baselines.py    (with the reference solution's folder on PYTHONPATH)

`nox -s sync` runs it and writes each block into the brief (README.md). Every figure
is the same on every run: the posts come from seeds, the models train on one thread.
"""

from moderation.__main__ import (
    CALIBRATION_POSTS,
    STREAM_OBFUSCATION,
    TARGET_PRECISION,
    TRAIN_OBFUSCATION,
    TRAIN_POSTS,
)
from moderation.data import make_posts
from moderation.model import ModerationModel
from moderation.policy import Costs, at_precision, cost_policy, decide, policy_report
from moderation.text import normalise

SEED = 7
STREAM_POSTS = 1000
TARGETS = (0.9, 0.95, 0.97, 0.99)


def setting():
    train = make_posts(TRAIN_POSTS, seed=SEED, obfuscation=TRAIN_OBFUSCATION)
    calibration = make_posts(CALIBRATION_POSTS, SEED + 1, STREAM_OBFUSCATION, prefix="c")
    stream = make_posts(STREAM_POSTS, SEED + 2, STREAM_OBFUSCATION, prefix="s")
    return ModerationModel.fit(train, calibration, seed=SEED), calibration, stream


def example(model, calibration, stream) -> str:
    policy = at_precision(
        cost_policy(Costs()), calibration.label, model(calibration.posts), TARGET_PRECISION
    )
    index = next(
        i
        for i, post in enumerate(stream.posts)
        if stream.label[i] and post.image is not None and normalise(post.text) != post.text
    )
    post = stream.posts[index]
    scores = model.score([post])
    action = decide(policy, scores.late)[0]
    cue = "with the cue" if stream.image_label[index] else "no cue"
    return "\n".join(
        [
            "```text",
            f'in:   Post(id="{post.id}", text="{post.text}", image=16 x 16 ({cue}))',
            f'      normalised: "{normalise(post.text)}"',
            f"out:  P(unsafe): text {scores.text[0]:.3f}, image {scores.image[0]:.3f}, "
            f"late fusion {scores.late[0]:.3f}, early fusion {scores.early[0]:.3f}",
            f"      -> {action} (approve below {policy.approve_below:.3f}, "
            f"remove from {policy.remove_from:.3f})",
            "```",
        ]
    )


def precision_table(model, calibration, stream) -> str:
    costs = Costs()
    calibration_scores, scores = model(calibration.posts), model(stream.posts)
    header = [
        "Target precision",
        "Remove from",
        "Removal precision",
        "Review share",
        "Unsafe approved",
        "Cost per post",
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for target in TARGETS:
        policy = at_precision(cost_policy(costs), calibration.label, calibration_scores, target)
        report = policy_report(stream.label, decide(policy, scores), costs)
        lines.append(
            f"| {target:.2f} | {policy.remove_from:.3f} | {report['removal_precision']:.3f} | "
            f"{report['review_share']:.3f} | {report['missed']:.3f} | "
            f"{report['cost_per_post']:.3f} |"
        )
    return "\n".join(lines)


def main() -> None:
    model, calibration, stream = setting()
    print("<!-- block: example -->")
    print(example(model, calibration, stream))
    print("<!-- block: precision -->")
    print(precision_table(model, calibration, stream))


if __name__ == "__main__":
    main()
