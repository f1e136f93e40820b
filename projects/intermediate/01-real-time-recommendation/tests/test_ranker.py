"""Task 8: serve a slate from the model and the features, judged by its hit rate."""

import numpy as np
import pytest

from streamrec.features import EVENT_FIELDS, OnlineFeatureStore
from streamrec.learner import hash_features
from streamrec.pipeline import default_model, prequential, raw_features
from streamrec.ranker import hit_rates, popular, recommend, top_k

STORE = {"window": 900, "prior_ctr": 0.2, "prior_weight": 5.0}


class HashScore:
    """A stand-in model: a score that depends on every bucket and value, and never learns."""

    def predict_proba(self, x) -> float:
        return sum((key % 9973) * value for key, value in x.items()) % 1000 / 1000

    def learn(self, x, y) -> None:
        raise AssertionError("Task 8: a deployed model must not learn while it is judged")


class Constant(HashScore):
    def predict_proba(self, x) -> float:
        return 0.5


def fed_store(log) -> OnlineFeatureStore:
    store = OnlineFeatureStore(**STORE)
    for row in log[list(EVENT_FIELDS)].to_numpy().tolist():
        store.ingest(dict(zip(EVENT_FIELDS, row, strict=True)))
    return store


def by_hand(model, store, user, t, hour, candidates, k, n_buckets, salt):
    scores = []
    for item in candidates:
        raw = raw_features(user, item, hour, 1, store.read(user, item, t))
        scores.append(model.predict_proba(hash_features(raw, n_buckets=n_buckets, salt=salt)))
    return top_k(scores, candidates, k)


@pytest.mark.task(8)
@pytest.mark.parametrize(
    ("k", "n_buckets", "salt"), [(5, 2**9, "r8"), (12, 2**11, "other"), (10, 2**18, "streamrec")]
)
def test_recommend_scores_every_candidate_at_the_top(small_stream, k, n_buckets, salt):
    log = small_stream.log.iloc[:3000]
    store = fed_store(log)
    t = int(log["timestamp"].max()) + 30
    candidates = [3, 9, 1, 40, 22, 17, 58, 0, 31, 12, 44, 5, 27, 50, 8]
    for user in (2, 11, 37):
        want = by_hand(HashScore(), store, user, t, 14, candidates, k, n_buckets, salt)
        if (k, n_buckets, salt) == (10, 2**18, "streamrec"):
            got = recommend(HashScore(), store, user, t, 14, candidates)
        else:
            got = recommend(
                HashScore(), store, user, t, 14, candidates, k=k, n_buckets=n_buckets, salt=salt
            )
        assert got == want, (
            f"Task 8: recommend for user {user} at t={t} (hour 14, k={k}, n_buckets={n_buckets}, "
            f"salt={salt!r}) should be {want}, got {got}. Score each candidate's raw_features "
            "at position 1, with the store read at t, and keep the top k, best first."
        )


@pytest.mark.task(8)
def test_a_tie_goes_to_the_lower_item():
    store = OnlineFeatureStore()
    got = recommend(Constant(), store, 1, 0, 0, [9, 3, 7, 1], k=2)
    assert got == [1, 3], f"Task 8: equal scores rank by item id, expected [1, 3], got {got}"


def hit_rates_by_hand(log, model, store, candidates, k, n_buckets, salt):
    hits, clicks = np.zeros(2), 0
    ordered = log.sort_values("timestamp", kind="stable")
    for _, second in ordered.groupby("timestamp", sort=True):
        for _, event in second[second["clicked"] == 1].iterrows():
            user, t, item, hour = (int(event[c]) for c in ("user", "timestamp", "item", "hour"))
            clicks += 1
            hits[0] += item in by_hand(model, store, user, t, hour, candidates, k, n_buckets, salt)
            hits[1] += item in popular(store, user, t, candidates, k)
        for row in second[list(EVENT_FIELDS)].to_numpy().tolist():
            store.ingest(dict(zip(EVENT_FIELDS, row, strict=True)))
    return hits[0] / clicks, hits[1] / clicks


@pytest.mark.task(8)
def test_hit_rates_follow_their_protocol(small_stream):
    log = small_stream.log
    past, judged = log.iloc[:4000], log.iloc[4000:4600].sample(frac=1.0, random_state=2)
    candidates = list(range(0, 60, 2))
    want = hit_rates_by_hand(judged, HashScore(), fed_store(past), candidates, 4, 2**10, "h")
    store = fed_store(past)
    got = hit_rates(judged, HashScore(), store, candidates, k=4, n_buckets=2**10, salt="h")
    assert got == pytest.approx(want, abs=1e-12), (
        f"Task 8: hit_rates with k=4 over 30 candidates should be {want} (model, popularity), "
        f"got {got}. One second at a time: rank for each click, then ingest the second."
    )
    assert store.clock == judged["timestamp"].max(), "Task 8: the store ingests every event"
    default = hit_rates(judged, HashScore(), fed_store(past), candidates)
    want = hit_rates_by_hand(
        judged, HashScore(), fed_store(past), candidates, 10, 2**18, "streamrec"
    )
    assert default == pytest.approx(want, abs=1e-12), (
        f"Task 8: by default k is 10, n_buckets 2**18 and the salt 'streamrec': expected "
        f"{want}, got {default}"
    )


@pytest.mark.task(8)
def test_a_log_without_clicks_is_refused(small_stream):
    quiet = small_stream.log.iloc[:200].assign(clicked=0)
    with pytest.raises(ValueError, match="click"):
        hit_rates(quiet, HashScore(), OnlineFeatureStore(), range(60))


@pytest.mark.task(8)
def test_the_model_ranks_better_than_popularity(stream, metric):
    log = stream.log
    model, store = default_model(), OnlineFeatureStore()
    prequential(log.iloc[:30000], model, store)
    ranked, popularity = hit_rates(log.iloc[30000:34000], model, store, range(100))
    metric("hit_rate_at_10", ranked)
    metric("hit_rate_over_popularity", ranked - popularity)
