"""The statistics behind manager types: distances with missing values, k-means, the choice of k,
how clear the grouping is, which archetype a group matches and what sets a profile apart from the
pool. Helpers of `manager_types.estimator`; plain functions over arrays (the words are in `naming`).
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.metrics.pairwise import nan_euclidean_distances
from threadpoolctl import ThreadpoolController

#: Thresholds of `structure_of`. Silhouette: Kaufman & Rousseeuw (1990, ch. 2) read an average
#: silhouette above 0.50 as a reasonable structure, 0.26-0.50 as weak and possibly artificial,
#: 0.25 or less as no substantial structure. Stability (mean adjusted Rand index between bootstrap
#: refits): after Hennig (2007), who calls clusters with bootstrap similarity below 0.6 dissolved
#: and above 0.75-0.85 stable, and Lange et al. (2004) on stability-based validation.
SILHOUETTE_CLEAR, SILHOUETTE_WEAK = 0.50, 0.25
STABILITY_CLEAR, STABILITY_WEAK = 0.80, 0.60

#: Rows per block when computing memberships: keeps the (rows x refits x types) array in cache.
_CHUNK_ROWS = 2048

#: Rows on which a silhouette is computed (it costs O(rows**2)); a random sample of the pool.
SILHOUETTE_ROWS = 2000

#: Rounds of k-POD (fill missing values from the centres, refit) at most; it usually settles in 3-6.
KPOD_ROUNDS = 10

#: |z| from which a dimension counts as setting a profile apart from the pool: half a pool
#: standard deviation, a "medium" difference in Cohen's (1988) terms.
NOTABLE_Z = 0.5

#: Share of the distance to the nearest other archetype within which a centre takes an archetype's name.
NAMING_SHARE = 0.4


@dataclass(frozen=True)
class Deviation:
    """How far one dimension of a profile lies from the pool: `z = (value - pool mean) / pool sd`."""

    dimension: str
    value: float
    z: float


def one_thread():
    """A context in which OpenMP and BLAS use one thread. The matrices here are small (a few
    thousand rows, about ten columns): more threads gain little, and on a shared or busy machine
    (a server typing for several users) their spinning made k-means, silhouettes and even these
    products 4-20 times slower in our measurements."""
    return _controller().limit(limits=1)


def sq_distances(values: np.ndarray, observed: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Squared Euclidean distance of each row to each centre over the row's measured dimensions
    only, shape (n_rows, n_centres): ``d2[i, c] = sum_j m_ij (x_ij - c_j)**2``."""
    x = np.where(observed, values, 0.0)
    m = observed.astype(float)
    d2 = (x * x).sum(axis=1)[:, None] - 2.0 * x @ centres.T + m @ (centres * centres).T
    return np.maximum(d2, 0.0)


def membership(values: np.ndarray, observed: np.ndarray, ensemble: np.ndarray, temperature: float) -> np.ndarray:
    """Probability of each type, averaged over an ensemble of fits (the fit on the pool and its
    bootstrap refits), shape (n_rows, k):

        p[i, c] = mean_b softmax_c(-d2_b[i, c] / temperature)

    with d2_b the squared distance to centre c of fit b over the measured dimensions. Each term is
    the posterior of a spherical Gaussian mixture with equal priors and variance temperature / 2;
    averaging over refits adds the uncertainty of the types themselves, so a pool without real
    groups gives spread-out probabilities instead of confident ones (bagging, Breiman 1996).
    """
    m, k, d = ensemble.shape
    centres = ensemble.reshape(m * k, d)
    blocks = [slice(start, start + _CHUNK_ROWS) for start in range(0, len(values), _CHUNK_ROWS)]
    with one_thread():
        parts = [sq_distances(values[b], observed[b], centres).reshape(-1, m, k) for b in blocks]
        return np.concatenate([_mean_softmax(d2, temperature) for d2 in parts])


def _mean_softmax(d2: np.ndarray, temperature: float) -> np.ndarray:
    weights = np.exp((d2.min(axis=2, keepdims=True) - d2) / temperature)  # softmax in its stable form
    return (weights / weights.sum(axis=2, keepdims=True)).mean(axis=1)


def nearest(values: np.ndarray, observed: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Index of the nearest centre of each row (int64)."""
    return np.argmin(sq_distances(values, observed, centres), axis=1).astype(np.int64)


def sample_rows(n: int, size: int, rng: np.random.RandomState) -> np.ndarray:
    """All row indices when n <= size, else `size` of them drawn without replacement (sorted)."""
    if n <= size:
        return np.arange(n)
    return np.sort(rng.choice(n, size, replace=False))


def kmeans_centres(
    z: np.ndarray, observed: np.ndarray, k: int, init, n_init: int, rng: np.random.RandomState
) -> np.ndarray:
    """Centres of k-means on rows with missing values (NaN in `z`), by k-POD (Chi, Chi & Baraniuk
    2016): fill each missing value from the centre of the row's group, refit, until the centres
    settle (at most KPOD_ROUNDS). With every value present this is plain k-means (Lloyd).
    `init` is 'k-means++' or an array of starting centres."""
    centres = _kmeans(np.where(observed, z, 0.0), k, init, n_init, rng)
    if observed.all():
        return centres
    for _ in range(KPOD_ROUNDS):
        filled = np.where(observed, z, centres[nearest(z, observed, centres)])
        previous, centres = centres, _kmeans(filled, k, centres, 1, rng)
        if np.abs(centres - previous).max() < 1e-3:
            break
    return centres


def choose_k(
    z: np.ndarray, observed: np.ndarray, ks: list[int], n_init: int, rng: np.random.RandomState, sample: Silhouette
) -> tuple[int, dict[int, float], np.ndarray]:
    """The k with the highest average silhouette (Rousseeuw 1987) among `ks` (the smaller k on a
    tie), the silhouette of every k, and that k's centres (to start the fit on the whole pool from)."""
    scores, centres = {}, {}
    for k in ks:
        centres[k] = kmeans_centres(z, observed, k, "k-means++", n_init, rng)
        scores[k] = sample.score(nearest(z, observed, centres[k]))
    best = max(ks, key=lambda k: (scores[k], -k))
    return best, scores, centres[best]


class Silhouette:
    """Average silhouette width (Rousseeuw 1987) of assignments of the same rows, computed on at
    most SILHOUETTE_ROWS of them drawn once (a silhouette costs O(rows**2)), so that the k compared
    are judged on the same candidates. Rows with nothing measured are left out."""

    def __init__(self, z: np.ndarray, observed: np.ndarray, rng: np.random.RandomState) -> None:
        measured = np.flatnonzero(observed.any(axis=1))
        self.rows = measured[sample_rows(len(measured), SILHOUETTE_ROWS, rng)]
        self.distances = partial_distances(z[self.rows], observed[self.rows])

    def score(self, labels: np.ndarray) -> float:
        """The silhouette of `labels` (one per row of the pool); -1 when fewer than two groups are
        occupied among the rows (no grouping at all)."""
        labels = labels[self.rows]
        if not 2 <= len(np.unique(labels)) <= len(labels) - 1:
            return -1.0
        return float(silhouette_score(self.distances, labels, metric="precomputed"))


def partial_distances(z: np.ndarray, observed: np.ndarray) -> np.ndarray:
    """Euclidean distances between rows over the dimensions both have, scaled up to all d
    dimensions: ``D_ij**2 = d / |S_ij| * sum_{j in S_ij} (z_i - z_j)**2`` with S_ij the shared
    dimensions (the usual partial-distance estimate, Dixon 1979). Equal to the Euclidean distance
    when nothing is missing; pairs without a shared dimension get the mean distance."""
    d2 = nan_euclidean_distances(np.where(observed, z, np.nan), squared=True)
    nothing = ~observed.any(axis=1)
    d2[nothing, nothing] = np.nan  # a row with nothing measured shares no dimension, not even with itself
    d2 = np.where(np.isnan(d2), np.nanmean(d2), np.maximum(d2, 0.0))
    np.fill_diagonal(d2, 0.0)
    return np.sqrt(d2)


def bootstrap(
    z: np.ndarray,
    observed: np.ndarray,
    reference: np.ndarray,
    n_bootstrap: int,
    n_init: int,
    rng: np.random.RandomState,
) -> tuple[float, np.ndarray]:
    """Refit k-means on `n_bootstrap` bootstrap resamples of the rows and compare with the
    reference assignment `reference` (type index per row, k types).

    Returns the stability, the mean adjusted Rand index (Hubert & Arabie 1985) between the
    reference and each refit's assignment of the same rows (Lange et al. 2004; Hennig 2007;
    1 = the same types whatever the sample, about 0 = chance), and the refits' centres, each
    refit's types put in the order of the reference types they share most rows with (Hungarian
    matching on the contingency table), shape (n_bootstrap, k, n_dimensions).
    """
    k = int(reference.max()) + 1
    scores, aligned = [], []
    for _ in range(n_bootstrap):
        draw = rng.randint(0, len(z), len(z))
        centres = kmeans_centres(z[draw], observed[draw], k, "k-means++", n_init, rng)
        labels = nearest(z, observed, centres)
        scores.append(adjusted_rand_score(reference, labels))
        shared = np.zeros((k, k))
        np.add.at(shared, (reference, labels), 1)
        rows, cols = linear_sum_assignment(-shared)
        aligned.append(centres[cols[np.argsort(rows)]])
    return float(np.mean(scores)), np.stack(aligned)


def structure_of(silhouette_value: float, stability_value: float) -> str:
    """'clear' when silhouette >= 0.50 and stability >= 0.80; 'weak' when silhouette >= 0.25 and
    stability >= 0.60; otherwise 'none' (the types are not to be trusted). NaN counts as failing."""
    if math.isnan(silhouette_value) or math.isnan(stability_value):
        return "none"
    if silhouette_value >= SILHOUETTE_CLEAR and stability_value >= STABILITY_CLEAR:
        return "clear"
    if silhouette_value >= SILHOUETTE_WEAK and stability_value >= STABILITY_WEAK:
        return "weak"
    return "none"


def pool_moments(values: np.ndarray, observed: np.ndarray, scale) -> tuple[np.ndarray, np.ndarray]:
    """Mean and standard deviation per dimension over the measured values. A dimension nobody was
    measured on gets the scale's midpoint; a constant or unmeasured one gets sd 1 (no division by 0)."""
    count = observed.sum(axis=0)
    filled = np.where(observed, values, 0.0)
    mean = np.divide(filled.sum(axis=0), count, out=np.full(values.shape[1], np.nan), where=count > 0)
    mean = np.where(count > 0, mean, (scale[0] + scale[1]) / 2 if scale else 0.0)
    var = np.where(observed, (values - mean) ** 2, 0.0).sum(axis=0) / np.maximum(count, 1)
    sd = np.sqrt(var)
    return mean, np.where(sd > 1e-12, sd, 1.0)


def within_variance(z: np.ndarray, observed: np.ndarray, centres: np.ndarray, labels: np.ndarray) -> float:
    """Pooled within-type variance per measured dimension: sum of d2 to own centre / measured cells."""
    d2 = sq_distances(z, observed, centres)[np.arange(len(z)), labels]
    return max(float(d2.sum() / max(observed.sum(), 1)), 1e-6)


def distinctive(
    values: np.ndarray, z: np.ndarray, dimensions: Sequence[str], n: int = 3
) -> tuple[Deviation, ...]:
    """The (at most) `n` dimensions with the largest |z| of at least NOTABLE_Z, largest first.

    A missing dimension (NaN) never counts: nothing is said about what was not measured.
    """
    strength = np.where(np.isnan(z), -1.0, np.abs(z))
    order = np.argsort(-strength, kind="stable")[:n]
    return tuple(
        Deviation(dimensions[j], float(values[j]), float(z[j])) for j in order if strength[j] >= NOTABLE_Z
    )


def match_archetypes(centres: np.ndarray, archetypes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One-to-one matching of group centres to archetype profiles (Hungarian algorithm,
    `scipy.optimize.linear_sum_assignment`, Kuhn 1955) minimising the summed distance.

    Distance is the root mean square difference over dimensions, in scale points.
    Returns, per centre, the index of its archetype (-1 when there are more centres than
    archetypes and it got none) and the distance to it (NaN for -1).
    """
    cost = np.sqrt(((centres[:, None, :] - archetypes[None, :, :]) ** 2).mean(axis=2))
    rows, cols = linear_sum_assignment(cost)
    match = np.full(len(centres), -1)
    distance = np.full(len(centres), np.nan)
    match[rows] = cols
    distance[rows] = cost[rows, cols]
    return match, distance


def naming_distances(archetypes: np.ndarray) -> np.ndarray:
    """How far a group's centre may lie from each archetype and still bear its name:
    NAMING_SHARE (0.4) of the RMS distance from that archetype to its nearest other one.

    Under half, so a centre half-way between two archetypes (two types merged into one group)
    gets neither name; 1.0 for a lone archetype.
    """
    if len(archetypes) < 2:
        return np.ones(len(archetypes))
    distance = np.sqrt(((archetypes[:, None, :] - archetypes[None, :, :]) ** 2).mean(axis=2))
    np.fill_diagonal(distance, np.inf)
    return NAMING_SHARE * distance.min(axis=1)


@functools.cache
def _controller() -> ThreadpoolController:
    # Built once: finding the thread pools takes milliseconds, limiting them then microseconds.
    return ThreadpoolController()


def _kmeans(filled: np.ndarray, k: int, init, n_init: int, rng: np.random.RandomState) -> np.ndarray:
    # A bootstrap sample with fewer distinct rows than k warns in scikit-learn; the centres are still usable.
    n_init = 1 if isinstance(init, np.ndarray) else n_init
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = KMeans(k, init=init, n_init=n_init, random_state=_seed(rng))
        return model.fit(filled).cluster_centers_


def _seed(rng: np.random.RandomState) -> int:
    return int(rng.randint(np.iinfo(np.int32).max))
