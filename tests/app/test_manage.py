"""The Rounds page's Manage tab and the duplicate checks, as HR uses them (AppTest on a copy of the demo)."""

from __future__ import annotations

from assessment.i18n import t


def widget(elements, label: str, form: str | None = None):
    found = [e for e in elements if e.label == label and (form is None or getattr(e, "form_id", None) == form)]
    assert len(found) == 1, (label, [e.label for e in elements])
    return found[0]


def test_a_round_is_renamed_and_closed_and_says_so(app, demo_store):
    at = app("rounds", round=1)
    widget(at.text_input, t("rounds.round_name", "en"), "round_settings").set_value("Key accounts, renamed")
    widget(at.selectbox, t("manage.state", "en")).set_value("closed")
    widget(at.button, t("manage.save", "en")).click().run()
    assert not at.exception and not at.error
    round_ = demo_store.get_round(1)
    assert (round_.name, round_.status) == ("Key accounts, renamed", "closed")
    assert any(t("manage.banner.closed", "en") in w.value for w in at.warning)
    assert at.success[0].value == t("manage.saved", "en")
    actions = [e.action for e in demo_store.audit_events() if e.subject == "round:1"][-3:]
    assert actions == ["round.rename", "round.settings", "round.close"]


def test_erasing_needs_the_name_typed_and_then_removes_the_candidate(app, demo_store):
    at = app("rounds", round=1)
    first = demo_store.list_candidates(1)[0]
    widget(at.text_input, t("manage.erase_type", "en")).set_value("Somebody Else")
    widget(at.button, t("manage.erase", "en")).click().run()
    assert at.error[0].value == t("error.erase_confirm", "en") and demo_store.get_candidate(first.id)
    widget(at.text_input, t("manage.erase_type", "en")).set_value(first.name)
    widget(at.button, t("manage.erase", "en")).click().run()
    assert first.id not in {c.id for c in demo_store.list_candidates(1)}
    assert any(t("manage.erased_count", "en", count=1) == c.value for c in at.caption)


def test_a_duplicate_is_warned_about_and_added_only_when_confirmed(app, demo_store):
    at = app("rounds", round=1, lang="de")
    existing = demo_store.list_candidates(1)[0]
    count = len(demo_store.list_candidates(1))
    widget(at.text_input, t("rounds.col_name", "de"), "add_candidate").set_value("Someone New")
    widget(at.text_input, t("rounds.col_email", "de"), "add_candidate").set_value(existing.email.upper())
    widget(at.button, t("rounds.add", "de"), "add_candidate").click().run()
    assert len(demo_store.list_candidates(1)) == count
    assert any(t("manage.by_email", "de") in warning.value for warning in at.warning)
    widget(at.checkbox, t("manage.add_anyway", "de")).check()
    widget(at.button, t("rounds.add", "de"), "add_candidate").click().run()
    assert len(demo_store.list_candidates(1)) == count + 1
    added = demo_store.list_candidates(1)[-1]
    assert (added.name, added.language) == ("Someone New", "de"), "the language starts as the page's"


def test_a_new_round_needs_a_role_chosen_then_opens_with_a_confirmation(app, demo_store):
    at = app("rounds", round=1)
    before = len(demo_store.list_rounds())
    role = widget(at.selectbox, t("rounds.role", "en"))
    assert role.value is None and role.placeholder == t("rounds.role_placeholder", "en")
    widget(at.text_input, t("rounds.round_name", "en"), "new_round").set_value("Spring hiring")
    widget(at.button, t("rounds.create", "en")).click().run()
    assert [e.value for e in at.error] == [t("rounds.role_missing", "en")]
    assert len(demo_store.list_rounds()) == before, "nothing is created without a role"
    assert widget(at.text_input, t("rounds.round_name", "en"), "new_round").value == "Spring hiring"
    widget(at.selectbox, t("rounds.role", "en")).set_value("project_manager")
    widget(at.button, t("rounds.create", "en")).click().run()
    assert not at.exception and not at.error
    created = max(demo_store.list_rounds(), key=lambda r: r.id)
    assert (created.name, created.catalog_id) == ("Spring hiring", "project_manager")
    role_name = demo_store.catalog_of_round(created.id).name.en
    assert at.selectbox(key="round_picker").value == created.id
    assert [s.value for s in at.success] == [t("rounds.created", "en", name="Spring hiring", role=role_name)]
    assert t("rounds.no_candidates", "en") in [i.value for i in at.info]  # the new round, empty
    assert widget(at.text_input, t("rounds.round_name", "en"), "new_round").value == ""


def test_pickers_tell_two_candidates_of_one_name_apart(app, demo_store):
    round_id = demo_store.create_round("Twins", "project_manager").id
    with_mail = demo_store.add_candidate(round_id, "Alex Kim", "alex.kim@example.org", "en")
    without = demo_store.add_candidate(round_id, "Alex Kim", None, "de")
    other = demo_store.add_candidate(round_id, "Sam Lee", "sam@example.org", "en")
    at = app("rounds", round=round_id)
    invite = widget(at.selectbox, t("rounds.invite_who", "en"))
    labels = dict(zip(invite.options, [with_mail.id, without.id, other.id], strict=True))
    assert labels == {"Alex Kim · alex.kim@example.org": with_mail.id, f"Alex Kim · #{without.id}": without.id,
                      "Sam Lee": other.id}
