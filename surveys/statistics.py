"""The statistics of comparing waves, in plain Python (no numerical library at run time;
the tests check every figure against scipy).

- Two independent waves (before and after, different or unpaired respondents):
  Hedges' g — the standardised difference of means with the small-sample correction —
  with its 95 % confidence interval from the large-sample standard error (Hedges and
  Olkin), positive when the later wave is higher.
- Matched pairs (the same respondents, paired by their matching code): the paired
  effect size d_z (mean of the differences over their standard deviation) and the
  Wilcoxon signed-rank test, which asks nothing of the differences' distribution: a
  four-point scale is not a normal variable. Zero differences are dropped (Wilcoxon's
  own way); the p-value is exact for up to 50 pairs without ties, else the normal
  approximation with the tie correction.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist, fmean, stdev

Z95 = NormalDist().inv_cdf(0.975)
EXACT_UP_TO = 50


@dataclass(frozen=True)
class Independent:
    n_before: int
    n_after: int
    mean_before: float
    mean_after: float
    g: float
    low: float
    high: float

    @property
    def difference(self) -> float:
        return self.mean_after - self.mean_before


@dataclass(frozen=True)
class Paired:
    n: int  # pairs
    mean_difference: float
    d: float | None  # None when every pair differs by the same amount (no spread)
    wilcoxon: float | None  # the smaller of the signed-rank sums
    p: float | None
    exact: bool


def correction(df: int) -> float:
    """Hedges' J: the exact small-sample correction Γ(df/2) / (√(df/2) Γ((df−1)/2))."""
    return math.exp(math.lgamma(df / 2) - math.log(math.sqrt(df / 2)) - math.lgamma((df - 1) / 2))


def hedges_g(before: Sequence[float], after: Sequence[float]) -> Independent | None:
    """None when either wave has fewer than two values or neither varies."""
    n1, n2 = len(before), len(after)
    if n1 < 2 or n2 < 2:
        return None
    m1, m2 = fmean(before), fmean(after)
    pooled = math.sqrt(((n1 - 1) * stdev(before) ** 2 + (n2 - 1) * stdev(after) ** 2) / (n1 + n2 - 2))
    if pooled == 0:
        return None
    g = correction(n1 + n2 - 2) * (m2 - m1) / pooled
    se = math.sqrt((n1 + n2) / (n1 * n2) + g * g / (2 * (n1 + n2)))
    return Independent(n1, n2, m1, m2, g, g - Z95 * se, g + Z95 * se)


def ranks(values: Sequence[float]) -> list[float]:
    """Ranks from 1, ties given the mean of the ranks they share."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            result[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return result


def signed_rank_counts(n: int) -> list[int]:
    """How many of the 2^n sign patterns give each sum of positive ranks 0..n(n+1)/2."""
    counts = [1] + [0] * (n * (n + 1) // 2)
    for rank in range(1, n + 1):
        for total in range(len(counts) - 1, rank - 1, -1):
            counts[total] += counts[total - rank]
    return counts


def wilcoxon(differences: Sequence[float]) -> tuple[float, float, bool] | None:
    """The signed-rank statistic (the smaller sum), its two-sided p-value, and whether
    the p-value is exact. None when every difference is zero."""
    nonzero = [d for d in differences if d != 0]
    n = len(nonzero)
    if n == 0:
        return None
    ranked = ranks([abs(d) for d in nonzero])
    plus = sum(r for r, d in zip(ranked, nonzero, strict=True) if d > 0)
    minus = sum(r for r, d in zip(ranked, nonzero, strict=True) if d < 0)
    statistic = min(plus, minus)
    ties = len(set(ranked)) < n
    if n <= EXACT_UP_TO and not ties:
        counts = signed_rank_counts(n)
        below = sum(counts[: int(statistic) + 1])
        return statistic, min(1.0, 2 * below / 2**n), True
    mean = n * (n + 1) / 4
    shared: dict[float, int] = {}
    for r in ranked:
        shared[r] = shared.get(r, 0) + 1
    variance = n * (n + 1) * (2 * n + 1) / 24 - sum(t**3 - t for t in shared.values()) / 48
    if variance <= 0:
        return statistic, 1.0, False
    z = (statistic - mean) / math.sqrt(variance)
    return statistic, min(1.0, 2 * NormalDist().cdf(-abs(z))), False


def paired(before: Sequence[float], after: Sequence[float]) -> Paired | None:
    """Pairs in the same order in both; None for fewer than two."""
    if len(before) != len(after):
        raise ValueError("paired waves need as many values before as after")
    if len(before) < 2:
        return None
    differences = [a - b for b, a in zip(before, after, strict=True)]
    spread = stdev(differences)
    mean = fmean(differences)
    tested = wilcoxon(differences)
    return Paired(
        n=len(differences),
        mean_difference=mean,
        d=mean / spread if spread > 0 else None,
        wilcoxon=tested[0] if tested else None,
        p=tested[1] if tested else None,
        exact=tested[2] if tested else False,
    )
