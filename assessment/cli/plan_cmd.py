"""`assessment round plan|stage|assign`: the competencies a round assesses and its interview stages.

    assessment round plan 3 --competency client_orientation --competency negotiation --weight negotiation=2 \\
        --target negotiation=4 --rationale "Key accounts: negotiation matters most" --yes
    assessment round plan 3                     # shows the plan, its estimated interview length and coverage
    assessment stage add 3 "Client focus" --competency client_orientation --interviewer anna@example.org
    assessment assign 3 "Client focus" ben@example.org carla@example.org
    assessment stage list 3
"""

from __future__ import annotations

from assessment.catalog.planning import MAX_PER_INTERVIEW, interview_minutes
from assessment.errors import UserError
from assessment.inputs import printable

from .data_cmd import _store, _whole
from .staff_cmd import operator


def register_round(round_commands) -> None:
    """`assessment round plan`, added to the `round` group."""
    plan = round_commands.add_parser("plan", help="show or set the competencies a round assesses")
    plan.add_argument("round_id", type=_whole)
    plan.add_argument("--competency", action="append", default=[], metavar="ID",
                      help="a competency the round assesses (repeat; without any, the plan is shown)")
    plan.add_argument("--weight", action="append", default=[], metavar="ID=W", help="the round's weight of one")
    plan.add_argument("--target", action="append", default=[], metavar="ID=T", help="the round's target of one")
    plan.add_argument("--rationale", default="", help="why these competencies, weights and targets")
    plan.add_argument("--yes", action="store_true", help="confirm changing a plan that answers or ratings follow")
    plan.set_defaults(func=run_plan)


def register(subparsers) -> None:
    stage = subparsers.add_parser("stage", help="interview stages of a round and their focus competencies")
    stage_commands = stage.add_subparsers(dest="stage_command", required=True)
    add = stage_commands.add_parser("add", help="add a stage with its focus competencies and interviewers")
    add.add_argument("round_id", type=_whole)
    add.add_argument("name")
    add.add_argument("--competency", action="append", default=[], metavar="ID", help="a focus competency (repeat)")
    add.add_argument("--interviewer", action="append", default=[], metavar="EMAIL",
                     help="an interviewer of the stage (repeat; at least one)")
    add.set_defaults(func=run_stage_add)
    listing = stage_commands.add_parser("list", help="the round's stages and who rates which competency")
    listing.add_argument("round_id", type=_whole)
    listing.set_defaults(func=run_stage_list)

    assign = subparsers.add_parser("assign", help="assign interviewers to a stage of a round")
    assign.add_argument("round_id", type=_whole)
    assign.add_argument("stage", help="the stage's name")
    assign.add_argument("emails", nargs="+", metavar="EMAIL")
    assign.set_defaults(func=run_assign)


def _pairs(values: list[str], what: str) -> dict[str, str]:
    result = {}
    for value in values:
        key, sep, number = value.partition("=")
        if not sep or not key.strip():
            raise UserError(f"write {what} as ID=VALUE, not '{value}'", code="plan_pair", text=value)
        result[key.strip()] = number.strip()
    return result


def _numbers(pairs: dict[str, str], code: str) -> dict[str, float]:
    result = {}
    for key, text in pairs.items():
        try:
            result[key] = float(text)
        except ValueError:
            raise UserError(f"'{text}' is not a number", code=code, value=text, low=1, high=5) from None
    return result


def run_plan(args) -> int:
    store = _store()
    if args.competency:
        weights = _numbers(_pairs(args.weight, "--weight"), "plan_weight")
        targets = _pairs(args.target, "--target")
        store.set_plan(args.round_id, args.competency, weights, targets, args.rationale, actor=operator(),
                       confirm=args.yes)
    elif args.weight or args.target or args.rationale:
        raise UserError("name the plan's competencies with --competency", code="plan_empty")
    _show_plan(store, args.round_id)
    return 0


def _show_plan(store, round_id: int) -> None:
    catalog = store.catalog_of_round(round_id)
    plan = store.plan_of(round_id)
    chosen = [c.id for c in catalog.competencies]
    print(f"round {round_id}: {len(chosen)} competencies" + ("" if plan else " (no plan: the whole catalog)"))
    for competency in catalog.competencies:
        print(f"  {competency.id}\tweight {competency.weight:g}\ttarget {competency.target}\t"
              f"{printable(competency.name.en)}")
    if plan and plan.rationale:
        print(f"rationale: {printable(plan.rationale)}")
    stages = store.stages(round_id)
    for stage in stages or [None]:
        focus = stage.competencies if stage else chosen
        label = f"stage {printable(stage.name)}" if stage else "one interview"
        print(f"{label}: {len(focus)} competencies, about {interview_minutes(catalog, focus):.0f} minutes"
              + (f" (more than {MAX_PER_INTERVIEW}: long)" if len(focus) > MAX_PER_INTERVIEW else ""))


def run_stage_add(args) -> int:
    store = _store()
    ids = [store.staff_by_email(email).id for email in args.interviewer]
    stage = store.add_stage(args.round_id, args.name, args.competency, ids, actor=operator())
    print(stage.id)
    return 0


def run_stage_list(args) -> int:
    store = _store()
    for stage in store.stages(args.round_id):
        people = ", ".join(printable(p.email) for p in stage.interviewers)
        print(f"{stage.id}\t{printable(stage.name)}\t{' '.join(stage.competencies)}\t{people}")
    coverage = store.coverage(args.round_id)
    thin = [c for c, raters in coverage.items() if len(raters) < 2]
    if store.stages(args.round_id) and thin:
        print("rated by fewer than two interviewers: " + ", ".join(
            f"{c} ({len(coverage[c])})" for c in thin))
    return 0


def run_assign(args) -> int:
    store = _store()
    stage = store.find_stage(args.round_id, args.stage)
    ids = [store.staff_by_email(email).id for email in args.emails]
    store.assign_stage(stage.id, ids, actor=operator())
    return 0


__all__ = ["register", "register_round"]
