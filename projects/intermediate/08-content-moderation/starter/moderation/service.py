"""Task 6: the moderation service, fed by a queue, scoring posts in micro-batches.

Posts arrive one at a time; the model is much cheaper per post on a batch of them.
The service puts each accepted post in a bounded asyncio.Queue, and one worker takes
them out in micro-batches: as many as are waiting, up to `max_batch`, and if fewer,
it waits at most `max_wait` seconds after the first for more. A post therefore waits
at most `max_wait` plus one batch's scoring time: the latency budget.

When the queue is full, the service refuses the post at once (back-pressure) and
says so, so the caller can slow down or retry; it never drops a post it accepted.
Every decision is recorded in the store, in the order decided, with its batch.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

import numpy as np

from moderation.data import Post
from moderation.policy import REVIEW, Policy, decide
from moderation.store import Decision, DecisionStore

MAX_QUEUE = 256
MAX_BATCH = 32
MAX_WAIT = 0.005  # seconds the worker waits for a batch to fill after its first post

Scorer = Callable[[Sequence[Post]], np.ndarray]


class Overloaded(RuntimeError):
    """The queue is full: the post was not accepted; try again later."""


class ModerationService:
    """A queue of posts and the worker that scores, decides and records them.

    `scorer(posts)` returns one calibrated P(unsafe) per post; it runs in a thread
    (asyncio.to_thread), so the event loop keeps accepting posts while a batch is
    scored. `batches` holds the size of each micro-batch, in order; `failures` counts
    the batches the scorer failed on; `latencies` the seconds from each post's
    acceptance to its decision.
    """

    def __init__(
        self,
        scorer: Scorer,
        policy: Policy,
        store: DecisionStore,
        max_queue: int = MAX_QUEUE,
        max_batch: int = MAX_BATCH,
        max_wait: float = MAX_WAIT,
    ) -> None:
        self.scorer, self.policy, self.store = scorer, policy, store
        self.max_batch, self.max_wait = max_batch, max_wait
        self.queue: asyncio.Queue[tuple[Post, asyncio.Future, float]] = asyncio.Queue(max_queue)
        self.accepted: set[str] = set()
        self.batches: list[int] = []
        self.failures = 0
        self.latencies: list[float] = []
        self.worker: asyncio.Task | None = None

    async def start(self) -> None:
        """Start the worker (posts may be submitted before: they wait in the queue)."""
        self.worker = asyncio.create_task(self.run())

    async def stop(self) -> None:
        """Let the worker finish every accepted post, then stop it."""
        await self.queue.join()
        if self.worker is not None:
            self.worker.cancel()
            await asyncio.gather(self.worker, return_exceptions=True)
            self.worker = None

    async def run(self) -> None:
        """The worker: take a micro-batch, process it, forever."""
        while True:
            await self.process(await self.next_batch())

    async def moderate(self, post: Post) -> Decision:
        """Submit `post` and wait for its decision."""
        return await self.submit(post)

    def submit(self, post: Post) -> asyncio.Future[Decision]:
        """Accept `post` into the queue; return the future its decision will be set on.

        Refuse, accepting nothing: a post with neither text nor image, and a post
        whose id was accepted before, each with a ValueError naming the post's id; and
        a post that finds the queue full with Overloaded, whose message says that the
        queue is full and its size ("the queue is full (64 posts): try again later").
        With the post, the queue holds its future and the loop's time of acceptance.
        """
        raise NotImplementedError(
            "Task 6: check, put_nowait (QueueFull -> Overloaded), remember the id"
        )

    async def next_batch(self) -> list[tuple[Post, asyncio.Future, float]]:
        """The next micro-batch, in the queue's order: wait for a first item; then take
        every item already waiting, and wait for more until the batch holds max_batch
        items or max_wait seconds have passed since the first came."""
        raise NotImplementedError(
            "Task 6: await one, then get_nowait or wait_for until full or max_wait"
        )

    async def process(self, batch: list[tuple[Post, asyncio.Future, float]]) -> None:
        """Score, decide, record and answer one micro-batch; number it len(self.batches)
        and append its size to `batches`.

        The scorer runs in a thread. If it raises, or gives a number of scores other
        than the batch's size, or a score that is not finite, the batch is not lost:
        count a failure, and send every post of it to REVIEW with score None. The
        batch's decisions are recorded in one call of store.record, then each future
        gets its Decision, each post's latency is appended, and queue.task_done() is
        called once per post.
        """
        # 1. number this batch len(self.batches), then append its size;
        # 2. in try/except Exception: the scores from the scorer in a thread, refused
        #    unless one finite score per post; the actions by decide(self.policy, ...);
        #    on any failure: self.failures += 1, REVIEW and None for every post;
        # 3. one Decision per post, all recorded in one self.store.record call;
        # 4. per post: future.set_result (unless done), its latency, queue.task_done().
        raise NotImplementedError(
            "Task 6: to_thread the scorer (else REVIEW, None), decide, record, answer"
        )
