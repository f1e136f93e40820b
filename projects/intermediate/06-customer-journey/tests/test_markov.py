"""Task 5: a Markov chain over pages, its chance to convert, and users held out by time."""

import numpy as np
import pandas as pd
import pytest
from oracles import absorption_by_iteration

START, CONVERSION, NULL = "(start)", "(conversion)", "(null)"
DAY = 86_400.0
CUTOFF = 40 * DAY  # the metric's split: users who arrived after day 40 are held out

PATHS = [("a", "b"), ("a",), ("b", "a", "b"), ("b",), ("a", "a")]
CONVERTED = [True, False, True, False, False]


@pytest.mark.task(5)
def test_transitions_are_counted_and_normalised():
    from journeys.markov import MarkovChain

    chain = MarkovChain().fit(PATHS, CONVERTED)
    table = chain.transitions
    assert list(table.index) == [START, "a", "b"], (
        f"Task 5: rows are START then the states sorted; got {list(table.index)}"
    )
    assert list(table.columns) == [START, "a", "b", CONVERSION, NULL], (
        f"Task 5: columns are the transient states then CONVERSION and NULL; got "
        f"{list(table.columns)}"
    )
    expected = pd.DataFrame(
        [[0, 3 / 5, 2 / 5, 0, 0], [0, 1 / 5, 2 / 5, 0, 2 / 5], [0, 1 / 4, 0, 2 / 4, 1 / 4]],
        index=table.index,
        columns=table.columns,
    )
    assert np.allclose(table.to_numpy(float), expected.to_numpy(), atol=1e-15), (
        f"Task 5: the transition probabilities of the five paths.\nexpected\n{expected}\n"
        f"got\n{table}"
    )


@pytest.mark.task(5)
def test_paths_and_outcomes_of_different_lengths_are_refused():
    from journeys.markov import MarkovChain

    with pytest.raises(ValueError):
        MarkovChain().fit(PATHS, CONVERTED[:-1])


@pytest.mark.task(5)
def test_smoothing_is_added_to_every_count():
    from journeys.markov import MarkovChain

    table = MarkovChain(smoothing=0.5).fit(PATHS, CONVERTED).transitions
    expected_b = np.array([0.5, 1.5, 0.5, 2.5, 1.5]) / 6.5
    assert np.allclose(table.loc["b"].to_numpy(float), expected_b, atol=1e-15), (
        f"Task 5: with smoothing=0.5 the row of 'b' is (counts + 0.5) / their sum = "
        f"{expected_b.round(4).tolist()}; got {table.loc['b'].round(4).tolist()}"
    )


@pytest.mark.task(5)
def test_conversion_probabilities_of_an_absorbing_chain():
    from journeys.markov import MarkovChain

    chain = MarkovChain(smoothing=0.25).fit(PATHS, CONVERTED)
    probabilities = chain.conversion_probabilities()
    expected = absorption_by_iteration(chain.transitions, CONVERSION)
    assert list(probabilities.index) == [START, "a", "b"]
    assert np.allclose(probabilities.to_numpy(), expected.to_numpy(), atol=1e-12), (
        f"Task 5: the chance of ending in CONVERSION from each state is "
        f"{expected.round(6).to_dict()}; got {probabilities.round(6).to_dict()}"
    )


@pytest.mark.task(5)
def test_a_removed_state_sends_its_walks_to_null():
    from journeys.markov import MarkovChain

    chain = MarkovChain().fit(PATHS, CONVERTED)
    probabilities = chain.conversion_probabilities(removed=["b"])
    assert list(probabilities.index) == [START, "a"], (
        f"Task 5: a removed state is left out of the result; got {list(probabilities.index)}"
    )
    # from a: to a 1/5, to b (now NULL) 2/5, NULL 2/5: it never converts; so neither does START
    assert np.allclose(probabilities.to_numpy(), [0.0, 0.0], atol=1e-15), (
        f"Task 5: without 'b' no walk converts; got {probabilities.to_dict()}"
    )
    without_a = chain.conversion_probabilities(removed=["a", "nowhere"])
    # from b: a -> NULL 1/4, CONVERSION 2/4, NULL 1/4; START: b with 2/5
    assert np.allclose(without_a.to_numpy(), [2 / 5 * 1 / 2, 1 / 2], atol=1e-15), (
        f"Task 5: without 'a', START converts with 2/5 * 1/2 and b with 1/2; got "
        f"{without_a.to_dict()}"
    )


@pytest.mark.task(5)
def test_users_held_out_by_time():
    from journeys.markov import split_by_time

    journeys = pd.DataFrame(
        {
            "user": ["early", "early", "early", "on_time", "on_time", "late"],
            "start": [10.0, 99.0, 100.0, 100.0, 150.0, 101.0],
        }
    )
    train, test = split_by_time(journeys, cutoff=100.0)
    assert train.index.tolist() == [0, 1], (
        "Task 5: train holds the journeys that started before the cutoff of the users who "
        f"arrived before it: rows [0, 1]; got {train.index.tolist()}"
    )
    assert test.index.tolist() == [3, 4, 5], (
        "Task 5: test holds every journey of the users who arrived at or after the cutoff: "
        f"rows [3, 4, 5]; got {test.index.tolist()}"
    )


@pytest.mark.task(5)
def test_markov_scores_read_the_chain_at_the_last_page():
    from journeys.markov import MarkovChain, markov_scores

    train = pd.DataFrame({"pages": PATHS, "converted": CONVERTED})
    test = pd.DataFrame({"prefix": [("b", "a"), ("a", "b"), ("a", "a")]})
    scores = markov_scores(train, test, smoothing=2.0)
    chain = MarkovChain(smoothing=2.0).fit(PATHS, CONVERTED)
    probabilities = absorption_by_iteration(chain.transitions, CONVERSION)
    expected = probabilities[["a", "b", "a"]].to_numpy()
    assert np.allclose(scores, expected, atol=1e-12), (
        "Task 5: each journey's score is the chain's (fitted on train's pages, with the "
        f"smoothing given) chance to convert from its prefix's last page: {expected}; "
        f"got {scores}"
    )


@pytest.fixture(scope="module")
def held_out(shop_sessions):
    from journeys.markov import partial_journeys, split_by_time

    return split_by_time(partial_journeys(shop_sessions), CUTOFF)


@pytest.mark.task(5)
def test_markov_roc_auc_on_users_held_out_by_time(held_out, metric):
    from sklearn.metrics import roc_auc_score

    from journeys.markov import markov_scores

    train, test = held_out
    assert test["start"].min() >= CUTOFF > train["start"].max()
    metric("markov_auc", roc_auc_score(test["converted"], markov_scores(train, test)))
