"""The catalog schema: one pydantic model per concept, unknown keys rejected.

The models describe the YAML format of DESIGN.md section 3. Checks that need more
than one field (unique ids, dimensions known, the file name) live in `checks.py`,
so that each problem can be reported at its own line and column.
"""

from __future__ import annotations

from typing import Annotated, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# The one rating scale of the schema: interview ratings, Likert answers, targets and archetype profiles.
# Code elsewhere reads a catalog's own `scale` / `self_scale` (`Catalog.bounds`) or, where no catalog is at
# hand (archetype profiles, statistics files), `SCALE`; never a literal.
LEVEL_MIN, LEVEL_MAX = 1, 5
SCALE = (LEVEL_MIN, LEVEL_MAX)

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Level = Annotated[int, Field(ge=LEVEL_MIN, le=LEVEL_MAX)]
String = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]


class Strict(BaseModel):
    """Base of every catalog model: unknown keys are mistakes, not extensions."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text in every language; English is required, German and Russian are shipped complete."""

    en: String
    de: String | None = None
    ru: String | None = None

    def get(self, language: str) -> str:
        """The text in `language`, falling back to English where a translation is missing."""
        return getattr(self, language, None) or self.en


class Question(Strict):
    id: Id
    kind: Literal["behavioral", "situational"] = "behavioral"
    text: Text
    probes: list[Text] = Field(default_factory=list)


class SelfItem(Strict):
    id: Id
    text: Text
    reverse: bool = False
    # A reverse item written as the plain opposite of another item of its competency: agreeing with both is
    # a contradiction. Only such declared pairs are checked; a reverse item without it is merely reverse-keyed.
    opposite_of: Id | None = None


class Competency(Strict):
    id: Id
    name: Text
    definition: Text
    dimension: Id
    weight: float = Field(default=1.0, gt=0, le=10)
    weight_rationale: Text | None = None
    target: Level
    target_rationale: Text | None = None
    indicators: list[Text] = Field(min_length=1)
    questions: list[Question] = Field(min_length=1)
    anchors: dict[Level, Text]
    self_items: list[SelfItem] = Field(default_factory=list)
    red_flags: list[Text] = Field(default_factory=list)
    refs: list[String] = Field(default_factory=list)


def item_key(competency_id: str, item_id: str) -> str:
    """The id under which a self-assessment item is stored: unique within its catalog."""
    return f"{competency_id}.{item_id}"


class QuestionnaireItem(NamedTuple):
    """A self-assessment item with its competency and the id it is stored under (`item_key`)."""

    key: str
    competency: Competency
    item: SelfItem


class Area(Strict):
    id: Id
    name: Text
    competencies: list[Competency] = Field(min_length=1)

    @property
    def self_items(self) -> list[QuestionnaireItem]:
        """The area's self-assessment items in questionnaire order."""
        return [QuestionnaireItem(item_key(c.id, i.id), c, i) for c in self.competencies for i in c.self_items]


class Scales(Strict):
    """The rating scales every catalog shares (`scales.yaml`), so ratings and answers mean the same in every
    role and language. A catalog may still carry its own `scale` / `self_scale`: older versions did."""

    scale: dict[Level, Text]
    self_scale: dict[Level, Text]


class Catalog(Strict):
    """One role: its scales (its own, or the shared ones filled in by the loader), areas and competencies."""

    schema_version: Literal[1]
    id: Id
    version: String
    name: Text
    summary: Text
    scale: dict[Level, Text]
    self_scale: dict[Level, Text]
    areas: list[Area] = Field(min_length=1)

    @property
    def competencies(self) -> list[Competency]:
        return [c for area in self.areas for c in area.competencies]

    @property
    def self_items(self) -> list[QuestionnaireItem]:
        """Every self-assessment item in questionnaire order: the one list the questionnaire, scoring,
        the store and the statistics read."""
        return [entry for area in self.areas for entry in area.self_items]

    def bounds(self, scale: Literal["scale", "self_scale"] = "scale") -> tuple[int, int]:
        """(lowest, highest) level of the interview `scale` or of the Likert `self_scale`."""
        levels = getattr(self, scale)
        return min(levels), max(levels)

    def competency(self, competency_id: str) -> Competency:
        for competency in self.competencies:
            if competency.id == competency_id:
                return competency
        raise KeyError(competency_id)

    def area_of(self, competency_id: str) -> Area:
        for area in self.areas:
            if any(c.id == competency_id for c in area.competencies):
                return area
        raise KeyError(competency_id)


class Dimension(Strict):
    id: Id
    name: Text
    description: Text


class DimensionsFile(Strict):
    dimensions: list[Dimension] = Field(min_length=2)


class ManagerType(Strict):
    id: Id
    name: Text
    description: Text
    strengths: list[Text] = Field(min_length=1)
    risks: list[Text] = Field(min_length=1)
    # The role catalogs (their ids) in which candidates are typed against this archetype.
    roles: list[Id] = Field(min_length=1)
    profile: dict[Id, Level]


class ManagerTypesFile(Strict):
    types: list[ManagerType] = Field(min_length=2)


def item_keys(catalog: Catalog) -> list[str]:
    """Every self-assessment item of a catalog, in questionnaire order, by its stored id."""
    return [entry.key for entry in catalog.self_items]
