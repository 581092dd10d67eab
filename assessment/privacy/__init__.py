"""The organisation's privacy notice: what a candidate reads before consenting (GDPR Art. 13, 152-FZ Art. 18).

One YAML file, named by $ASSESSMENT_PRIVACY_NOTICE (default: the shipped example beside this module, which an
organisation replaces before inviting real people). It names the controller and a data-protection contact, and
says in English, German and Russian why answers are stored, for how long and what rights the candidate has.

    >>> notice().retention_days          # also read by the retention job
    180
    >>> notice().version                 # a hash of the content: a consent records which text was read
    '3f2a9c0e1b7d'

A file that lacks a field or a language is refused with one located message (`file:line: ...`), as a
`UserError` with a code, so the app and the command can say it in the reader's words.
"""

from __future__ import annotations

from ._notice import EXAMPLE_NOTICE, RETENTION_DAYS, PrivacyNotice, load_notice, notice, notice_path

__all__ = ["EXAMPLE_NOTICE", "PrivacyNotice", "RETENTION_DAYS", "load_notice", "notice", "notice_path"]
