"""House rules of the code base, checked so they stay true."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STREAMLIT = re.compile(r"^\s*(import streamlit|from streamlit)", re.MULTILINE)


def test_only_app_and_ui_import_streamlit():
    offenders = [str(path.relative_to(ROOT)) for path in (ROOT / "assessment").rglob("*.py")
                 if STREAMLIT.search(path.read_text(encoding="utf-8"))
                 and "ui" not in path.relative_to(ROOT / "assessment").parts[:1]]
    assert offenders == []


def test_user_text_is_never_rendered_as_html():
    for path in [ROOT / "app.py", *(ROOT / "assessment").rglob("*.py")]:
        source = path.read_text(encoding="utf-8")
        assert "unsafe_allow_html=True" not in source, path
        assert "st.html(" not in source, path
        assert "components.html" not in source, path


def test_pages_stay_thin():
    for page in (ROOT / "assessment" / "ui").glob("*.py"):
        source = page.read_text(encoding="utf-8")
        assert "sqlalchemy" not in source and "import yaml" not in source, page
        assert len(source.splitlines()) <= 200, page
