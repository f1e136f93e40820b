"""How many events a second go through your feature store and your model, beside river?

A real-time recommender has a budget per request: the store's read and write and the
model's score and update happen for every impression. river does the model's part in
pure Python too, so the ratio is a fair one.

    python bench.py    (with your copy's folder, or the reference's, on PYTHONPATH)

It prints rates and ratios from one run, never a pass or a fail.
"""

import time

from river import linear_model, optim

from streamrec.features import EVENT_FIELDS, OnlineFeatureStore
from streamrec.learner import OnlineLogisticRegression, hash_features
from streamrec.pipeline import raw_features
from streamrec.simulator import simulate_clicks

REPEATS = 3  # the best of three runs of each
LR, L2, INTERCEPT_LR = 0.08, 0.01, 0.02


def best_time(job) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    log = simulate_clicks(n_requests=2000, seed=3).log
    events = log[[*EVENT_FIELDS, "hour", "position"]].to_numpy().tolist()
    store = OnlineFeatureStore()
    vectors = []
    for timestamp, user, item, clicked, hour, position in events:
        served = store.read(user, item, timestamp)
        vectors.append(hash_features(raw_features(user, item, hour, position, served)))
        store.ingest({"timestamp": timestamp, "user": user, "item": item, "clicked": clicked})
    labels = [row[3] for row in events]

    def feature_store():
        fresh = OnlineFeatureStore()
        for timestamp, user, item, clicked, _, _ in events:
            fresh.read(user, item, timestamp)
            fresh.ingest({"timestamp": timestamp, "user": user, "item": item, "clicked": clicked})

    def yours():
        model = OnlineLogisticRegression(lr=LR, l2=L2, intercept_lr=INTERCEPT_LR)
        for x, y in zip(vectors, labels, strict=True):
            model.predict_proba(x)
            model.learn(x, y)

    def rivers():
        model = linear_model.LogisticRegression(optim.SGD(LR), l2=L2, intercept_lr=INTERCEPT_LR)
        for x, y in zip(vectors, labels, strict=True):
            model.predict_proba_one(x)
            model.learn_one(x, y)

    store_time, your_time, river_time = (
        best_time(feature_store),
        best_time(yours),
        best_time(rivers),
    )
    n = len(events)
    print(f"{n:,} impressions of a simulated stream, best of {REPEATS}")
    print(f"  your feature store (read + ingest): {n / store_time:12,.0f} events a second")
    print(f"  your model (score + learn):         {n / your_time:12,.0f} events a second")
    print(f"  river's model (score + learn):      {n / river_time:12,.0f} events a second")
    print(f"yours: {your_time / river_time:.2f}x river's time for the model")
    print(
        f"the whole path (store + your model): {n / (store_time + your_time):,.0f} events a second"
    )


if __name__ == "__main__":
    main()
