"""The interview kit's moving parts (Interview page): what its widgets show saved as entered, and the open
competency's panel — questions first, the rating with its anchors beside them, notes. Only the open competency is
drawn, so a click's cost grows little with the number of competencies."""

from __future__ import annotations

import streamlit as st

from assessment.catalog import SCALE
from assessment.errors import Conflict, UserError
from assessment.inputs import normalise_text
from assessment.saving import reconcile
from assessment.ui.common import error_text, lang, plain, tr, workspace
from assessment.ui.competency_guide import bullets

NOT_OBSERVED = "n/o"
OPTIONS = [*range(SCALE[0], SCALE[1] + 1), NOT_OBSERVED]


def widget_key(kind: str, interview_id: int, competency_id: str | None = None) -> str:
    """The key of a rating, notes or recommendation widget. When the page must show what is stored instead of
    what a widget holds (changed elsewhere, or a refused save), the generation goes up: fresh widgets then
    start from the database."""
    generation = st.session_state.get(f"generation:{interview_id}", 0)
    key = f"{kind}:{interview_id}" + (f":{competency_id}" if competency_id else "")
    return key + (f"~{generation}" if generation else "")


def stored_fields(interview, ratings: dict, catalog) -> dict:
    """What the database holds, in the shape the widgets show it (see `shown` of `competency_panel`):
    no rating is None, no notes are ""."""
    fields = {("recommendation",): interview.recommendation}
    for competency in catalog.competencies:
        rating = ratings.get(competency.id)
        fields[("rating", competency.id)] = None if rating is None else NOT_OBSERVED if rating.not_observed \
            else rating.value
        fields[("notes", competency.id)] = rating.notes or "" if rating is not None else ""
    return fields


def save_field(interview_id: int, version: int, field: tuple, value) -> int:
    """Store one changed field with the interview's version; returns the new version."""
    kind, *competency = field
    desk = workspace()
    if kind == "recommendation":
        return desk.set_recommendation(interview_id, version, value)
    if kind == "notes":
        return desk.save_notes(interview_id, version, competency[0], value)
    return desk.save_rating(interview_id, version, competency[0], None if value in (None, NOT_OBSERVED)
                            else int(value), not_observed=value == NOT_OBSERVED)


def save_shown(interview, shown: dict, ratings: dict, catalog) -> int:
    """Store what the widgets show and the database does not hold yet (see `assessment.saving`); returns the
    interview's version after the saves. Stale or refused widgets are redrawn from the database."""
    seen_key = f"seen:{interview.id}"
    plan = reconcile(shown, stored_fields(interview, ratings, catalog), st.session_state.get(seen_key, {}))
    seen, version, redraw = {**st.session_state.get(seen_key, {}), **plan.seen}, interview.version, bool(plan.redraw)
    for field, value in plan.save.items():
        try:
            version = save_field(interview.id, version, field, value)
        except Conflict as exc:  # saved elsewhere between this run's read and this write
            st.session_state["flash"] = error_text(exc)
            redraw = True
            break
        except UserError as exc:
            st.session_state["flash"] = error_text(exc)
            seen.pop(field, None)
            redraw = True
    st.session_state[seen_key] = seen
    if plan.refuse:
        st.session_state["flash"] = error_text(Conflict(code="interview_changed"))
        refused_notes = [shown[field] for field in plan.refuse if field[0] == "notes" and shown[field]]
        if refused_notes:
            st.session_state["refused_text"] = "\n\n".join(refused_notes)
    if redraw:
        st.session_state[f"generation:{interview.id}"] = st.session_state.get(f"generation:{interview.id}", 0) + 1
        st.rerun()
    return version


def picker_key(interview_id: int) -> str:
    return f"pick:{interview_id}"


def competency_picker(interview, focus: list, ratings: dict) -> str:
    """One competency open at a time: pills with a mark on those rated, and a button to the next one."""
    key = picker_key(interview.id)
    ids = [c.id for c in focus]
    if st.session_state.get(key) not in ids:
        # Start at the first competency still to rate (or the first of all).
        st.session_state[key] = next((c for c in ids if not done(ratings.get(c))), ids[0])
        st.session_state[f"last:{interview.id}"] = st.session_state[key]
    labels = {c.id: ("✓ " if rated(interview.id, c.id, ratings) else "○ ") + c.name.get(lang()) for c in focus}
    chosen = st.pills(tr("interview.pick", count=len(focus)), ids, format_func=labels.get, key=key)
    if chosen is None:  # a click on the open pill unselects it: keep it open
        chosen = st.session_state.get(f"last:{interview.id}", ids[0])
    st.session_state[f"last:{interview.id}"] = chosen
    return chosen


def _go(key: str, competency_id: str) -> None:
    st.session_state[key] = competency_id


def rated(interview_id: int, competency_id: str, ratings: dict) -> bool:
    """Whether the competency has a rating (or is marked not observed). The panel, drawn after the pills, saves
    what its rating widget shows; a widget that changed in this click holds the answer before it is stored."""
    key = widget_key("rating", interview_id, competency_id)
    if key in st.session_state:
        return st.session_state[key] is not None
    return done(ratings.get(competency_id))


def done(rating) -> bool:
    return rating is not None and (rating.value is not None or rating.not_observed)


def competency_panel(candidate_id: int, competency, scale, following: str | None) -> None:
    """The open competency: questions first, the rating with its anchors beside them, then notes. `following` is
    the next competency to open (None: this is the last). Drawn inside the interview form, which a click reruns
    alone (`interview.interview_form`)."""
    desk = workspace()
    interview = desk.open_interview(candidate_id)  # the current version, also after a save in this run
    if interview.status == "submitted" or st.session_state.get(picker_key(interview.id), competency.id) \
            != competency.id:
        return  # submitted elsewhere, or another competency chosen: the page shows that instead
    ratings = desk.own_ratings(interview.id)
    rating = ratings.get(competency.id)
    heading, step = st.columns([5, 1], vertical_alignment="center")
    heading.markdown(f"##### {plain(competency.name.get(lang()))}")
    if following is not None:
        step.button(tr("interview.next"), icon=":material/arrow_forward:", on_click=_go,
                    args=(picker_key(interview.id), following), key=f"next:{interview.id}", width="stretch")
    st.markdown(f"*{plain(competency.definition.get(lang()))}*")
    left, right = st.columns([6, 5], gap="medium")  # wide enough on the right for the rating's six buttons
    with left:  # each a single Markdown element: a click redraws this panel, and every element costs
        st.markdown("\n\n".join([f"**{tr('interview.questions')}**", "\n".join(
            f"{number}. {plain(question.text.get(lang()))}" + "".join(
                f"  \n   ↳ {plain(probe.get(lang()))}" for probe in question.probes)
            for number, question in enumerate(competency.questions, start=1))]))
        with st.expander(tr("interview.look_for"), icon=":material/visibility:"):
            parts = [f"**{tr('interview.indicators')}**", bullets(i.get(lang()) for i in competency.indicators)]
            if competency.red_flags:
                parts += [f"**{tr('interview.red_flags')}**", bullets(f.get(lang()) for f in competency.red_flags)]
            st.markdown("\n\n".join(parts))
    with right:
        current = None if rating is None else NOT_OBSERVED if rating.not_observed else rating.value
        labels = {o: str(o) for o in OPTIONS[:-1]}
        labels[NOT_OBSERVED] = tr("common.not_observed")
        chosen = st.segmented_control(tr("interview.rating", target=competency.target), OPTIONS, default=current,
                                      format_func=labels.get, key=widget_key("rating", interview.id, competency.id))
        st.markdown("  \n".join(anchor_line(level, scale, competency) for level in range(SCALE[0], SCALE[1] + 1)))
    notes = st.text_area(tr("interview.notes"), value=rating.notes if rating else "", max_chars=20_000,
                         key=widget_key("notes", interview.id, competency.id), height=90)
    shown = {("rating", competency.id): chosen, ("notes", competency.id): normalise_text(notes, multiline=True)}
    save_shown(interview, shown, ratings, _Only(competency))


def anchor_line(level: int, scale, competency) -> str:
    """One level beside the rating: the scale's short name ("Weak", the words before its colon) and what an
    answer at that level sounds like for this competency (catalogs write that for some levels, often 1, 3, 5;
    the levels between show their name only, to keep the panel within a laptop's screen)."""
    wording = scale[level].get(lang()) if level in scale else ""
    short = wording.split(":", 1)[0] if ":" in wording else wording
    if level in competency.anchors:
        return f"**{level} · {plain(short)}** — {plain(competency.anchors[level].get(lang()))}"
    return f"**{level} · {plain(short)}**"


class _Only:
    """A catalog-like object with one competency, for `stored_fields` of a single panel."""

    def __init__(self, competency) -> None:
        self.competencies = [competency]
