"""The catalog loader: golden broken files, hostile input, and the rules every shipped catalog keeps."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment import catalog
from assessment.cli import main
from assessment.errors import NotFound
from tests.conftest import FIXTURES

BROKEN = FIXTURES / "broken"
EXPECTED = yaml.safe_load((FIXTURES / "expected_errors.yaml").read_text(encoding="utf-8"))
SHIPPED = catalog.catalog_dir()
ROLES = ["client_manager", "crisis_manager", "interim_manager", "product_manager", "project_manager"]


def test_there_are_enough_golden_cases():
    assert len(EXPECTED) >= 20
    assert sorted(EXPECTED) == sorted(p.name for p in BROKEN.glob("*.yaml") if p.name != "dimensions.yaml")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_catalog_reports_its_one_problem(name):
    model, problems = catalog.validate_file(BROKEN / name)
    assert model is None
    errors = [p for p in problems if p.severity == "error"]
    assert [f"{p.line}:{p.column}: {p.message}" for p in errors] == [EXPECTED[name]]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_catalog_fails_the_command_cleanly(name, capsys):
    assert main(["catalog", "validate", str(BROKEN / name)]) == 1
    out, err = capsys.readouterr()
    assert f"{name}:{EXPECTED[name].split(' ', 1)[0]} error:" in out
    assert "Traceback" not in out + err


def test_python_tags_run_nothing(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(f'id: evil\nname: !!python/object/apply:os.system ["touch {marker}"]\n')
    _, problems = catalog.validate_file(path)
    assert "not allowed" in problems[0].message and not marker.exists()


def test_oversized_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text("# padding\n" * 250_000)
    _, problems = catalog.validate_file(path)
    assert [p.message for p in problems] == ["the file is 2.5 MB; catalogs may be at most 2 MB"]


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=300), st.binary(max_size=300).map(lambda b: b.decode("latin-1"))))
def test_any_text_gives_problems_never_an_exception(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    model, problems = catalog.validate_file(path)
    assert model is None and problems


def test_shipped_catalogs_are_valid_strictly(capsys):
    assert main(["catalog", "validate", "--strict", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_catalog_list_shows_five_complete_roles(capsys):
    assert main(["catalog", "list", "--format", "json"]) == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)}
    assert sorted(rows) == ROLES
    for row in rows.values():
        assert row["coverage"] == {"en": 100.0, "de": 100.0, "ru": 100.0}
    assert main(["catalog", "list"]) == 0
    assert "client_manager" in capsys.readouterr().out


def test_schema_json_is_current():
    assert (SHIPPED / "schema.json").read_text(encoding="utf-8") == catalog.schema_text()


@pytest.mark.parametrize("role", ROLES)
def test_role_catalog_content_rules(role):
    path = SHIPPED / f"{role}.yaml"
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=schema.json\n")
    role_catalog = catalog.load_catalog(role).catalog
    competencies = role_catalog.competencies
    assert 4 <= len(role_catalog.areas) <= 7
    assert 12 <= len(competencies) <= 20
    assert {c.dimension for c in competencies} == {d.id for d in catalog.load_dimensions()}
    items = [item for c in competencies for item in c.self_items]
    assert sum(item.reverse for item in items) >= 0.2 * len(items)
    questions = [q for c in competencies for q in c.questions]
    assert sum(q.kind == "behavioral" for q in questions) > len(questions) / 2
    for c in competencies:
        assert len(c.indicators) >= 2 and len(c.questions) >= 2 and len(c.self_items) >= 2, c.id
        assert all(len(q.probes) >= 2 for q in c.questions), c.id
        assert {1, 3, 5} <= set(c.anchors) and c.red_flags and c.refs, c.id


def test_dimensions_file():
    dimensions = catalog.load_dimensions()
    assert 7 <= len(dimensions) <= 9


def test_manager_types_are_distinguishable_by_shape_and_name_their_roles():
    types = catalog.load_manager_types()
    dimensions = [d.id for d in catalog.load_dimensions()]
    assert 6 <= len(types) <= 10
    profiles = {t.id: np.array([t.profile[d] for d in dimensions], dtype=float) for t in types}
    shapes = {t: p - p.mean() for t, p in profiles.items()}  # typing compares shapes, not levels
    for (a, pa), (b, pb) in itertools.combinations(shapes.items(), 2):
        assert np.linalg.norm(pa - pb) >= 2.5, (a, b)
    for role in ROLES:  # every role is typed against at least three ways of working
        assert sum(role in t.roles for t in types) >= 3, role
    banned = {"disengaged", "selbstdarsteller", "everybody's darling", "indifferent", "show-off", "people-pleaser"}
    assert not {t.name.get(lang).lower() for t in types for lang in ("en", "de", "ru")} & banned


def test_manager_types_with_close_shapes_or_unknown_roles_are_refused(tmp_path):
    text = (SHIPPED / "manager_types.yaml").read_text(encoding="utf-8")
    (tmp_path / "dimensions.yaml").write_text((SHIPPED / "dimensions.yaml").read_text(encoding="utf-8"),
                                              encoding="utf-8")
    for role in ROLES:  # the roles known beside the file are the role catalogs' names
        (tmp_path / f"{role}.yaml").write_text("placeholder: not read\n", encoding="utf-8")
    broken = text.replace("roles: [client_manager, product_manager, project_manager]", "roles: [sales_manager]", 1)
    broken = broken.replace(
        "{strategy: 3, execution: 3, analysis: 3, communication: 3, relationships: 3, leadership: 3, "
        "assertiveness: 3, resilience: 3, initiative: 3}",
        "{strategy: 4, execution: 3, analysis: 5, communication: 2, relationships: 2, leadership: 2, "
        "assertiveness: 3, resilience: 3, initiative: 3}")
    (tmp_path / "manager_types.yaml").write_text(broken, encoding="utf-8")
    model, problems = catalog.validate_file(tmp_path / "manager_types.yaml")
    messages = [p.message for p in problems if p.severity == "error"]
    assert model is None and len(messages) == 2, messages
    assert messages[0] == f"unknown role 'sales_manager'; use one of: {', '.join(ROLES)}"
    assert messages[1].startswith("the shape of 'balanced' is only 0.94 from 'analytical'")


def test_missing_translation_is_a_warning_unless_strict(tmp_path):
    source = (FIXTURES / "catalogs" / "sample_role.yaml").read_text(encoding="utf-8")
    (tmp_path / "sample_role.yaml").write_text(source.replace("  ru: Sample role (ru)\n", "", 1), encoding="utf-8")
    (tmp_path / "dimensions.yaml").write_text((FIXTURES / "catalogs" / "dimensions.yaml").read_text(encoding="utf-8"),
                                              encoding="utf-8")
    model, problems = catalog.validate_file(tmp_path / "sample_role.yaml")
    assert model is not None and [p.severity for p in problems] == ["warning"]
    model, problems = catalog.validate_file(tmp_path / "sample_role.yaml", strict=True)
    assert model is None and problems[0].message == "the 'ru' text is missing"


def test_validate_errors_for_missing_paths(capsys):
    assert main(["catalog", "validate", "/no/such/file.yaml"]) == 1
    assert capsys.readouterr().err.strip() == "error: no such file or folder: /no/such/file.yaml"


def test_unknown_catalog_id_names_the_known_ones():
    with pytest.raises(NotFound, match="known: client_manager"):
        catalog.load_catalog("astronaut")




def test_shipped_catalogs_share_one_scale():
    shared = yaml.safe_load((SHIPPED / "scales.yaml").read_text(encoding="utf-8"))
    for loaded in catalog.load_catalogs():
        assert {level: text.en for level, text in loaded.catalog.scale.items()} == \
            {level: text["en"] for level, text in shared["scale"].items()}
        assert loaded.catalog.self_scale[3].ru == shared["self_scale"][3]["ru"]


def test_a_change_of_the_shared_scales_is_a_new_snapshot(tmp_path):
    for name in ("dimensions.yaml", "scales.yaml", "crisis_manager.yaml"):
        (tmp_path / name).write_bytes((SHIPPED / name).read_bytes())
    before = catalog.load_catalog("crisis_manager", tmp_path)
    scales = tmp_path / "scales.yaml"
    scales.write_text(scales.read_text(encoding="utf-8").replace("Partly true", "True in part"), encoding="utf-8")
    after = catalog.load_catalog("crisis_manager", tmp_path)
    assert after.content_hash != before.content_hash
    assert after.catalog.self_scale[3].en == "True in part"


def _with_self_items(tmp_path, items):
    document = yaml.safe_load((SHIPPED / "crisis_manager.yaml").read_text(encoding="utf-8"))
    document["areas"][0]["competencies"][0]["self_items"] = items
    for name in ("dimensions.yaml", "scales.yaml"):
        (tmp_path / name).write_bytes((SHIPPED / name).read_bytes())
    path = tmp_path / "crisis_manager.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    model, problems = catalog.validate_file(path)
    # The shipped text's forbidden-topic warnings are tested in test_content_rules.py; here only the items count.
    return model, [p for p in problems if "touches a topic" not in p.message]


def _item(item_id, reverse=False, **extra):
    return {"id": item_id, "text": {"en": f"Item {item_id}", "de": f"Aussage {item_id}", "ru": f"Пункт {item_id}"},
            "reverse": reverse, **extra}


def test_declared_opposites_are_checked(tmp_path):
    model, problems = _with_self_items(tmp_path, [_item("s1"), _item("s2", True, opposite_of="s1")])
    assert model is not None and not problems
    pair = model.competencies[0].self_items
    assert pair[1].opposite_of == "s1"

    model, problems = _with_self_items(tmp_path, [_item("s1"), _item("s2", False, opposite_of="s1")])
    assert model is None
    assert ["only a reverse item" in p.message for p in problems] == [True]

    model, problems = _with_self_items(tmp_path, [_item("s1"), _item("s2", True, opposite_of="s9")])
    assert model is None
    assert ["'s9' is not a plain (not reverse) item of this competency; use one of: s1" in p.message
            for p in problems] == [True]
