"""The app's root address: sends each person on to their first page, keeping the URL's parameters, so that
every page keeps its own address (/rounds, /interview, …) whatever the role."""

from __future__ import annotations

import streamlit as st

first = st.session_state.get("first_page")
if first:
    st.switch_page(first, query_params=st.query_params.to_dict())
