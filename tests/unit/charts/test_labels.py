"""Competency labels that fit: wrapping at word boundaries, short codes per language, the key to full names."""

from __future__ import annotations

from assessment.catalog import load_catalog
from assessment.charts import labels
from assessment.i18n import LANGUAGES, t
from tests.conftest import FIXTURES

GERMAN = "Reaktionsschnelligkeit und unkomplizierte Zusammenarbeit"


def test_wrap_breaks_at_word_boundaries_and_keeps_every_word():
    wrapped = labels.wrap(GERMAN, 24)
    lines = wrapped.split("<br>")
    assert lines == ["Reaktionsschnelligkeit", "und unkomplizierte", "Zusammenarbeit"]
    assert " ".join(lines) == GERMAN  # nothing cut
    assert labels.wrap("Projekt- und Prozesssteuerung", 10) == "Projekt-<br>und<br>Prozesssteuerung"


def test_wrap_cuts_only_beyond_its_lines_and_escapes_markup():
    assert labels.wrap("one two three four", 4, lines=2) == "one<br>two…"
    assert labels.wrap("<b>bold</b> & more", 40) == "&lt;b&gt;bold&lt;/b&gt; &amp; more"
    assert labels.wrap(None) == ""


def test_titles_wrap_their_first_line_and_keep_the_subtitle():
    title = labels.wrap_title("Where interviewers disagree: ratings 2 or more points apart<br><sup>Showing 5</sup>")
    head, _, tail = title.rpartition("<br>")
    assert tail == "<sup>Showing 5</sup>" and all(len(line) <= labels.TITLE_WRAP for line in head.split("<br>"))


def test_codes_per_language_and_the_key_names_each_competency():
    catalog = load_catalog("sample_role", FIXTURES / "catalogs").catalog
    assert labels.codes(catalog, "en") == ["C1", "C2", "C3"]
    assert labels.codes(catalog, "de") == ["K1", "K2", "K3"]
    assert labels.codes(catalog, "ru") == ["К1", "К2", "К3"]
    for lang in LANGUAGES:
        key = labels.competency_key(catalog, lang)
        assert list(key.columns) == [t("charts.key.code_column", lang), t("common.competency", lang)]
        assert list(key.iloc[:, 1]) == [c.name.get(lang) for c in catalog.competencies]
    rows = labels.row_labels(catalog, "en")
    assert rows[0].startswith("C1 · ") and labels.row_height(rows) >= 50
