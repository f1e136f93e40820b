"""Task 7: rule-based attribution and exact Shapley values, scored against the truth."""

import numpy as np
import pandas as pd
import pytest
from oracles import shapley_by_permutations

DAY = 86_400.0
CHANNELS = ("search", "social", "email", "display", "direct")


def hand_paths():
    return pd.DataFrame(
        {
            "channels": [
                ("display", "email", "search"),
                ("social", "social"),
                ("email",),
                ("display", "search"),
                ("search", "direct", "email", "social"),
            ],
            "times": [
                (0.0, 7 * DAY, 14 * DAY),
                (0.0, 3 * DAY),
                (5.0,),
                (0.0, DAY),
                (0.0, 2 * DAY, 4 * DAY, 6 * DAY),
            ],
            "converted": [True, True, False, False, True],
            "conversion_time": [14 * DAY, 3 * DAY, np.nan, np.nan, 6 * DAY],
        }
    )


def series(values):
    return pd.Series(dict.fromkeys(CHANNELS, 0.0) | values, dtype=float)


def check(credits, expected, what):
    assert list(credits.index) == list(CHANNELS), (
        f"Task 7: credits are indexed by the five channels in order; got {list(credits.index)}"
    )
    assert np.allclose(credits.to_numpy(float), expected.to_numpy(), atol=1e-12), (
        f"Task 7: {what}.\nexpected {expected.round(4).to_dict()}\n"
        f"got      {credits.round(4).to_dict()}"
    )


@pytest.mark.task(7)
def test_last_and_first_touch():
    from journeys.attribution import rule_based

    paths = hand_paths()
    check(
        rule_based(paths, "last_touch"),
        series({"search": 1.0, "social": 2.0}),
        "last touch: each conversion to its path's last channel (only converted paths)",
    )
    check(
        rule_based(paths, "first_touch"),
        series({"display": 1.0, "social": 1.0, "search": 1.0}),
        "first touch: each conversion to its path's first channel",
    )


@pytest.mark.task(7)
def test_linear():
    from journeys.attribution import rule_based

    check(
        rule_based(hand_paths(), "linear"),
        series(
            {"display": 1 / 3, "email": 1 / 3 + 1 / 4, "search": 1 / 3 + 1 / 4}
            | {"social": 1.0 + 1 / 4, "direct": 1 / 4}
        ),
        "linear: each conversion shared equally among its touches (a channel touched "
        "twice gets two shares)",
    )


@pytest.mark.task(7)
@pytest.mark.parametrize("half_life", [7.0, 2.0])
def test_time_decay(half_life):
    from journeys.attribution import rule_based

    def shares(ages):
        weights = np.array([2.0 ** (-age / half_life) for age in ages])
        return weights / weights.sum()

    first, second, fifth = shares([14, 7, 0]), shares([3, 0]), shares([6, 4, 2, 0])
    expected = series(
        {"display": first[0], "email": first[1] + fifth[2], "search": first[2] + fifth[0]}
        | {"social": second.sum() + fifth[3], "direct": fifth[1]}
    )
    if half_life == 7.0:
        credits = rule_based(hand_paths(), "time_decay")
    else:
        credits = rule_based(hand_paths(), "time_decay", half_life_days=half_life)
    check(credits, expected, f"time decay with a half-life of {half_life} days")


@pytest.mark.task(7)
def test_an_unknown_rule_is_refused_by_name():
    from journeys.attribution import rule_based

    with pytest.raises(ValueError, match="u_shaped"):
        rule_based(hand_paths(), "u_shaped")


@pytest.mark.task(7)
def test_shapley_of_the_hand_paths():
    from journeys.attribution import shapley

    paths = pd.concat([hand_paths()] * 2 + [hand_paths().iloc[[2, 3]]], ignore_index=True)
    paths.loc[len(paths)] = [("email", "search", "display"), (0.0, 1.0, 2.0), False, np.nan]
    expected = shapley_by_permutations(paths, CHANNELS)
    credits = shapley(paths)
    check(credits, expected.reindex(list(CHANNELS)), "exact Shapley credits")
    assert credits.sum() == pytest.approx(paths["converted"].sum()), (
        "Task 7: Shapley credits add up to the number of conversions"
    )


@pytest.fixture(scope="module")
def shop_paths(shop_sessions):
    from journeys.attribution import user_paths
    from journeys.sessions import session_table

    return user_paths(session_table(shop_sessions))


@pytest.mark.task(7)
def test_shapley_of_the_shop_against_every_order(shop_paths):
    from journeys.attribution import shapley

    expected = shapley_by_permutations(shop_paths, CHANNELS).reindex(list(CHANNELS))
    check(shapley(shop_paths), expected, "exact Shapley credits of the simulated shop")


@pytest.mark.task(7)
def test_data_driven_credit_beats_the_last_touch(shop, shop_paths, metric, figure):
    from journeys.attribution import RULES, attribution_error, rule_based, shapley

    errors = {rule: attribution_error(shop.truth, rule_based(shop_paths, rule)) for rule in RULES}
    for rule, error in errors.items():
        figure(f"{rule}_error", error)
    shapley_error = attribution_error(shop.truth, shapley(shop_paths))
    figure("shapley_error", shapley_error)
    metric("shapley_gain_over_last_touch", errors["last_touch"] - shapley_error)
