"""Run the whole system on generated posts: `python -m moderation simulate --seed 7`.

It trains the text model, the CNN and the fusion on one set of posts, calibrates
them and sets the policy on a second, then sends a third through the service as a
stream, with a producer that backs off when the queue is full, and prints what was
decided, what it cost, and what waits for the moderators.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

from moderation.data import Post, make_posts
from moderation.model import ModerationModel
from moderation.policy import Costs, at_precision, cost_policy, policy_report
from moderation.service import ModerationService, Overloaded
from moderation.store import DecisionStore

OK, BAD_INPUT = 0, 2
TRAIN_POSTS, CALIBRATION_POSTS = 1200, 600
TRAIN_OBFUSCATION, STREAM_OBFUSCATION = 0.2, 0.6
TARGET_PRECISION = 0.95
BACK_OFF = 0.001  # seconds a refused producer waits before it tries again


async def stream(service: ModerationService, posts: list[Post]) -> int:
    """Submit every post, backing off when refused; return how many refusals there were."""
    refusals, futures = 0, []
    await service.start()
    for post in posts:
        while True:
            try:
                futures.append(service.submit(post))
                break
            except Overloaded:
                refusals += 1
                await asyncio.sleep(BACK_OFF)
    await asyncio.gather(*futures)
    await service.stop()
    return refusals


def simulate(seed: int, n_posts: int, store_path: Path, max_queue: int, max_batch: int) -> None:
    train = make_posts(TRAIN_POSTS, seed=seed, obfuscation=TRAIN_OBFUSCATION)
    calibration = make_posts(CALIBRATION_POSTS, seed + 1, STREAM_OBFUSCATION, prefix="c")
    posts = make_posts(n_posts, seed + 2, STREAM_OBFUSCATION, prefix="s")
    model = ModerationModel.fit(train, calibration, seed=seed)
    costs = Costs()
    policy = at_precision(
        cost_policy(costs), calibration.label, model(calibration.posts), TARGET_PRECISION
    )
    store = DecisionStore(store_path)
    service = ModerationService(model, policy, store, max_queue=max_queue, max_batch=max_batch)
    refusals = asyncio.run(stream(service, posts.posts))
    actions = [decision["action"] for decision in store.decisions()]
    report = policy_report(posts.label, actions, costs)
    print(f"policy: approve below {policy.approve_below:.3f}, remove from {policy.remove_from:.3f}")
    print(
        f"posts: {len(posts)} decided in {len(service.batches)} batches "
        f"(largest {max(service.batches)}), {refusals} refusals while the queue was full"
    )
    counts = {action: actions.count(action) for action in ("approve", "review", "remove")}
    print(f"actions: {counts}")
    print(
        f"removal precision {report['removal_precision']:.3f}, review share "
        f"{report['review_share']:.3f}, unsafe approved {report['missed']:.3f}, cost per post "
        f"{report['cost_per_post']:.3f}"
    )
    first = store.review_queue(limit=1)
    if first:
        print(f"first in the review queue: {first[0]['post_id']} {first[0]['text']!r}")
    store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m moderation", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("simulate", help="train, then moderate a stream of posts")
    run.add_argument("--seed", type=int, default=7)
    run.add_argument("--posts", type=int, default=1000)
    run.add_argument("--max-queue", type=int, default=64)
    run.add_argument("--max-batch", type=int, default=32)
    run.add_argument("--store", type=Path, help="the SQLite file (default: a temporary one)")
    args = parser.parse_args(argv)
    if args.posts < 1 or args.max_queue < 1 or args.max_batch < 1:
        print("--posts, --max-queue and --max-batch must be at least 1", file=sys.stderr)
        return BAD_INPUT
    with tempfile.TemporaryDirectory() as folder:
        path = args.store or Path(folder) / "decisions.sqlite"
        simulate(args.seed, args.posts, path, args.max_queue, args.max_batch)
    return OK


if __name__ == "__main__":
    sys.exit(main())
