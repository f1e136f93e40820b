"""Task 3: hashed features and the online logistic regression, held to river."""

import math
import zlib

import pytest

from streamrec.learner import OnlineLogisticRegression, hash_features

RAW = {"item": 5, "user_item": "3:5", "item_ctr": 0.25, "drift": -2.0, "position": 3}


def by_hand(raw, n_buckets, salt):
    vector = {}
    for name, value in raw.items():
        token, weight = (name, value) if isinstance(value, float) else (f"{name}={value}", 1.0)
        bucket = zlib.crc32(f"{salt}|{token}".encode()) % n_buckets
        vector[bucket] = vector.get(bucket, 0.0) + weight
    return vector


@pytest.mark.task(3)
@pytest.mark.parametrize(("n_buckets", "salt"), [(97, "abc"), (2**20, "other"), (7, "x")])
def test_hashed_features_by_hand(n_buckets, salt):
    got = hash_features(RAW, n_buckets=n_buckets, salt=salt)
    want = by_hand(RAW, n_buckets, salt)
    assert got == pytest.approx(want), (
        f"Task 3: hash_features({RAW!r}, n_buckets={n_buckets}, salt={salt!r}) should be "
        f"{want!r}, got {got!r}. The bucket is zlib.crc32(f'{{salt}}|{{token}}'.encode()) "
        "% n_buckets; a str or int is the token 'name=value' with 1.0, a float the token "
        "'name' with its value."
    )


@pytest.mark.task(3)
def test_hashed_features_defaults_and_collisions():
    assert hash_features(RAW) == pytest.approx(by_hand(RAW, 2**18, "streamrec")), (
        "Task 3: by default n_buckets is 2**18 and the salt 'streamrec'"
    )
    got = hash_features(RAW, n_buckets=1, salt="s")
    assert got == pytest.approx({0: 1.0 + 1.0 + 0.25 - 2.0 + 1.0}), (
        f"Task 3: with one bucket every token lands in bucket 0, their values added, got {got!r}"
    )
    assert hash_features({"n": 3}, 2**18, "s") != hash_features({"n": 3.0}, 2**18, "s"), (
        "Task 3: the int 3 is a category (token 'n=3', value 1.0), the float 3.0 a number"
    )


@pytest.mark.task(3)
@pytest.mark.parametrize(
    ("raw", "error"),
    [
        ({"item": 1, "item_ctr": math.nan}, ValueError),
        ({"item_ctr": math.inf}, ValueError),
        ({"item_ctr": -math.inf, "item": 2}, ValueError),
        ({"item": 1, "item_ctr": [0.5]}, TypeError),
        ({"item_ctr": None}, TypeError),
    ],
)
def test_a_bad_feature_is_refused_by_name(raw, error):
    with pytest.raises(error, match="item_ctr"):
        hash_features(raw, n_buckets=64)


@pytest.mark.task(3)
def test_one_gradient_step_by_hand():
    model = OnlineLogisticRegression(lr=0.1, l2=0.5, intercept_lr=0.3)
    x = {1: 2.0, 5: 1.0}
    assert model.predict_proba(x) == 0.5
    model.learn(x, 1)  # the error is 0.5 - 1 = -0.5
    assert model.weights == pytest.approx({1: 0.1, 5: 0.05}) and model.intercept == pytest.approx(
        0.15
    ), (
        "Task 3: after one click from zero weights, weight j should be lr * 0.5 * x[j] "
        f"and the intercept intercept_lr * 0.5, got {model.weights!r}, {model.intercept!r}"
    )
    model.learn({1: 1.0}, 0)
    error = 1 / (1 + math.exp(-(0.15 + 0.1))) - 0
    want = 0.1 - 0.1 * (error * 1.0 + 0.5 * 0.1)
    assert model.weights[1] == pytest.approx(want) and model.weights[5] == pytest.approx(0.05), (
        f"Task 3: the second step should move weight 1 to {want:.6f} (the L2 term only on the "
        f"features present: weight 5 stays 0.05), got {model.weights!r}"
    )
    assert model.intercept == pytest.approx(0.15 - 0.3 * error)


@pytest.mark.task(3)
def test_the_intercept_step_defaults_to_lr():
    model = OnlineLogisticRegression(lr=0.2)
    model.learn({3: 1.0}, 1)
    assert model.intercept == pytest.approx(0.1) and model.weights == pytest.approx({3: 0.1}), (
        "Task 3: without intercept_lr the intercept moves by lr, and without l2 there is no "
        f"penalty: expected intercept 0.1 and weight 0.1, got {model.intercept!r}, "
        f"{model.weights!r}"
    )
    model = OnlineLogisticRegression()
    model.learn({3: 1.0}, 0)
    assert model.intercept == pytest.approx(-0.025), "Task 3: the default lr is 0.05"


def replay_against_river(log, river_model, params, n_buckets=2**12, salt="r"):
    mine = OnlineLogisticRegression(**params)
    oracle = river_model(
        params["lr"], params.get("l2", 0.0), params.get("intercept_lr") or params["lr"]
    )
    gap = 0.0
    rows = log[["user", "item", "hour", "position", "clicked"]].to_numpy().tolist()
    for user, item, hour, position, clicked in rows:
        raw = {
            "item": item,
            "position": position,
            "user_item": f"{user}:{item}",
            "hour": hour,
            "seen": 1.0 / math.log2(position + 1.0),
            "daylight": math.cos(2 * math.pi * hour / 24),
        }
        x = hash_features(raw, n_buckets=n_buckets, salt=salt)
        gap = max(gap, abs(mine.predict_proba(x) - oracle.predict_proba(x)))
        mine.learn(x, clicked)
        oracle.learn(x, clicked)
    return gap


@pytest.mark.task(3)
@pytest.mark.parametrize(
    "params",
    [{"lr": 0.05}, {"lr": 0.2, "l2": 0.05}, {"lr": 0.08, "l2": 0.01, "intercept_lr": 0.02}],
)
def test_the_model_follows_river_event_by_event(small_stream, river_model, params):
    gap = replay_against_river(small_stream.log.iloc[:3000], river_model, params)
    assert gap < 1e-9, (
        f"Task 3: with {params}, your predictions should equal river's "
        f"LogisticRegression(optim.SGD(lr), l2=l2, intercept_lr=...) at every event; the "
        f"largest gap was {gap:.3g}"
    )


@pytest.mark.task(3)
def test_the_model_follows_river_on_the_whole_stream(stream, river_model, metric):
    params = {"lr": 0.08, "l2": 0.01, "intercept_lr": 0.02}
    metric("river_gap", replay_against_river(stream.log.iloc[:20000], river_model, params))
