"""Documents people print and file, as PDF: the interview kit, the candidate report, the round report and the
candidate's own feedback report.

Pure: each takes a round's `RoundResults` (read by `assessment.results.loader.load_round`, with the ratings the
reader may not see left out) and returns the PDF's bytes. No database, no streamlit, no browser: fpdf2 lays
out the pages with the DejaVu Sans fonts shipped in `fonts/`, and the comparison page's plotly figures are
drawn as vector graphics (`figures`).

- `kit`: `interview_kit` — the interviewer's printed guide for one candidate.
- `candidate`: `candidate_report` — one candidate for the hiring committee.
- `round_report`: `round_report` — the comparison page as a document.
- `feedback`: `feedback_report` — the candidate's own feedback, when the round allows it.
- `words`: `safe_filename` and the documents' texts (`locales/documents.yaml`).
"""

from __future__ import annotations

from .candidate import candidate_report
from .feedback import feedback_report
from .kit import interview_kit
from .pdf import PAPERS
from .round_report import round_report
from .words import safe_filename

__all__ = ["PAPERS", "candidate_report", "feedback_report", "interview_kit", "round_report", "safe_filename"]
