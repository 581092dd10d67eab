"""Pages that must not break on what a catalog folder or a second tab brings: a catalog without
self-assessment statements, an edited dimensions file, catalog text carrying Markdown links and images,
and answers changed in another tab."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from assessment.store import Store, item_keys
from tests.app.conftest import run_app

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "fixtures" / "catalogs"


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """A catalog folder of our own (a copy of the sample catalogs) and an empty database."""
    catalogs = tmp_path / "catalogs"
    shutil.copytree(SAMPLE, catalogs)
    monkeypatch.setenv("ASSESSMENT_CATALOG_DIR", str(catalogs))
    monkeypatch.setenv("ASSESSMENT_DATABASE_URL", f"sqlite:///{tmp_path / 'app.sqlite'}")
    return catalogs


def edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def run(page: str | None = None, as_: str | None = "admin", **query) -> AppTest:
    """The app as a signed-in account of this role (a fresh one per role), or not signed in."""
    return run_app(page, signed_in(as_) if as_ is not None else None, **query)


def signed_in(role: str) -> str:
    store, email = Store.open(), f"{role}@faults.example"
    if email not in {a.email for a in store.list_staff()}:
        store.add_staff(email, role.title(), role, "password of the fault tests")
    return store.sign_in(email, "password of the fault tests", "apptest").token


def test_a_questionnaire_without_statements_says_so(folder):
    def no_items(data):
        for area in data["areas"]:
            for competency in area["competencies"]:
                competency["self_items"] = []
    edit(folder / "sample_role.yaml", no_items)
    store = Store.open()
    candidate = store.add_candidate(store.create_round("R", "sample_role").id, "Ann")
    store.give_consent(candidate.id)
    at = run(token=store.invite(candidate.id))
    assert "no statements" in " ".join(i.value for i in at.info)


def test_catalogs_page_survives_an_edited_dimensions_file(folder):
    edit(folder / "dimensions.yaml", lambda data: data["dimensions"].pop(0))
    at = run("catalogs")
    assert at.title[0].value == "Competency catalogs"


def test_catalog_markdown_is_shown_as_text(folder):
    def markdown(data):
        competency = data["areas"][0]["competencies"][0]
        competency["definition"]["en"] = "Look ![pixel](http://tracker.example/p.png) [here](http://evil.example)"
        competency["anchors"][1]["en"] = "**loud** <img src=x>"
    edit(folder / "sample_role.yaml", markdown)
    store = Store.open()
    candidate = store.add_candidate(store.create_round("R", "sample_role").id, "Ann")
    signed_in("interviewer")
    store.assign(candidate.id, store.staff_by_email("interviewer@faults.example").id)
    at = run("interview", as_="interviewer", round=1, candidate=candidate.id)
    shown = [m.value for m in at.markdown]
    assert not any("![pixel](http" in text or "](http://evil" in text or "**loud**" in text for text in shown)
    assert any("tracker" in text for text in shown), "the definition is still shown, as text"


def test_a_second_tab_shows_what_the_first_stored_and_refuses_to_overwrite_it(folder):
    store = Store.open()
    candidate = store.add_candidate(store.create_round("R", "sample_role").id, "Ann")
    store.give_consent(candidate.id)
    token = store.invite(candidate.id)
    first, second = run(token=token, step=0), run(token=token, step=0)
    keys = item_keys(store.catalog_of_round(1))
    first.radio[0].set_value(2).run()
    assert store.answers_of(candidate.id) == {keys[0]: 2}
    second.radio[1].set_value(4).run()   # an unrelated click: the stale radio now shows the stored answer
    assert second.radio[0].value == 2
    assert store.answers_of(candidate.id) == {keys[0]: 2, keys[1]: 4}
    first.radio[2].set_value(1).run()
    second.radio[2].set_value(5).run()   # changed here and in the other tab: refused and told
    assert store.answers_of(candidate.id)[keys[2]] == 1
    assert second.radio[2].value == 1
    assert any("another window" in w.value for w in second.warning)


def test_opening_an_interview_stores_nothing_but_the_interview(folder):
    store = Store.open()
    candidate = store.add_candidate(store.create_round("R", "sample_role").id, "Ann")
    signed_in("interviewer")
    store.assign(candidate.id, store.staff_by_email("interviewer@faults.example").id)
    at = run("interview", as_="interviewer", round=1, candidate=candidate.id)
    at.run()
    (interview,) = store.interviews_of(candidate.id)
    assert store.ratings_of(interview.id) == {} and store.get_interview(interview.id).version == 1
    at.text_area[0].input("  first line\r\nsecond  ").run()
    at.run()  # normalised notes equal what is stored: no second save
    assert store.ratings_of(interview.id)[store.catalog_of_round(1).competencies[0].id].notes == \
        "first line\nsecond"
    assert store.get_interview(interview.id).version == 2
