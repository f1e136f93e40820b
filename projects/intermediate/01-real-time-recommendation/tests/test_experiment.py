"""Tasks 5 to 7: assignment and the SRM check, the delta method, power and calibration."""

import hashlib
import math
from itertools import accumulate

import numpy as np
import pytest
from scipy import stats

from streamrec.experiment import (
    ARMS,
    RatioEstimate,
    assign,
    compare,
    delta_method,
    has_srm,
    power,
    rejection_rate,
    simulated_pvalues,
    srm_pvalue,
    users_per_arm,
)
from streamrec.simulator import simulate_outcomes


def by_hand(user, experiment, arms=ARMS, weights=None, salt=""):
    weights = [1.0] * len(arms) if weights is None else weights
    u = int.from_bytes(hashlib.sha256(f"{experiment}|{salt}|{user}".encode()).digest()[:8], "big")
    u /= 2**64
    for arm, edge in zip(arms, accumulate(w / sum(weights) for w in weights), strict=True):
        if edge > u:
            return arm
    return arms[-1]


# Task 5: assignment and the sample-ratio check ------------------------------------------


@pytest.mark.task(5)
@pytest.mark.parametrize(
    ("arms", "weights", "salt"),
    [(ARMS, None, ""), (("a", "b", "c"), (1, 2, 1), "s1"), (("x", "y"), (0.7, 0.3), "s2")],
)
def test_assignment_follows_the_hash(arms, weights, salt):
    for user in range(300):
        want = by_hand(user, "exp-a", arms, weights, salt)
        got = assign(user, "exp-a", arms=arms, weights=weights, salt=salt)
        assert got == want, (
            f"Task 5: assign({user}, 'exp-a', arms={arms}, weights={weights}, salt={salt!r}) "
            f"should be {want!r}, got {got!r}. u is the first 8 bytes of sha256 of "
            "'experiment|salt|user', big-endian, over 2**64; the arm is the first whose "
            "cumulative share is greater than u."
        )


@pytest.mark.task(5)
def test_assignment_is_stable_uniform_and_independent_across_experiments():
    users = range(20000)
    first = [assign(user, "banner") for user in users]
    assert first == [assign(user, "banner") for user in users], (
        "Task 5: the same user must get the same arm every time"
    )
    counts = [first.count(arm) for arm in ARMS]
    p = stats.chisquare(counts).pvalue
    assert p > 0.001, f"Task 5: 20,000 users should split evenly, got {counts} (p = {p:.2g})"
    other = [assign(user, "ranker") for user in users]
    same = np.mean(np.array(first) == np.array(other))
    assert 0.47 < same < 0.53, (
        f"Task 5: two experiments must assign independently; {same:.1%} of users got the same "
        "arm in both (about 50% expected): put the experiment's name into the hash"
    )
    weighted = [assign(user, "banner", weights=(1, 3)) for user in users]
    share = weighted.count("treatment") / len(users)
    assert abs(share - 0.75) < 0.01, f"Task 5: weights (1, 3) give 75% treatment, got {share:.1%}"


@pytest.mark.task(5)
def test_an_arm_of_weight_zero_gets_nobody():
    for weights, never in [((0, 1), "a"), ((1, 0), "b"), ((1, 0, 1), "b")]:
        arms = ("a", "b", "c")[: len(weights)]
        got = {assign(user, "e", arms=arms, weights=weights) for user in range(2000)}
        assert never not in got, f"Task 5: with weights {weights} arm {never!r} gets nobody"


@pytest.mark.task(5)
@pytest.mark.parametrize("weights", [(1, 2, 3), (1,), (1, -1), (0, 0)])
def test_bad_weights_are_refused(weights):
    with pytest.raises(ValueError, match="weights"):
        assign(1, "e", weights=weights)


@pytest.mark.task(5)
def test_the_srm_pvalue_is_scipys_chi_square():
    cases = [([480, 520], None), ([260, 740], (1, 3)), ([100, 130, 90], (2, 2, 1))]
    for counts, weights in cases:
        shares = np.ones(len(counts)) if weights is None else np.array(weights, float)
        want = stats.chisquare(counts, np.sum(counts) * shares / shares.sum()).pvalue
        got = srm_pvalue(counts, weights)
        assert got == pytest.approx(want, rel=1e-12), (
            f"Task 5: srm_pvalue({counts}, {weights}) should be {want:.6g} (chi-square against "
            f"the total times each share), got {got!r}"
        )


@pytest.mark.task(5)
def test_an_srm_alarm_is_strictly_below_alpha():
    assert not has_srm([5000, 5300]) and has_srm([5000, 5400]), (
        "Task 5: by default alpha is 0.001: 5,000 against 5,300 is no alarm (p = 0.003), "
        "5,000 against 5,400 is (p = 9e-5)"
    )
    p = srm_pvalue([260, 700], (1, 3))
    assert not has_srm([260, 700], (1, 3), alpha=p), (
        "Task 5: a p-value equal to alpha is not an alarm"
    )
    assert has_srm([260, 700], (1, 3), alpha=p * 1.0001)
    assert not has_srm([240, 760], (1, 3), alpha=0.01) and has_srm([240, 760], alpha=0.01), (
        "Task 5: has_srm must pass its weights on: 240/760 fits weights (1, 3), not equal shares"
    )


# Task 6: the delta method and the comparison --------------------------------------------


def delta_by_hand(clicks, impressions):
    c, i = np.asarray(clicks, float), np.asarray(impressions, float)
    n, ratio = c.size, c.sum() / i.sum()
    var_c = np.sum((c - c.mean()) ** 2) / (n - 1)
    var_i = np.sum((i - i.mean()) ** 2) / (n - 1)
    cov = np.sum((c - c.mean()) * (i - i.mean())) / (n - 1)
    return ratio, (var_c - 2 * ratio * cov + ratio**2 * var_i) / (n * i.mean() ** 2)


@pytest.mark.task(6)
def test_the_delta_method_by_hand(seed):
    outcomes = simulate_outcomes(np.zeros(500, bool), np.random.default_rng(seed))
    got = delta_method(outcomes["clicks"].to_numpy(), outcomes["impressions"].to_numpy())
    ratio, variance = delta_by_hand(outcomes["clicks"], outcomes["impressions"])
    assert got.ratio == pytest.approx(ratio, rel=1e-12) and got.n_users == 500, (
        f"Task 6: the ratio is sum(clicks) / sum(impressions) = {ratio:.6f}, got {got.ratio!r}"
    )
    assert got.variance == pytest.approx(variance, rel=1e-9), (
        f"Task 6: the delta-method variance should be {variance:.6g}, got {got.variance!r}"
    )
    pair = delta_method([1, 0], [2, 3])
    ratio, variance = delta_by_hand([1, 0], [2, 3])
    assert (pair.ratio, pair.variance) == pytest.approx((ratio, variance), rel=1e-12), (
        f"Task 6: two users are enough for the delta method, got {pair!r}"
    )
    small = delta_method([1, 0, 2], [2, 3, 4])
    ratio, variance = delta_by_hand([1, 0, 2], [2, 3, 4])
    assert (small.ratio, small.variance) == pytest.approx((ratio, variance), rel=1e-12)


@pytest.mark.task(6)
def test_the_delta_variance_matches_the_spread_of_repeated_experiments(seed):
    rng = np.random.default_rng(seed + 1)
    ratios, variances = [], []
    for _ in range(400):
        outcomes = simulate_outcomes(np.zeros(300, bool), rng)
        estimate = delta_method(outcomes["clicks"].to_numpy(), outcomes["impressions"].to_numpy())
        ratios.append(estimate.ratio)
        variances.append(estimate.variance)
    observed, predicted = np.var(ratios, ddof=1), np.mean(variances)
    assert 0.8 < observed / predicted < 1.25, (
        f"Task 6: over 400 simulated samples the ratio varied by {observed:.3g}; the delta "
        f"method predicted {predicted:.3g}"
    )


@pytest.mark.task(6)
@pytest.mark.parametrize(
    ("clicks", "impressions", "said"),
    [([1, 2], [3, 4, 5], "differ"), ([1], [3], "2 users"), ([0, 0, 0], [0, 0, 0], "impressions")],
)
def test_the_delta_method_refuses_what_it_cannot_measure(clicks, impressions, said):
    with pytest.raises(ValueError) as refused:
        delta_method(clicks, impressions)
    assert said in str(refused.value), (
        f"Task 6: delta_method({clicks}, {impressions}) should be refused with a message that "
        f"says what is wrong, with the words {said!r}; got {str(refused.value)!r}"
    )


@pytest.mark.task(6)
@pytest.mark.parametrize("alpha", [0.05, 0.1, 0.01])
def test_compare_by_hand(alpha):
    control, treatment = RatioEstimate(0.10, 1e-4, 100), RatioEstimate(0.13, 2e-4, 120)
    got = compare(control, treatment, alpha=alpha) if alpha != 0.05 else compare(control, treatment)
    error = math.sqrt(3e-4)
    margin = stats.norm.ppf(1 - alpha / 2) * error
    want = tuple(
        float(x) for x in (0.03, 0.03 - margin, 0.03 + margin, 2 * stats.norm.sf(0.03 / error))
    )
    assert (got.difference, got.low, got.high, got.p_value) == pytest.approx(want, rel=1e-9), (
        f"Task 6: compare at alpha {alpha} should give difference, low, high, p = "
        f"{[round(x, 9) for x in want]}, got "
        f"{[round(float(x), 9) for x in (got.difference, got.low, got.high, got.p_value)]} "
        "(treatment minus control; the interval is +- norm.ppf(1 - alpha / 2) standard errors)"
    )
    backwards = compare(treatment, control, alpha=alpha)
    assert backwards.difference == pytest.approx(-0.03) and backwards.p_value == pytest.approx(
        want[3]
    ), f"Task 6: swapping the arms flips the difference, not the p-value, got {backwards!r}"


# Task 7: power and calibration by simulation --------------------------------------------


@pytest.mark.task(7)
@pytest.mark.parametrize(
    ("n", "user_std", "effect", "alpha"),
    [(500, 0.19, 0.03, 0.05), (40, 1.0, 0.2, 0.1), (1000, 0.3, -0.01, 0.01), (3, 2.0, 0.5, 0.05)],
)
def test_power_equals_statsmodels(n, user_std, effect, alpha):
    from statsmodels.stats.power import NormalIndPower

    want = NormalIndPower().power(abs(effect) / user_std, nobs1=n, alpha=alpha, ratio=1.0)
    got = power(n, user_std, effect, alpha=alpha) if alpha != 0.05 else power(n, user_std, effect)
    assert got == pytest.approx(want, rel=1e-9, abs=1e-12), (
        f"Task 7: power(n={n}, user_std={user_std}, effect={effect}, alpha={alpha}) should be "
        f"{want:.9f} (statsmodels' NormalIndPower), got {got!r}"
    )


@pytest.mark.task(7)
@pytest.mark.parametrize(
    ("user_std", "effect", "alpha", "target"),
    [
        (0.19, 0.03, 0.05, 0.8),
        (1.0, 0.25, 0.1, 0.9),
        (0.5, -0.05, 0.01, 0.7),
        (3.0, 4.0, 0.05, 0.8),
        (1.0, 10.0, 0.05, 0.8),
        (3.0, 0.22, 0.05, 0.8),  # the rounded-up closed form (2920) is one user too many
    ],
)
def test_users_per_arm_is_the_fewest_that_reach_the_power(user_std, effect, alpha, target):
    from statsmodels.stats.power import NormalIndPower

    judge = NormalIndPower()
    got = (
        users_per_arm(user_std, effect, alpha=alpha, target_power=target)
        if (alpha, target) != (0.05, 0.8)
        else users_per_arm(user_std, effect)
    )
    size = abs(effect) / user_std
    reached = judge.power(size, nobs1=got, alpha=alpha)
    assert got >= 2, f"Task 7: an arm needs at least 2 users for a variance, got {got}"
    fewer = judge.power(size, nobs1=got - 1, alpha=alpha) if got > 2 else 0.0
    assert reached >= target > fewer, (
        f"Task 7: users_per_arm({user_std}, {effect}, alpha={alpha}, target_power={target}) gave "
        f"{got}: its power is {reached:.4f} and one user fewer gives {fewer:.4f} (statsmodels); "
        f"it should be the fewest users whose power reaches {target}"
    )


@pytest.mark.task(7)
def test_simulated_pvalues_follow_their_protocol():
    n_experiments, n_users, uplift, seed, base_ctr = 6, 150, 0.4, 9, 0.2
    rng = np.random.default_rng(seed)
    want = []
    for k in range(n_experiments):
        salt = f"{seed}-{k}"
        arms = np.array([by_hand(user, "calibration", salt=salt) for user in range(n_users)])
        treated = arms == "treatment"
        outcomes = simulate_outcomes(treated, rng, base_ctr=base_ctr, uplift=uplift)
        c, i = outcomes["clicks"].to_numpy(), outcomes["impressions"].to_numpy()
        control, treatment = (
            delta_method(c[~treated], i[~treated]),
            delta_method(c[treated], i[treated]),
        )
        want.append(compare(control, treatment).p_value)
    got = simulated_pvalues(n_experiments, n_users, uplift, seed, base_ctr=base_ctr)
    assert np.asarray(got) == pytest.approx(np.array(want), rel=1e-12), (
        f"Task 7: simulated_pvalues({n_experiments}, {n_users}, {uplift}, seed={seed}, "
        f"base_ctr={base_ctr}) should be {np.round(want, 4)} by the docstring's protocol, got "
        f"{np.round(got, 4)}. One generator for all the experiments, made before the loop."
    )
    rate = rejection_rate(n_experiments, n_users, uplift, seed, alpha=0.3, base_ctr=base_ctr)
    assert rate == np.mean(np.array(want) < 0.3)


@pytest.mark.task(7)
def test_simulated_pvalues_by_default():
    got = simulated_pvalues(3, 100, 0.0, seed=4)
    rng = np.random.default_rng(4)
    for k in range(3):
        treated = np.array(
            [by_hand(user, "calibration", salt=f"4-{k}") == "treatment" for user in range(100)]
        )
        outcomes = simulate_outcomes(treated, rng)
        c, i = outcomes["clicks"].to_numpy(), outcomes["impressions"].to_numpy()
        want = compare(delta_method(c[~treated], i[~treated]), delta_method(c[treated], i[treated]))
        assert got[k] == pytest.approx(want.p_value, rel=1e-12), (
            f"Task 7: experiment {k} with the default base_ctr (0.1) should have p = "
            f"{want.p_value:.6f}, got {got[k]!r}"
        )


def naive_pvalue(control, treatment) -> float:
    """A z-test that takes every impression as independent: what not to do."""
    (c0, n0), (c1, n1) = control, treatment
    p0, p1, pooled = c0 / n0, c1 / n1, (c0 + c1) / (n0 + n1)
    error = math.sqrt(pooled * (1 - pooled) * (1 / n0 + 1 / n1))
    return 2 * stats.norm.sf(abs(p1 - p0) / error)


@pytest.mark.task(7)
def test_aa_tests_keep_their_promise(seed, metric, figure):
    rate = rejection_rate(300, 600, 0.0, seed=seed)
    assert rate >= 0.02, (
        f"Task 7: only {rate:.1%} of 300 A/A tests rejected at 5%: the test is too timid (about "
        "5% expected); check the standard error"
    )
    metric("aa_false_positive_rate", rate)
    rng = np.random.default_rng(seed)
    alarms = 0
    for k in range(300):
        treated = np.array(
            [assign(user, "naive", salt=str(k)) == "treatment" for user in range(600)]
        )
        outcomes = simulate_outcomes(treated, rng)
        sums = [outcomes[arm].sum() for arm in (~treated, treated)]
        alarms += naive_pvalue(*[(s["clicks"], s["impressions"]) for s in sums]) < 0.05
    figure("naive_aa_false_positive_rate", alarms / 300)


@pytest.mark.task(7)
def test_a_planted_uplift_is_found_at_the_planned_power(seed, metric, figure):
    uplift, pilot_users = 0.3, 50000
    rng = np.random.default_rng(seed + 2)
    pilots = [
        simulate_outcomes(np.full(pilot_users, treated), rng, uplift=uplift)
        for treated in (False, True)
    ]
    control, treatment = [
        delta_method(p["clicks"].to_numpy(), p["impressions"].to_numpy()) for p in pilots
    ]
    user_std = math.sqrt((control.user_std**2 + treatment.user_std**2) / 2)
    effect = treatment.ratio - control.ratio
    n = users_per_arm(user_std, effect)
    planned = power(n, user_std, effect)
    found = rejection_rate(200, 2 * n, uplift, seed=seed)
    figure("planned_users_per_arm", n)
    figure("uplift_detection_rate", found)
    metric("power_gap", abs(found - planned))
