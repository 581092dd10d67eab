"""Staff accounts and their sign-in: local passwords, sessions that expire when idle, throttled failures,
round membership and interview assignments."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select

from assessment import access
from assessment.errors import Forbidden, InvalidValue, NotFound, SignInRefused
from assessment.i18n import LANGUAGES
from assessment.inputs import clean_text

from .base import Repository, get
from .models import Assignment, Candidate, Interview, Round, RoundMember, SignInFailure, StaffAccount, StaffSession
from .outbox import queue_for_interviewer
from .plans import in_a_stage

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
TOUCH_EVERY = timedelta(minutes=1)  # how often a session's last activity is written, at most
#: How long `signed_in_account` trusts what it read of a session cookie, in seconds. A change made by another
#: process (the command line disabling an account, another app instance signing out) takes effect within this;
#: one made by this process at once. Well under `TOUCH_EVERY`, so idle sessions still end on time.
SESSION_RECHECK_SECONDS = 5.0
FORGET_FAILURES_AFTER = timedelta(days=1)


def idle_timeout() -> timedelta:
    """$ASSESSMENT_SESSION_IDLE_MINUTES (default 60): a session unused this long is over."""
    try:
        minutes = int(os.environ.get("ASSESSMENT_SESSION_IDLE_MINUTES", "60"))
    except ValueError:
        minutes = 60
    return timedelta(minutes=max(minutes, 1))


# What `signed_in_account` read lately, for every store of this process (the sign-in routes and the pages each
# have one): {(database URL, token hash): (monotonic time of the read, account)}. `_SESSION_CHANGES[0]` counts
# sign-outs and account changes, so that a read overtaken by one is not kept.
_RECENT_SESSIONS: dict[tuple[str, str], tuple[float, StaffAccount]] = {}
_SESSION_CHANGES = [0]


def _forget_sessions() -> None:
    _SESSION_CHANGES[0] += 1
    _RECENT_SESSIONS.clear()


@dataclass(frozen=True)
class Session:
    token: str  # for the cookie; never stored
    staff: StaffAccount


def clean_email(email: str) -> str:
    email = clean_text(email, limit=320, what="e-mail address").lower()
    if not EMAIL.match(email):
        raise InvalidValue(f"'{email}' is not an e-mail address", code="email_invalid", email=email)
    return email


def _role(role: str) -> str:
    if role not in access.ROLES:
        raise InvalidValue(f"unknown role '{role}'; use one of {', '.join(access.ROLES)}", code="role_unknown",
                           role=role, roles=", ".join(access.ROLES))
    return role


def _language(language: str) -> str:
    if language not in LANGUAGES:
        raise InvalidValue(f"unknown language '{language}'; use one of {', '.join(LANGUAGES)}",
                           code="language_unknown", language=language)
    return language


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes for timezone columns; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Staff(Repository):
    # --- accounts ------------------------------------------------------------------------------------
    def add_staff(self, email: str, name: str, role: str, password: str | None = None,
                  actor: str = "system", language: str = "en") -> StaffAccount:
        """A new account; without a password it signs in only through single sign-on. `language` is that of
        the e-mails the app sends it."""
        email, role, language = clean_email(email), _role(role), _language(language)
        name = clean_text(name, limit=200, what="name") or email.split("@")[0]
        password_hash = access.hash_password(password) if password is not None else None
        with self.transaction() as session:
            if session.scalar(select(StaffAccount.id).where(StaffAccount.email == email)) is not None:
                raise InvalidValue(f"there is already an account for {email}", code="staff_exists", email=email)
            account = StaffAccount(email=email, name=name, role=role, password_hash=password_hash,
                                   language=language)
            session.add(account)
            session.flush()
            self.audit(session, actor, "staff.add", f"staff:{account.id}", role=role)
            return account

    def list_staff(self) -> list[StaffAccount]:
        with self.reading() as session:
            return list(session.scalars(select(StaffAccount).order_by(StaffAccount.email)))

    def get_staff(self, staff_id: int) -> StaffAccount:
        with self.reading() as session:
            return get(session, StaffAccount, int(staff_id), "staff account")

    def staff_by_email(self, email: str) -> StaffAccount:
        with self.reading() as session:
            return self._by_email(session, email)

    @staticmethod
    def _by_email(session, email: str) -> StaffAccount:
        account = session.scalar(select(StaffAccount).where(StaffAccount.email == str(email or "").strip().lower()))
        if account is None:
            raise NotFound(f"no staff account for {email}", code="staff_unknown", email=str(email))
        return account

    def change_staff(self, email: str, *, role: str | None = None, disabled: bool | None = None,
                     password: str | None = None, actor: str = "system", language: str | None = None) -> StaffAccount:
        """Change an account's role, disable or enable it, set its password or the language of the e-mails it
        receives; disabling ends its sessions."""
        new_hash = access.hash_password(password) if password is not None else None
        _forget_sessions()
        with self.transaction() as session:
            account = self._by_email(session, email)
            if role is not None:
                account.role = _role(role)
                self.audit(session, actor, "staff.role", f"staff:{account.id}", role=role)
            if disabled is not None:
                account.disabled = disabled
                self.audit(session, actor, "staff.disable" if disabled else "staff.enable", f"staff:{account.id}")
            if language is not None:
                account.language = _language(language)
                self.audit(session, actor, "staff.language", f"staff:{account.id}", language=language)
            if new_hash is not None:
                account.password_hash = new_hash
                self.audit(session, actor, "staff.password", f"staff:{account.id}")
            if disabled or new_hash is not None:
                self._end_sessions(session, account.id)
        _forget_sessions()  # again after the commit: a run that read the account meanwhile keeps nothing
        return account

    # --- sign-in -------------------------------------------------------------------------------------
    def sign_in(self, email: str, password: str, address: str, now: datetime | None = None) -> Session:
        """Check a local password; on success a new session. SignInRefused names only what a person may know."""
        now, email = now or datetime.now(UTC), str(email or "").strip().lower()[:320]
        address = str(address or "unknown")[:64]
        wait = self._throttle_wait(email, address, now)
        if wait > timedelta(0):
            minutes = max(1, -(-int(wait.total_seconds()) // 60))
            with self.transaction() as session:
                self.audit(session, email or "-", "sign_in.throttled", f"address:{address}")
            raise SignInRefused(f"too many failed sign-ins; try again in {minutes} minute(s)",
                                code="sign_in_throttled", minutes=minutes)
        with self.transaction() as session:
            account = session.scalar(select(StaffAccount).where(StaffAccount.email == email))
            if not access.verify_password(account.password_hash if account else None, password):
                session.add(SignInFailure(email=email, address=address, at=now))
                self.audit(session, email or "-", "sign_in.failed", f"address:{address}")
                failed = True
            else:
                failed = False
        if failed:
            raise SignInRefused("wrong e-mail address or password", code="sign_in_wrong")
        return self._open_session(account, "sign_in.local", now)

    def sign_in_sso(self, email: str) -> StaffAccount:
        """The account of an e-mail confirmed by the identity provider; refused when unknown or disabled."""
        with self.transaction() as session:
            account = session.scalar(select(StaffAccount).where(StaffAccount.email == str(email or "").lower()))
            if account is None or account.disabled:
                self.audit(session, str(email or "-"), "sign_in.sso_refused", "staff:unknown" if account is None
                           else f"staff:{account.id}")
                raise SignInRefused(f"{email} has no active staff account", code="sign_in_sso_unknown",
                                    email=str(email))
            return account

    def _open_session(self, account: StaffAccount, action: str, now: datetime) -> Session:
        if account.disabled:
            raise SignInRefused("this account is disabled", code="sign_in_disabled")
        token = secrets.token_urlsafe(32)
        with self.transaction() as session:
            session.add(StaffSession(token_hash=_token_hash(token), staff_id=account.id, created_at=now,
                                     last_seen_at=now))
            session.get(StaffAccount, account.id).last_sign_in_at = now
            self.audit(session, account.email, action, f"staff:{account.id}")
        return Session(token=token, staff=account)

    def _throttle_wait(self, email: str, address: str, now: datetime) -> timedelta:
        since = now - max(access.ACCOUNT.window, access.ADDRESS.window)
        with self.transaction() as session:
            session.execute(delete(SignInFailure).where(SignInFailure.at < now - FORGET_FAILURES_AFTER))
            by_account = session.scalars(select(SignInFailure.at).where(SignInFailure.email == email,
                                                                        SignInFailure.at >= since)).all()
            by_address = session.scalars(select(SignInFailure.at).where(SignInFailure.address == address,
                                                                        SignInFailure.at >= since)).all()
        return max(access.wait_before_next([_aware(m) for m in by_account], now, access.ACCOUNT),
                   access.wait_before_next([_aware(m) for m in by_address], now, access.ADDRESS))

    def resolve_session(self, token: str | None, now: datetime | None = None) -> StaffAccount | None:
        """The signed-in account of a session cookie, or None: unknown, ended, idle too long or disabled."""
        if not isinstance(token, str) or not token or len(token) > 200:
            return None
        now = now or datetime.now(UTC)
        with self.reading() as session:
            row = session.scalar(select(StaffSession).where(StaffSession.token_hash == _token_hash(token)))
            account = session.get(StaffAccount, row.staff_id) if row is not None else None
        if row is None or row.ended_at is not None or account is None or account.disabled:
            return None
        if now - _aware(row.last_seen_at) > idle_timeout():
            self.end_session(token, reason="idle")
            return None
        if now - _aware(row.last_seen_at) > TOUCH_EVERY:
            with self.transaction() as session:
                session.get(StaffSession, row.id).last_seen_at = now
        return account

    def signed_in_account(self, token: str | None) -> StaffAccount | None:
        """`resolve_session(token)`, its answer kept for `SESSION_RECHECK_SECONDS` in this process.

        Every page run asks who is signed in; reading the session and the account each time was two queries
        and a transaction per click. Any sign-out or change of a staff account made through any store of
        this process forgets every kept answer at once (`_forget_sessions`); a disabled account, an ended or
        idle session is never kept."""
        if not isinstance(token, str) or not token or len(token) > 200:
            return None
        key = (str(self.engine.url), _token_hash(token))
        kept = _RECENT_SESSIONS.get(key)
        if kept is not None and time.monotonic() - kept[0] < SESSION_RECHECK_SECONDS:
            return kept[1]
        generation = _SESSION_CHANGES[0]
        account = self.resolve_session(token)
        if account is None:
            _RECENT_SESSIONS.pop(key, None)
        elif generation == _SESSION_CHANGES[0]:  # no sign-out or account change since the read began
            _RECENT_SESSIONS[key] = (time.monotonic(), account)
        return account

    def end_session(self, token: str | None, reason: str = "sign_out") -> None:
        if not token:
            return
        _forget_sessions()
        try:
            with self.transaction() as session:
                row = session.scalar(select(StaffSession).where(StaffSession.token_hash == _token_hash(token)))
                if row is not None and row.ended_at is None:
                    row.ended_at = datetime.now(UTC)
                    account = session.get(StaffAccount, row.staff_id)
                    self.audit(session, account.email if account else "-", f"session.end.{reason}",
                               f"staff:{row.staff_id}")
        finally:  # again after the commit: a page run that read the session meanwhile keeps nothing
            _forget_sessions()

    @staticmethod
    def _end_sessions(session, staff_id: int) -> None:
        for row in session.scalars(select(StaffSession).where(StaffSession.staff_id == staff_id,
                                                              StaffSession.ended_at.is_(None))):
            row.ended_at = datetime.now(UTC)

    # --- rounds and candidates ----------------------------------------------------------------------
    def add_member(self, round_id: int, staff_id: int, actor: str = "system") -> None:
        with self.transaction() as session:
            get(session, Round, int(round_id), "round")
            get(session, StaffAccount, int(staff_id), "staff account")
            if session.get(RoundMember, (int(round_id), int(staff_id))) is None:
                session.add(RoundMember(round_id=int(round_id), staff_id=int(staff_id)))
                self.audit(session, actor, "round.member_add", f"round:{round_id}", staff=int(staff_id))

    def assign(self, candidate_id: int, staff_id: int, actor: str = "system") -> None:
        """Assign an interviewer to a candidate; they become a member of the candidate's round."""
        with self.transaction() as session:
            candidate = get(session, Candidate, int(candidate_id), "candidate")
            account = get(session, StaffAccount, int(staff_id), "staff account")
            if session.get(RoundMember, (candidate.round_id, int(staff_id))) is None:
                session.add(RoundMember(round_id=candidate.round_id, staff_id=int(staff_id)))
            if session.get(Assignment, (int(candidate_id), int(staff_id))) is None:
                session.add(Assignment(candidate_id=int(candidate_id), staff_id=int(staff_id)))
                queue_for_interviewer(self, session, "assignment", account, candidate)
                self.audit(session, actor, "candidate.assign", f"candidate:{candidate_id}", staff=int(staff_id))

    def standing(self, staff_id: int, round_id: int, candidate_id: int | None = None) -> access.Standing:
        """How an account stands to a round, or to one candidate of it."""
        with self.reading() as session:
            if candidate_id is not None and session.get(Assignment, (int(candidate_id), int(staff_id))):
                return access.Standing.ASSIGNED
            if candidate_id is not None and in_a_stage(session, staff_id, round_id):
                candidate = session.get(Candidate, int(candidate_id))
                if candidate is not None and candidate.round_id == int(round_id):
                    return access.Standing.ASSIGNED  # a stage's interviewers interview every candidate
            if session.get(RoundMember, (int(round_id), int(staff_id))):
                return access.Standing.MEMBER
        return access.Standing.NONE

    def require(self, account: StaffAccount, action: str, round_id: int | None = None,
                candidate_id: int | None = None) -> access.Standing:
        """The account's standing when `access.allowed` lets it do `action` here; else Forbidden, recorded in
        the audit log with the account's e-mail."""
        standing = access.Standing.NONE
        if round_id is not None:
            standing = self.standing(account.id, round_id, candidate_id)
        if account.disabled or not access.allowed(account.role, action, standing):
            with self.transaction() as session:
                subject = f"candidate:{candidate_id}" if candidate_id is not None else \
                    f"round:{round_id}" if round_id is not None else "app"
                self.audit(session, account.email, "access.denied", subject, permission=action)
            raise Forbidden(f"{account.email} may not {action} here")
        return standing

    def visible_rounds(self, account: StaffAccount) -> list[Round]:
        """The rounds the account may open: every round for an admin, else those it is a member of."""
        with self.reading() as session:
            query = select(Round).order_by(Round.created_at.desc(), Round.id.desc())
            if not access.allowed(account.role, "round.view"):
                query = query.join(RoundMember, RoundMember.round_id == Round.id).where(
                    RoundMember.staff_id == account.id)
            return list(session.scalars(query))

    def assigned_candidates(self, staff_id: int, round_id: int) -> list[Candidate]:
        """The candidates the account interviews: all of the round's when it is in one of its stages."""
        with self.reading() as session:
            if in_a_stage(session, staff_id, round_id):
                return list(session.scalars(select(Candidate).where(Candidate.round_id == int(round_id))
                                            .order_by(Candidate.id)))
            return list(session.scalars(
                select(Candidate).join(Assignment, Assignment.candidate_id == Candidate.id)
                .where(Assignment.staff_id == int(staff_id), Candidate.round_id == int(round_id))
                .order_by(Candidate.id)))

    def members(self, round_id: int) -> list[tuple[StaffAccount, list[Candidate]]]:
        """The round's members with the candidates each is assigned to interview."""
        with self.reading() as session:
            accounts = session.scalars(select(StaffAccount).join(RoundMember, RoundMember.staff_id == StaffAccount.id)
                                       .where(RoundMember.round_id == int(round_id)).order_by(StaffAccount.name))
            result = []
            for account in accounts:
                assigned = session.scalars(
                    select(Candidate).join(Assignment, Assignment.candidate_id == Candidate.id)
                    .where(Assignment.staff_id == account.id, Candidate.round_id == int(round_id))
                    .order_by(Candidate.id)).all()
                result.append((account, list(assigned)))
            return result

    def awaiting_own_submission(self, staff_id: int, round_id: int) -> frozenset[int]:
        """The round's candidates the account is assigned to and has not yet submitted its own interview of:
        colleagues' ratings of them stay hidden from it on every page and export (`access.sees_colleagues`)."""
        with self.reading() as session:
            assigned = set(session.scalars(
                select(Assignment.candidate_id).join(Candidate, Assignment.candidate_id == Candidate.id)
                .where(Assignment.staff_id == int(staff_id), Candidate.round_id == int(round_id))))
            if in_a_stage(session, staff_id, round_id):
                assigned |= set(session.scalars(select(Candidate.id).where(Candidate.round_id == int(round_id))))
            submitted = set(session.scalars(select(Interview.candidate_id).where(
                Interview.staff_id == int(staff_id), Interview.status == "submitted",
                Interview.candidate_id.in_(assigned))))
        return frozenset(assigned - submitted)
