"""The interviewer's guide to one competency: definition, questions with probes, indicators, anchors, red flags.

Catalog text is shown as plain text: a catalog is a file from anywhere, and Markdown in it could carry
links or images that a browser would fetch.
"""

from __future__ import annotations

import streamlit as st

from assessment.ui.common import lang, plain, tr


def bullets(lines) -> str:
    return "\n".join(f"- {plain(line)}" for line in lines)


def guide(competency) -> None:
    st.markdown(f"*{plain(competency.definition.get(lang()))}*")
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{tr('interview.questions')}**")
        for question in competency.questions:
            st.markdown(f"- {plain(question.text.get(lang()))}  \n  " + "  \n  ".join(
                f"↳ {plain(probe.get(lang()))}" for probe in question.probes))
        st.markdown(f"**{tr('interview.indicators')}**")
        st.markdown(bullets(i.get(lang()) for i in competency.indicators))
    with right:
        st.markdown(f"**{tr('interview.anchors')}**")
        for level, anchor in sorted(competency.anchors.items()):
            st.markdown(f"**{level}** — {plain(anchor.get(lang()))}")
        st.markdown(f"**{tr('interview.red_flags')}**")
        st.markdown(bullets(flag.get(lang()) for flag in competency.red_flags))
