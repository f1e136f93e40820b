"""Task 4: the feature store feeds the model, evaluated prequentially."""

import numpy as np
import pytest

from streamrec.features import OnlineFeatureStore, serve_features
from streamrec.learner import hash_features
from streamrec.pipeline import default_model, prequential, raw_features

STORE = {"window": 900, "prior_ctr": 0.2, "prior_weight": 5.0}
RIVER = (0.1, 0.02, 0.03)
BUCKETS, SALT = 2**10, "t4"


def by_the_protocol(log, model, n_buckets=BUCKETS, salt=SALT) -> np.ndarray:
    """The oracle: the served features, then per second all predictions before any learning."""
    served = serve_features(log, OnlineFeatureStore(**STORE))
    scores = np.full(len(log), np.nan)
    positions = {index: position for position, index in enumerate(log.index)}
    ordered = log.assign(_row=[positions[i] for i in log.index]).sort_values(
        "timestamp", kind="stable"
    )
    for _, second in ordered.groupby("timestamp", sort=True):
        vectors = {}
        for index, event in second.iterrows():
            raw = raw_features(
                int(event["user"]),
                int(event["item"]),
                int(event["hour"]),
                int(event["position"]),
                served.loc[index],
            )
            vectors[index] = hash_features(raw, n_buckets=n_buckets, salt=salt)
            scores[int(event["_row"])] = model.predict_proba(vectors[index])
        for index, event in second.iterrows():
            model.learn(vectors[index], int(event["clicked"]))
    return scores


def assert_same_scores(got, want, what):
    assert isinstance(got, np.ndarray) and got.shape == want.shape, (
        f"Task 4: {what}: prequential should return an array of {want.shape[0]} scores, got "
        f"{type(got).__name__} of shape {getattr(got, 'shape', None)}"
    )
    bad = np.flatnonzero(~np.isclose(got, want, rtol=0, atol=1e-12))
    assert bad.size == 0, (
        f"Task 4: {what}: the score of row {bad[0]} should be {want[bad[0]]!r}, got "
        f"{got[bad[0]]!r} ({bad.size} rows differ). Serve every impression of a second (read, "
        "hash, predict) before learning from any of them."
    )


@pytest.mark.task(4)
def test_prequential_follows_the_protocol(small_stream, river_model):
    log = small_stream.log.iloc[:2500]
    store = OnlineFeatureStore(**STORE)
    got = prequential(log, river_model(*RIVER), store, n_buckets=BUCKETS, salt=SALT)
    assert_same_scores(got, by_the_protocol(log, river_model(*RIVER)), "river's model")
    assert store.clock == log["timestamp"].max(), (
        f"Task 4: every event should be ingested: the store's clock should end at "
        f"{log['timestamp'].max()}, got {store.clock}"
    )


@pytest.mark.task(4)
def test_prequential_with_the_defaults(small_stream, river_model):
    log = small_stream.log.iloc[:600]
    got = prequential(log, river_model(*RIVER), OnlineFeatureStore(**STORE))
    want = by_the_protocol(log, river_model(*RIVER), n_buckets=2**18, salt="streamrec")
    assert_same_scores(got, want, "the default n_buckets and salt")


@pytest.mark.task(4)
def test_prequential_of_a_shuffled_log(small_stream, river_model):
    log = small_stream.log.iloc[:1500].sample(frac=1.0, random_state=8)
    got = prequential(log, river_model(*RIVER), OnlineFeatureStore(**STORE), BUCKETS, SALT)
    assert_same_scores(
        got,
        by_the_protocol(log, river_model(*RIVER)),
        "a log out of time order (scores in row order)",
    )


@pytest.mark.task(4)
def test_a_score_never_depends_on_its_own_click_or_a_later_one(small_stream, river_model):
    log = small_stream.log.iloc[:2000]
    cut = int(log["timestamp"].iloc[1000])
    flipped = log.copy()
    later = flipped["timestamp"] >= cut
    flipped.loc[later, "clicked"] = 1 - flipped.loc[later, "clicked"]
    before = prequential(log, river_model(*RIVER), OnlineFeatureStore(**STORE), BUCKETS, SALT)
    after = prequential(flipped, river_model(*RIVER), OnlineFeatureStore(**STORE), BUCKETS, SALT)
    served = (log["timestamp"] <= cut).to_numpy()
    assert_same_scores(
        after[served], before[served], f"after flipping every click from t={cut} on (rows up to t)"
    )


@pytest.mark.task(4)
def test_the_online_model_beats_popularity(stream, auc, metric, figure):
    log = stream.log
    store = OnlineFeatureStore()
    scores = prequential(log, default_model(), store)
    clicked = log["clicked"].to_numpy()
    popularity = serve_features(log, OnlineFeatureStore())["item_ctr"].to_numpy()
    model_auc, popularity_auc = auc(clicked, scores), auc(clicked, popularity)
    log_loss = -np.mean(clicked * np.log(scores) + (1 - clicked) * np.log(1 - scores))
    figure("popularity_auc", popularity_auc)
    figure("prequential_log_loss", log_loss)
    metric("prequential_auc", model_auc)
    metric("auc_over_popularity", model_auc - popularity_auc)


@pytest.mark.task(4)
def test_the_command_line_runs_the_system(capsys):
    from streamrec.__main__ import OK, main

    assert main(["--requests", "300", "--window", "600", "--seed", "5"]) == OK
    out = capsys.readouterr().out
    assert "3,000 impressions" in out and "online model" in out and "popularity" in out, (
        f"Task 4: python -m streamrec should print the prequential figures, printed:\n{out}"
    )
    for argv in (["--requests", "0"], ["--window", "-5"], ["--seed", "x"]):
        with pytest.raises(SystemExit) as stopped:
            main(argv)
        error = capsys.readouterr().err
        assert stopped.value.code == 2 and argv[0] in error, (
            f"Task 4: python -m streamrec {' '.join(argv)} should stop with status 2 and a message "
            f"naming {argv[0]}, got status {stopped.value.code} and {error!r}"
        )
