"""A candidate's copy of their data (GDPR Art. 15 and 20): the store's record as JSON, with a summary a person
can read in the candidate's own language."""

from __future__ import annotations

import json

from assessment.i18n import t

RECOMMENDATION_KEYS = ("strong_no", "no", "yes", "strong_yes")


def summary(record: dict) -> str:
    """What is stored about the candidate, in plain sentences in their language."""
    lang = record["candidate"]["language"]
    candidate, round_ = record["candidate"], record["round"]
    submitted = [i for i in record["interviews"] if i["status"] == "submitted"]
    lines = [
        t("sar.title", lang, name=candidate["name"]),
        "",
        t("sar.who", lang, name=candidate["name"], email=candidate["email"] or t("sar.none", lang),
          added=_day(candidate["added_at"])),
        t("sar.round", lang, round=round_["name"], role=round_["role"]),
        t("sar.invitations", lang, count=len(record["invitations"])),
        t("sar.consent", lang, at=_day(candidate["consent_at"])) if candidate["consent_at"]
        else t("sar.no_consent", lang),
        t("sar.answers", lang, count=len(record["self_assessment"])),
        t("sar.interviews", lang, count=len(submitted), drafts=len(record["interviews"]) - len(submitted)),
        t("sar.audit", lang, count=len(record["audit"])),
        "",
        t("sar.rights", lang),
    ]
    return "\n".join(lines) + "\n"


def as_json(record: dict) -> bytes:
    """The record with its summary, as UTF-8 JSON."""
    document = {**record, "summary": {"language": record["candidate"]["language"], "text": summary(record)}}
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _day(moment: str | None) -> str:
    return moment[:10] if moment else "–"


__all__ = ["as_json", "summary"]
