"""Charts of the Manager types page: content, translations and escaping of names."""

from __future__ import annotations

import json
from dataclasses import replace

import pandas as pd
import pytest

from assessment.charts import manager_types as type_charts
from assessment.charts.style import short
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


def test_the_strip_has_a_heading_row_per_type_and_a_row_per_candidate_under_it(typed):
    fig = type_charts.type_strip(typed, "en")
    cells, missing = fig.data
    headings = [annotation for annotation in fig.layout.annotations if annotation.yref == "y"]
    labels = list(fig.layout.yaxis.ticktext)
    assert len(labels) == len(typed.present_types()) + len(typed.table) == len(cells.z)
    first = typed.present_types()[0]
    members = typed.table.index[typed.table["type"] == first]
    assert labels[0] == "" and headings[0].y == 0, "a type's name is written across its heading row"
    name = short(typed.type_name(first, "en"), type_charts.HEADING_LABEL)
    assert headings[0].text == f"<b>{name}</b> · {len(members)}"
    assert len(headings) == len(typed.present_types())
    row = next(i for i, label in enumerate(labels) if label == short(typed.table.at[members[0], "name"], 17))
    assert 0 < row <= len(members), "a candidate's row lies under the heading of their type"
    expected = typed.profiles.loc[members[0]] - typed.profiles.loc[members[0]].mean()
    assert list(cells.z[row]) == pytest.approx(expected.tolist(), nan_ok=True), "blue above the own average"
    assert all(value != value for value in cells.z[0]), "a heading row has no cells"
    assert list(fig.layout.xaxis.ticktext)[0] == "Strategy"


def test_a_dimension_not_measured_is_grey_and_says_so(typed):
    fig = type_charts.type_strip(typed, "en")
    cells, missing = fig.data[:2]
    for row_cells, row_missing, hover in zip(cells.z, missing.z, cells.hovertext, strict=True):
        for value, grey, text in zip(row_cells, row_missing, hover, strict=True):
            if value != value and text:  # a candidate's cell without a value
                assert grey == 1.0 and "not measured" in text


@pytest.mark.parametrize("lang, words", [("de", ("Relative Stärken nach Typ", "eigenen Durchschnitt")),
                                         ("ru", ("Сильные стороны по типам", "собственного среднего"))])
def test_the_strip_speaks_the_reader_s_language(typed, lang, words):
    fig = type_charts.type_strip(typed, lang)
    title, hover_word = words
    assert fig.layout.title.text == title and fig.layout.separators in (",.", ", ")
    assert any(hover_word in text for row in fig.data[0].hovertext for text in row)


def test_a_hostile_name_reaches_the_figures_only_escaped(typed):
    fig = type_charts.type_strip(typed, "en")
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


@pytest.mark.parametrize("lang", ["en", "de", "ru"])
def test_a_type_radar_s_legend_keeps_the_number_of_candidates(typed, lang):
    """The legend entry of the members' mean ends in their number, also for a type of thousands (the German
    entry was cut before its number, seen in chromium)."""
    type_id = typed.present_types()[0]
    many = replace(typed, table=pd.concat([typed.table] + [typed.table[typed.table["type"] == type_id]] * 1000))
    count = int((many.table["type"] == type_id).sum())
    assert count >= 1000
    members = type_charts.type_radar(many, type_id, lang).data[-1]
    assert members.name.endswith(f"({count})"), members.name


def test_a_type_s_radar_wears_the_type_s_colour(typed):
    type_id = typed.present_types()[0]
    colour = type_charts.type_radar(typed, type_id, "en").data[-1].line.color
    assert colour == type_charts.type_color(typed, type_id) == type_charts.PALETTE[0]


def test_a_large_round_s_strip_has_a_row_per_type(typed, monkeypatch):
    monkeypatch.setattr(type_charts, "STRIP_ROWS", 3)  # the demo round stands in for a large one
    fig = type_charts.type_strip(typed, "en")
    labels = list(fig.layout.yaxis.ticktext)
    assert len(labels) == len(typed.present_types())
    assert sum(int(label.rsplit("(", 1)[-1].rstrip(")")) for label in labels) == len(typed.table)
    first = typed.table.index[typed.table["type"] == typed.present_types()[0]]
    mean = typed.relative_profiles().loc[first].mean()
    assert list(fig.data[0].z[0]) == pytest.approx(mean.tolist(), nan_ok=True)
    # No heading is written across a names' column here: the column widens to the labels, short enough for a
    # phone, instead of cutting them off at the figure's edge.
    assert fig.layout.yaxis.automargin is True and fig.layout.margin.l < type_charts.NAMES_PX
    assert all(len(label.rsplit(" (", 1)[0]) <= type_charts.TYPE_ROW_LABEL for label in labels)


def test_for_the_pdf_a_type_s_name_is_its_heading_row_s_label(typed):
    fig = type_charts.type_strip(typed, "de", headings_as_labels=True)
    first = typed.present_types()[0]
    count = int((typed.table["type"] == first).sum())
    assert fig.layout.yaxis.ticktext[0] == f"{short(typed.type_name(first, 'de'), type_charts.HEADING_LABEL)} ({count})"
    assert not fig.layout.annotations, "the PDF draws no annotations"
