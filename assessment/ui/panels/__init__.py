"""Panels that several pages can lay out: each renders one computed figure set with streamlit."""

__all__: list[str] = []
