"""A realistic demo: two hiring rounds with candidates in three languages, so every page has data.

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
from assessment.store import Round, Store

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
