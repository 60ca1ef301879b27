"""A finding's section and working group changed on the command line
(``idg finding set FILE ID --section CODE --group NAME``), and a merge that
hands the duplicate's proposed action on to the finding it went into."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _ok(result) -> str:
    assert result.code == 0, (result.code, result.out, result.err)
    return result.out.strip()


def _refused(idg, path: Path, *args: object, needles: tuple[str, ...] = ()) -> str:
    before = _digest(path)
    result = idg(*args)
    assert result.code == 2, (result.code, result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err, result.err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    assert _digest(path) == before
    return lines[0]


def _add(idg, path: Path, section: str, text: str, *extra: str) -> str:
    return _ok(
        idg("finding", "add", path, "--section", section, "--kind", "weakness", "--text", text,
            *extra)
    )  # fmt: skip


def _exported(idg, path: Path) -> dict[str, dict]:
    data = json.loads(_ok(idg("export", "json", path)))
    return {f["id"][:8]: f for f in data["findings"]}


def _group_ids(idg, path: Path) -> dict[str, str]:
    data = json.loads(_ok(idg("export", "json", path)))
    return {g["name"]: g["id"] for g in data["groups"]}


def test_finding_set_moves_a_finding_to_another_section_and_group(idg, new_file: Path):
    _ok(idg("group", "add", new_file, "Group A", "--sections", "LC,RF"))
    _ok(idg("group", "add", new_file, "Group B", "--sections", "TR"))
    first = _add(idg, new_file, "LC", "Rotation is not applied.", "--questions", "LC-1")
    out = _ok(idg("finding", "set", new_file, first, "--section", "TR", "--group", "Group B"))
    assert out == f"{first}: proposed (section TR, group Group B)"
    groups = _group_ids(idg, new_file)
    found = _exported(idg, new_file)[first]
    assert (found["section"], found["group"]) == ("TR", groups["Group B"])
    # the questions of the section it left are unlinked, and its history says so
    assert found["questions"] == []
    assert "Moved from section LC to TR" in found["history"][-1]["note"]
    assert "LC-1" in found["history"][-1]["note"]
    # a group alone; then back to the master's own finding
    _ok(idg("finding", "set", new_file, first, "--group", "group a"))
    assert _exported(idg, new_file)[first]["group"] == groups["Group A"]
    assert _ok(idg("finding", "set", new_file, first, "--group", "")).endswith("group master)")
    assert _exported(idg, new_file)[first]["group"] is None
    # with the plenary's decision, in the same change
    _ok(idg("finding", "set", new_file, first, "--status", "agreed", "--section", "RF"))
    found = _exported(idg, new_file)[first]
    assert (found["status"], found["section"]) == ("agreed", "RF")


def test_finding_set_refusals_leave_the_file_untouched(idg, new_file: Path):
    _ok(idg("group", "add", new_file, "Group A", "--sections", "LC"))
    first = _add(idg, new_file, "LC", "Text as proposed.")
    _refused(idg, new_file, "finding", "set", new_file, first, "--section", "ZZ",
             needles=("ZZ",))  # fmt: skip
    _refused(idg, new_file, "finding", "set", new_file, first, "--group", "Nobody",
             needles=("Nobody",))  # fmt: skip
    _refused(idg, new_file, "finding", "set", new_file, first, needles=("--section",))
    _refused(idg, new_file, "finding", "set", new_file, first, "--text", "x",
             needles=("--status",))  # fmt: skip
    # a refused decision moves nothing either
    _refused(idg, new_file, "finding", "set", new_file, first, "--status", "amended",
             "--section", "TR", needles=("amended text",))  # fmt: skip
    # merged findings stay in their section
    kept = _add(idg, new_file, "LC", "The kept one.")
    _ok(idg("finding", "merge", new_file, first, "--into", kept))
    _refused(idg, new_file, "finding", "set", new_file, first, "--section", "TR",
             needles=(first, "merged"))  # fmt: skip
    _refused(idg, new_file, "finding", "set", new_file, kept, "--section", "TR",
             needles=(kept, "merged"))  # fmt: skip
    found = _exported(idg, new_file)
    assert (found[first]["section"], found[first]["group"]) == ("LC", None)
    assert found[kept]["section"] == "LC"


def test_the_kept_finding_takes_in_the_merged_ones_proposed_action(idg, new_file: Path):
    kept = _add(idg, new_file, "LC", "Managers have no integrity target.",
                "--action", "Set integrity targets.", "--questions", "LC-1")  # fmt: skip
    duplicate = _add(idg, new_file, "LC", "No integrity objectives for managers.",
                     "--action", "Train managers on integrity.",
                     "--questions", "LC-1,LC-3")  # fmt: skip
    _ok(idg("finding", "merge", new_file, duplicate, "--into", kept))
    found = _exported(idg, new_file)
    assert found[kept]["questions"] == ["LC-1", "LC-3"]  # its questions are taken in too
    assert found[kept]["proposed_action"] == (
        "Set integrity targets.\n\nTrain managers on integrity."
    )
    assert found[duplicate]["proposed_action"] == "Train managers on integrity."
    assert found[duplicate]["merged_into"].startswith(kept)
    assert duplicate in found[kept]["history"][-1]["note"]


def test_a_finding_written_in_a_working_copy_is_the_groups(idg, demo_file, tmp_path):
    """In a group's working copy a new finding belongs to that group unless said
    otherwise (a new user saw "None (the master's own)" in the group's copy)."""
    group = "Group A – Leadership, rules and transparency"
    package, work = tmp_path / "a.idgpkg", tmp_path / "a-work.idg"
    assert idg("package", "export", demo_file, "--group", group, "-o", package).code == 0
    assert idg("package", "open", package, work).code == 0
    added = idg("finding", "add", work, "--section", "TR", "--kind", "weakness", "--text", "X.")
    assert added.code == 0, added.err
    on_master = idg(
        "finding", "add", demo_file, "--section", "TR", "--kind", "weakness", "--text", "Y."
    )
    assert on_master.code == 0
    import json

    in_copy = {f["text"]: f for f in json.loads(idg("export", "json", work).out)["findings"]}
    in_master = {f["text"]: f for f in json.loads(idg("export", "json", demo_file).out)["findings"]}
    groups = {g["id"]: g["name"] for g in json.loads(idg("groups", work, "--json").out)}
    assert groups[in_copy["X."]["group"]] == group
    assert in_master["Y."]["group"] is None  # a master's own finding stays the master's
