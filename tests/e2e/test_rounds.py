"""HR's side in a real browser: candidates imported from a CSV file, with a preview and each bad row named
in the reader's language, then an invite link for one of them."""

from __future__ import annotations

import pytest

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
    again.write_text(CSV, encoding="utf-8")
    ui.act(lambda: page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(again))
    expect(page.get_by_text(t("manage.csv_duplicates", "de", count=2))).to_be_visible()  # the same rows again
    expect(page.get_by_role("button", name=t("rounds.csv_add", "de", count=2))).to_have_count(0)
    assert len(store.list_candidates(round_id)) == 2

    ui.goto("/", round=round_id, lang="de")  # the status table now lists both
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
