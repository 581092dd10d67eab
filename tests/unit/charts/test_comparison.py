"""The committee's charts: figure types, content, sorting, translations, empty data and escaping."""

from __future__ import annotations

import html
import json
from types import SimpleNamespace

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from assessment.catalog import load_catalog
from assessment.charts import comparison as charts
from assessment.charts import heatmap as heatmap_module
from assessment.charts import labels, style
from assessment.errors import NotFound
from assessment.i18n import LANGUAGES, strings, t
from assessment.results import RoundResults
from assessment.results.loader import load_round
from assessment.store import CandidateStatus, Round, Store, item_keys
from tests.conftest import FIXTURES

IMG = "<img src=x onerror=alert(1)>"
BOLD = "<b>bold</b>"
SCRIPT = "<script>alert(2)</script>"
LONG = "Annabelle Konstantinopoulou-Vandenberghe-Schmidt"
# Interviewers' ratings (listening, planning, saying_no); None = not observed. Targets are 4, 3, 5.
INTERVIEWS = {
    LONG: {"Kim": (4, 3, 5), "Lee": (5, 3, 5), "Max": (4, 3, 5)},  # high and consistent: the leader
    IMG: {"Kim": (5, 3, 4), SCRIPT: (2, 3, 5)},  # close to the leader, one wide disagreement
    BOLD: {"Kim": (1, 1, 1), "Lee": (2, 1, 1), "Max": (1, 1, 2)},  # far behind, consistent
    "Solo": {"Kim": (3, 2, None)},  # one interviewer: no interval
}
SELF = {LONG: 5, IMG: 4, BOLD: 2, "Dora": 3}  # the self-assessment on every competency
ALL_NAMES = [LONG, IMG, BOLD, "Solo", "Dora", "Eve"]


def _interview(store: Store, candidate_id: int, interviewer: str, values: tuple) -> None:
    interview = store.start_interview(candidate_id, interviewer)
    version = interview.version
    for competency, value in zip(("listening", "planning", "saying_no"), values, strict=True):
        version = store.save_rating(interview.id, version, competency, value, not_observed=value is None,
                                    notes="<i>note</i>")
    version = store.set_recommendation(interview.id, version, "yes")
    store.submit_interview(interview.id, version)


@pytest.fixture
def results(sqlite_store) -> RoundResults:
    """A sample_role round: a leader, a close second, one far behind, one with a single interviewer,
    one with a self-assessment only and one with nothing."""
    round_ = sqlite_store.create_round("Round", "sample_role")
    ids = {name: sqlite_store.add_candidate(round_.id, name).id for name in ALL_NAMES}
    catalog = sqlite_store.catalog_of_round(round_.id)
    for name, value in SELF.items():
        sqlite_store.give_consent(ids[name])
        for competency in catalog.competencies:
            for item in competency.self_items:  # reverse-keyed items answered the other way round
                sqlite_store.save_answer(ids[name], f"{competency.id}.{item.id}", 6 - value if item.reverse else value)
    for name, interviews in INTERVIEWS.items():
        for interviewer, values in interviews.items():
            _interview(sqlite_store, ids[name], interviewer, values)
    return load_round(sqlite_store, round_.id)


@pytest.fixture
def empty_results(sqlite_store) -> RoundResults:
    round_ = sqlite_store.create_round("Empty", "sample_role")
    sqlite_store.add_candidate(round_.id, "Only Candidate")
    return load_round(sqlite_store, round_.id)


def _id(results: RoundResults, name: str) -> int:
    return int(results.candidates.index[results.candidates["name"] == name][0])


def _all_figures(results: RoundResults, lang: str = "en") -> list[go.Figure]:
    first = int(results.candidates.index[0])
    return [charts.profile_radar(results, list(results.candidates.index), lang),
            charts.competency_heatmap(results, lang), charts.competency_heatmap(results, lang, source="self"),
            charts.fit_ranking(results, lang), charts.self_vs_interview(results, first, lang),
            charts.disagreement_chart(results, lang)]


def _notes(fig: go.Figure) -> list[str]:
    return [annotation.text for annotation in fig.layout.annotations]


def _strings(node):
    """Every string in a decoded figure JSON."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


# -- plain ------------------------------------------------------------------------------------


def test_plain_escapes_markup_and_ampersands():
    assert style.plain(IMG) == "&lt;img src=x onerror=alert(1)&gt;"
    assert style.plain("AT&T <b>") == "AT&amp;T &lt;b&gt;"
    assert style.plain("Ольга 'O\"Neil'") == "Ольга 'O\"Neil'"
    assert style.plain(None) == "" and style.plain(42) == "42"


def test_short_cuts_before_escaping_so_no_entity_is_split():
    label = style.short("<" * 40, limit=10)
    assert label == "&lt;" * 9 + "…"
    assert style.short("Ann", limit=10) == "Ann"


# -- profile_radar ----------------------------------------------------------------------------


def test_radar_shows_target_dashed_and_each_interviewed_candidate(results):
    chosen = [_id(results, LONG), _id(results, BOLD)]
    fig = charts.profile_radar(results, chosen, "de")
    assert all(isinstance(trace, go.Scatterpolar) for trace in fig.data)
    target, *candidates = fig.data
    assert target.name == t("common.role_target", "de") and target.line.dash == "dash"
    assert list(target.r) == [4, 3, 5, 4]  # closed outline
    assert list(target.theta) == ["K1", "K2", "K3", "K1"]  # short labels; the key and the hover name them
    assert "K1 · Listening (de)" in target.hovertext[0] and "Saying_No (de)" in candidates[0].hovertext[2]
    assert [trace.name for trace in candidates] == [style.short(LONG), style.plain(BOLD)]
    means = results.interview_means.loc[chosen[1]]
    assert list(candidates[1].r[:3]) == pytest.approx(list(means))
    assert fig.layout.polar.radialaxis.range == (1, 5)
    assert LONG in candidates[0].hovertext[0]  # full name in hover, short one in the legend


def test_radar_notes_candidates_without_interviews(results):
    fig = charts.profile_radar(results, [_id(results, "Dora"), _id(results, LONG)], "en")
    assert len(fig.data) == 2
    assert any("Dora" in note for note in _notes(fig))
    only_dora = charts.profile_radar(results, [_id(results, "Dora")], "en")
    assert _notes(only_dora) == [t("charts.radar.empty", "en")]
    assert _notes(charts.profile_radar(results, [], "en")) == [t("charts.radar.choose", "en")]


def test_radar_refuses_a_candidate_of_another_round(results):
    with pytest.raises(NotFound):
        charts.profile_radar(results, [999_999], "en")


# -- competency_heatmap -----------------------------------------------------------------------


def test_heatmap_has_candidates_by_competencies_with_values_and_grey_gaps(results):
    fig = charts.competency_heatmap(results, "en")
    heatmap, gaps = fig.data
    assert isinstance(heatmap, go.Heatmap) and (heatmap.zmin, heatmap.zmax) == (1, 5)
    interviewed = [_id(results, name) for name in INTERVIEWS]
    assert list(fig.layout.yaxis.ticktext) == [style.short(name) for name in INTERVIEWS]
    assert np.allclose(np.array(heatmap.z, dtype=float), results.interview_means.loc[interviewed], equal_nan=True)
    solo = list(INTERVIEWS).index("Solo")
    assert list(heatmap.text[solo]) == ["3.0", "2.0", ""]  # not observed: no number, no score colour
    assert np.isnan(heatmap.z[solo][2])
    # …but a grey cell with a dash of its own, never a blank that reads as the palest score
    assert gaps.name == t("charts.heatmap.no_score", "en") and gaps.showscale is False
    assert {colour for _, colour in gaps.colorscale} == {heatmap_module.NO_SCORE_COLOR}
    missing = ~np.isnan(np.array(gaps.z, dtype=float))
    assert missing.sum() == 1 and missing[solo][2] and gaps.text[solo][2] == "–"
    assert t("charts.heatmap.not_rated_interview", "en") in gaps.hovertext[solo][2]
    # columns by short code, upright; the full names in the hover texts
    assert list(fig.layout.xaxis.ticktext) == ["C1", "C2", "C3"]
    assert "C3 · Saying_No" in heatmap.hovertext[0][2]


def test_heatmap_self_source_uses_self_scores(results):
    fig = charts.competency_heatmap(results, "de", source="self")
    heatmap = fig.data[0]
    assert fig.layout.title.text == t("charts.heatmap.title_self", "de")
    assert list(fig.layout.yaxis.ticktext) == [style.short(name) for name in SELF]
    assert np.array(heatmap.z)[:, 0].tolist() == list(SELF.values())
    assert heatmap.text[0][0] == "5,0"  # German decimal comma


def test_heatmap_rejects_an_unknown_source(results):
    with pytest.raises(ValueError):
        charts.competency_heatmap(results, "en", source="peers")


# -- fit_ranking ------------------------------------------------------------------------------


def _ranking_rows(fig: go.Figure) -> dict[int, tuple[str, go.Scatter, int]]:
    """row → (trace name, trace, index of the point in the trace); legend-only entries left out."""
    return {int(y): (trace.name, trace, index) for trace in fig.data for index, y in enumerate(trace.y)
            if y is not None}


def test_fit_ranking_sorts_by_fit_and_leaves_out_the_uninterviewed(results):
    fig = charts.fit_ranking(results, "en")
    expected = results.fit.loc[[_id(results, name) for name in INTERVIEWS]].assign(name=list(INTERVIEWS))
    expected = expected.sort_values("fit", ascending=False)
    assert list(fig.layout.yaxis.ticktext) == [style.short(name) for name in expected["name"]]
    rows = _ranking_rows(fig)
    assert sorted(rows) == list(range(len(INTERVIEWS)))  # Dora and Eve are not there
    fits = [rows[row][1].x[rows[row][2]] for row in sorted(rows)]
    assert fits == sorted(fits, reverse=True)


def test_fit_ranking_draws_asymmetric_intervals_and_marks_overlap_with_the_leader(results):
    fig = charts.fit_ranking(results, "en")
    rows = _ranking_rows(fig)
    groups = [rows[row][0] for row in sorted(rows)]
    assert groups == [labels.wrap(t(f"charts.fit.{group}", "en"), charts.LEGEND_CHARS)
                      for group in ("leader", "tied", "behind", "behind")]
    for row, name in ((0, LONG), (1, IMG), (3, BOLD)):
        _, trace, index = rows[row]
        fit = results.fit.loc[_id(results, name)]
        assert trace.error_x.symmetric is False
        assert trace.error_x.array[index] == pytest.approx(fit["fit_high"] - fit["fit"])
        assert trace.error_x.arrayminus[index] == pytest.approx(fit["fit"] - fit["fit_low"])
    _, solo, _ = rows[2]
    assert solo.error_x.array is None and solo.marker.symbol == "circle-open"  # no interval, no bar
    assert t("charts.fit.no_interval", "en") in solo.hovertext[0]
    # the hollow marker is explained in the legend; the group keeps a filled marker of its own there
    assert solo.showlegend is False
    key = [trace for trace in fig.data if trace.name == t("charts.no_interval_legend", "en")]
    assert len(key) == 1 and key[0].marker.symbol == "circle-open" and key[0].showlegend is not False
    leader = results.fit.loc[_id(results, LONG)]
    (band,) = fig.layout.shapes
    assert (band.x0, band.x1) == pytest.approx((leader["fit_low"], leader["fit_high"]))


def test_fit_ranking_without_interviews_says_so(empty_results):
    fig = charts.fit_ranking(empty_results, "ru")
    assert fig.data == () and _notes(fig) == [t("charts.no_interviews", "ru")]


# -- self_vs_interview ------------------------------------------------------------------------


def _legend(key: str, lang: str = "en") -> str:
    return labels.wrap(t(key, lang), charts.LEGEND_CHARS)


def _row_titles(fig: go.Figure) -> list[str]:
    """The titles written above the rows (annotations on the y axis), top to bottom."""
    return [a.text for a in sorted((a for a in fig.layout.annotations if a.yref == "y" and a.x == 0),
                                   key=lambda a: a.y)]


def test_self_vs_interview_draws_both_views_the_gap_and_the_interviewers_spread(results):
    cid = _id(results, IMG)  # Kim (5, 3, 4) and SCRIPT (2, 3, 5); self 4 everywhere
    fig = charts.self_vs_interview(results, cid, "en")
    by_name = {trace.name: trace for trace in fig.data}
    self_view = by_name[_legend("charts.self_vs.self_legend")]
    interview = by_name[_legend("charts.self_vs.interview_legend")]
    assert list(self_view.x) == [4, 4, 4]
    table = results.interview[results.interview["candidate"] == cid].set_index("competency")
    table = table.loc[["listening", "planning", "saying_no"]]
    assert list(interview.x) == pytest.approx(list(table["mean"]))
    # the bar runs from the lowest to the highest interviewer's rating, not over the (scale-wide) 95% interval
    assert list(interview.error_x.array) == pytest.approx([5 - 3.5, 0, 5 - 4.5])
    assert list(interview.error_x.arrayminus) == pytest.approx([3.5 - 2, 0, 4.5 - 4])
    assert "95% interval" in interview.hovertext[0] and "Interviewers' ratings: 2 to 5" in interview.hovertext[0]
    gap_line = by_name[None]
    assert list(gap_line.x[:2]) == pytest.approx([4, table["mean"].iloc[0]])
    assert "+0.5" in self_view.hovertext[0]  # self 4 minus interviewers 3.5
    assert list(by_name[t("common.role_target", "en")].x) == [4, 3, 5]
    gaps = [a.text for a in fig.layout.annotations if a.yref == "y" and a.x == 1]
    assert gaps == ["+0.5", "+1.0", "−0.5"] or gaps == ["+0.5", "+1.0", "-0.5"]
    assert _row_titles(fig) == ["C1 · Listening", "C2 · Planning", "C3 · Saying_No"]
    assert fig.layout.xaxis.range == pytest.approx((1.75, 5.25))  # what is drawn, with room for the markers


def test_self_vs_interview_fits_the_axis_to_the_data(results):
    fig = charts.self_vs_interview(results, _id(results, LONG), "en")  # ratings 3 to 5, self 5, targets 3 to 5
    low, high = fig.layout.xaxis.range
    assert (low, high) == pytest.approx((2.75, 5.25))  # not the whole scale from 1
    assert fig.layout.xaxis.dtick == 0.5


def test_self_vs_interview_with_one_side_or_none(results):
    solo = charts.self_vs_interview(results, _id(results, "Solo"), "en")
    (interview,) = [trace for trace in solo.data if trace.name == _legend("charts.self_vs.interview_legend")
                    and trace.x[0] is not None]  # not the legend's entry
    assert interview.error_x.array is None and list(interview.x) == [3, 2] and interview.marker.symbol == "circle-open"
    assert _legend("charts.self_vs.one_interviewer") in {trace.name for trace in solo.data}  # the hollow explained
    dora = charts.self_vs_interview(results, _id(results, "Dora"), "en")
    assert _legend("charts.self_vs.interview_legend") not in {trace.name for trace in dora.data}
    eve = charts.self_vs_interview(results, _id(results, "Eve"), "de")
    assert eve.data == () and _notes(eve) == [t("charts.self_vs.empty", "de")]
    with pytest.raises(NotFound):
        charts.self_vs_interview(results, 999_999, "en")


# -- disagreement_chart -----------------------------------------------------------------------


def test_disagreement_shows_who_rated_what(results):
    fig = charts.disagreement_chart(results, "en", threshold=2)
    assert _row_titles(fig) == [f"{style.short(IMG)} · C1<br>Listening"]
    raters = {trace.name: list(trace.x) for trace in fig.data if trace.name}
    assert raters == {"Kim": [5], style.plain(SCRIPT): [2]}
    (script,) = [trace for trace in fig.data if trace.name == style.plain(SCRIPT)]
    assert f"Interviewer: {style.plain(SCRIPT)}" in script.hovertext[0]
    wider = charts.disagreement_chart(results, "en", threshold=1)
    assert len(_row_titles(wider)) > 1
    spreads = [trace for trace in wider.data if trace.name is None][0]
    widths = [b - a for a, b in zip(spreads.x[0::3], spreads.x[1::3], strict=True)]
    assert widths == sorted(widths, reverse=True)  # widest first


def test_disagreement_limit_says_how_many_are_shown(results):
    fig = charts.disagreement_chart(results, "en", threshold=1, limit=1)
    assert len(_row_titles(fig)) == 1
    assert "Showing the 1 widest of" in fig.layout.title.text


def test_no_disagreement_gives_a_clear_note(results):
    fig = charts.disagreement_chart(results, "ru", threshold=4)
    assert fig.data == () and _notes(fig) == [t("charts.disagreement.none", "ru", threshold="4")]


# -- every figure ----------------------------------------------------------------------------


def test_titles_differ_between_languages(results):
    titles = {lang: [fig.layout.title.text for fig in _all_figures(results, lang)] for lang in LANGUAGES}
    for en, de, ru in zip(titles["en"], titles["de"], titles["ru"], strict=True):
        assert en and de and ru and len({en, de, ru}) == 3


def test_every_chart_text_exists_in_three_languages():
    texts = {key: value for key, value in strings().items() if key.startswith("charts.")}
    assert texts
    for key, value in texts.items():
        assert set(value) == set(LANGUAGES) and all(value[lang].strip() for lang in LANGUAGES), key
        assert value["en"] != value["de"] and value["en"] != value["ru"], key


def test_no_chart_is_ever_blank(empty_results):
    for fig in _all_figures(empty_results, "de"):
        assert _notes(fig), fig.layout.title.text


def test_user_text_is_never_markup_in_any_figure(results):
    for fig in _all_figures(results) + [charts.disagreement_chart(results, "en", threshold=1)]:
        raw = fig.to_json()
        assert "<img" not in raw and "\\u003cimg" not in raw and "\\u003cscript" not in raw
        decoded = list(_strings(json.loads(raw)))
        for text in decoded:
            assert "<img" not in text and "<b>bold" not in text and "<script" not in text and "<i>" not in text
            assert "&amp;lt;" not in text  # escaped once, not twice
    hover = " ".join(_strings(json.loads(charts.fit_ranking(results, "en").to_json())))
    assert "&lt;img src=x onerror=alert(1)&gt;" in hover and "&lt;b&gt;bold&lt;/b&gt;" in hover


def test_figures_grow_with_the_number_of_candidates(results):
    large = _synthetic_results(200)
    assert charts.fit_ranking(large, "en").layout.height > charts.fit_ranking(results, "en").layout.height


def test_two_hundred_candidates_build():
    large = _synthetic_results(200)
    for fig in _all_figures(large, "ru"):
        assert fig.data and fig.layout.height >= style.MIN_PX
        fig.to_json()
    heatmap = charts.competency_heatmap(large, "en", limit=len(large.interviewed()))
    assert len(heatmap.data[0].z) == len(large.interviewed())
    labels = heatmap.layout.yaxis.ticktext
    assert max(len(html.unescape(label)) for label in labels) <= style.LABEL_CHARS
    assert len(set(heatmap.layout.yaxis.tickvals)) == len(labels)  # namesakes keep their own rows


@pytest.mark.slow
def test_a_large_round_sends_bounded_figures():
    """2,000 candidates: the ranking and both heatmaps show the best 100 and say so, and stay small."""
    large = _synthetic_results(2_000)
    order = pd.DataFrame({"fit": large.fit["fit"], "name": large.candidates["name"]}).loc[
        large.interview_means.dropna(how="all").index]
    best = order.sort_values(["fit", "name"], ascending=[False, True]).index[:charts.CANDIDATE_ROWS]
    figures = {"fit": charts.fit_ranking(large, "de"), "interview": charts.competency_heatmap(large, "de"),
               "self": charts.competency_heatmap(large, "de", "self")}
    totals = {"fit": len(large.interviewed()), "interview": len(large.interview_means.dropna(how="all")),
              "self": len(large.self_scores.dropna(how="all"))}
    for name, fig in figures.items():
        assert f" {charts.CANDIDATE_ROWS} " in fig.layout.title.text, name
        assert f" {totals[name]} " in fig.layout.title.text and totals[name] > charts.CANDIDATE_ROWS, name
        assert len(fig.to_json()) < 600_000, name
    assert len(figures["interview"].data[0].z) == charts.CANDIDATE_ROWS
    shown = {html.unescape(label) for label in figures["interview"].layout.yaxis.ticktext}
    assert shown == {html.unescape(charts.short(large.candidates.loc[cid, "name"])) for cid in best}


# -- a synthetic round, for size ---------------------------------------------------------------


class SyntheticStore:
    """Stands in for a `Store`: the methods `load_round` reads, over random data."""

    def __init__(self, catalog, candidates: int, seed: int = 7) -> None:
        rng = np.random.default_rng(seed)
        self.catalog = catalog
        self.people = [SimpleNamespace(id=i + 1, name=_synthetic_name(i), email=None, language="en",
                                       submitted_at=None, withdrawn_at=None) for i in range(candidates)]
        items = item_keys(catalog)
        ids = np.repeat([p.id for p in self.people], len(items))
        self.answers = pd.DataFrame({"candidate": ids, "item": items * candidates,
                                     "value": rng.integers(1, 6, ids.size), "answered_at": None})
        self.answers = self.answers.sample(frac=0.9, random_state=seed)  # some left unanswered
        self.ratings = _synthetic_ratings(rng, catalog, [p.id for p in self.people if p.id % 10])

    def get_round(self, round_id: int) -> Round:
        return Round(id=round_id, name="Synthetic", catalog_id=self.catalog.id, catalog_version="1")

    def catalog_of_round(self, round_id: int):
        return self.catalog

    def statuses(self, round_id: int) -> list[CandidateStatus]:
        done = self.ratings.groupby("candidate")["interview"].nunique()
        answered = self.answers.groupby("candidate").size()
        return [CandidateStatus(p, int(answered.get(p.id, 0)), len(item_keys(self.catalog)), int(done.get(p.id, 0)),
                                True) for p in self.people]

    def candidates_frame(self, round_id: int) -> pd.DataFrame:
        return pd.DataFrame([{"candidate": s.candidate.id, "name": s.candidate.name, "email": s.candidate.email,
                              "language": s.candidate.language, "submitted_at": s.candidate.submitted_at,
                              "answered": s.answered, "interviews": s.submitted_interviews, "state": s.state}
                             for s in self.statuses(round_id)])

    def answers_frame(self, round_id: int) -> pd.DataFrame:
        return self.answers

    def ratings_frame(self, round_id: int) -> pd.DataFrame:
        return self.ratings

    def interviews_frame(self, round_id: int) -> pd.DataFrame:
        return self.ratings.drop_duplicates("interview")[["interview", "candidate", "interviewer", "status"]]

    def consensus_frame(self, round_id: int) -> pd.DataFrame:  # no debrief yet
        return pd.DataFrame(columns=["candidate", "competency", "value", "note", "recorded_by", "recorded_at"])

    def decisions_frame(self, round_id: int) -> pd.DataFrame:
        return pd.DataFrame(columns=["candidate", "verdict", "reasons", "decided_by", "decided_at"])

    def round_frames(self, round_id: int) -> dict[str, pd.DataFrame]:
        return {"candidates": self.candidates_frame(round_id), "answers": self.answers_frame(round_id),
                "ratings": self.ratings_frame(round_id), "interviews": self.interviews_frame(round_id),
                "consensus": self.consensus_frame(round_id), "decisions": self.decisions_frame(round_id)}

    def plan_of(self, round_id: int):
        return None  # no plan: the whole catalog, as before plans existed


def _synthetic_name(index: int) -> str:
    names = ["Anna Schneider", "Ольга Смирнова", IMG, "Maximilian Alexander von Hohenzollern-Sigmaringen", BOLD]
    return f"{names[index % len(names)]} {index // len(names)}" if index % 7 else "Namesake"


def _synthetic_ratings(rng, catalog, candidate_ids: list[int]) -> pd.DataFrame:
    """Two to four interviewers out of twelve per candidate; 5% not observed."""
    interviewers = [f"Interviewer {i}" for i in range(11)] + [SCRIPT]
    rows, interview = [], 0
    for cid in candidate_ids:
        level = rng.uniform(1.5, 4.5)
        for interviewer in rng.choice(interviewers, size=rng.integers(2, 5), replace=False):
            interview += 1
            for competency in catalog.competencies:
                value = float(np.clip(round(level + rng.normal(0, 0.9)), 1, 5))
                rows.append({"candidate": cid, "interview": interview, "interviewer": str(interviewer),
                             "competency": competency.id, "value": np.nan if rng.random() < 0.05 else value,
                             "not_observed": False, "notes": "", "status": "submitted"})
    return pd.DataFrame(rows)


def _synthetic_results(candidates: int, catalog=None) -> RoundResults:
    catalog = catalog or load_catalog("sample_role", FIXTURES / "catalogs").catalog
    return load_round(SyntheticStore(catalog, candidates), 1)


def test_the_ranking_and_heatmap_draw_the_chosen_candidates_best_first():
    large = _synthetic_results(200)
    ranked = charts.ranked_fit(large)
    chosen = [int(c) for c in ranked.index[[5, 0, 40]]]
    ranking = charts.fit_ranking(large, "en", candidate_ids=chosen)
    drawn = sorted(int(y) for trace in ranking.data for y in trace.y)
    assert drawn == [0, 1, 2] and "3" in ranking.layout.title.text  # three shown of all, and said so
    assert ranking.layout.yaxis.ticktext[0] == html.escape(style.short(ranked.loc[chosen[1], "name"]))
    heatmap = charts.competency_heatmap(large, "en", candidate_ids=chosen)
    assert len(heatmap.data[0].z) == 3


def test_the_score_distribution_sums_up_every_candidate_in_one_small_figure():
    large = _synthetic_results(2_000)
    fig = charts.score_distribution(large, "en")
    shares = np.array(fig.data[0].z, dtype=float)
    assert shares.shape == (len(large.catalog.competencies), 5)
    assert np.allclose(shares.sum(axis=1), 1.0)
    assert len(fig.to_json()) < 30_000  # whatever the number of candidates
    assert f"({len(large.interviewed())} candidates)" in fig.layout.title.text  # those with a score


def test_the_ranking_axis_spans_the_drawn_fits_not_always_the_whole_percent_range():
    close = pd.DataFrame({"fit": [65.0, 89.0], "fit_low": [np.nan, 80.0], "fit_high": [np.nan, 97.0]})
    assert charts._fit_range(close) == pytest.approx([61, 101])
    assert charts._fit_range(close.assign(fit=[99.0, 99.0], fit_low=np.nan, fit_high=np.nan)) == pytest.approx(
        [72, 102])  # at least 30 points wide, never beyond 102 %
    wide = pd.DataFrame({"fit": [1.0, 50.0], "fit_low": [0.0, 40.0], "fit_high": [10.0, 100.0]})
    assert charts._fit_range(wide) == pytest.approx([-2, 102])
