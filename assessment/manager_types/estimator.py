"""Manager types: group candidates by their profile over the common dimensions, give each group
the id of the manager-type archetype it matches, and say what sets each candidate apart.

- `ManagerTypes`, a scikit-learn estimator for a pool: standardises each dimension on the pool,
  chooses k by silhouette (or takes `k`), clusters with k-means, gives each group an archetype's id
  by one-to-one matching of its centre to the archetypes on the 1–5 scale, and says how clear the
  grouping is (`silhouette_`, `stability_`, `structure_`). Below `min_samples` candidates it types
  each one against the archetypes directly.
- `nearest_archetype` (from `nearest`): one profile against the archetypes, for one candidate or a round of three.

The estimator returns numbers and ids only; `naming` words them (names of types, the sentence that
explains an assignment) in every language.

    >>> archetypes = load_archetypes()
    >>> model = ManagerTypes(archetypes.profiles, random_state=0).fit(profiles)
    >>> model.structure_, model.predict_types(profiles).head()
    >>> explained = model.explain(profiles.loc[["c17"]])[0]
    >>> explained.type, explained.distinctive, explained.measured
    >>> naming.explanation(explained, archetypes.dimension_names)["de"]

Missing dimensions never drop a candidate: k-means fills them from the candidate's group (k-POD),
distances and silhouettes use the measured dimensions only, so fewer measured dimensions give
flatter probabilities; `coverage` says how many were measured.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClusterMixin, TransformerMixin
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_array, check_is_fitted, validate_data

from assessment.errors import ProfileError

from .clustering import (
    Deviation,
    Silhouette,
    bootstrap,
    choose_k,
    distinctive,
    kmeans_centres,
    match_archetypes,
    membership,
    naming_distances,
    nearest,
    one_thread,
    pool_moments,
    sample_rows,
    sq_distances,
    structure_of,
    within_variance,
)
from .nearest import ArchetypeMatch, nearest_archetype
from .profiles import (
    PROFILE_SCALE,
    check_archetypes,
    check_profiles,
    check_scale,
    midpoint,
    profile_values,
    shapes,
)

__all__ = ["ArchetypeMatch", "Assignment", "FoundType", "ManagerTypes", "nearest_archetype"]


@dataclass(frozen=True)
class FoundType:
    """One type found in a pool.

    `id` is the archetype id when the group matches an archetype closely enough, else `custom_1`, ...
    (`naming.type_names` then describes the group from `distinctive`: "High resilience, low
    relationships"). `archetype` is the archetype the group was matched to even when too far to lend
    its name (`archetype_distance`, RMS scale points; None and NaN when there were more groups than
    archetypes). `distinctive`: the (at most two) dimensions on which the centre most differs from the pool.
    """

    id: str
    size: int
    centre: dict[str, float]
    archetype: str | None
    archetype_distance: float
    distinctive: tuple[Deviation, ...]


@dataclass(frozen=True)
class Assignment:
    """A candidate's type and why: probability of the type, the runner-up type, the share of
    dimensions measured (`coverage` = `measured` / `n_dimensions`), the dimensions that most set
    them apart from the pool (largest |z|) and the size of that pool; `naming.explanation` words it."""

    candidate: Hashable
    type: str
    probability: float
    runner_up: str | None
    runner_up_probability: float
    coverage: float
    distinctive: tuple[Deviation, ...]
    measured: int
    n_dimensions: int
    pool_size: int


class ManagerTypes(ClusterMixin, TransformerMixin, BaseEstimator):
    """Find manager types in a pool of candidates, match them to the archetypes and say what sets
    each candidate apart (numbers and ids; `naming` words them).

    Parameters
    ----------
    archetypes : DataFrame or None
        Archetype profiles: index = type id, columns = dimension ids, values on `scale`.
        None: every group is a custom type (`custom_1`, ...), described from its dimensions by `naming`.
    by_shape : bool
        True (the default): type by the shape of each profile, its values centred on its own mean over
        the measured dimensions plus the scale's midpoint (`profiles.shapes`); archetypes likewise. Types
        then say which dimensions are relatively strong, whatever the overall level, which the caller
        reports separately (`profiles.levels`). Centres, `transform` and explanations are in that space.
        False: type by the raw profile, level included.
    k : int or None
        Number of types; None chooses k in `k_range` by the silhouette of k-means on a sample.
    k_range : (int, int)
        Smallest and largest k tried; the largest is capped at n_samples - 1.
    max_distance : float or None
        A group is named after its matched archetype only if its centre lies within this root mean
        square distance (scale points per dimension) of the archetype's profile; otherwise it gets
        a custom id (and a descriptive name). None: per archetype, 0.4 times its distance to the nearest other
        archetype (0.38-0.65 for the catalog; `naming.naming_distances`). Under half, so a
        group that merges two archetypes, centred between them, bears neither name. In our
        simulations centres of recovered groups lay within 0.25 of their archetype at noise sd 0.8,
        centres found in data without groups 0.74 or more from any.
    spread : float
        Used without clustering (n_samples < min_samples): see `nearest_archetype`.
    min_samples : int
        Fewer candidates than this are typed against the archetypes directly (needs `archetypes`).
    n_init : int
        k-means restarts for each k tried and for each bootstrap refit.
    n_bootstrap : int
        Bootstrap refits behind `stability_`.
    sample_size : int
        Rows (drawn at random) on which k is chosen and stability measured when the pool is larger.
    n_distinctive : int
        Dimensions named in an explanation at most.
    scale : (float, float) or None
        The rating scale; values outside raise ProfileError (a ValueError). None: no check.
    random_state : int, RandomState or None
        Seeds sampling, k-means and bootstrap.

    Attributes
    ----------
    method_ : 'clusters' or 'archetypes' (typed directly, too few candidates to cluster)
    k_ : number of types; `types_`, `type_ids_`, `centres_` (DataFrame, scale units) follow its order
    k_scores_ : {k: silhouette} for every k tried (only `k` when given; empty without clustering)
    labels_ : type index of each fitted candidate
    max_distance_ : Series, the naming threshold used for each archetype (see `max_distance`)
    pool_mean_, pool_sd_ : the standardisation, per dimension
    temperature_ : ``2 sigma**2`` in the membership ``softmax(-d2 / temperature_)`` (`predict_proba`);
        sigma**2 is the pooled within-type variance per standardised dimension (the maximum-likelihood
        variance of a spherical Gaussian mixture with shared variance, given the assignment), or spread**2
    silhouette_, stability_, structure_ : see `structure_of`; NaN, NaN, 'none' without clustering
    """

    def __init__(
        self,
        archetypes=None,
        *,
        by_shape=True,
        k=None,
        k_range=(2, 10),
        max_distance=None,
        spread=0.75,
        min_samples=10,
        n_init=4,
        n_bootstrap=20,
        sample_size=5000,
        n_distinctive=3,
        scale=PROFILE_SCALE,
        random_state=None,
    ):
        self.archetypes = archetypes
        self.by_shape = by_shape
        self.k = k
        self.k_range = k_range
        self.max_distance = max_distance
        self.spread = spread
        self.min_samples = min_samples
        self.n_init = n_init
        self.n_bootstrap = n_bootstrap
        self.sample_size = sample_size
        self.n_distinctive = n_distinctive
        self.scale = scale
        self.random_state = random_state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        return tags

    def fit(self, X, y=None):
        """Find the types in the pool `X` (rows = candidates, columns = dimensions). Returns self."""
        archetypes = check_archetypes(self.archetypes, self.scale) if self.archetypes is not None else None
        if archetypes is not None and self.by_shape:
            archetypes = archetypes.copy()
            archetypes[:] = shapes(archetypes.to_numpy(dtype=float), midpoint(self.scale))
        values = self._validated(X, reset=True, archetypes=archetypes)
        self._check_params(len(values), archetypes)
        observed = ~np.isnan(values)
        self.dimensions_ = self._dimension_ids(archetypes)
        self.pool_mean_, self.pool_sd_ = pool_moments(values, observed, self.scale)
        self.n_samples_fit_ = len(values)
        if len(values) < self.min_samples:
            self._fit_archetypes(archetypes)
        else:
            with one_thread():
                self._fit_clusters(values, observed)
        self.labels_ = self._proba(values, observed).argmax(axis=1)
        self._find_types(archetypes)
        return self

    def predict(self, X):
        """Index of each candidate's most probable type (into `types_`)."""
        return self.predict_proba(X).argmax(axis=1)

    def predict_proba(self, X):
        """Membership probability of each type, shape (n_samples, k_): the spherical-Gaussian
        posterior ``softmax(-d2 / temperature_)`` averaged over the fit and its bootstrap refits
        (see `clustering.membership`)."""
        return self._proba(*self._observed(X))

    def transform(self, X):
        """Distance to each type's centre over the measured dimensions, in the clustering space
        (standardised on the pool; scale units without clustering), shape (n_samples, k_)."""
        values, observed = self._observed(X)
        return np.sqrt(sq_distances(self._to_space(values), observed, self._centres))

    def get_feature_names_out(self, input_features=None):
        """Names of the `transform` columns: the type ids."""
        check_is_fitted(self)
        return np.asarray(self.type_ids_, dtype=object)

    def predict_types(self, X) -> pd.DataFrame:
        """One row per candidate (index kept from `X`): type, probability, runner_up,
        runner_up_probability, coverage (share of dimensions measured)."""
        values, observed = self._observed(X)
        return self._types_table(values, observed, _candidate_ids(X, len(values)))

    def explain(self, X) -> list[Assignment]:
        """Each candidate's type with the reasons, in the row order of `X` (`naming.explanation` words them)."""
        values, observed = self._observed(X)
        ranked = self._ranked(values, observed)
        z = (values - self.pool_mean_) / self.pool_sd_
        total, measured = len(self.dimensions_), observed.sum(axis=1)
        return [
            Assignment(
                candidate, type_id, float(probability), runner_up, float(runner_up_probability), float(coverage),
                distinctive(values[i], z[i], self.dimensions_, self.n_distinctive), int(measured[i]), total,
                int(self.n_samples_fit_),
            )
            for i, (candidate, type_id, probability, runner_up, runner_up_probability, coverage) in enumerate(
                zip(_candidate_ids(X, len(values)), *ranked.values(), strict=True))
        ]

    def _types_table(self, values: np.ndarray, observed: np.ndarray, index: pd.Index) -> pd.DataFrame:
        return pd.DataFrame(self._ranked(values, observed), index=index)

    def _ranked(self, values: np.ndarray, observed: np.ndarray) -> dict[str, np.ndarray]:
        """Per profile: type, probability, runner_up, runner_up_probability, coverage (arrays)."""
        proba = self._proba(values, observed)
        ids = np.asarray(self.type_ids_, dtype=object)
        order = np.argsort(-proba, axis=1, kind="stable")  # the first is `predict`'s, ties included
        rows = np.arange(len(proba))
        has_second = self.k_ > 1
        return {
            "type": ids[order[:, 0]],
            "probability": proba[rows, order[:, 0]],
            "runner_up": ids[order[:, 1]] if has_second else np.full(len(proba), None, dtype=object),
            "runner_up_probability": proba[rows, order[:, 1]] if has_second else np.zeros(len(proba)),
            "coverage": observed.mean(axis=1),
        }

    def summary(self) -> dict:
        """What was found, ready for JSON: k, method, silhouette, stability, structure, n_candidates
        and types [{id, size, centre {dimension: value}, archetype, archetype_distance}]
        (`naming.type_names` gives their names)."""
        check_is_fitted(self)
        return {
            "k": int(self.k_),
            "method": self.method_,
            "silhouette": _json_number(self.silhouette_),
            "stability": _json_number(self.stability_),
            "structure": self.structure_,
            "n_candidates": int(self.n_samples_fit_),
            "types": [
                {"id": t.id, "size": t.size, "centre": {d: round(v, 2) for d, v in t.centre.items()},
                 "archetype": t.archetype, "archetype_distance": _json_number(t.archetype_distance)}
                for t in self.types_
            ],  # fmt: skip
        }

    # -- fitting ---------------------------------------------------------------------------

    def _fit_archetypes(self, archetypes: pd.DataFrame) -> None:
        """Too few candidates for groups to mean anything: the archetypes are the types."""
        self.method_, self.k_, self.k_scores_ = "archetypes", len(archetypes), {}
        self._standardise = False
        self._centres = archetypes.to_numpy(dtype=float)
        self._ensemble = self._centres[None]
        self.temperature_ = 2 * self.spread**2
        self.silhouette_ = self.stability_ = math.nan
        self.structure_ = "none"

    def _fit_clusters(self, values: np.ndarray, observed: np.ndarray) -> None:
        rng = check_random_state(self.random_state)
        self.method_, self._standardise = "clusters", True
        z = self._to_space(values)
        sample = sample_rows(len(z), self.sample_size, rng)
        z_sample, observed_sample = z[sample], observed[sample]
        silhouette = Silhouette(z_sample, observed_sample, rng)
        ks = [self.k] if self.k is not None else list(range(self.k_range[0], self._k_max(len(z)) + 1))
        self.k_, self.k_scores_, init = choose_k(z_sample, observed_sample, ks, self.n_init, rng, silhouette)
        centres = kmeans_centres(z, observed, self.k_, init, 1, rng)
        labels = nearest(z, observed, centres)
        order = np.argsort(-np.bincount(labels, minlength=self.k_), kind="stable")
        self._centres = centres[order]
        labels = np.argsort(order)[labels]
        self.temperature_ = 2 * within_variance(z, observed, self._centres, labels)
        self.silhouette_ = silhouette.score(labels[sample])
        self.stability_, refits = bootstrap(
            z_sample, observed_sample, labels[sample], self.n_bootstrap, self.n_init, rng
        )
        self._ensemble = np.concatenate([self._centres[None], refits])
        self.structure_ = structure_of(self.silhouette_, self.stability_)

    def _k_max(self, n_samples: int) -> int:
        return max(self.k_range[0], min(self.k_range[1], n_samples - 1))

    def _find_types(self, archetypes: pd.DataFrame | None) -> None:
        """Ids, sizes and centres of the types (`types_`, `type_ids_`, `centres_`)."""
        centres = self._centres * self.pool_sd_ + self.pool_mean_ if self._standardise else self._centres
        match, distance = self._matches(centres, archetypes)
        self.max_distance_ = self._max_distance(archetypes)
        sizes = np.bincount(self.labels_, minlength=self.k_)
        types, n_custom = [], 0
        for i, centre in enumerate(centres):
            reasons = distinctive(centre, (centre - self.pool_mean_) / self.pool_sd_, self.dimensions_, n=2)
            archetype = archetypes.index[match[i]] if match[i] >= 0 else None
            if archetype is not None and distance[i] <= self.max_distance_[archetype]:
                type_id = archetype
            else:
                n_custom += 1
                type_id = f"custom_{n_custom}"
            profile = dict(zip(self.dimensions_, centre.tolist(), strict=True))
            types.append(FoundType(type_id, int(sizes[i]), profile, archetype, float(distance[i]), reasons))
        self.types_ = types
        self.type_ids_ = [found.id for found in types]
        self.centres_ = pd.DataFrame(centres, index=self.type_ids_, columns=self.dimensions_)

    def _max_distance(self, archetypes: pd.DataFrame | None) -> pd.Series:
        if archetypes is None:
            return pd.Series(dtype=float)
        if self.max_distance is not None:
            return pd.Series(float(self.max_distance), index=archetypes.index)
        return pd.Series(naming_distances(archetypes.to_numpy(dtype=float)), index=archetypes.index)

    def _matches(self, centres: np.ndarray, archetypes: pd.DataFrame | None) -> tuple[np.ndarray, np.ndarray]:
        if archetypes is None:
            return np.full(len(centres), -1), np.full(len(centres), np.nan)
        if self.method_ == "archetypes":
            return np.arange(len(centres)), np.zeros(len(centres))
        return match_archetypes(centres, archetypes.to_numpy(dtype=float))

    # -- input -----------------------------------------------------------------------------

    def _validated(self, X, *, reset: bool, archetypes: pd.DataFrame | None = None) -> np.ndarray:
        """X as a float array with NaN for missing values; DataFrame columns are put in the
        order of the archetypes (fit) or of the fitted dimensions (predict); shapes with `by_shape`."""
        values = self._checked(X, reset=reset, archetypes=archetypes)
        return shapes(values, midpoint(self.scale)) if self.by_shape else values

    def _checked(self, X, *, reset: bool, archetypes: pd.DataFrame | None = None) -> np.ndarray:
        if isinstance(X, pd.DataFrame):
            expected = self._expected_columns(X, reset, archetypes)
            if not reset and expected is not None:
                # The columns are exactly the fitted dimensions, so scikit-learn's feature-name check
                # holds; skipping its DataFrame path keeps typing one candidate under a millisecond.
                values, _ = profile_values(X, expected, self.scale)
                return check_array(values, ensure_all_finite="allow-nan", dtype=np.float64)
            X = check_profiles(X, expected, self.scale)
        values = validate_data(self, X, reset=reset, ensure_all_finite="allow-nan", dtype=np.float64)
        if not isinstance(X, pd.DataFrame):
            check_scale(values, self.scale)
        if reset and archetypes is not None and values.shape[1] != archetypes.shape[1]:
            raise ProfileError(f"X has {values.shape[1]} dimensions, the archetypes {archetypes.shape[1]}",
                               code="dimensions_mismatch", given=values.shape[1], expected=archetypes.shape[1])
        return values

    def _expected_columns(self, X: pd.DataFrame, reset: bool, archetypes: pd.DataFrame | None):
        if reset:
            return list(archetypes.columns) if archetypes is not None else None
        fitted = getattr(self, "feature_names_in_", None)
        if fitted is not None and set(map(str, X.columns)) == set(fitted):
            return list(fitted)
        return None  # let scikit-learn report the mismatch in its own words

    def _observed(self, X) -> tuple[np.ndarray, np.ndarray]:
        check_is_fitted(self)
        values = self._validated(X, reset=False)
        return values, ~np.isnan(values)

    def _check_params(self, n_samples: int, archetypes: pd.DataFrame | None) -> None:
        if n_samples < self.min_samples and archetypes is None:
            raise ProfileError(
                f"n_samples={n_samples} is too few to form types without archetypes; "
                f"at least min_samples={self.min_samples} are needed",
                code="too_few_candidates", count=n_samples, minimum=self.min_samples,
            )
        if self.k is not None and n_samples < self.min_samples:
            raise ProfileError(
                f"k={self.k} needs at least {self.min_samples} candidates; with {n_samples}, "
                "leave k unset and they are typed against the archetypes directly",
                code="k_too_few_candidates", k=self.k, minimum=self.min_samples, count=n_samples,
            )
        if self.k is not None and not 2 <= self.k <= n_samples - 1:
            raise ProfileError(f"k must be between 2 and {n_samples - 1} (n_samples - 1), got {self.k}",
                               code="k_range", k=self.k, maximum=n_samples - 1)
        low, high = self.k_range
        if not 2 <= low <= high:
            raise ValueError(f"k_range must be (low, high) with 2 <= low <= high, got {self.k_range}")
        if self.n_bootstrap < 1 or self.n_init < 1 or self.sample_size < 2 * high or self.spread <= 0:
            raise ValueError("n_bootstrap and n_init must be >= 1, sample_size >= 2 * k_range[1], spread > 0")

    def _dimension_ids(self, archetypes: pd.DataFrame | None) -> list[str]:
        if hasattr(self, "feature_names_in_"):
            return [str(c) for c in self.feature_names_in_]
        if archetypes is not None:
            return list(archetypes.columns)
        return [f"x{j}" for j in range(self.n_features_in_)]

    def _proba(self, values: np.ndarray, observed: np.ndarray) -> np.ndarray:
        return membership(self._to_space(values), observed, self._ensemble, self.temperature_)

    def _to_space(self, values: np.ndarray) -> np.ndarray:
        return (values - self.pool_mean_) / self.pool_sd_ if self._standardise else values


def _candidate_ids(X, n: int) -> pd.Index:
    return X.index if isinstance(X, pd.DataFrame) else pd.RangeIndex(n)


def _json_number(value: float) -> float | None:
    return None if value is None or math.isnan(value) else round(float(value), 4)
