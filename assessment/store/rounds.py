"""Rounds, candidates and invitations."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select

from assessment.candidates import clean_candidate, clean_name
from assessment.catalog import load_catalog
from assessment.errors import InvalidToken, InvalidValue, NotFound

from .base import Repository, get, hash_token
from .lifecycle import aware
from .models import Candidate, CatalogSnapshot, Interview, Invitation, Round, RoundMember, RoundPlan, SelfAnswer
from .outbox import queue_for_candidate


@dataclass(frozen=True)
class CandidateStatus:
    """Where a candidate stands in a round."""

    candidate: Candidate
    answered: int
    items: int
    submitted_interviews: int
    invited: bool

    @property
    def state(self) -> str:
        """One of: added, invited, in_progress, submitted, interviewed, withdrawn (consent withdrawn)."""
        return candidate_state(self.candidate.withdrawn_at is not None, self.submitted_interviews,
                               self.candidate.submitted_at is not None, self.answered, self.invited)


def candidate_state(withdrawn: bool, submitted_interviews: int, submitted: bool, answered: int, invited: bool) -> str:
    """Where a candidate stands (`CandidateStatus.state`), from the facts that decide it."""
    if withdrawn:
        return "withdrawn"
    if submitted_interviews:
        return "interviewed"
    if submitted:
        return "submitted"
    if answered:
        return "in_progress"
    return "invited" if invited else "added"


class Rounds(Repository):
    def create_round(self, name: str, catalog_id: str, actor: str = "system", demo: bool = False,
                     staff_id: int | None = None) -> Round:
        """A new round on the catalog's current content; `demo` marks it as made by `assessment demo`;
        `staff_id`, its creator, becomes a member."""
        loaded = load_catalog(catalog_id)
        with self.transaction() as session:
            if session.get(CatalogSnapshot, loaded.content_hash) is None:
                session.add(CatalogSnapshot(content_hash=loaded.content_hash, catalog_id=loaded.catalog.id,
                                            version=loaded.catalog.version,
                                            content=loaded.catalog.model_dump_json()))
                session.flush()
            round_ = Round(name=clean_name(name, "round"), catalog_id=loaded.catalog.id,
                           catalog_version=loaded.catalog.version, catalog_hash=loaded.content_hash, demo=demo)
            session.add(round_)
            session.flush()
            if staff_id is not None:
                session.add(RoundMember(round_id=round_.id, staff_id=int(staff_id)))
            self.audit(session, actor, "round.create", f"round:{round_.id}", catalog=catalog_id)
        return round_

    def demo_rounds(self) -> list[Round]:
        """The rounds made by `assessment demo`, in the order they were made."""
        with self.reading() as session:
            return list(session.scalars(select(Round).where(Round.demo.is_(True)).order_by(Round.id)))

    def delete_demo_rounds(self) -> None:
        """Remove the demo rounds with everything in them (`assessment demo --reset`)."""
        with self.transaction() as session:
            session.execute(delete(Round).where(Round.demo.is_(True)))

    def get_round(self, round_id: int) -> Round:
        with self.reading() as session:
            return get(session, Round, int(round_id), "round")

    def round_stamp(self, round_id: int) -> tuple[str, int, str, int]:
        """What changes whenever the round's data does: (database, id, creation time, revision). One small read.
        The database tells copies of one file apart; the creation time, a round from a later one that got the id
        of a deleted one (SQLite reuses ids)."""
        with self.reading() as session:
            row = session.execute(select(Round.created_at, Round.revision).where(Round.id == int(round_id))).first()
        if row is None:
            raise NotFound(f"unknown round {round_id}", code="unknown_round", key=round_id)
        database = self.engine.url.render_as_string(hide_password=True)
        return database, int(round_id), str(row.created_at), int(row.revision)

    def changed_since(self, round_id: int, revision: int) -> tuple[bool, list[int]]:
        """What changed in the round after `revision`: (whether a change concerned the whole round, the ids of the
        candidates whose data changed). One small read; see `Repository.changed`."""
        with self.reading() as session:
            whole = session.scalar(select(Round.whole_revision).where(Round.id == int(round_id)))
            if whole is None:
                raise NotFound(f"unknown round {round_id}", code="unknown_round", key=round_id)
            ids = session.scalars(select(Candidate.id).where(Candidate.round_id == int(round_id),
                                                             Candidate.revision > int(revision))).all()
        return whole > int(revision), list(ids)

    def set_candidate_feedback(self, round_id: int, allowed: bool, actor: str = "system") -> Round:
        """Let the round's candidates download a feedback report of their own self-assessment, or stop it."""
        with self.transaction() as session:
            round_ = get(session, Round, int(round_id), "round")
            round_.candidate_feedback = bool(allowed)
            self.changed(session, round_id=round_.id, settings=True)
            self.audit(session, actor, "round.candidate_feedback", f"round:{round_.id}", allowed=bool(allowed))
        return round_

    def list_rounds(self) -> list[Round]:
        with self.reading() as session:
            return list(session.scalars(select(Round).order_by(Round.created_at.desc(), Round.id.desc())))

    def catalog_of_round(self, round_id: int):
        """The catalog as the round uses it: its plan applied (see `Plans.planned_catalog`). One read."""
        with self.reading() as session:
            return self.planned_catalog(get(session, Round, int(round_id), "round"), session)

    def add_candidate(self, round_id: int, name: str, email: str | None = None,
                      language: str | None = "en", actor: str = "system") -> Candidate:
        return self.add_candidates(round_id, [{"name": name, "email": email, "language": language}], actor)[0]

    def add_candidates(self, round_id: int, rows: list[dict], actor: str = "system") -> list[Candidate]:
        """Add several candidates in one transaction: all are added, or none."""
        fields = [clean_candidate(r.get("name", ""), r.get("email"), r.get("language")) for r in rows]
        with self.transaction() as session:
            get(session, Round, int(round_id), "round")
            candidates = [Candidate(round_id=int(round_id), **f) for f in fields]
            session.add_all(candidates)
            session.flush()
            for candidate in candidates:
                self.audit(session, actor, "candidate.add", f"candidate:{candidate.id}", round=int(round_id))
            self.changed(session, round_id=round_id, candidates=[c.id for c in candidates])
        return candidates

    def get_candidate(self, candidate_id: int) -> Candidate:
        with self.reading() as session:
            return get(session, Candidate, int(candidate_id), "candidate")

    def list_candidates(self, round_id: int) -> list[Candidate]:
        with self.reading() as session:
            get(session, Round, int(round_id), "round")
            return list(session.scalars(select(Candidate).where(Candidate.round_id == int(round_id))
                                        .order_by(Candidate.id)))

    def statuses(self, round_id: int) -> list[CandidateStatus]:
        """Every candidate of the round with answers given, items in all and interviews submitted."""
        items = len(self.catalog_of_round(round_id).self_items)
        with self.reading() as session:
            answered = dict(session.execute(
                select(SelfAnswer.candidate_id, func.count()).join(Candidate)
                .where(Candidate.round_id == int(round_id)).group_by(SelfAnswer.candidate_id)).all())
            interviewed = dict(session.execute(
                select(Interview.candidate_id, func.count()).join(Candidate)
                .where(Candidate.round_id == int(round_id), Interview.status == "submitted")
                .group_by(Interview.candidate_id)).all())
            invited = set(session.scalars(select(Invitation.candidate_id).join(Candidate)
                                          .where(Candidate.round_id == int(round_id))))
            candidates = list(session.scalars(select(Candidate).where(Candidate.round_id == int(round_id))
                                              .order_by(Candidate.id)))
        return [CandidateStatus(c, answered.get(c.id, 0), items, interviewed.get(c.id, 0), c.id in invited)
                for c in candidates]

    def invite(self, candidate_id: int, expires_days: int = 14, actor: str = "system", send: bool = False) -> str:
        """A new invite token for the candidate (earlier ones stop working). Only its hash is stored.
        `send` also queues the invitation e-mail, in the same transaction."""
        if not 1 <= int(expires_days) <= 365:
            raise InvalidValue("an invitation expires after 1 to 365 days", code="invite_days")
        token = secrets.token_urlsafe(24)  # 192 bits
        with self.transaction() as session:
            candidate = get(session, Candidate, int(candidate_id), "candidate")
            if send and not candidate.email:
                raise InvalidValue(f"candidate {candidate_id} has no e-mail address", code="candidate_no_email",
                                   name=candidate.name)
            for old in session.scalars(select(Invitation).where(Invitation.candidate_id == int(candidate_id),
                                                                Invitation.used_at.is_(None))):
                old.used_at = datetime.now(UTC)  # superseded
            expires_at = datetime.now(UTC) + timedelta(days=int(expires_days))
            session.add(Invitation(candidate_id=int(candidate_id), token_hash=hash_token(token), expires_at=expires_at))
            if send:
                queue_for_candidate(self, session, "invitation", candidate, token=token,
                                    expires_at=expires_at.isoformat())
            self.audit(session, actor, "invitation.create", f"candidate:{candidate_id}", days=int(expires_days),
                       **({"mailed": True} if send else {}))
            self.changed(session, round_id=candidate.round_id, candidate_id=candidate.id)
        return token

    def resolve_token(self, token: str) -> Candidate:
        """The candidate an invite token belongs to, or InvalidToken (forged, expired or superseded).

        A candidate who has submitted or withdrawn keeps a working link, so it can show the thank-you page or
        say that they withdrew; the invitations it closed are those used at that moment, not earlier ones.
        """
        with self.reading() as session:
            return invited(session, token)[1]


def invited(session, token: str) -> tuple[Invitation, Candidate, Round, RoundPlan | None]:
    """The invitation of a valid invite token with its candidate, the candidate's round and the round's plan
    (None: it has none), read in `session` in one statement; else InvalidToken (see `Rounds.resolve_token`)."""
    if not token or len(token) > 200:
        raise InvalidToken()
    found = session.execute(
        select(Invitation, Candidate, Round, RoundPlan)
        .join(Candidate, Candidate.id == Invitation.candidate_id)
        .join(Round, Round.id == Candidate.round_id)
        .outerjoin(RoundPlan, RoundPlan.round_id == Round.id)
        .where(Invitation.token_hash == hash_token(token))).first()
    if found is None:
        raise InvalidToken()
    check_invitation(found[0], found[1])
    return tuple(found)


def check_invitation(invitation: Invitation, candidate: Candidate) -> None:
    """InvalidToken unless the invitation still opens the candidate's questionnaire: not expired, and not
    superseded (used) before the candidate submitted or withdrew."""
    if aware(invitation.expires_at) < datetime.now(UTC):
        raise InvalidToken()
    closed = [aware(m) for m in (candidate.submitted_at, candidate.withdrawn_at) if m is not None]
    if invitation.used_at is not None and (not closed or aware(invitation.used_at) < min(closed)):
        raise InvalidToken()


__all__ = ["CandidateStatus", "Rounds", "NotFound", "clean_candidate", "hash_token"]
