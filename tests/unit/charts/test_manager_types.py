"""Charts of the Manager types page: content, translations and escaping of names."""

from __future__ import annotations

import json

import pytest

from assessment.charts import manager_types as type_charts
from assessment.results import type_round
from assessment.results.loader import load_round
from tests.conftest import demo_copy

IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def typed(demo_database, tmp_path_factory):
    store = demo_copy(demo_database, tmp_path_factory.mktemp("charts"))
    candidate = store.add_candidate(2, IMG)
    store.give_consent(candidate.id)
    catalog = store.catalog_of_round(2)
    for competency in catalog.competencies:
        for item in competency.self_items:
            store.save_answer(candidate.id, f"{competency.id}.{item.id}", 2 if item.reverse else 4)
    yield type_round(load_round(store, 2), "self")
    store.engine.dispose()


def test_the_map_has_a_trace_per_type_and_one_for_the_archetypes(typed):
    fig = type_charts.type_map(typed, "en")
    candidates, archetypes = fig.data[:-1], fig.data[-1]
    assert len(candidates) == len(typed.present_types())
    assert sum(len(trace.x) for trace in candidates) == len(typed.table)
    assert len(archetypes.x) == len(typed.archetypes.profiles)
    assert "Main axis 1" in fig.layout.xaxis.title.text


@pytest.mark.parametrize("lang, word", [("de", "Hauptachse"), ("ru", "Главная ось")])
def test_the_map_speaks_the_reader_s_language(typed, lang, word):
    fig = type_charts.type_map(typed, lang)
    assert word in fig.layout.xaxis.title.text and fig.layout.separators in (",.", ", ")


def test_a_hostile_name_reaches_the_figures_only_escaped(typed):
    fig = type_charts.type_map(typed, "en")
    text = json.dumps(fig.to_plotly_json(), default=str)
    assert IMG not in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    for type_id in typed.present_types():
        assert "<img" not in json.dumps(type_charts.type_radar(typed, type_id, "en").to_plotly_json(), default=str)


def test_a_type_radar_shows_its_archetype_dashed_and_its_candidates(typed):
    type_id = typed.present_types()[0]
    fig = type_charts.type_radar(typed, type_id, "en")
    archetype, members = fig.data
    assert archetype.line.dash == "dash" and "Archetype" in archetype.name
    profile = typed.archetypes.profiles.loc[typed.matched_archetype(type_id)]
    assert list(archetype.r[:-1]) == profile.tolist()
    assert list(members.r[:-1]) == pytest.approx(typed.members_profile(type_id).tolist())
    assert archetype.r[0] == archetype.r[-1], "the outline is closed"


def test_each_type_keeps_its_colour_on_the_map_and_the_radar(typed):
    type_id = typed.present_types()[0]
    map_colour = type_charts.type_map(typed, "en").data[0].marker.color
    assert map_colour == type_charts.type_radar(typed, type_id, "en").data[-1].line.color


def test_a_large_round_s_map_gathers_candidates_on_a_grid(typed, monkeypatch):
    monkeypatch.setattr(type_charts, "MAP_POINTS", 3)  # the demo round stands in for a large one
    monkeypatch.setattr(type_charts, "MAP_BINS", 4)
    fig = type_charts.type_map(typed, "en")
    candidates = fig.data[:-1]
    assert len(candidates) == len(typed.present_types())
    assert all(len(trace.x) <= 4 * 4 for trace in candidates)  # a marker per occupied cell, not per candidate
    counted = sum(int(text.rsplit(" ", 1)[-1]) for trace in candidates for text in trace.hovertext)
    assert counted == len(typed.table)
