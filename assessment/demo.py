"""A realistic demo: two hiring rounds with candidates in three languages, so every page has data; and
synthetic rounds of any size (`synthetic_round`) for trying the app and measuring it at scale.

Each demo candidate is drawn from a manager type of `manager_types.yaml`: their true level on a
competency is the type's level on the competency's dimension plus noise. Self-answers and
interviewers' ratings are noisy readings of that level, with the quirks real data has: a lenient
interviewer, a self-assessment clicked through in seconds, one that is a straight line, partial
answers, "not observed" ratings and a draft interview.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np

from assessment.catalog import Catalog, load_manager_types
from assessment.store import CandidateRecord, InterviewRecord, Round, Store

SEED = 2026


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    language: str
    type_id: str
    progress: str  # added | invited | partial | submitted | finalist


ROUNDS = {
    "client_manager": ("Key account manager, Q4 2026", [
        Person("Anna Schneider", "anna.schneider@example.de", "de", "analytical", "finalist"),
        Person("Ольга Смирнова", "olga.smirnova@example.ru", "ru", "relationship_centred", "finalist"),
        Person("James Carter", "james.carter@example.com", "en", "relationship_centred", "finalist"),
        Person("Maximilian Weber", "max.weber@example.de", "de", "entrepreneurial", "finalist"),
        Person("Priya Nair", "priya.nair@example.com", "en", "delivery_focused", "finalist"),
        Person("Дмитрий Волков", "d.volkov@example.ru", "ru", "balanced", "submitted"),
        Person("Sophie Becker", "sophie.becker@example.de", "de", "relationship_centred", "submitted"),
        Person("Lucas Martin", "lucas.martin@example.com", "en", "team_developing", "submitted"),
        Person("Екатерина Орлова", "e.orlova@example.ru", "ru", "analytical", "partial"),
        Person("Jonas Hoffmann", "jonas.hoffmann@example.de", "de", "delivery_focused", "partial"),
        Person("Emily Brooks", "emily.brooks@example.com", "en", "entrepreneurial", "invited"),
        Person("Мария Кузнецова", "m.kuznetsova@example.ru", "ru", "relationship_centred", "added"),
    ]),
    "crisis_manager": ("Interim crisis manager, plant restructuring", [
        Person("Thomas Richter", "thomas.richter@example.de", "de", "directive", "finalist"),
        Person("Сергей Морозов", "s.morozov@example.ru", "ru", "strategic", "finalist"),
        Person("Rachel Kim", "rachel.kim@example.com", "en", "team_developing", "finalist"),
        Person("Katharina Wolf", "katharina.wolf@example.de", "de", "analytical", "submitted"),
        Person("Алексей Соколов", "a.sokolov@example.ru", "ru", "balanced", "partial"),
        Person("Daniel Hughes", "daniel.hughes@example.com", "en", "directive", "invited"),
    ]),
}

# (name, language, leniency): Mark rates everyone about a point higher than his colleagues.
INTERVIEWERS = [("Katrin Vogel", "de", 0.0), ("Mark Ellis", "en", 0.9), ("Ирина Лебедева", "ru", 0.0)]

NOTES = {
    "en": {1: "Could not give a concrete example.", 3: "Solid example, but the outcome stayed vague.",
           5: "Precise example with measurable results and lessons learnt."},
    "de": {1: "Konnte kein konkretes Beispiel nennen.", 3: "Ordentliches Beispiel, das Ergebnis blieb aber vage.",
           5: "Präzises Beispiel mit messbarem Ergebnis und klaren Lehren."},
    "ru": {1: "Не смог привести конкретный пример.", 3: "Хороший пример, но результат остался размытым.",
           5: "Точный пример с измеримым результатом и выводами."},
}


def load_demo(store: Store, reset: bool = False) -> list[Round]:
    """Create the demo rounds; with `reset`, replace existing ones. Without it, keep what is there."""
    existing = store.demo_rounds()
    if existing and not reset:
        return existing
    if existing:
        store.delete_demo_rounds()
    rng = np.random.default_rng(SEED)
    profiles = {t.id: t.profile for t in load_manager_types()}
    rounds = []
    for catalog_id, (name, people) in ROUNDS.items():
        round_ = store.create_round(name, catalog_id, actor="demo", demo=True)
        catalog = store.catalog_of_round(round_.id)
        for index, person in enumerate(people):
            _add_person(store, round_.id, catalog, person, profiles[person.type_id], rng, index)
        rounds.append(round_)
    return rounds


def _add_person(store: Store, round_id: int, catalog: Catalog, person: Person, profile: dict,
                rng: np.random.Generator, index: int) -> None:
    candidate = store.add_candidate(round_id, person.name, person.email, person.language, actor="demo")
    truth = {c.id: float(np.clip(profile[c.dimension] + rng.normal(0, 0.5), *catalog.bounds()))
             for c in catalog.competencies}
    if person.progress == "added":
        return
    store.invite(candidate.id, actor="demo")
    if person.progress == "invited":
        return
    store.give_consent(candidate.id)
    _answer(store, candidate.id, catalog, truth, rng, person.progress == "partial", style=index % 7)
    if person.progress == "partial":
        return
    store.submit_self_assessment(candidate.id)
    if person.progress == "finalist":
        for number, interviewer in enumerate(INTERVIEWERS[: 2 + index % 2]):
            _interview(store, candidate.id, catalog, truth, interviewer, rng, draft=(index == 2 and number == 1))


def _answer(store: Store, candidate_id: int, catalog: Catalog, truth: dict, rng: np.random.Generator,
            partial: bool, style: int) -> None:
    """Answers with timestamps: about 8-25 s per item; style 5 clicks through in 1 s, style 6 straight-lines."""
    items = catalog.self_items
    if partial:
        items = items[: len(items) // 2]
    moment = datetime.now(UTC) - timedelta(days=int(rng.integers(2, 9)), hours=int(rng.integers(0, 8)))
    optimism = rng.normal(0.4, 0.3)  # people tend to rate themselves a little higher
    low, high = catalog.bounds("self_scale")
    for key, competency, item in items:
        level = truth[competency.id] + optimism + rng.normal(0, 0.6)
        value = int(np.clip(round(low + high - level if item.reverse else level), low, high))
        if style == 6:
            value = 4
        moment += timedelta(seconds=1.0 if style == 5 else float(rng.uniform(8, 25)))
        store.save_answer(candidate_id, key, value, answered_at=moment)


def _interview(store: Store, candidate_id: int, catalog: Catalog, truth: dict, interviewer: tuple,
               rng: np.random.Generator, draft: bool) -> None:
    name, language, leniency = interviewer
    interview = store.start_interview(candidate_id, name)
    version = interview.version
    ratings = []
    for competency in catalog.competencies:
        if rng.random() < 0.06:
            version = store.save_rating(interview.id, version, competency.id, not_observed=True)
            continue
        value = int(np.clip(round(truth[competency.id] + leniency + rng.normal(0, 0.55)), *catalog.bounds()))
        ratings.append(value)
        note = NOTES[language][1 if value <= 2 else 3 if value == 3 else 5]
        version = store.save_rating(interview.id, version, competency.id, value, notes=note)
    mean = float(np.mean(ratings))
    recommendation = "strong_yes" if mean >= 4.2 else "yes" if mean >= 3.4 else "no" if mean >= 2.5 else "strong_no"
    version = store.set_recommendation(interview.id, version, recommendation)
    if not draft:
        store.submit_interview(interview.id, version)


# --- synthetic rounds of any size ----------------------------------------------------------------------------

FIRST = {"en": ["Alex", "Sam", "Jordan", "Taylor", "Morgan", "Chris", "Jamie", "Robin", "Casey", "Drew"],
         "de": ["Lena", "Jonas", "Mia", "Felix", "Hannah", "Paul", "Lea", "Tim", "Sarah", "Niklas"],
         "ru": ["Анна", "Иван", "Мария", "Павел", "Ольга", "Артём", "Елена", "Никита", "Дарья", "Илья"]}
LAST = {"en": ["Smith", "Jones", "Brown", "Taylor", "Wilson", "Evans", "Walker", "Wright", "Hall", "Green"],
        "de": ["Müller", "Schmidt", "Fischer", "Meyer", "Wagner", "Becker", "Schulz", "Koch", "Richter", "Klein"],
        "ru": ["Иванова", "Петров", "Соколова", "Попов", "Лебедева", "Козлов", "Новикова", "Морозов", "Волкова",
               "Зайцев"]}
# A pool of interviewers for a large round: most rate fairly, one leniently, one severely.
PANEL = [("Katrin Vogel", "de", 0.0), ("Mark Ellis", "en", 0.9), ("Ирина Лебедева", "ru", 0.0),
         ("Jonas Berg", "de", -0.7), ("Priya Raman", "en", 0.0), ("Олег Карпов", "ru", 0.2)]
# Where candidates of a large round stand: shares of those only added, invited, half-way and submitted; of those
# who submitted, the share interviewed.
STAGES = {"added": 0.02, "invited": 0.03, "partial": 0.05, "submitted": 0.90}
INTERVIEWED = 0.8


def synthetic_round(store: Store, size: int, catalog_id: str = "client_manager", seed: int = SEED) -> Round:
    """A new round of `size` generated candidates, drawn like the demo's (a manager type, a true level per
    competency, noisy answers and ratings), inserted in one transaction. A few only added, invited or half-way
    through; most submitted, and most of those interviewed by two or three of a panel of six, with a lenient and
    a severe interviewer, the odd "not observed" and the odd draft."""
    if size < 1:
        raise ValueError("a synthetic round has at least one candidate")
    rng = np.random.default_rng(seed + size)
    round_ = store.create_round(f"Synthetic round, {size:,} candidates", catalog_id, actor="demo")
    catalog = store.catalog_of_round(round_.id)
    types = load_manager_types()
    stages = rng.choice(list(STAGES), size=size, p=list(STAGES.values()))
    started = datetime.now(UTC) - timedelta(days=20)
    records = [_record(catalog, types[int(rng.integers(len(types)))].profile, str(stage), index, rng, started)
               for index, stage in enumerate(stages)]
    store.add_records(round_.id, records, actor="demo")
    return round_


def _record(catalog: Catalog, profile: dict, stage: str, index: int, rng: np.random.Generator,
            started: datetime) -> CandidateRecord:
    language = ("en", "de", "ru")[index % 3]
    first, last = rng.choice(FIRST[language]), rng.choice(LAST[language])
    name, email = f"{first} {last}", f"candidate{index + 1}@example.com"
    if stage in ("added", "invited"):
        return CandidateRecord(name, email, language, invited=stage == "invited")
    low, high = catalog.bounds()
    noise = rng.normal(0, 0.5, len(catalog.competencies)).tolist()
    truth = {c.id: min(high, max(low, profile[c.dimension] + n)) for c, n in zip(catalog.competencies, noise,
                                                                                 strict=True)}
    moment = started + timedelta(minutes=int(rng.integers(0, 60 * 24 * 10)))
    answers = _answers(catalog, truth, rng, moment, partial=stage == "partial", style=int(rng.integers(40)))
    if stage == "partial":
        return CandidateRecord(name, email, language, True, moment, answers=answers)
    submitted = max(at for _, at in answers.values())
    interviews = []
    if rng.random() < INTERVIEWED:
        panel = rng.choice(len(PANEL), size=int(rng.integers(2, 4)), replace=False)
        interviews = [_ratings(catalog, truth, PANEL[i], rng, submitted + timedelta(days=int(rng.integers(2, 8))))
                      for i in panel]
    return CandidateRecord(name, email, language, True, moment, submitted, answers, interviews)


def _answers(catalog: Catalog, truth: dict, rng: np.random.Generator, moment: datetime, partial: bool,
             style: int) -> dict:
    """Like `_answer`, all at once: style 0 clicks through in a second per item, style 1 straight-lines."""
    items = catalog.self_items
    items = items[: len(items) // 2] if partial else items
    low, high = catalog.bounds("self_scale")
    levels = np.array([truth[competency.id] for _, competency, _ in items]) + rng.normal(0.4, 0.3)
    levels += rng.normal(0, 0.6, len(items))
    reverse = np.array([item.reverse for _, _, item in items])
    values = np.clip(np.round(np.where(reverse, low + high - levels, levels)), low, high).astype(int)
    if style == 1:
        values[:] = 4
    seconds = np.cumsum(np.ones(len(items)) if style == 0 else rng.uniform(8, 25, len(items)))
    return {key: (int(value), moment + timedelta(seconds=float(second)))
            for (key, _, _), value, second in zip(items, values, seconds, strict=True)}


def _ratings(catalog: Catalog, truth: dict, interviewer: tuple, rng: np.random.Generator,
             at: datetime) -> InterviewRecord:
    name, language, leniency = interviewer
    low, high = catalog.bounds()
    competencies = catalog.competencies
    levels = np.array([truth[c.id] for c in competencies]) + leniency + rng.normal(0, 0.55, len(competencies))
    values = np.clip(np.round(levels), low, high).astype(int).tolist()
    unseen = (rng.random(len(competencies)) < 0.06).tolist()
    ratings = {c.id: (None, "") if missing else (value, NOTES[language][1 if value <= 2 else 3 if value == 3 else 5])
               for c, value, missing in zip(competencies, values, unseen, strict=True)}
    given = [value for value, _ in ratings.values() if value is not None] or [3]
    mean = float(np.mean(given))
    recommendation = "strong_yes" if mean >= 4.2 else "yes" if mean >= 3.4 else "no" if mean >= 2.5 else "strong_no"
    draft = rng.random() < 0.02
    return InterviewRecord(name, ratings, recommendation, None if draft else at)
