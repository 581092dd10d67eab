"""What goes in and out of the app: exports of a round, the candidate CSV import, invitation links.

- `exports`: JSON, CSV and XLSX of a round, spreadsheet formulas defused.
- `importing`: candidates from a CSV file, every row checked.
- `links`: the URL a candidate opens.
"""

from __future__ import annotations

from .exports import FORMATS, defuse, defused, export
from .importing import parse_candidates_csv
from .links import invite_url

__all__ = ["FORMATS", "defuse", "defused", "export", "invite_url", "parse_candidates_csv"]
