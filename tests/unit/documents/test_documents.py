"""The printed documents: rendered in English, German and Russian, read back with pypdf, checked for their
headings, names and numbers; bad input gives a clear document or a clear message."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from assessment import documents
from assessment.charts.comparison import ranked_fit
from assessment.documents.words import number, percent, tx
from assessment.errors import NotFound, UserError
from assessment.i18n import LANGUAGES, t
from assessment.results.loader import load_round
from assessment.store import Store
from tests.conftest import demo_copy

ROUND = 1
A4_WIDTH, LETTER_WIDTH = 595.28, 612.0  # points


def read(pdf: bytes) -> tuple[PdfReader, str]:
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """Extracted text with line breaks as spaces: a wrapped sentence reads as one."""
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_database):
    store = demo_copy(demo_database, tmp_path_factory.mktemp("documents"))
    yield store, load_round(store, ROUND)
    store.engine.dispose()


@pytest.fixture(scope="module")
def results(demo):
    return demo[1]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_interview_kit_holds_the_cover_and_every_competency(results, lang):
    candidate = int(results.candidates.index[1])
    reader, text = read(documents.interview_kit(results, candidate, "Mark Ellis", lang))
    text = flat(text)
    catalog = results.catalog
    assert tx("kit.title", lang) in text
    assert results.candidates.at[candidate, "name"] in text and "Mark Ellis" in text
    assert catalog.name.get(lang) in text and results.round.name in text
    assert flat(catalog.scale[1].get(lang)) in text  # the rating scale on the cover
    for number_, competency in enumerate(catalog.competencies, start=1):
        assert f"{number_}. {competency.name.get(lang)}" in text
        assert flat(competency.questions[0].text.get(lang)) in text
        assert flat(competency.anchors[5].get(lang)) in text
    assert tx("kit.red_flags", lang) in text and t("recommendation.strong_yes", lang) in text
    assert len(reader.pages) >= len(catalog.competencies) + 2  # cover, a page each (or two), the recommendation
    assert float(reader.pages[0].mediabox.width) == pytest.approx(A4_WIDTH, abs=0.5)


def test_interview_kit_on_letter_paper_for_a_stage_of_chosen_competencies(results):
    chosen = [c.id for c in results.catalog.competencies[2:4]]
    reader, text = read(documents.interview_kit(results, int(results.candidates.index[0]), "", "de", "letter",
                                                competencies=chosen))
    assert float(reader.pages[0].mediabox.width) == pytest.approx(LETTER_WIDTH, abs=0.5)
    assert len(reader.pages) == 4
    names = [c.name.get("de") for c in results.catalog.competencies]
    assert names[2] in text and names[3] in text and names[0] not in flat(text)
    with pytest.raises(NotFound) as raised:
        documents.interview_kit(results, int(results.candidates.index[0]), "", "de", competencies=["no_such"])
    assert raised.value.code == "competency_not_in_catalog"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_candidate_report_reads_fit_profile_disagreements_type_and_trust(results, lang):
    best = int(ranked_fit(results).index[0])
    name = results.candidates.at[best, "name"]
    _, text = read(documents.candidate_report(results, best, lang))
    text = flat(text)
    fit = results.fit.loc[best]
    assert tx("report.title", lang) in text and name in text
    assert tx("report.fit_value", lang, fit=percent(fit["fit"], lang),
              interval=t("charts.interval", lang, low=percent(fit["fit_low"], lang),
                         high=percent(fit["fit_high"], lang))) in text
    assert t("charts.fit.leader", lang) in text  # place 1 of the round
    first = results.catalog.competencies[0]
    assert first.name.get(lang) in text
    assert number(results.interview_means.at[best, first.id], lang) in text
    for heading in ("report.profile", "report.self_vs", "report.disagreements", "report.type"):
        assert tx(heading, lang) in text
    assert t("trust.title", lang) in text
    assert t("charts.radar.title", lang) in text  # the comparison page's figure, drawn
    assert tx("report.sure.clear", lang, probability="")[:12] not in text, "five candidates: never a clear type"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_round_report_has_a_table_of_candidates_and_a_page_per_chart(results, lang):
    reader, text = read(documents.round_report(results, lang))
    text = flat(text)
    assert tx("round_report.title", lang) in text and results.round.name in text
    assert all(name in text for name in results.candidates["name"])
    for title in ("charts.fit.title", "charts.radar.title", "charts.heatmap.title_interview",
                  "charts.heatmap.title_self", "types.strip.title"):
        assert t(title, lang) in text
    assert len(reader.pages) >= 7


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feedback_report_only_when_the_round_gives_it(results, lang):
    candidate = int(results.self_scores.dropna(how="all").index[0])
    with pytest.raises(UserError) as refused:
        documents.feedback_report(results, candidate, lang)
    assert refused.value.code == "feedback_not_allowed"
    allowed = dataclasses.replace(results, round=dataclasses.replace(results.round, candidate_feedback=True))
    _, text = read(documents.feedback_report(allowed, candidate, lang))
    text = flat(text)
    assert tx("feedback.title", lang) in text and results.candidates.at[candidate, "name"] in text
    assert all(area.name.get(lang) in text for area in results.catalog.areas)
    assert tx("feedback.strengths", lang) in text and tx("feedback.development", lang) in text
    assert t("common.interviewers_view", lang) not in text  # only the candidate's own answers


def test_feedback_report_is_in_the_candidates_language_and_needs_answers(results):
    allowed = dataclasses.replace(results, round=dataclasses.replace(results.round, candidate_feedback=True))
    russian = next(int(c) for c, row in results.candidates.iterrows()
                   if row["language"] == "ru" and c in results.self_scores.dropna(how="all").index)
    _, text = read(documents.feedback_report(allowed, russian))
    assert tx("feedback.title", "ru") in text
    silent = next(int(c) for c in results.candidates.index if c not in results.self_scores.dropna(how="all").index)
    with pytest.raises(UserError) as refused:
        documents.feedback_report(allowed, silent)
    assert refused.value.code == "feedback_no_answers"


def test_an_unknown_candidate_is_a_clear_message(results):
    for make in (lambda: documents.interview_kit(results, 999, "", "en"),
                 lambda: documents.candidate_report(results, 999, "en")):
        with pytest.raises(NotFound) as raised:
            make()
        assert raised.value.code == "candidate_not_in_round"


def test_hidden_ratings_stay_out_and_the_report_says_why(demo):
    store, results = demo
    candidate = int(ranked_fit(results).index[0])
    hidden = frozenset({candidate})
    _, text = read(documents.candidate_report(load_round(store, ROUND, hidden), candidate, "en", hidden=hidden))
    text = flat(text)
    assert flat(tx("report.hidden", "en")) in text
    assert flat(tx("report.no_interview", "en")) in text
    assert tx("report.fit_value", "en", fit="X", interval="Y").split("X")[0] not in text


# -- bad input ----------------------------------------------------------------------------------------------------

LONG_NAME = " ".join(["Maximiliane-Alexandrina von Hohenzollern-Sigmaringen"] * 4)[:200].strip()
MARKUP_NAME = "<b>Ann</b> **bold** [link](https://evil.example) {nb} <script>x</script>"


@pytest.fixture
def empty_round(sqlite_store: Store):
    """A round on the sample catalog whose candidates have answered nothing and were never interviewed."""
    round_ = sqlite_store.create_round("<i>Round</i> without ratings", "sample_role")
    ids = [sqlite_store.add_candidate(round_.id, name).id for name in (LONG_NAME, MARKUP_NAME, "Ольга Смирнова")]
    return sqlite_store, round_.id, ids


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_round_without_ratings_gives_clear_documents(empty_round, lang):
    store, round_id, ids = empty_round
    results = load_round(store, round_id)
    _, text = read(documents.candidate_report(results, ids[0], lang))
    assert flat(tx("report.no_interview", lang)) in flat(text)
    assert flat(tx("report.interviewers.none", lang)) in flat(text)
    _, text = read(documents.round_report(results, lang))
    assert flat(t("comparison.no_interviews", lang)) in flat(text)
    _, text = read(documents.interview_kit(results, ids[2], "", lang))
    assert "Ольга Смирнова" in text


def test_long_and_markup_names_print_as_typed_and_wrap_between_words(empty_round):
    store, round_id, ids = empty_round
    results = load_round(store, round_id)
    for candidate in ids[:2]:
        for make in (documents.interview_kit, documents.candidate_report):
            args = (results, candidate, "<u>Eve</u>", "en") if make is documents.interview_kit else \
                (results, candidate, "en")
            _, text = read(make(*args))
            name = results.candidates.at[candidate, "name"]
            assert flat(name) in flat(text)  # every word whole and in order: wrapped, never cut
            for word in name.split():
                assert word in text.split() or word in flat(text)
    _, text = read(documents.interview_kit(results, ids[1], "<u>Eve</u>", "en"))
    assert "<b>Ann</b> **bold** [link](https://evil.example)" in text and "<u>Eve</u>" in text
    assert "{nb}" in text  # fpdf2's page-count alias in a name stays literal


def test_the_long_name_wraps_within_the_page(empty_round):
    store, round_id, ids = empty_round
    reader, _ = read(documents.candidate_report(load_round(store, round_id), ids[0], "de"))
    lines = reader.pages[0].extract_text().splitlines()
    wrapped = [line for line in lines if "Hohenzollern" in line]
    assert len(wrapped) >= 2  # the 200 characters took more than one line of the title


@pytest.mark.parametrize(("parts", "expected"), [
    (("kit", "Q4 hiring", "Anna Schneider"), "kit-q4-hiring-anna-schneider.pdf"),
    (("candidate", "Ольга Смирнова"), "candidate-olga-smirnova.pdf"),
    (("report", "Jürgen Größe"), "report-juergen-groesse.pdf"),
    (("x", "../../etc/passwd\x00; rm -rf /"), "x-etc-passwd-rm-rf.pdf"),
    (("", "李小龙"), "document.pdf"),
])
def test_file_names_are_safe(parts, expected):
    assert documents.safe_filename(*parts) == expected


def test_a_file_name_of_a_long_name_is_bounded():
    name = documents.safe_filename("candidate", LONG_NAME)
    assert len(name) <= len("candidate-") + 60 + len(".pdf") and re.fullmatch(r"[a-z0-9-]+\.pdf", name)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (Debian's poppler-utils) is not installed")
def test_poppler_renders_every_page(results, tmp_path):
    """Another reader than pypdf opens the file and draws every page without a complaint."""
    path = tmp_path / "report.pdf"
    path.write_bytes(documents.candidate_report(results, int(results.candidates.index[0]), "ru"))
    done = subprocess.run(["pdftoppm", "-r", "20", "-png", str(path), str(tmp_path / "page")], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and not done.stderr, done.stderr
    assert len(list(tmp_path.glob("page-*.png"))) == len(PdfReader(path).pages)



def test_a_missing_translation_prints_the_english_text(empty_round):
    from assessment.catalog import Text

    store, round_id, ids = empty_round
    results = load_round(store, round_id)
    catalog = results.catalog
    first = catalog.areas[0].competencies[0].model_copy(update={"definition": Text(en="Only written in English.")})
    area = catalog.areas[0].model_copy(update={"competencies": [first, *catalog.areas[0].competencies[1:]]})
    untranslated = dataclasses.replace(results, catalog=catalog.model_copy(update={"areas": [area,
                                                                                               *catalog.areas[1:]]}))
    _, text = read(documents.interview_kit(untranslated, ids[2], "", "ru"))
    assert "Only written in English." in text and tx("kit.title", "ru") in text


def test_figure_texts_come_back_as_typed():
    """A figure's texts are escaped for plotly.js; on paper they read as typed, with our own line breaks."""
    from assessment.charts import plain
    from assessment.documents.figures import figure_text

    typed = "<b>Ann</b> & <a href='x'>Bo</a>"
    assert figure_text(plain(typed)) == typed
    assert figure_text(f"Title<br><sup>{plain('100 of <200>')}</sup>") == "Title\n100 of <200>"
