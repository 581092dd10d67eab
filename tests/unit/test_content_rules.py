"""Forbidden topics (competencies/CONTENT_RULES.md): a catalog that asks about health, family, age,
personal finances, ... in any language is refused by `catalog validate --strict`, each hit located as
file:line:column; the near-misses that mean something legitimate pass; every shipped file is clean."""

from __future__ import annotations

import pytest

from assessment import catalog
from assessment.catalog import content
from assessment.cli import main
from tests.conftest import FIXTURES

SAMPLE = FIXTURES / "catalogs"

# (language, text that must be refused, the topic it touches)
FORBIDDEN = [
    ("en", "How do you recover after a hard day? Do you take anything to sleep?", "health"),
    ("en", "Tell us about your family plans and who looks after your children.", "pregnancy_family"),
    ("en", "Are you available at weekends and late at night?", "availability_outside_hours"),
    ("en", "How do you cover your living costs between assignments? Do you have savings?", "personal_finances"),
    ("en", "Explain the gaps in your CV.", "cv_gaps"),
    ("en", "Still sounds angry when telling the story.", "demeanour_appearance"),
    ("en", "How old are you?", "age"),
    ("de", "Wie steht es um Ihre Gesundheit? Nehmen Sie Beruhigungsmittel?", "health"),
    ("de", "Planen Sie, Kinder zu bekommen, oder sind Sie schwanger?", "pregnancy_family"),
    ("de", "Sind Sie Mitglied einer Gewerkschaft?", "politics_union_membership"),
    ("de", "Welcher Religion gehören Sie an?", "religion"),
    ("de", "Wie überbrücken Sie Zeiten ohne Mandat, haben Sie Rücklagen?", "personal_finances"),
    ("de", "Sind Sie auch am Wochenende erreichbar?", "availability_outside_hours"),
    ("de", "Ihre Körpersprache wirkt unsicher.", "demeanour_appearance"),
    ("ru", "Как у вас со здоровьем? Были ли болезни в последний год?", "health"),
    ("ru", "Есть ли у вас дети и планирует ли ваша семья пополнение?", "pregnancy_family"),
    ("ru", "Какой у вас возраст и когда вы выйдете на пенсию?", "age"),
    ("ru", "Есть ли у вас долги или ипотека?", "personal_finances"),
    ("ru", "Чем объясняется перерыв в работе между проектами?", "cv_gaps"),
    ("ru", "Готовы ли вы работать по ночам и в выходные?", "availability_outside_hours"),
    ("ru", "Какова ваша национальность и вероисповедание?", "ethnicity"),
    ("ru", "Какова ваша сексуальная ориентация?", "sexual_orientation"),
    ("ru", "Каковы ваши политические взгляды?", "politics_union_membership"),
]

# Legitimate words that share a stem with a forbidden term; each was found in the shipped catalogs or is
# likely there, and must pass.
NEAR_MISSES = [
    ("en", "Weighs short-term measures against the organisation's long-term health."),
    ("en", "Starts every engagement with a diagnosis of the client's situation."),
    ("en", "Presents unpaid extra work as a sacrifice that puts the client in their debt."),
    ("en", "Becomes familiar with the client's business within the first weeks."),
    ("en", "Plans each stage of the project and the page layout of the report."),
    ("en", "Keeps a customer orientation when the agenda gets tight."),
    ("de", "Der Kunde hat um eine Rückmeldung gebeten."),
    ("de", "Wägt Sofortmaßnahmen gegen die wirtschaftliche Gesundheit des Unternehmens ab."),
    ("de", "Die Vertragsparteien einigen sich eher auf eine Alternative."),
    ("de", "Erstellt eine Diagnose der Ausgangslage und spricht mit dem Betriebsrat."),
    ("ru", "Принимает болезненные решения и доводит их до конца."),
    ("ru", "Соизмеряет краткосрочные меры с долгосрочным здоровьем организации."),
    ("ru", "Уточняет детали задачи и сроки у заказчика."),
    ("ru", "Семь этапов проекта прошли без срыва сроков."),
    ("ru", "Ставит долгосрочные цели и ведёт переговоры с профсоюзом как с партнёром."),
    ("ru", "Ориентация на клиента видна в каждом решении."),
    ("ru", "Проводит диагностику ситуации и выходные данные анализа показывает команде."),
    ("ru", "Приходит к диагнозу ситуации за первую неделю."),
]


@pytest.mark.parametrize(("language", "text", "topic"), FORBIDDEN)
def test_a_forbidden_topic_is_found_in_its_language(language, text, topic):
    assert topic in {found for found, _, _ in content.hits_in(text, language)}


@pytest.mark.parametrize(("language", "text"), NEAR_MISSES)
def test_legitimate_near_misses_pass(language, text):
    assert list(content.hits_in(text, language)) == []


def test_terms_match_only_in_their_own_language():
    # "Kind" is a German child and an English adjective; "gebet" a German prayer, not English.
    assert list(content.hits_in("A kind and patient manner with clients.", "en")) == []
    assert [t for t, _, _ in content.hits_in("Hat ein Kind.", "de")] == ["pregnancy_family"]


def test_the_screen_passes_every_text_a_term_matches():
    """`hits_in` looks term by term only in texts its one pattern per language matches: that pattern must match
    wherever a single term does, in the examples above and in every word of the shipped catalogs."""
    texts = [text for _, text, _ in FORBIDDEN] + [text for _, text in NEAR_MISSES]
    for path in catalog.role_files():
        texts += path.read_text(encoding="utf-8").split()
    for by_language in content.topic_patterns().values():
        for language, topic in by_language.items():
            for text in texts:
                if any(pattern.search(text) for pattern in topic.terms):
                    assert content.screens()[language].search(text), (language, text)


@pytest.fixture
def fixture_catalog(tmp_path):
    """The sample catalog with one forbidden question per language put into its texts."""
    source = (SAMPLE / "sample_role.yaml").read_text(encoding="utf-8")
    source = source.replace("en: Definition of listening\n", "en: Asks whether the candidate has children\n", 1)
    source = source.replace("de: one (de)\n", "de: Fragt nach dem Gesundheitszustand\n", 1)
    source = source.replace("ru: two (ru)\n", "ru: Готовность работать по выходным\n", 1)
    (tmp_path / "sample_role.yaml").write_text(source, encoding="utf-8")
    (tmp_path / "dimensions.yaml").write_text((SAMPLE / "dimensions.yaml").read_text(encoding="utf-8"),
                                              encoding="utf-8")
    return tmp_path / "sample_role.yaml", source


def test_a_catalog_asking_forbidden_questions_is_refused_strictly_with_locations(fixture_catalog):
    path, source = fixture_catalog
    lines = source.splitlines()
    expected = [(next(n for n, line in enumerate(lines, 1) if needle in line), topic)
                for needle, topic in (("has children", "pregnancy family"), ("Gesundheitszustand", "health"),
                                      ("по выходным", "availability outside hours"))]
    model, problems = catalog.validate_file(path, strict=True)
    assert model is None
    found = [(p.line, p.message) for p in problems if p.severity == "error"]
    assert [line for line, _ in found] == [line for line, _ in expected]
    for (_, message), (_, topic) in zip(found, expected, strict=True):
        assert f"({topic};" in message and "CONTENT_RULES.md" in message
    assert all(p.column > 1 for p in problems)
    model, problems = catalog.validate_file(path)  # while editing: warnings, the catalog still loads
    assert model is not None and {p.severity for p in problems} == {"warning"} and len(problems) == 3


def test_the_command_fails_on_forbidden_topics_only_when_strict(fixture_catalog, capsys):
    path, _ = fixture_catalog
    assert main(["catalog", "validate", str(path)]) == 0
    assert main(["catalog", "validate", "--strict", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:" in out and "error: 'Gesundheitszustand' touches a topic" in out


def test_every_topic_has_terms_in_every_language():
    for topic, by_language in content.topic_patterns().items():
        assert all(entry.terms for entry in by_language.values()), topic


@pytest.mark.parametrize("path", [*catalog.role_files(), catalog.catalog_dir() / "manager_types.yaml"],
                         ids=lambda p: p.name)
def test_shipped_files_touch_no_forbidden_topic(path):
    model, problems = catalog.validate_file(path)
    assert model is not None
    hits = [str(p) for p in problems if "touches a topic" in p.message]
    assert hits == [], "\n".join(hits)
