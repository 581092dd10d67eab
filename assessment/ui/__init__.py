"""The Streamlit pages, their panels and the helpers they share. Only this package and app.py import streamlit."""

__all__: list[str] = []
