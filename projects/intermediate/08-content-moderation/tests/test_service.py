"""Task 6: the asynchronous service, with stand-in scorers, then with the real model.

No test measures time. The worker's batches are checked by their sizes and order; a
wait is bounded (BOUND seconds) only so that a worker that never answers fails the
test with a message instead of hanging it.
"""

import asyncio
import math
import threading

import numpy as np
import pytest

BOUND = 10.0  # seconds: far more than any batch here needs
POLICY = (0.25, 0.75)  # approve below, remove from
SETTLE = 0.05  # seconds a test lets the worker take what is waiting


def posts(n, prefix="q"):
    from moderation.data import Post

    image = np.zeros((16, 16), dtype=np.float32)
    return [Post(f"{prefix}{i}", f"text {i}", image if i % 3 == 0 else None) for i in range(n)]


def score_by_number(batch):
    """A stand-in model: post q7 scores 0.07 * 10 = 0.7 ... cycling in [0, 1)."""
    return np.array([(int(post.id[1:]) * 0.13) % 1.0 for post in batch])


class Recorder:
    """A scorer that remembers the batches it saw and the thread it ran on."""

    def __init__(self, scorer=score_by_number):
        self.scorer, self.batches, self.threads = scorer, [], set()

    def __call__(self, batch):
        self.batches.append([post.id for post in batch])
        self.threads.add(threading.get_ident())
        return self.scorer(batch)


def service(tmp_path, scorer, **settings):
    from moderation.policy import Policy
    from moderation.service import ModerationService
    from moderation.store import DecisionStore

    store = DecisionStore(tmp_path / "decisions.sqlite")
    return ModerationService(scorer, Policy(*POLICY), store, **settings)


def drive(moderation, scenario):
    """Run `scenario()` in a new event loop; whatever happens, stop the worker after it."""

    async def guarded():
        try:
            return await scenario()
        finally:
            if moderation.worker is not None:
                moderation.worker.cancel()
                await asyncio.gather(moderation.worker, return_exceptions=True)

    return asyncio.run(guarded())


async def bounded(moderation, awaitable, what):
    """Await `awaitable` for at most BOUND seconds. If the service's worker dies first (an
    exception in it would otherwise show only as a wait that never ends), fail at once
    with its exception. A worker cancelled by stop() is not a failure."""
    waiting, worker = asyncio.ensure_future(awaitable), moderation.worker
    deadline = asyncio.get_running_loop().time() + BOUND
    if worker is not None:
        await asyncio.wait({waiting, worker}, timeout=BOUND, return_when=asyncio.FIRST_COMPLETED)
        if worker.done() and not worker.cancelled() and not waiting.done():
            waiting.cancel()
            error = worker.exception()
            ended = f"raised {error!r}" if error else "returned: run() should loop for ever"
            pytest.fail(f"Task 6: the worker {ended}, before {what}")
    try:
        return await asyncio.wait_for(waiting, deadline - asyncio.get_running_loop().time())
    except TimeoutError:
        pytest.fail(f"Task 6: {what} did not happen within {BOUND} s: is the worker stuck?")


@pytest.mark.task(6)
def test_waiting_posts_go_in_full_batches_in_order(tmp_path):
    from moderation.policy import Policy, decide

    scorer = Recorder()
    moderation = service(tmp_path, scorer, max_queue=16, max_batch=4, max_wait=0.0)
    batch_of_posts = posts(10)

    async def scenario():
        futures = [moderation.submit(post) for post in batch_of_posts]
        await moderation.start()
        decided = await bounded(moderation, asyncio.gather(*futures), "deciding 10 posts")
        await bounded(moderation, moderation.stop(), "stopping")
        return decided

    decided = drive(moderation, scenario)
    ids = [post.id for post in batch_of_posts]
    assert scorer.batches == [ids[:4], ids[4:8], ids[8:]] and moderation.batches == [4, 4, 2], (
        f"Task 6: 10 posts waiting, max_batch=4: the scorer should see batches of 4, 4 and 2 in "
        f"the queue's order; it saw {scorer.batches} (batches {moderation.batches})"
    )
    expected_actions = decide(Policy(*POLICY), score_by_number(batch_of_posts))
    recorded = moderation.store.decisions()
    got = [(d["post_id"], d["action"], d["batch"]) for d in recorded]
    want = [(i, a, n // 4) for n, (i, a) in enumerate(zip(ids, expected_actions, strict=True))]
    assert got == want, f"Task 6: recorded (post, action, batch) should be {want}, got {got}"
    assert [d.post_id for d in decided] == ids and all(
        math.isclose(d.score, s)
        for d, s in zip(decided, score_by_number(batch_of_posts), strict=True)
    ), "Task 6: each post's future gets its own Decision"
    assert decided[3].has_image and not decided[4].has_image and decided[4].text == "text 4"
    assert len(moderation.latencies) == 10 and min(moderation.latencies) >= 0, (
        f"Task 6: one latency per post, none negative: {moderation.latencies}"
    )
    moderation.store.close()


@pytest.mark.task(6)
@pytest.mark.parametrize("max_wait", [60.0, 0.9], ids=["60 s", "0.9 s"])
def test_the_worker_waits_for_a_batch_to_fill(tmp_path, max_wait):
    scorer = Recorder()
    moderation = service(tmp_path, scorer, max_batch=4, max_wait=max_wait)

    async def scenario():
        await moderation.start()
        first = [moderation.submit(post) for post in posts(2)]
        # The worker takes both and waits for more: far less than max_wait, but longer
        # than a worker that ignored max_wait (its default is 5 ms) would wait. A wait of
        # 0.9 s counts too: max_wait is in seconds, fractions included.
        await asyncio.sleep(SETTLE)
        second = [moderation.submit(post) for post in posts(2, prefix="r")]
        await bounded(moderation, asyncio.gather(*first, *second), "a batch of 4 with max_batch=4")
        await bounded(moderation, moderation.stop(), "stopping")

    drive(moderation, scenario)
    assert moderation.batches == [4], (
        f"Task 6: with max_wait={max_wait} s, posts that come while the worker waits join its "
        f"batch: one batch of 4 expected, got {moderation.batches}"
    )
    moderation.store.close()


@pytest.mark.task(6)
def test_a_lone_post_is_decided_after_max_wait(tmp_path):
    moderation = service(tmp_path, Recorder(), max_batch=8, max_wait=0.02)

    async def scenario():
        await moderation.start()
        lone = moderation.moderate(posts(1)[0])
        decision = await bounded(moderation, lone, "deciding a lone post")
        await bounded(moderation, moderation.stop(), "stopping")
        return decision

    decision = drive(moderation, scenario)
    assert decision.post_id == "q0" and moderation.batches == [1], (
        f"Task 6: a lone post is scored once max_wait has passed: batches {moderation.batches}"
    )
    moderation.store.close()


@pytest.mark.task(6)
def test_a_full_queue_refuses_and_loses_nothing(tmp_path):
    from moderation.service import Overloaded

    moderation = service(tmp_path, Recorder(), max_queue=3, max_batch=2, max_wait=0.0)
    waiting = posts(5)

    async def scenario():
        futures = [moderation.submit(post) for post in waiting[:3]]
        with pytest.raises(Overloaded) as refusal:
            moderation.submit(waiting[3])
        message = str(refusal.value)
        assert "full" in message and "3" in message, (
            f"Task 6: the refusal should say the queue is full and its size (3), got {message!r}"
        )
        await moderation.start()
        await bounded(moderation, asyncio.gather(*futures), "deciding the 3 accepted posts")
        try:
            late = await bounded(moderation, moderation.moderate(waiting[3]), "deciding it")
        except ValueError as error:
            pytest.fail(
                f"Task 6: q3 was refused with Overloaded, so it was never accepted: submitting it "
                f"again later must work, but it raised {error!r}"
            )
        await bounded(moderation, moderation.stop(), "stopping")
        return late

    late = drive(moderation, scenario)
    ids = [d["post_id"] for d in moderation.store.decisions()]
    assert ids == ["q0", "q1", "q2", "q3"] and late.post_id == "q3", (
        "Task 6: the 3 accepted posts are all decided and recorded once; the refused one was "
        f"not accepted, so it can be submitted again later; recorded {ids}"
    )
    moderation.store.close()


@pytest.mark.task(6)
def test_bad_posts_are_refused_before_the_queue(tmp_path):
    from moderation.data import Post

    moderation = service(tmp_path, Recorder(), max_queue=4)

    async def scenario():
        moderation.submit(posts(1)[0])
        with pytest.raises(ValueError, match="blank-7"):
            moderation.submit(Post("blank-7", "", None))
        with pytest.raises(ValueError, match=r"\bq0\b"):
            moderation.submit(posts(1)[0])
        assert moderation.queue.qsize() == 1, "Task 6: a refused post does not enter the queue"
        only_image = Post("pic", "", np.zeros((16, 16), dtype=np.float32))
        moderation.submit(only_image)
        assert moderation.queue.qsize() == 2, "Task 6: a post with an image and no text is fine"

    drive(moderation, scenario)
    moderation.store.close()


@pytest.mark.task(6)
@pytest.mark.parametrize(
    ("broken", "what"),
    [
        (lambda batch: 1 / 0, "raises"),
        (lambda batch: np.full(len(batch) + 1, 0.5), "gives one score too many"),
        (lambda batch: np.full(len(batch), np.nan), "gives NaN"),
        (lambda batch: np.full((len(batch), 1), 0.5), "gives a column, not a vector"),
    ],
)
def test_a_failing_model_sends_its_batch_to_review(tmp_path, broken, what):
    from moderation.policy import REVIEW

    def scorer(batch):
        return broken(batch) if any(post.id == "q5" for post in batch) else score_by_number(batch)

    moderation = service(tmp_path, Recorder(scorer), max_batch=3, max_wait=0.0)

    async def scenario():
        futures = [moderation.submit(post) for post in posts(9)]
        await moderation.start()
        decided = await bounded(moderation, asyncio.gather(*futures), "deciding 9 posts")
        await bounded(moderation, moderation.stop(), "stopping")
        return decided

    decided = drive(moderation, scenario)
    failed = [(d.post_id, d.action, d.score) for d in decided[3:6]]
    assert failed == [("q3", REVIEW, None), ("q4", REVIEW, None), ("q5", REVIEW, None)], (
        f"Task 6: when the scorer {what}, its batch goes to review with score None; got {failed}"
    )
    assert moderation.failures == 1 and decided[6].score is not None, (
        f"Task 6: one failure counted ({moderation.failures}), and the next batch scored again"
    )
    assert len(moderation.store.decisions()) == 9, "Task 6: all 9 decisions recorded"
    moderation.store.close()


@pytest.mark.task(6)
def test_the_model_runs_in_a_thread_while_posts_keep_coming(tmp_path):
    release = threading.Event()

    def slow(batch):
        if not release.wait(BOUND):
            raise TimeoutError("the test never released the scorer")
        return score_by_number(batch)

    scorer = Recorder(slow)
    moderation = service(tmp_path, scorer, max_queue=8, max_batch=2, max_wait=0.0)

    async def scenario():
        await moderation.start()
        first = moderation.submit(posts(1)[0])

        async def scoring():
            while not scorer.batches:  # the worker took the post and is scoring it
                await asyncio.sleep(0.001)

        await bounded(moderation, scoring(), "the scorer starting")
        more = [moderation.submit(post) for post in posts(5, prefix="r")]
        release.set()
        await bounded(moderation, asyncio.gather(first, *more), "deciding all 6 posts")
        await bounded(moderation, moderation.stop(), "stopping")

    drive(moderation, scenario)
    assert threading.get_ident() not in scorer.threads, (
        "Task 6: the scorer should run in a thread (asyncio.to_thread), not on the event loop"
    )
    assert moderation.batches == [1, 2, 2, 1], (
        "Task 6: while the first post was scored, 5 came in and waited: batches [1, 2, 2, 1] "
        f"with max_batch=2; got {moderation.batches}"
    )
    moderation.store.close()


@pytest.mark.task(6)
def test_the_service_with_the_real_model(tmp_path, fitted, test_posts):
    from moderation.policy import Policy, decide

    chosen = test_posts.posts[:120]
    moderation = service(tmp_path, fitted, max_queue=32, max_batch=16, max_wait=0.001)

    async def scenario():
        await moderation.start()
        decisions = []
        for post in chosen:  # a producer that slows down when refused
            while True:
                try:
                    decisions.append(moderation.submit(post))
                    break
                except Exception as error:
                    if type(error).__name__ != "Overloaded":
                        raise
                    await asyncio.sleep(0.001)
        done = await bounded(moderation, asyncio.gather(*decisions), "deciding 120 real posts")
        await bounded(moderation, moderation.stop(), "stopping")
        return done

    done = drive(moderation, scenario)
    scores = fitted(chosen)
    np.testing.assert_allclose(
        [d.score for d in done], scores, atol=1e-6, err_msg="Task 6: the service's scores"
    )
    policy = Policy(*POLICY)
    clear = (np.abs(scores - policy.approve_below) > 1e-6) & (
        np.abs(scores - policy.remove_from) > 1e-6
    )
    actions = np.array([d.action for d in done])
    assert (actions[clear] == decide(policy, scores)[clear]).all(), "Task 6: the policy's actions"
    assert sum(moderation.batches) == 120 and max(moderation.batches) <= 16
    assert len(moderation.store.decisions()) == 120
    moderation.store.close()
