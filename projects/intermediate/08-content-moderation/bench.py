"""How many posts a second does your service moderate, and how long does a post wait?

The same trained model scores the same 2,000 posts three ways, in one run:

- your service with micro-batches (max_batch=32): a producer submits as fast as it is
  let, and backs off for a millisecond whenever the queue (64 posts) refuses it;
- your service with max_batch=1: one post per call of the model, as a naive service
  would do it;
- the model called once on all 2,000 posts: scikit-learn's and PyTorch's own
  throughput, the ceiling no service reaches.

It prints posts a second, the latency percentiles (from acceptance to decision) and
ratios, from one run: never a pass or a fail.

    python bench.py    (with your copy's folder, or the reference's, on PYTHONPATH)
"""

import asyncio
import tempfile
import time
from pathlib import Path

import numpy as np

from moderation.data import make_posts
from moderation.model import ModerationModel
from moderation.policy import Costs, cost_policy
from moderation.service import ModerationService, Overloaded
from moderation.store import DecisionStore

SEED = 7
POSTS = 2_000
MAX_QUEUE = 64
BACK_OFF = 0.001  # seconds


async def load(service: ModerationService, posts) -> None:
    await service.start()
    futures = []
    for post in posts:
        while True:
            try:
                futures.append(service.submit(post))
                break
            except Overloaded:
                await asyncio.sleep(BACK_OFF)
    await asyncio.gather(*futures)
    await service.stop()


def run(model, posts, max_batch: int, folder: Path) -> tuple[float, np.ndarray, int]:
    store = DecisionStore(folder / f"batch-{max_batch}.sqlite")
    service = ModerationService(
        model, cost_policy(Costs()), store, max_queue=MAX_QUEUE, max_batch=max_batch
    )
    start = time.perf_counter()
    asyncio.run(load(service, posts))
    seconds = time.perf_counter() - start
    store.close()
    return seconds, np.array(service.latencies) * 1_000, len(service.batches)


def main() -> None:
    train = make_posts(1_200, seed=SEED, obfuscation=0.2)
    calibration = make_posts(600, seed=SEED + 1, obfuscation=0.6, prefix="c")
    posts = make_posts(POSTS, seed=SEED + 2, obfuscation=0.6, prefix="s").posts
    model = ModerationModel.fit(train, calibration, seed=SEED)
    start = time.perf_counter()
    model(posts)
    ceiling = time.perf_counter() - start
    print(
        f"{POSTS:,} posts; the model on all of them at once: {POSTS / ceiling:,.0f} posts a second"
    )
    rates = {}
    with tempfile.TemporaryDirectory() as folder:
        for max_batch in (32, 1):
            seconds, latency, batches = run(model, posts, max_batch, Path(folder))
            rates[max_batch] = POSTS / seconds
            p50, p95, p99 = np.percentile(latency, [50, 95, 99])
            print(
                f"your service, max_batch={max_batch:>2}: {rates[max_batch]:8,.0f} posts a second "
                f"in {batches:,} batches; latency p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
                f"p99 {p99:.1f} ms"
            )
    print(f"micro-batches: {rates[32] / rates[1]:.1f}x the posts a second of one post at a time")
    print(f"yours, micro-batched: {rates[32] * ceiling / POSTS:.2f}x the model's own throughput")


if __name__ == "__main__":
    main()
