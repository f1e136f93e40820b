"""Task 6: a Thompson-sampling agent that learns demand by pricing, and its regret."""

import numpy as np
import pytest

from pricing.bandit import ThompsonPricer, expected_profits, run_pricing

PRICES = np.linspace(12.0, 30.0, 7)
COST, SCALE, ELASTICITY = 10.0, 4000.0, 2.0  # the best of PRICES is 21, near p* = 20


def replay(prices, cost, scale, elasticity, horizon, agent_seed, market_seed, shape0, rate0):
    """The protocol of the docstrings, written out: the oracle of run_pricing."""
    agent_rng, market_rng = np.random.default_rng(agent_seed), np.random.default_rng(market_seed)
    shape, rate = np.full(len(prices), shape0), np.full(len(prices), rate0)
    rates = scale * prices**-elasticity
    arms, sales = [], []
    for _ in range(horizon):
        arm = int(np.argmax((prices - cost) * agent_rng.gamma(shape, 1 / rate)))
        sold = int(market_rng.poisson(rates[arm]))
        shape[arm] += sold
        rate[arm] += 1
        arms.append(arm)
        sales.append(sold)
    return np.array(arms), np.array(sales)


@pytest.mark.task(6)
def test_choose_draws_every_price_and_keeps_the_best_profit(seed):
    agent = ThompsonPricer(PRICES, COST, prior_shape=3.0, prior_rate=0.5, seed=seed)
    agent.shape[:] = [5, 60, 200, 150, 40, 30, 10]
    agent.rate[:] = [1, 3, 10, 8, 4, 5, 2]
    rng = np.random.default_rng(seed)
    for round_ in range(50):
        want = int(np.argmax((PRICES - COST) * rng.gamma(agent.shape, 1 / agent.rate)))
        got = agent.choose()
        assert got == want, (
            f"Task 6: round {round_}: choose() should draw rng.gamma(shape, 1 / rate) for every "
            f"price at once and return the argmax of (price - cost) * draw: {want}, got {got}"
        )


@pytest.mark.task(6)
def test_choose_breaks_ties_by_the_lowest_index():
    agent = ThompsonPricer(np.array([10.0, 10.0, 10.0]), 10.0, seed=3)
    assert agent.choose() == 0, "Task 6: every price earns 0 here: np.argmax picks the first"


@pytest.mark.task(6)
def test_update_adds_sales_to_the_shape_and_a_round_to_the_rate():
    agent = ThompsonPricer(PRICES, COST, prior_shape=2.0, prior_rate=0.25, seed=5)
    agent.update(3, 17)
    agent.update(3, 0)
    agent.update(6, 4)
    want_shape = np.full(7, 2.0)
    want_shape[[3, 6]] += [17, 4]
    want_rate = np.full(7, 0.25)
    want_rate[[3, 6]] += [2, 1]
    np.testing.assert_array_equal(
        agent.shape, want_shape, err_msg="Task 6: shape += sales at the arm"
    )
    np.testing.assert_array_equal(
        agent.rate, want_rate, err_msg="Task 6: rate += 1 at the arm, per round"
    )


@pytest.mark.task(6)
@pytest.mark.parametrize(
    ("arm", "sales", "error", "word"),
    [(7, 3, IndexError, "arm"), (-1, 3, IndexError, "arm"), (2, -1, ValueError, "sales")],
)
def test_update_refuses_what_cannot_be_learnt(arm, sales, error, word):
    agent = ThompsonPricer(PRICES, COST, seed=5)
    with pytest.raises(error, match=word):
        agent.update(arm, sales)
    np.testing.assert_array_equal(
        agent.shape, 1.0, err_msg="Task 6: a refused update must change nothing"
    )
    np.testing.assert_array_equal(
        agent.rate, 0.1, err_msg="Task 6: a refused update must change nothing"
    )


@pytest.mark.task(6)
def test_update_accepts_the_last_arm_and_no_sales():
    agent = ThompsonPricer(PRICES, COST, seed=5)
    agent.update(6, 0)
    assert agent.rate[6] == pytest.approx(1.1) and agent.shape[6] == 1.0


@pytest.mark.task(6)
@pytest.mark.parametrize(
    ("agent_seed", "market_seed", "shape0", "rate0"), [(3, 5, 1.0, 0.1), (19, 23, 4.0, 2.0)]
)
def test_run_pricing_follows_its_protocol(agent_seed, market_seed, shape0, rate0):
    agent = ThompsonPricer(PRICES, COST, prior_shape=shape0, prior_rate=rate0, seed=agent_seed)
    run = run_pricing(agent, SCALE, ELASTICITY, horizon=300, seed=market_seed)
    arms, sales = replay(
        PRICES, COST, SCALE, ELASTICITY, 300, agent_seed, market_seed, shape0, rate0
    )
    np.testing.assert_array_equal(
        run.arms,
        arms,
        err_msg="Task 6: the prices chosen differ from the protocol: one market generator "
        "np.random.default_rng(seed), made once; choose, draw rng.poisson(rate), update",
    )
    np.testing.assert_array_equal(
        run.sales, sales, err_msg="Task 6: the sales differ from the protocol"
    )
    profits = expected_profits(PRICES, COST, SCALE, ELASTICITY)
    np.testing.assert_allclose(
        run.regret,
        profits.max() - profits[arms],
        rtol=1e-12,
        err_msg="Task 6: a round's regret is the best price's expected profit minus the chosen's",
    )


@pytest.mark.task(6)
def test_regret_grows_sub_linearly(seed, metric, figure):
    horizon = 2000
    profits = expected_profits(PRICES, COST, SCALE, ELASTICITY)
    run = run_pricing(
        ThompsonPricer(PRICES, COST, seed=seed), SCALE, ELASTICITY, horizon, seed=seed + 1
    )
    first, second = run.regret[: horizon // 2].sum(), run.regret[horizon // 2 :].sum()
    assert second < 0.6 * first, (
        f"Task 6: the agent should learn: its regret over rounds 1,000-2,000 ({second:.0f}) should "
        f"be well below that of rounds 1-1,000 ({first:.0f})"
    )
    uniform = np.random.default_rng(seed).integers(0, len(PRICES), horizon)
    figure(
        "uniform_regret_share",
        float((profits.max() - profits[uniform]).sum() / (horizon * profits.max())),
    )
    figure("second_half_regret_ratio", float(second / first))
    metric("regret_share", float(run.regret.sum() / (horizon * profits.max())))
