"""The catalog schema: one pydantic model per concept, unknown keys rejected.

The models describe the YAML format of DESIGN.md section 3. Checks that need more
than one field (unique ids, dimensions known, the file name) live in `checks.py`,
so that each problem can be reported at its own line and column.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

LANGUAGES = ("en", "de", "ru")

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Level = Annotated[int, Field(ge=1, le=5)]
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


class Competency(Strict):
    id: Id
    name: Text
    definition: Text
    dimension: Id
    weight: float = Field(default=1.0, gt=0, le=10)
    weight_rationale: Text | None = None
    target: Level
    indicators: list[Text] = Field(min_length=1)
    questions: list[Question] = Field(min_length=1)
    anchors: dict[Level, Text]
    self_items: list[SelfItem] = Field(default_factory=list)
    red_flags: list[Text] = Field(default_factory=list)
    refs: list[String] = Field(default_factory=list)


class Area(Strict):
    id: Id
    name: Text
    competencies: list[Competency] = Field(min_length=1)


class Catalog(Strict):
    """One role: its scales, areas and competencies."""

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
    profile: dict[Id, Level]


class ManagerTypesFile(Strict):
    types: list[ManagerType] = Field(min_length=2)
