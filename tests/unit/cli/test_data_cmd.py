"""The data commands: happy paths, and one clear line with exit 1 for every mistake."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

import pytest

from assessment.cli import main
from assessment.store import Store


@pytest.fixture
def cli(tmp_path, monkeypatch, sample_catalogs):
    monkeypatch.setenv("ASSESSMENT_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")

    def run(*argv):
        return main([str(a) for a in argv])

    return run


def test_round_candidate_invite_export(cli, capsys, tmp_path):
    assert cli("db", "upgrade") == 0
    capsys.readouterr()
    assert cli("round", "create", "Q4 hiring", "--catalog", "sample_role") == 0
    round_id = int(capsys.readouterr().out)
    assert cli("candidate", "add", round_id, "=HYPERLINK(\"http://x\")", "--email", "a@b.de", "--language", "de") == 0
    candidate_id = int(capsys.readouterr().out)
    assert cli("invite", candidate_id, "--base-url", "https://hr.example.com/") == 0
    url = urlparse(capsys.readouterr().out.strip())
    assert url.netloc == "hr.example.com" and url.path == "/"
    token = parse_qs(url.query)["token"][0]
    assert len(token) >= 32 and parse_qs(url.query)["lang"] == ["de"]
    assert Store.open().resolve_token(token).id == candidate_id

    assert cli("export", round_id, "--format", "json") == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["round"]["catalog"]["id"] == "sample_role"
    assert exported["candidates"][0]["name"] == "=HYPERLINK(\"http://x\")"  # JSON keeps data as it is
    assert cli("export", round_id, "--format", "csv") == 0
    assert "'=HYPERLINK" in capsys.readouterr().out
    out = tmp_path / "round.xlsx"
    assert cli("export", round_id, "--format", "xlsx", "--out", out) == 0
    assert out.stat().st_size > 0


ERRORS = [
    ("round", "create", "R", "--catalog", "no_such_role"),
    ("round", "create", "", "--catalog", "sample_role"),
    ("candidate", "add", "999", "Ann"),
    ("candidate", "add", "abc", "Ann"),
    ("candidate", "add", "1", "Ann", "--language", "fr"),
    ("candidate", "add", "1", "Ann", "--email", "nope"),
    ("invite", "999"),
    ("invite", "1", "--expires-days", "0"),
    ("invite", "1", "--base-url", "ftp://x"),
    ("export", "999", "--format", "json"),
    ("export", "1", "--format", "pdf"),
    ("export", "1", "--format", "xlsx"),
    ("nonsense",),
    ("demo", "--unknown-flag"),
]


@pytest.mark.parametrize("argv", ERRORS, ids=[" ".join(a) for a in ERRORS])
def test_every_mistake_is_one_line_and_exit_1(cli, capsys, argv):
    cli("round", "create", "R", "--catalog", "sample_role")
    cli("candidate", "add", "1", "Ann")
    capsys.readouterr()
    assert cli(*argv) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("error: ") and "Traceback" not in err


@pytest.mark.slow
def test_demo_is_kept_unless_reset(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ASSESSMENT_DATABASE_URL", f"sqlite:///{tmp_path / 'demo.sqlite'}")
    assert main(["demo"]) == 0
    first = capsys.readouterr().out
    assert main(["demo"]) == 0
    second = capsys.readouterr().out
    # The same rounds; the demo team gets a new password on every run, and it signs in.
    assert first.split("password:")[0] == second.split("password:")[0]
    password = second.rsplit("password:", 1)[1].split()[0]
    assert password != first.rsplit("password:", 1)[1].split()[0]
    assert Store.open().sign_in("olivia.grant@demo.example", password, "127.0.0.1").staff.role == "committee"
    store = Store.open()
    store.add_candidate(1, "Added by hand")
    assert main(["demo", "--reset"]) == 0
    assert "Added by hand" not in {c.name for c in store.list_candidates(1)}
    rounds = store.list_rounds()
    assert len(rounds) == 2
    states = {s.state for r in rounds for s in store.statuses(r.id)}
    assert {"added", "invited", "in_progress", "submitted", "interviewed"} <= states


def test_demo_size_adds_a_synthetic_round_of_that_many_candidates(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ASSESSMENT_DATABASE_URL", f"sqlite:///{tmp_path / 'size.sqlite'}")
    assert main(["demo", "--size", "150"]) == 0
    round_id = int(capsys.readouterr().out)
    store = Store.open()
    statuses = store.statuses(round_id)
    states = [s.state for s in statuses]
    assert len(statuses) == 150 and store.get_round(round_id).revision > 0
    assert states.count("interviewed") > 75 and "submitted" in states  # most are interviewed, not all
    assert {"in_progress", "invited"} & set(states)  # and a few are not done
    interviews = store.interviews_frame(round_id, submitted_only=False)
    per_candidate = interviews.groupby("candidate").size()
    assert len(set(interviews["interviewer"])) >= 4 and set(per_candidate) <= {2, 3}
    ratings = store.ratings_frame(round_id)
    assert ratings["value"].dropna().between(1, 5).all() and ratings["not_observed"].any()
    answers = store.answers_frame(round_id)
    assert answers["value"].between(1, 5).all()
    partial = [s for s in statuses if s.state == "in_progress"]
    assert all(0 < s.answered < s.items for s in partial)
    from assessment.results.loader import load_round

    results = load_round(store, round_id)
    assert results.fit.loc[results.interviewed(), "fit"].notna().all()
    assert main(["demo", "--size", "3"]) == 0  # another round, the first kept
    assert int(capsys.readouterr().out) != round_id and len(store.statuses(round_id)) == 150
    assert main(["demo"]) == 0  # the demo rounds still come: synthetic rounds are not demo rounds
    assert len(store.demo_rounds()) == 2


@pytest.mark.parametrize("size", ["0", "-3", "many", "100001"])
def test_demo_size_must_be_a_sensible_number(tmp_path, monkeypatch, capsys, size):
    monkeypatch.setenv("ASSESSMENT_DATABASE_URL", f"sqlite:///{tmp_path / 'size.sqlite'}")
    assert main(["demo", "--size", size]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error:") and error.count("\n") == 1


def test_export_headings_follow_lang(cli, capsys, tmp_path):
    import io

    import openpyxl

    from assessment.i18n import t

    store = Store.open()
    round_id = store.create_round("R", "sample_role").id
    store.add_candidate(round_id, "Anna Berg", None, "de")
    assert cli("export", round_id, "--format", "csv") == 0
    assert capsys.readouterr().out.lstrip("\ufeff").startswith(t("export.col.candidate", "en") + ",")
    assert cli("export", round_id, "--format", "csv", "--lang", "ru") == 0
    assert capsys.readouterr().out.lstrip("\ufeff").startswith(t("export.col.candidate", "ru") + ",")
    out = tmp_path / "runde.xlsx"
    assert cli("export", round_id, "--format", "xlsx", "--out", out, "--lang", "de") == 0
    book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    assert book.sheetnames[0] == t("export.sheet.candidates", "de")
    assert next(book.worksheets[0].iter_rows())[1].value == t("export.col.name", "de")
    assert cli("export", round_id, "--format", "csv", "--lang", "fr") == 1  # one line naming the choices
    assert "'en', 'de', 'ru'" in capsys.readouterr().err
