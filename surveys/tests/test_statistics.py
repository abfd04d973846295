"""surveys/statistics.py agrees with scipy: Hedges' g and its interval, the paired d and
the Wilcoxon signed-rank test (exact and approximate)."""

from __future__ import annotations

import math
import random

import pytest
from scipy import special, stats

from surveys import statistics


def waves(seed: int, n1: int, n2: int, shift: float) -> tuple[list[float], list[float]]:
    rng = random.Random(seed)
    return [rng.choice([1, 2, 3, 4]) + rng.random() for _ in range(n1)], [
        rng.choice([1, 2, 3, 4]) + rng.random() + shift for _ in range(n2)
    ]


@pytest.mark.parametrize(("seed", "n1", "n2", "shift"), [(1, 12, 15, 0.4), (2, 40, 38, 0.2), (3, 200, 180, -0.1)])
def test_it_computes_hedges_g_as_scipy_does(seed, n1, n2, shift):
    before, after = waves(seed, n1, n2, shift)
    ours = statistics.hedges_g(before, after)
    assert ours is not None
    t = stats.ttest_ind(after, before, equal_var=True).statistic
    df = n1 + n2 - 2
    j = math.exp(special.gammaln(df / 2) - special.gammaln((df - 1) / 2)) / math.sqrt(df / 2)
    expected = j * t * math.sqrt(1 / n1 + 1 / n2)
    assert ours.g == pytest.approx(expected, rel=1e-9)
    se = math.sqrt((n1 + n2) / (n1 * n2) + expected**2 / (2 * (n1 + n2)))
    z = stats.norm.ppf(0.975)
    assert (ours.low, ours.high) == pytest.approx((expected - z * se, expected + z * se), rel=1e-9)


def test_its_interval_is_close_to_the_exact_noncentral_t_interval():
    before, after = waves(7, 60, 60, 0.5)
    ours = statistics.hedges_g(before, after)
    assert ours is not None
    n1 = n2 = 60
    t = stats.ttest_ind(after, before).statistic
    scale = math.sqrt(1 / n1 + 1 / n2)
    from scipy.optimize import brentq

    df = n1 + n2 - 2
    low_nc = brentq(lambda nc: stats.nct.sf(t, df, nc) - 0.025, -10, 10)
    high_nc = brentq(lambda nc: stats.nct.cdf(t, df, nc) - 0.025, -10, 10)
    j = statistics.correction(df)
    assert ours.low == pytest.approx(j * low_nc * scale, abs=0.02)
    assert ours.high == pytest.approx(j * high_nc * scale, abs=0.02)


def test_it_refuses_what_cannot_be_compared():
    assert statistics.hedges_g([3.0], [2.0, 4.0]) is None
    assert statistics.hedges_g([3.0, 3.0], [3.0, 3.0]) is None
    assert statistics.paired([1.0], [2.0]) is None
    with pytest.raises(ValueError):
        statistics.paired([1.0, 2.0], [1.0])


def test_it_computes_the_paired_d_as_scipy_does():
    rng = random.Random(5)
    before = [rng.uniform(1, 4) for _ in range(25)]
    after = [b + rng.uniform(-0.5, 1.0) for b in before]
    ours = statistics.paired(before, after)
    assert ours is not None
    t = stats.ttest_rel(after, before).statistic
    assert ours.d == pytest.approx(t / math.sqrt(25), rel=1e-9)


def test_its_exact_wilcoxon_is_scipys():
    rng = random.Random(11)
    before = [rng.uniform(1, 4) for _ in range(18)]
    after = [b + rng.uniform(-0.6, 0.9) for b in before]
    ours = statistics.paired(before, after)
    assert ours is not None
    theirs = stats.wilcoxon(after, before, method="exact")
    assert ours.exact
    assert ours.wilcoxon == pytest.approx(theirs.statistic)
    assert ours.p == pytest.approx(theirs.pvalue, rel=1e-9)


def test_its_approximate_wilcoxon_with_ties_and_zeros_is_scipys():
    # Scores on a four-point scale: many ties and some zero differences.
    rng = random.Random(3)
    before = [float(rng.randint(1, 4)) for _ in range(70)]
    after = [min(4.0, max(1.0, b + rng.choice([-1, 0, 0, 1, 1]))) for b in before]
    ours = statistics.paired(before, after)
    assert ours is not None
    theirs = stats.wilcoxon(after, before, method="approx", zero_method="wilcox", correction=False)
    assert not ours.exact
    assert ours.wilcoxon == pytest.approx(theirs.statistic)
    assert ours.p == pytest.approx(theirs.pvalue, rel=1e-9)


def test_its_ranks_share_ties_as_scipy_does():
    values = [3.0, 1.0, 3.0, 2.0, 3.0, 1.0]
    assert statistics.ranks(values) == list(stats.rankdata(values))
