"""Entry point: the pages of the toolkit. Run with `streamlit run app.py`."""

import streamlit as st

from assessment.ui import common

st.set_page_config(page_title="Manager assessment", page_icon="🧭", layout="wide")

PAGES = "assessment/ui"


def page(name: str, key: str, icon: str, **options) -> st.Page:
    return st.Page(f"{PAGES}/{name}.py", title=common.tr(key), icon=icon, url_path=name, **options)


if st.query_params.get("token"):
    # A candidate's invite link: only the questionnaire, no staff pages, no menu.
    st.navigation([page("self_assessment", "nav.self_assessment", "📝", default=True)], position="hidden").run()
else:
    common.language_picker()
    navigation = st.navigation({
        common.tr("nav.section_hiring"): [
            page("rounds", "nav.rounds", "📋", default=True),
            page("interview", "nav.interview", "🎙️"),
            page("comparison", "nav.comparison", "📊"),
            page("manager_types", "nav.manager_types", "🧩"),
        ],
        common.tr("nav.section_reference"): [
            page("catalogs", "nav.catalogs", "📚"),
            page("self_assessment", "nav.self_assessment", "📝", visibility="hidden"),
        ],
    })
    navigation.run()
