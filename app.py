"""Entry point: the pages of the toolkit. Run with `streamlit run app.py`.

`streamlit run` imports this file and serves the `app` defined below (an `st.App`, which adds security
headers to every response); each page view then runs this file as the script, with __name__ "__main__".
"""

import streamlit as st

from assessment import i18n
from assessment.ui import account as signing
from assessment.ui import common, runs

PAGES = "assessment/ui"


def page(name: str, key: str, icon: str, **options) -> st.Page:
    return st.Page(f"{PAGES}/{name}.py", title=common.tr(key), icon=icon, url_path=name, **options)


#: The pages each role works with. Hiding a page is a convenience: what a person may read or change is
#: decided below the pages, in `assessment.access` and the store.
PAGES_OF = {
    "admin": ["rounds", "interview", "comparison", "candidate", "manager_types", "audit", "catalogs"],
    "recruiter": ["rounds", "interview", "comparison", "candidate", "manager_types", "catalogs"],
    "committee": ["comparison", "candidate", "manager_types", "catalogs"],
    "interviewer": ["interview", "catalogs"],
}
HIRING = {"rounds": ("nav.rounds", ":material/groups:"), "interview": ("nav.interview", ":material/record_voice_over:"),
          "comparison": ("nav.comparison", ":material/leaderboard:"),
          "candidate": ("nav.candidate", ":material/person_search:"),
          "manager_types": ("nav.manager_types", ":material/category:"), "audit": ("nav.audit", ":material/policy:")}


#: What each staff page is for; opened by a role it is not for, the page says so and the attempt is recorded.
PAGE_ACTION = {"rounds": "round.edit", "interview": "interview.rate", "comparison": "results.view",
               "candidate": "results.view",
               "manager_types": "results.view", "audit": "audit.read"}


def not_for_role(name: str) -> st.Page:
    """A staff page at its own address for someone whose role it is not for: one message in their language,
    the attempt in the audit log (instead of Streamlit's English "Page not found")."""

    def refused() -> None:
        st.title(common.tr(HIRING[name][0]))
        common.refused(common.workspace().require, PAGE_ACTION[name])

    refused.__name__ = f"not_for_role_{name}"
    return st.Page(refused, title=common.tr(HIRING[name][0]), url_path=name, visibility="hidden")


def questionnaire_only() -> None:
    """A candidate's invite link: only the questionnaire, no staff pages, no menu. The page picks the language
    (the candidate's own unless the link or the candidate chose one), so it is not fixed here."""
    title = i18n.t("nav.self_assessment", common.requested_lang())
    st.navigation([st.Page(f"{PAGES}/self_assessment.py", title=title, icon=":material/edit_note:",
                           url_path="self_assessment", default=True)], position="hidden").run()


def sign_in_only() -> None:
    st.navigation([st.Page(f"{PAGES}/sign_in.py", title=common.tr("signin.title"), icon=":material/login:",
                           url_path="sign_in", default=True)], position="hidden").run()


def staff_pages(account) -> None:
    common.language_picker()
    signing.account_box(account)
    st.session_state["first_page"] = f"{PAGES}/{PAGES_OF[account.role][0]}.py"
    st.navigation(menu(account.role)).run()


def menu(role: str) -> dict[str, list[st.Page]]:
    """The pages of `role` by section, in the session's language. Made once per browser session, role and
    language and kept in session state: a click reruns this script, and making the eleven pages anew (each
    resolves its script's path) cost about as much as a blank rerun. A page object serves again: `st.navigation`
    marks the one to run on each run."""
    key = (role, common.lang())
    kept = st.session_state.get("_menu")
    if kept is not None and kept[0] == key:
        return kept[1]
    allowed = PAGES_OF[role]
    hiring = [page(name, *HIRING[name]) if name in allowed else not_for_role(name) for name in HIRING]
    start = st.Page(f"{PAGES}/start.py", title=common.tr(HIRING[allowed[0]][0]), default=True, visibility="hidden")
    sections = {
        common.tr("nav.section_hiring"): [start, *hiring],
        common.tr("nav.section_reference"): [page("catalogs", "nav.catalogs", ":material/menu_book:"),
                                             page("privacy", "nav.privacy", ":material/privacy_tip:")],
    }
    st.session_state["_menu"] = (key, sections)
    return sections


def run_pages() -> None:
    st.set_page_config(page_title="Manager assessment", page_icon=":material/explore:", layout="wide")
    runs.new_run()
    try:
        if st.query_params.get("token"):
            questionnaire_only()
            return
        account = signing.signed_in()
        if account is None:
            sign_in_only()
        else:
            st.session_state["staff"] = account  # resolved once per run; pages read it through common.me()
            staff_pages(account)
    finally:
        runs.end_run()


if __name__ == "__main__":
    run_pages()
else:  # imported by `streamlit run`, which serves this ASGI app
    import sys

    from assessment.ui.server import check_settings, middleware, rerun_unknown_fragments_in_full, routes, warm_up

    if problem := check_settings():
        print(problem, file=sys.stderr)
        raise SystemExit(1)
    rerun_unknown_fragments_in_full()  # before any session: a click after a restart must never be dropped
    warm_up()
    app = st.App("app.py", middleware=middleware(), routes=routes())

    import gc

    # What is loaded by now (the libraries, the catalogs) lives as long as the server: kept out of the garbage
    # collector's way, its occasional full collections walk only what the pages made since.
    gc.freeze()
