from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from assessment.exchange import exports as reports
from assessment.results.loader import load_round

HOSTILE = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTAB", "\rCR", "=HYPERLINK(\"http://evil\",\"x\")"]


@pytest.mark.parametrize("text", HOSTILE)
def test_defuse(text):
    assert reports.defuse(text) == "'" + text
    assert reports.defuse("Anna") == "Anna" and reports.defuse(3) == 3


@pytest.fixture
def results(sqlite_store):
    round_ = sqlite_store.create_round("R", "sample_role")
    for name in HOSTILE:
        candidate = sqlite_store.add_candidate(round_.id, name.strip() or "x")
        sqlite_store.save_answer(candidate.id, "listening.s1", 4)
        interview = sqlite_store.start_interview(candidate.id, "=Bob")
        sqlite_store.save_rating(interview.id, interview.version, "listening", 3, notes="@SUM(1)")
    return load_round(sqlite_store, round_.id)


def test_csv_cells_are_defused(results):
    frame = pd.read_csv(io.BytesIO(reports.export(results, "csv")), encoding="utf-8-sig")
    texts = [value for value in frame.to_numpy().ravel() if isinstance(value, str)]
    assert texts
    assert not [text for text in texts if text.startswith(reports._TRIGGERS)]


def test_xlsx_cells_are_defused(results):
    book = openpyxl.load_workbook(io.BytesIO(reports.export(results, "xlsx")))
    texts = [cell.value for sheet in book for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert texts
    assert not [t for t in texts if t.startswith(reports._TRIGGERS)]
    assert all(cell.data_type != "f" for sheet in book for row in sheet.iter_rows() for cell in row)


def test_draft_interviews_never_leave_in_an_export(demo_database, tmp_path):
    """A draft is its author's alone: neither its ratings nor its recommendation are in any export."""
    import json

    from tests.conftest import demo_copy

    store = demo_copy(demo_database, tmp_path)
    drafts = [i for c in store.list_candidates(1) for i in store.interviews_of(c.id) if i.status == "draft"]
    assert drafts, "the demo round has a draft interview"
    exported = json.loads(reports.export(load_round(store, 1), "json"))
    ids = {row["interview"] for row in exported["interviews"]}
    assert ids and not ids & {d.id for d in drafts}
    assert all(row["status"] == "submitted" for row in exported["interviews"])


@pytest.fixture
def debriefed(store):
    """A round where the committee agreed on one competency (with a hostile note) and decided; on both databases."""
    round_ = store.create_round("R", "sample_role")
    ann, ben = store.add_candidate(round_.id, "Ann"), store.add_candidate(round_.id, "Ben")
    for candidate in (ann, ben):
        interview = store.start_interview(candidate.id, "Kim")
        version = interview.version
        for competency in ("listening", "planning", "saying_no"):
            version = store.save_rating(interview.id, version, competency, 3)
        store.submit_interview(interview.id, store.set_recommendation(interview.id, version, "yes"))
    store.record_consensus(round_.id, ann.id, "listening", 5, "=cmd|' /C calc'!A0")
    store.record_decision(round_.id, ann.id, "advance", "@Strong listener", actor="carl@example.com")
    return load_round(store, round_.id), ann.id, ben.id


def test_xlsx_and_json_carry_the_decision_and_the_consensus(debriefed):
    import json

    results, ann, ben = debriefed
    book = openpyxl.load_workbook(io.BytesIO(reports.export(results, "xlsx")))
    decisions = [[c.value for c in row] for row in book["decisions"].iter_rows()]
    assert decisions[0][:3] == ["candidate", "verdict", "reasons"]
    assert decisions[1][:4] == [ann, "advance", "'@Strong listener", "carl@example.com"]
    consensus = [[c.value for c in row] for row in book["consensus"].iter_rows()]
    assert consensus[1][:4] == [ann, "listening", 5, "'=cmd|' /C calc'!A0"]
    header, *rows = [[c.value for c in row] for row in book["candidates"].iter_rows()]
    by_id = {row[header.index("candidate")]: dict(zip(header, row, strict=True)) for row in rows}
    assert by_id[ann]["decision"] == "advance" and by_id[ann]["consensus:listening"] == 5
    assert by_id[ann]["basis"] == "mixed" and by_id[ben]["basis"] == "interviewers"
    assert by_id[ben]["decision"] is None and by_id[ben]["consensus:listening"] is None
    exported = json.loads(reports.export(results, "json"))
    assert exported["decisions"] == [{"candidate": ann, "verdict": "advance", "reasons": "@Strong listener",
                                      "decided_by": "carl@example.com",
                                      "decided_at": exported["decisions"][0]["decided_at"]}]
    assert [(c["candidate"], c["competency"], c["value"]) for c in exported["consensus"]] == [(ann, "listening", 5)]
    assert exported["decisions"][0]["decided_at"].startswith("20")
    frame = pd.read_csv(io.BytesIO(reports.export(results, "csv")), encoding="utf-8-sig")
    assert frame.set_index("candidate").at[ann, "decision_reasons"] == "'@Strong listener"


def whole_table_xlsx(results) -> bytes:
    """The XLSX export as it was made before it streamed: every table whole, through pandas and openpyxl. The
    reference the streamed file must equal in content."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in reports.xlsx_sheets(results).items():
            reports._naive(reports.defused(frame)).to_excel(writer, sheet_name=name, index=False)
    return buffer.getvalue()


@pytest.mark.parametrize("part_cells", [7, reports.PART_CELLS])
def test_the_streamed_xlsx_holds_what_the_whole_table_export_held(demo_database, tmp_path, monkeypatch, part_cells):
    from tests.conftest import demo_copy

    monkeypatch.setattr(reports, "PART_CELLS", part_cells)  # parts that split every table, and the usual ones
    store = demo_copy(demo_database, tmp_path)
    results = load_round(store, store.demo_rounds()[0].id)
    heard = []
    streamed = reports.export(results, "xlsx", progress=lambda done, total: heard.append((done, total)))
    ours = pd.read_excel(io.BytesIO(streamed), sheet_name=None)
    reference = pd.read_excel(io.BytesIO(whole_table_xlsx(results)), sheet_name=None)
    assert list(ours) == list(reference) == ["candidates", "answers", "ratings", "competency_scores", "consensus",
                                             "decisions"]
    for name, frame in reference.items():
        assert len(frame) > 0 or name in {"consensus", "decisions"}  # the demo round has no debrief yet
        assert list(ours[name].columns) == list(frame.columns)
        if len(frame):
            pd.testing.assert_frame_equal(ours[name], frame, check_exact=True)
    total = sum(len(frame) for frame in reference.values())
    assert heard[-1] == (total, total) and [done for done, _ in heard] == sorted(done for done, _ in heard)
    store.engine.dispose()


@pytest.fixture
def rated(store):
    """A round with one rated candidate, on SQLite and on PostgreSQL."""
    round_ = store.create_round("R", "sample_role")
    candidate = store.add_candidate(round_.id, "Anna Berg", "anna@example.org", "de")
    store.save_answer(candidate.id, "listening.s1", 4)
    interview = store.start_interview(candidate.id, "Bob")
    store.save_rating(interview.id, interview.version, "listening", 3, notes="clear")
    return load_round(store, round_.id)


@pytest.mark.parametrize("lang", ["en", "de", "ru"])
def test_csv_and_xlsx_headings_are_in_the_readers_language(rated, lang):
    from assessment.i18n import t

    listening = next(c for c in rated.catalog.competencies if c.id == "listening").name.get(lang)
    frame = pd.read_csv(io.BytesIO(reports.export(rated, "csv", lang=lang)), encoding="utf-8-sig")
    assert list(frame.columns[:5]) == [t(f"export.col.{c}", lang)
                                       for c in ("candidate", "name", "email", "language", "state")]
    assert t("export.col.interview_of", lang, competency=listening) in frame.columns
    assert frame.iloc[0][t("export.col.name", lang)] == "Anna Berg"
    ids = set(reports.summary_table(rated).columns)
    assert not ids & set(frame.columns), "no column keeps its id"
    assert len(set(frame.columns)) == len(frame.columns)
    book = openpyxl.load_workbook(io.BytesIO(reports.export(rated, "xlsx", lang=lang)))
    assert book.sheetnames[:3] == [t(f"export.sheet.{s}", lang) for s in ("candidates", "answers", "ratings")]
    ratings = [c.value for c in next(book[t("export.sheet.ratings", lang)].iter_rows())]
    assert ratings[:5] == [t(f"export.col.{c}", lang)
                           for c in ("candidate", "interview", "interviewer", "competency", "value")]
    header = [c.value for c in next(book[t("export.sheet.candidates", lang)].iter_rows())]
    assert header == list(frame.columns)


def test_without_a_language_the_headings_are_the_column_ids(rated):
    frame = pd.read_csv(io.BytesIO(reports.export(rated, "csv")), encoding="utf-8-sig")
    assert list(frame.columns) == list(reports.summary_table(rated).columns)
    assert openpyxl.load_workbook(io.BytesIO(reports.export(rated, "xlsx"))).sheetnames[0] == "candidates"
