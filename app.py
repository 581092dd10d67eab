"""Entry point: the pages of the toolkit. Run with `streamlit run app.py`.

`streamlit run` imports this file and serves the `app` defined below (an `st.App`, which adds security
headers to every response); each page view then runs this file as the script, with __name__ "__main__".
"""

import streamlit as st

from assessment import i18n
from assessment.ui import common

PAGES = "assessment/ui"


def page(name: str, key: str, icon: str, **options) -> st.Page:
    return st.Page(f"{PAGES}/{name}.py", title=common.tr(key), icon=icon, url_path=name, **options)


def run_pages() -> None:
    st.set_page_config(page_title="Manager assessment", page_icon=":material/explore:", layout="wide")

    if st.query_params.get("token"):
        # A candidate's invite link: only the questionnaire, no staff pages, no menu. The page picks the
        # language (the candidate's own unless the link or the candidate chose one), so it is not fixed here.
        title = i18n.t("nav.self_assessment", common.requested_lang())
        st.navigation([st.Page(f"{PAGES}/self_assessment.py", title=title, icon=":material/edit_note:",
                               url_path="self_assessment", default=True)], position="hidden").run()
    else:
        common.language_picker()
        navigation = st.navigation({
            common.tr("nav.section_hiring"): [
                page("rounds", "nav.rounds", ":material/groups:", default=True),
                page("interview", "nav.interview", ":material/record_voice_over:"),
                page("comparison", "nav.comparison", ":material/leaderboard:"),
                page("manager_types", "nav.manager_types", ":material/category:"),
            ],
            common.tr("nav.section_reference"): [
                page("catalogs", "nav.catalogs", ":material/menu_book:"),
                page("self_assessment", "nav.self_assessment", ":material/edit_note:", visibility="hidden"),
            ],
        })
        navigation.run()


if __name__ == "__main__":
    run_pages()
else:  # imported by `streamlit run`, which serves this ASGI app
    from assessment.ui.server import middleware, routes

    app = st.App("app.py", middleware=middleware(), routes=routes())
