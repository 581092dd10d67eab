"""HR's side in a real browser: a new round for a chosen role, candidates imported from a CSV file (with a
preview, each bad row named in the reader's language, nobody imported twice), pickers that tell namesakes apart,
then an invite link for one of them."""

from __future__ import annotations

import pytest

from assessment.catalog import load_catalog
from assessment.i18n import t

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.e2e

CSV = ("Name;E-Mail;Sprache\n"
       "Lena Krüger;lena.krueger@example.de;de\n"
       "Kein Mail;kein-mail;de\n"
       "Павел Егоров;p.egorov@example.ru;ru\n"
       ";leer@example.de;de\n")


def test_hr_imports_candidates_from_csv_and_invites_one(server, ui, tmp_path):
    store, page = server.store(), ui.page
    round_id = int(server.cli("round", "create", "CSV-Import", "--catalog", "project_manager"))
    upload = tmp_path / "kandidaten.csv"
    upload.write_text(CSV, encoding="utf-8")

    ui.plain_downloads()
    ui.goto("/", round=round_id, lang="de")
    expect(page.get_by_text(t("rounds.no_candidates", "de"))).to_be_visible()
    ui.act(page.get_by_role("tab", name=t("rounds.tab_csv", "de")).click, runs=0)
    ui.act(lambda: page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(upload))

    expect(page.get_by_text(t("rounds.csv_preview", "de", count=2))).to_be_visible()
    expect(page.get_by_text("Zeile 3: „kein-mail“ ist keine E-Mail-Adresse.")).to_be_visible()
    expect(page.get_by_text("Zeile 5: Geben Sie den Namen der Kandidatin oder des Kandidaten ein.")).to_be_visible()
    assert store.list_candidates(round_id) == [], "nothing is stored before the person confirms"
    ui.click(page.get_by_role("button", name=t("rounds.csv_add", "de", count=2)))
    expect(page.get_by_text(t("rounds.csv_done", "de", count=2))).to_be_visible()
    added = {c.name: c.language for c in store.list_candidates(round_id)}
    assert added == {"Lena Krüger": "de", "Павел Егоров": "ru"}
    ui.act(page.get_by_role("tab", name=t("rounds.tab_csv", "de")).click, runs=0)
    expect(page.get_by_text(t("manage.csv_already", "de"))).to_be_visible()  # one upload imports once
    expect(page.get_by_role("button", name=t("rounds.csv_add", "de", count=2))).to_have_count(0)
    again = tmp_path / "kandidaten-nochmal.csv"
    again.write_text(CSV + "Jonas Weber;jonas.weber@example.de;de\n", encoding="utf-8")
    ui.act(lambda: page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(again))
    expect(page.get_by_text(t("manage.csv_duplicates", "de", count=2))).to_be_visible()  # the same rows again
    ui.click(page.get_by_role("button", name=t("rounds.csv_add", "de", count=1)), runs=2)
    expect(page.get_by_text(t("rounds.csv_done_skipped", "de", count=1, skipped=2))).to_be_visible()
    assert sorted(c.name for c in store.list_candidates(round_id)) == ["Jonas Weber", "Lena Krüger", "Павел Егоров"]
    table = page.locator(".st-key-status_table").get_by_test_id("stDataFrame")  # everyone, at once
    assert sorted(row[t("rounds.col_name", "de")] for row in ui.table_rows(table)) == [
        "Jonas Weber", "Lena Krüger", "Павел Егоров"]
    expect(page.get_by_text(t("rounds.no_candidates", "de"))).to_have_count(0)

    ui.act(page.get_by_role("tab", name=t("rounds.tab_invite", "de")).click, runs=0)
    ui.select(t("rounds.invite_who", "de"), "Павел Егоров")
    ui.click(page.get_by_role("button", name=t("rounds.invite", "de")))
    link = page.get_by_test_id("stCode").inner_text().strip()
    assert link.startswith(server.base_url + "/?token=") and link.endswith("&lang=ru"), link
    ui.shot("rounds_csv_import-de")

    ui.page.goto(link)  # the link opens the candidate's questionnaire, in the candidate's language
    ui.loaded()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Павел Егоров")
    expect(page.get_by_role("checkbox")).to_be_visible()
    assert not ui.dialogs and not ui.errors, (ui.dialogs, ui.errors)


def test_a_russian_excel_export_in_windows_1251_is_imported_with_its_names_intact(server, ui, tmp_path):
    store, page = server.store(), ui.page
    round_id = int(server.cli("round", "create", "Импорт 1251", "--catalog", "client_manager"))
    upload = tmp_path / "кандидаты.csv"
    upload.write_bytes("ФИО;Почта;Язык\r\nИван Петров;ivan@example.ru;ru\r\nЁлка Щукина;;ru\r\n".encode("cp1251"))

    ui.goto("/", round=round_id, lang="ru")
    ui.act(page.get_by_role("tab", name=t("rounds.tab_csv", "ru")).click, runs=0)
    ui.act(lambda: page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(upload))
    expect(page.get_by_text(t("rounds.csv_read_as", "ru", encoding=t("rounds.encoding.cp1251", "ru"),
                              delimiter=t("rounds.delimiter.semicolon", "ru")))).to_be_visible()
    ui.click(page.get_by_role("button", name=t("rounds.csv_add", "ru", count=2)))
    expect(page.get_by_text(t("rounds.csv_done", "ru", count=2))).to_be_visible()
    assert sorted(c.name for c in store.list_candidates(round_id)) == ["Ёлка Щукина", "Иван Петров"]
    ui.shot("rounds_csv_import_1251-ru")


def test_a_new_round_needs_a_role_then_opens_and_its_pickers_tell_namesakes_apart(server, ui):
    store, page = server.store(), ui.page
    role = load_catalog("crisis_manager").catalog.name.en
    ui.plain_downloads()
    ui.goto("/", lang="en")
    before = len(store.list_rounds())
    ui.act(page.get_by_text(t("rounds.new_round", "en"), exact=True).click, runs=0)
    new_round = form(page, t("rounds.create", "en"))  # the Manage tab has a field of the same name
    new_round.get_by_label(t("rounds.round_name", "en"), exact=True).fill("Autumn hiring")
    ui.click(new_round.get_by_role("button", name=t("rounds.create", "en")))
    expect(page.get_by_text(t("rounds.role_missing", "en"))).to_be_visible()
    assert len(store.list_rounds()) == before, "nothing is created without a role"
    name = new_round.get_by_label(t("rounds.round_name", "en"), exact=True)
    expect(name).to_have_value("Autumn hiring")  # the mistake keeps what was typed

    ui.select(t("rounds.role", "en"), role)
    ui.click(new_round.get_by_role("button", name=t("rounds.create", "en")), runs=2)
    created = max(store.list_rounds(), key=lambda r: r.id)
    assert (created.name, created.catalog_id) == ("Autumn hiring", "crisis_manager")
    expect(page.get_by_text(t("rounds.created", "en", name="Autumn hiring", role=role))).to_be_visible()
    expect(page.get_by_role("combobox", name=t("common.round", "en"))).to_have_value(
        f"Autumn hiring · {role} · #{created.id}")
    expect(page.get_by_text(t("rounds.candidates_of", "en", role=role))).to_be_visible()
    expect(page.get_by_text(t("rounds.no_candidates", "en"))).to_be_visible()
    expect(name).to_have_value("")  # ready for the next round

    add = form(page, t("rounds.add", "en"))
    for email in ("alex.kim@example.org", ""):  # two people of one name; the second is added on purpose
        add.get_by_label(t("rounds.col_name", "en"), exact=True).fill("Alex Kim")
        add.get_by_label(t("rounds.col_email", "en"), exact=True).fill(email)
        if not email:
            add.get_by_text(t("manage.add_anyway", "en"), exact=True).click()
        ui.click(add.get_by_role("button", name=t("rounds.add", "en"), exact=True), runs=2)
        expect(page.get_by_text(t("rounds.added", "en", name="Alex Kim"))).to_be_visible()
        expect(page.get_by_text(t("rounds.no_candidates", "en"))).to_have_count(0)  # the table shows them
    table = page.locator(".st-key-status_table").get_by_test_id("stDataFrame")
    assert [row[t("rounds.col_email", "en")] for row in ui.table_rows(table)] == ["alex.kim@example.org", ""]
    first, second = store.list_candidates(created.id)
    ui.act(page.get_by_role("tab", name=t("rounds.tab_invite", "en")).click, runs=0)
    page.get_by_role("combobox", name=t("rounds.invite_who", "en")).click()
    expect(page.get_by_role("option")).to_have_text([f"Alex Kim · {first.email}", f"Alex Kim · #{second.id}"])
    page.keyboard.press("Escape")
    ui.shot("rounds_created_namesakes-en")
    assert not ui.errors, ui.errors


def form(page, button: str):
    """The form whose submit button says `button`."""
    return page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name=button, exact=True))
