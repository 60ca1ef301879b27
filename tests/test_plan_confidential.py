"""KPIs of outcomes and outputs, and the plan's confidential parts (issue 10):
``idg kpi add (--outcome | --output | --activity)``, ``--confidential`` on the
plan's verbs, and public versions (PDFs) that leave confidential parts out with
everything under them."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest

from idg_desktop.reports.kinds import REPORTS
from idg_desktop.services import plan
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument

GROUP = "Group A – Leadership, rules and transparency"
#: In the demo: an immediate outcome with a KPI of its own, an output with one.
OUTCOME = "56b7d604"
OUTPUT = "a7db8875"
#: The demo's confidential activity.
SECRET_ACTIVITY = "e902cf8c"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _walk(node: dict):
    yield node
    for child in node.get("outcomes", []):
        yield from _walk(child)
    for output in node.get("outputs", []):
        yield output
        yield from output["activities"]


def _nodes(tree: dict) -> dict[str, dict]:
    found = {}
    for top in tree["outcomes"]:
        for node in _walk(top):
            found[node["id"][:8]] = node
    for item in tree["not_in_plan"]:
        found[item["id"][:8]] = item
    return found


# -- KPIs of outcomes, outputs and activities ---------------------------------------


def test_kpis_on_an_outcome_and_an_output_from_the_command_line(idg, demo_file):
    outcome = idg("outcome", "add", demo_file, "--title", "Trust", "--level", "ultimate")
    assert outcome.code == 0, outcome.err
    output = idg("output", "add", demo_file, "--title", "Survey", "--outcome", outcome.out.strip())
    assert output.code == 0, output.err
    on_outcome = idg(
        "kpi", "add", demo_file, "--outcome", outcome.out.strip(), "--name", "Trust index",
        "--target", "60%",
    )  # fmt: skip
    on_output = idg("kpi", "add", demo_file, "--output", output.out.strip(), "--name", "Surveys")
    assert on_outcome.code == 0 and on_output.code == 0, on_outcome.err + on_output.err

    nodes = _nodes(json.loads(idg("plan", demo_file, "--json").out))
    mine, survey = nodes[outcome.out.strip()], nodes[output.out.strip()]
    assert [k["name"] for k in mine["kpis"]] == ["Trust index"]
    assert mine["kpis"][0]["target"] == "60%" and mine["kpis"][0]["confidential"] is False
    assert [k["name"] for k in survey["kpis"]] == ["Surveys"]
    # An outcome with a KPI of its own that has a target is measurable, even
    # with no activity under it; an output whose KPI has no target is not.
    assert mine["smart"]["measurable"] and not survey["smart"]["measurable"]

    listed = {k["sheet"]["name"]: k for k in json.loads(idg("kpis", demo_file, "--json").out)}
    trust = listed["Trust index"]
    assert trust["activity"] is None and trust["output"] is None
    assert trust["outcome"].startswith(outcome.out.strip())
    assert listed["Surveys"]["output"].startswith(output.out.strip())
    text = idg("kpis", demo_file).out
    assert f"outcome {outcome.out.strip()}  Trust index" in text
    assert f"output {output.out.strip()}  Surveys" in text
    tree_text = idg("plan", demo_file).out
    assert "KPI Trust index, target 60%" in tree_text

    # The whole export keeps where each KPI belongs, and the file reopens so.
    exported = json.loads(idg("export", "json", demo_file).out)
    by_name = {k["sheet"]["name"]: k for k in exported["plan"]["kpis"]}
    assert by_name["Trust index"]["outcome"] == trust["outcome"]
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        kpi = plan.find_kpi(document, on_outcome.out.strip())
        assert (kpi.outcome_id, kpi.output_id, kpi.activity_id) == (trust["outcome"], None, None)


def test_the_demo_has_kpis_on_an_outcome_and_an_output(idg, demo_file):
    nodes = _nodes(json.loads(idg("plan", demo_file, "--json").out))
    assert nodes[OUTCOME]["kpis"] and nodes[OUTPUT]["kpis"]
    assert nodes[SECRET_ACTIVITY]["confidential"] is True


@pytest.mark.parametrize(
    "args, message",
    [
        (("kpi", "add", "{f}", "--name", "N"), "one of the arguments"),
        (("kpi", "add", "{f}", "--outcome", OUTCOME, "--output", OUTPUT, "--name", "N"),
         "not allowed with argument"),
        (("kpi", "add", "{f}", "--outcome", "", "--name", "N"), "exactly one outcome, output"),
        (("kpi", "add", "{f}", "--output", "zzzzzzzz", "--name", "N"), "No output"),
        (("kpi", "add", "{f}", "--outcome", "zzzzzzzz", "--name", "N"), "No outcome"),
        (("outcome", "set", "{f}", OUTCOME, "confidential=perhaps"), "not yes or no"),
        (("output", "set", "{f}", OUTPUT, "colour=red"), "cannot be set here"),
        (("activity", "plan", "{f}", SECRET_ACTIVITY, "confidential=maybe"), "not yes or no"),
        (("kpi", "set", "{f}", "de5cdf77", "confidential=maybe"), "not yes or no"),
    ],
)  # fmt: skip
def test_refusals_are_one_line_and_leave_the_file_untouched(idg, demo_file, args, message):
    before = _sha(demo_file)
    result = idg(*[str(demo_file) if a == "{f}" else a for a in args])
    assert result.code == 2, result.out
    assert message in result.err and len(result.err.strip().splitlines()) == 1, result.err
    assert _sha(demo_file) == before


def test_deleting_an_outcome_deletes_its_kpis(demo_file):
    with AssessmentDocument.open(demo_file) as document:
        outcome = plan.find_outcome(document, OUTCOME)
        assert any(k.outcome_id == outcome.id for k in plan.list_kpis(document))
        plan.delete_node(document, outcome.id)
        assert all(k.outcome_id != outcome.id for k in plan.list_kpis(document))
        kpis = document.session.query(models.Kpi).count()
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        assert document.session.query(models.Kpi).count() == kpis


# -- the confidential mark ------------------------------------------------------------


def test_confidential_marks_set_and_unset_from_the_command_line(idg, demo_file):
    made = idg(
        "outcome", "add", demo_file, "--title", "Vetting", "--level", "ultimate", "--confidential"
    )
    assert made.code == 0, made.err
    out = idg("output", "add", demo_file, "--title", "Files", "--outcome", made.out.strip(),
              "--confidential")  # fmt: skip
    kpi = idg("kpi", "add", demo_file, "--output", out.out.strip(), "--name", "Vetted",
              "--confidential")  # fmt: skip
    act = idg("activity", "add", demo_file, "--title", "Vet the staff", "--section", "HR",
              "--confidential")  # fmt: skip
    assert out.code == kpi.code == act.code == 0, out.err + kpi.err + act.err
    nodes = _nodes(json.loads(idg("plan", demo_file, "--json").out))
    assert nodes[made.out.strip()]["confidential"] and nodes[out.out.strip()]["confidential"]
    assert nodes[out.out.strip()]["kpis"][0]["confidential"]
    assert nodes[act.out.strip()]["confidential"]
    assert "[confidential]" in idg("plan", demo_file).out

    assert idg("outcome", "set", demo_file, made.out.strip(), "confidential=no").code == 0
    assert idg("output", "set", demo_file, out.out.strip(), "confidential=no").code == 0
    assert idg("kpi", "set", demo_file, kpi.out.strip(), "confidential=no").code == 0
    assert idg("activity", "plan", demo_file, act.out.strip(), "confidential=no").code == 0
    exported = json.loads(idg("export", "json", demo_file).out)
    ids = (made.out.strip(), out.out.strip(), kpi.out.strip(), act.out.strip())
    records = [
        *exported["plan"]["outcomes"],
        *exported["plan"]["outputs"],
        *exported["plan"]["kpis"],
        *exported["activities"],
    ]
    mine = [r for r in records if r["id"][:8] in ids]
    assert len(mine) == 4 and not any(r["confidential"] for r in mine)
    assert all(r["revision"] == 2 for r in mine)  # each change stamped on its record


def test_a_confidential_parent_hides_everything_under_it(demo_file):
    with AssessmentDocument.open(demo_file) as document:
        output = plan.find_output(document, OUTPUT)
        plan.set_confidential(document, output.id, True)
        hidden = plan.hidden_ids(document)
        under = {
            a.id for a in document.session.query(models.Activity).filter_by(output_id=output.id)
        }
        kpis = {
            k.id for k in plan.list_kpis(document) if plan.kpi_owner_id(k) in under | {output.id}
        }
        assert under and kpis and {output.id} | under | kpis <= hidden
        secret = plan.find_activity(document, SECRET_ACTIVITY)
        own = {k.id for k in plan.list_kpis(document) if k.activity_id == secret.id}
        assert secret.id in hidden and own and own <= hidden
        outcome = plan.find_outcome(document, OUTCOME)
        assert outcome.id not in hidden  # the parent of a confidential output stays


# -- public versions of every report ------------------------------------------------------


def _pdf_text(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return " ".join(done.stdout.split())


def _start(text: str, n: int = 32) -> str:
    return " ".join(text.split())[:n]


@pytest.fixture
def marked_demo(idg, demo_file: Path) -> tuple[Path, list[str], list[str]]:
    """The demo with more of its plan confidential: an output (and so its two
    activities and their KPIs), a KPI of a visible activity, besides the demo's
    confidential activity. Returns the file, the hidden titles, visible ones."""
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        cashless = next(o for o in document.session.query(models.Output) if "Cashless" in o.title)
        investigated = next(k for k in plan.list_kpis(document) if "investigation" in k.name)
    assert idg("output", "set", demo_file, cashless.id[:8], "confidential=yes").code == 0
    assert idg("kpi", "set", demo_file, investigated.id[:8], "confidential=yes").code == 0
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        hidden = plan.hidden_ids(document)
        titles = {}
        for model, field in (
            (models.Outcome, "title"),
            (models.Output, "title"),
            (models.Activity, "title"),
            (models.Kpi, "name"),
        ):
            for record in document.session.query(model):
                titles[record.id] = getattr(record, field)
    secret = [titles[i] for i in hidden]
    shown = [t for i, t in titles.items() if i not in hidden]
    assert len(secret) >= 8  # 1 output, 3 activities, 4 KPIs
    return demo_file, secret, shown


def test_every_public_report_leaves_the_confidential_plan_out(marked_demo, tmp_path: Path, idg):
    path, secret, _shown = marked_demo
    texts = {}
    for report in REPORTS:
        extra = ("--group", GROUP) if report == "worksheets" else ()
        out = tmp_path / f"{report}.pdf"
        result = idg("export", "pdf", path, "--report", report, "--public", "-o", out, *extra)
        assert result.code == 0, result.err
        texts[report] = _pdf_text(out)
        for title in secret:
            assert _start(title) not in texts[report], (report, title)
    # What is not confidential is still there (so the check above can fail)...
    for title in ("Staff who would report wrongdoing", "Hours a week the reporting channel",
                  "Open a 24/7 anonymous reporting", "Sensitive positions are known"):  # fmt: skip
        assert title in texts["action-plan"], title
    assert "Staff who would report wrongdoing" in texts["kpis"]
    assert "Open a 24/7 anonymous reporting" in texts["assessment"]
    # ...and the same reports made without --public do print the confidential titles.
    full = tmp_path / "full-plan.pdf"
    assert idg("export", "pdf", path, "--report", "action-plan", "-o", full).code == 0
    full_text = _pdf_text(full)
    assert all(_start(t) in full_text for t in secret)
    assert "plan parts left out" in texts["action-plan"]


def test_kpi_sheets_say_what_each_kpi_measures(demo_file, tmp_path: Path, idg):
    out = tmp_path / "kpis.pdf"
    assert idg("export", "pdf", demo_file, "--report", "kpis", "-o", out).code == 0
    text = _pdf_text(out)
    assert "Immediate outcome 1.1.1 Staff and traders can report" in text
    assert re.search(r"Output 1\.1\.1\.1 An anonymous reporting channel", text)
    assert "Activity A1 Open a 24/7" in text


# -- the workbook for sharing -----------------------------------------------------------


def _cells(path: Path) -> str:
    import openpyxl

    book = openpyxl.load_workbook(path)
    return " ".join(
        " ".join(str(c) for row in ws.iter_rows(values_only=True) for c in row if c is not None)
        for ws in book.worksheets
    )


def test_a_workbook_for_sharing_follows_the_pdf_rules_and_cannot_be_imported(
    marked_demo, tmp_path: Path, idg
):
    import openpyxl

    path, secret, _shown = marked_demo
    with AssessmentDocument.open(path, read_only=True) as document:
        people = [p.name for p in document.session.query(models.Participant)]
        hidden_answers = [
            a.text for a in document.session.query(models.Answer) if a.confidential and a.text
        ]
        hidden_findings = [f.text for f in document.session.query(models.Finding) if f.confidential]
    assert people and hidden_answers and hidden_findings

    full, shared = tmp_path / "full.xlsx", tmp_path / "shared.xlsx"
    assert idg("export", "xlsx", path, "-o", full).code == 0
    result = idg("export", "xlsx", path, "-o", shared, "--public", "--pseudonymise")
    assert result.code == 0, result.err
    assert "Version for sharing (public, pseudonymised)" in result.out

    everything, sharing = _cells(full), _cells(shared)
    for text in secret + hidden_answers + hidden_findings + people:
        assert _start(text) in " ".join(everything.split()), text  # so the check can fail
        assert _start(text) not in " ".join(sharing.split()), text
    assert "Open a 24/7 anonymous reporting channel" in sharing
    assert "Staff who would report wrongdoing through the channel" in sharing
    assert "Contributor (" in sharing or "Rapporteur (" in sharing

    book = openpyxl.load_workbook(shared)
    first = book.worksheets[0]
    assert book.active.title == first.title == "Version for sharing"
    assert "Version for sharing (public, pseudonymised)" in first["A1"].value
    assert "cannot rebuild the assessment" in first["A2"].value
    assert first.sheet_state == "visible"
    assert openpyxl.load_workbook(full).worksheets[0].title == "Scope"

    before = _sha(shared)
    refused = idg("import", "workbook", shared, tmp_path / "back.idg")
    assert refused.code == 2 and len(refused.err.strip().splitlines()) == 1, refused.err
    assert "version for sharing" in refused.err and "cannot rebuild" in refused.err
    assert not (tmp_path / "back.idg").exists() and _sha(shared) == before

    # Only public (names kept), or only pseudonymised (everything kept): also for sharing.
    public_only = tmp_path / "public.xlsx"
    assert idg("export", "xlsx", path, "-o", public_only, "--public").code == 0
    text = " ".join(_cells(public_only).split())
    assert _start(people[0]) in text and _start(secret[0]) not in text
    named_by_role = tmp_path / "pseudo.xlsx"
    assert idg("export", "xlsx", path, "-o", named_by_role, "--pseudonymise").code == 0
    text = " ".join(_cells(named_by_role).split())
    assert _start(secret[0]) in text and all(_start(p) not in text for p in people)
    assert idg("import", "workbook", named_by_role, tmp_path / "back.idg").code == 2


def test_the_full_workbook_carries_kpi_owners_and_marks(marked_demo, tmp_path: Path, idg):
    path, _secret, _shown = marked_demo
    out, back = tmp_path / "full.xlsx", tmp_path / "back.idg"
    assert idg("export", "xlsx", path, "-o", out).code == 0
    assert idg("import", "workbook", out, back).code == 0
    before = json.loads(idg("export", "json", path).out)
    after = json.loads(idg("export", "json", back).out)
    assert after["plan"] == before["plan"]
    assert [a["confidential"] for a in after["activities"]] == [
        a["confidential"] for a in before["activities"]
    ]
    with AssessmentDocument.open(back, read_only=True) as document:
        assert plan.find_kpi(document, "aa5d52e2").outcome_id.startswith(OUTCOME)
        assert plan.hidden_ids(document)


def test_a_workbook_without_the_new_columns_still_imports(demo_file, tmp_path: Path, idg):
    """Workbooks exported before schema 5 have no Confidential, Outcome (id),
    Output (id) or Version for sharing: they read as not confidential, KPIs of
    activities, and the full workbook."""
    import openpyxl

    with AssessmentDocument.open(demo_file) as document:
        for kpi in list(plan.list_kpis(document)):
            if not kpi.activity_id:
                plan.delete_kpi(document, kpi.id)
    out = tmp_path / "old.xlsx"
    assert idg("export", "xlsx", demo_file, "-o", out).code == 0
    book = openpyxl.load_workbook(out)
    added = {
        "Activities and priorities": ["Confidential"],
        "Outcomes": ["Confidential"],
        "Outputs": ["Confidential"],
        "KPIs": ["Confidential", "Outcome (id)", "Output (id)"],
    }
    for name, headers in added.items():
        ws = book[name]
        for header in headers:
            ws.delete_cols(next(c.column for c in ws[1] if c.value == header))
    tech = book["_idg"]
    for row in range(tech.max_row, 1, -1):
        if tech.cell(row=row, column=1).value == "Version for sharing":
            tech.delete_rows(row)
    book.save(out)
    assert "Confidential" not in [c.value for c in book["KPIs"][1]]
    result = idg("import", "workbook", out, tmp_path / "back.idg")
    assert result.code == 0, result.err
    exported = json.loads(idg("export", "json", tmp_path / "back.idg").out)
    assert not any(a["confidential"] for a in exported["activities"])
    assert all(k["activity"] for k in exported["plan"]["kpis"])
