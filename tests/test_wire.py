"""Each record kind is serialized in exactly one place: ``exports/wire.py``.

Every snapshot kind the JSON export writes has its declared table there, and
every kind a package carries; each table reads fields its snapshot has. And
no other module of the formats or of the command line writes a record's dict
by hand (a record's timestamps turned into text, ``"created_at"`` keys filled
from a record, a dict copying five fields or more of one record).
"""

from __future__ import annotations

import ast
import dataclasses
import json
import shutil
from pathlib import Path

from idg_desktop.domain import records
from idg_desktop.exports import wire

PACKAGE = Path(__file__).resolve().parent.parent / "idg_desktop"

#: The modules that declare a format's mapping: the JSON export's, packages' and
#: listings' (wire.py), and the workbook's declared columns and cells.
MAPPING_MODULES = {"exports/wire.py", "workbook/layout.py", "workbook/cells.py"}

#: The snapshots' time fields (a record's timestamps).
TIMES = {
    field.name
    for cls in records.SNAPSHOTS
    for field in dataclasses.fields(cls)
    if "datetime" in str(field.type)
}


def test_every_record_kind_has_its_json_mapping():
    assert set(wire.JSON) == set(records.SNAPSHOTS)


def test_every_table_reads_fields_its_snapshot_has():
    tables = [*wire.JSON.items(), *wire.PACKAGE.items()]
    for cls, mapping in tables:
        names = {field.name for field in dataclasses.fields(cls)}
        read = {source for source in mapping.values() if isinstance(source, str)}
        assert read <= names, (cls.__name__, read - names)


def test_the_export_writes_each_kind_through_its_table(idg, demo_template, tmp_path):
    """The keys of every record list of ``idg export json`` are its table's."""
    demo = tmp_path / "demo.idg"
    shutil.copyfile(demo_template, demo)
    data = json.loads(idg("export", "json", demo).out)
    where = {
        records.Participant: data["participants"],
        records.WorkingGroup: data["groups"],
        records.Answer: data["answers"],
        records.Finding: data["findings"],
        records.BackgroundDocument: data["documents"],
        records.WorkshopSession: data["sessions"],
        records.AssessmentStep: data["steps"],
        records.Activity: data["activities"],
        records.Outcome: data["plan"]["outcomes"],
        records.Output: data["plan"]["outputs"],
        records.Kpi: data["plan"]["kpis"],
        records.Adoption: data["plan"]["adoptions"],
        records.Section: data["sections"],
    }
    for cls, items in where.items():
        assert items, cls.__name__
        for item in items:
            assert list(item) == list(wire.JSON[cls]), cls.__name__


def test_packages_carry_answers_findings_and_people_by_their_tables(idg, demo_template, tmp_path):
    from idg_desktop.exchange import container

    demo, package = tmp_path / "demo.idg", tmp_path / "a.idgpkg"
    shutil.copyfile(demo_template, demo)
    group = json.loads(idg("groups", demo, "--json").out)[0]["name"]
    assert idg("package", "export", demo, "--group", group, "-o", package).code == 0
    content = container.read_package(package)
    carried = {
        records.Answer: content["base"]["answers"],
        records.Finding: content["base"]["findings"],
        records.Participant: content["participants"],
        records.Assessment: [content["assessment"]],
        records.WorkingGroup: [content["group"]],
    }
    for cls, items in carried.items():
        assert items, cls.__name__
        for item in items:  # (a package's keys are stored sorted)
            assert sorted(item) == sorted(wire.PACKAGE[cls]), cls.__name__
    # one field, two wire names: packages keep the column's, the export nests it
    assert "measure_applied" in wire.PACKAGE[records.Answer]
    assert "applied" not in wire.JSON[records.Answer]


def _by_hand(tree: ast.AST) -> list[str]:
    """The places ``tree`` serializes a record itself."""
    found = []
    for node in ast.walk(tree):
        if (  # record.created_at.isoformat(...)
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "isoformat"
            and isinstance(node.func.value, ast.Attribute)
            and node.func.value.attr in TIMES
        ):
            found.append(f"line {node.lineno}: .{node.func.value.attr}.isoformat()")
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if (  # {"created_at": _time(record.created_at)}
                    isinstance(key, ast.Constant)
                    and key.value in TIMES
                    and any(
                        isinstance(n, ast.Attribute) and n.attr in TIMES for n in ast.walk(value)
                    )
                ):
                    found.append(f"line {node.lineno}: a {key.value!r} key from a record")
            bases: dict[str, int] = {}
            for value in node.values:
                if isinstance(value, ast.Attribute):
                    base = ast.dump(value.value)
                    bases[base] = bases.get(base, 0) + 1
            if max(bases.values(), default=0) >= 5:
                found.append(f"line {node.lineno}: a dict of five fields or more of one record")
    return found


def test_no_format_or_verb_writes_a_record_dict_by_hand():
    offenders = {}
    for folder in ("exports", "exchange", "workbook", "cli"):
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            name = path.relative_to(PACKAGE).as_posix()
            if name in MAPPING_MODULES:
                continue
            found = _by_hand(ast.parse(path.read_text(encoding="utf-8")))
            if found:
                offenders[name] = found
    assert offenders == {}, "serialize records in exports/wire.py, not here"
