"""`assessment decision|consensus`: the committee's debrief, recorded from the command line.

    assessment consensus ROUND CANDIDATE COMPETENCY RATING [--note TEXT]
    assessment decision ROUND CANDIDATE --verdict advance|hire|hold|reject --reason TEXT

Both replace what was recorded before and are audited under the operator's name (`cli:<os user>`), with the
values before and after. `assessment decision ROUND CANDIDATE` without --verdict prints what is recorded.
"""

from __future__ import annotations

from assessment.errors import UserError
from assessment.inputs import printable

from .data_cmd import _store, _whole
from .staff_cmd import operator


def register(subparsers) -> None:
    consensus = subparsers.add_parser("consensus", help="record the committee's consensus rating of a competency")
    consensus.add_argument("round_id", type=_whole)
    consensus.add_argument("candidate_id", type=_whole)
    consensus.add_argument("competency", help="competency id of the round's catalog")
    consensus.add_argument("rating", type=_whole)
    consensus.add_argument("--note", default="", help="why the consensus differs from the interviewers' mean")
    consensus.set_defaults(func=run_consensus)

    decision = subparsers.add_parser("decision", help="record (or show) the committee's decision on a candidate")
    decision.add_argument("round_id", type=_whole)
    decision.add_argument("candidate_id", type=_whole)
    decision.add_argument("--verdict", help="advance, hire, hold or reject; without it, show what is recorded")
    decision.add_argument("--reason", default="", help="the reasons (required with --verdict)")
    decision.set_defaults(func=run_decision)


def run_consensus(args) -> int:
    stored = _store().record_consensus(args.round_id, args.candidate_id, args.competency, args.rating,
                                       args.note, actor=operator())
    print(f"{args.candidate_id}\t{stored.competency_id}\t{stored.value}")
    return 0


def run_decision(args) -> int:
    store = _store()
    if args.verdict is None:
        if args.reason:
            raise UserError("--reason goes with --verdict", code="decision_reasons")
        return _show(store, args.round_id, args.candidate_id)
    decision = store.record_decision(args.round_id, args.candidate_id, args.verdict, args.reason, actor=operator())
    print(f"{decision.candidate_id}\t{decision.verdict}")
    return 0


def _show(store, round_id: int, candidate_id: int) -> int:
    candidate = store.get_candidate(candidate_id)
    if candidate.round_id != round_id:
        raise UserError(f"candidate {candidate_id} is not in round {round_id}", code="candidate_not_in_round",
                        ids=str(candidate_id))
    for competency, rating in sorted(store.consensus_of(candidate_id).items()):
        print(f"consensus\t{competency}\t{rating.value}\t{printable(rating.note)}")
    decision = store.decision_of(candidate_id)
    if decision is None:
        print("no decision recorded")
    else:
        print(f"decision\t{decision.verdict}\t{printable(decision.decided_by)}\t{printable(decision.reasons)}")
    return 0
