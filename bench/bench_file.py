"""Benchmark: a large assessment file — open + info, answer edits, JSON export.

Run: ``.venv/bin/python bench/bench_file.py [--edits 200] [--keep DIR]``

It builds a large assessment (60 participants, 8 groups, every question
answered with a 1.5 KB narrative and 8 earlier versions in its history, 300
findings), then times, inside this process after imports:

* open + ``info`` (read-only open, the counts ``idg info`` prints);
* one answer edit committed (median and p95 over N edits, each its own
  transaction with ``synchronous=FULL``);
* ``export json`` of the whole assessment;

each beside a baseline measured in the same run on the same file with the
raw ``sqlite3`` module (the same rows read, the same row written), so the
ratio says what the application's layers cost on this machine whatever its
speed. The whole command's wall time (``idg info``, ``idg export json``) is
printed beside, since a facilitator waits for that, imports included.
No figure is asserted: the machines are noisy. Copy the table into README.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from idg_desktop.exports.json_export import export_json_text, info
from idg_desktop.services import answers
from idg_desktop.services.assessment import Scope, create_assessment
from idg_desktop.services.records import stamp_new
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument

NARRATIVE = (
    "The administration reports that the measure is in place at the main border posts "
    "and in the regional offices, with written procedures approved by the Director General. "
    "Officers interviewed by the group confirmed that supervisors apply the procedure, but "
    "that records are kept on paper at the smaller posts, which makes verification slow. "
)


def narrative(i: int, version: int) -> str:
    text = f"Version {version} of answer {i}. " + NARRATIVE * 5
    return text[:1500]


def build(path: Path) -> None:
    document = create_assessment(
        path, Scope(title="Benchmark assessment", administration="Benchmark Customs")
    )
    try:
        with document.edit() as session:
            people = []
            for i in range(60):
                person = models.Participant(
                    name=f"Participant {i:02d}",
                    unit=f"Unit {i % 7}",
                    expertise=f"Area {i % 5}",
                    gender=("female", "male")[i % 2],
                    role="rapporteur" if i < 8 else "contributor",
                )
                stamp_new(document, person)
                people.append(person)
            session.add_all(people)
            session.flush()
            codes = [
                s.code for s in session.query(models.Section).order_by(models.Section.position)
            ]
            groups = []
            for g in range(8):
                group = models.WorkingGroup(
                    name=f"Group {g + 1}", position=g, rapporteur_id=people[g].id
                )
                stamp_new(document, group)
                groups.append(group)
            session.add_all(groups)
            session.flush()
            for index, code in enumerate(codes):
                session.add(models.GroupSection(section_code=code, group_id=groups[index % 8].id))
            for index, person in enumerate(people):
                session.add(
                    models.GroupMember(participant_id=person.id, group_id=groups[index % 8].id)
                )
            questions = session.query(models.Question).order_by(models.Question.position).all()
            ratings = ["absent", "not-applied", "not-effective", "partially-effective", "effective"]
            for i, question in enumerate(questions):
                answer = models.Answer(
                    question_id=question.id,
                    text=narrative(i, 9),
                    rating=ratings[i % 5],
                    evidence=f"Doc {i}",
                )
                stamp_new(document, answer)
                answer.revision = 9
                session.add(answer)
                session.flush()
                for version in range(1, 9):
                    session.add(
                        models.AnswerVersion(
                            answer_id=answer.id,
                            revision=version,
                            text=narrative(i, version),
                            rating=ratings[(i + version) % 5],
                            evidence="",
                            written_at=document.now(),
                            origin=document.origin,
                        )
                    )
            for i in range(300):
                question = questions[i % len(questions)]
                finding = models.Finding(
                    section_code=question.section_code,
                    kind=("strength", "weakness", "recommendation")[i % 3],
                    text=NARRATIVE[: 200 + i % 100],
                    proposed_action="Review the procedure.",
                )
                stamp_new(document, finding)
                finding.questions = [models.FindingQuestion(question_id=question.id)]
                session.add(finding)
                session.flush()
                session.add(
                    models.FindingEvent(
                        finding_id=finding.id,
                        revision=1,
                        action="created",
                        status="proposed",
                        text=finding.text,
                        at=document.now(),
                        origin=document.origin,
                    )
                )
    finally:
        document.close()


def timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def open_and_info(path: Path) -> None:
    with AssessmentDocument.open(path, read_only=True) as document:
        info(document)


def raw_counts(path: Path) -> None:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        connection.execute("PRAGMA application_id").fetchone()
        connection.execute("PRAGMA user_version").fetchone()
        connection.execute("PRAGMA quick_check").fetchall()
        for sql in (
            "SELECT count(*) FROM participant",
            "SELECT count(*) FROM working_group",
            "SELECT count(*) FROM answer WHERE trim(text) != ''",
            "SELECT count(*) FROM finding",
            "SELECT count(*) FROM question",
            "SELECT * FROM assessment",
        ):
            connection.execute(sql).fetchall()
    finally:
        connection.close()


def export(path: Path) -> None:
    with AssessmentDocument.open(path, read_only=True) as document:
        export_json_text(document)


def raw_export(path: Path) -> None:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    try:
        dump = {}
        for table in (
            "assessment",
            "participant",
            "working_group",
            "group_member",
            "group_section",
            "answer",
            "answer_version",
            "finding",
            "finding_question",
            "finding_event",
            "question",
            "section",
        ):
            dump[table] = [dict(row) for row in connection.execute(f"SELECT * FROM {table}")]
        json.dumps(dump, ensure_ascii=False, indent=1, default=str)
    finally:
        connection.close()


def edits(path: Path, count: int) -> list[float]:
    document = AssessmentDocument.open(path)
    ids = [q.id for q in document.session.query(models.Question).order_by(models.Question.position)]
    times = []
    try:
        for i in range(count):
            qid = ids[i % len(ids)]
            start = time.perf_counter()
            answers.save_answer(
                document, qid, text=f"Edit {i}: " + NARRATIVE * 3, rating="partially-effective"
            )
            times.append(time.perf_counter() - start)
    finally:
        document.close()
    return times


def raw_edits(path: Path, count: int) -> list[float]:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("PRAGMA synchronous = FULL")
    rows = connection.execute("SELECT id, revision FROM answer ORDER BY rowid").fetchall()
    times = []
    try:
        for i in range(count):
            answer_id, _ = rows[i % len(rows)]
            start = time.perf_counter()
            connection.execute("BEGIN")
            connection.execute(
                "INSERT INTO answer_version (id, answer_id, revision, text, rating, evidence, "
                "written_at, origin) SELECT lower(hex(randomblob(16))), id, revision, text, "
                "rating, evidence, updated_at, origin FROM answer WHERE id = ?",
                (answer_id,),
            )
            connection.execute(
                "UPDATE answer SET text = ?, rating = ?, revision = revision + 1, "
                "updated_at = datetime('now') WHERE id = ?",
                (f"Edit {i}: " + NARRATIVE * 3, "partially-effective", answer_id),
            )
            connection.execute("COMMIT")
            times.append(time.perf_counter() - start)
    finally:
        connection.close()
    return times


def wall(*args: str, repeat: int = 3) -> float:
    script = Path(sys.executable).with_name("idg")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([str(script), *args], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", help="keep the built file in this folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="idg-bench-"))
    os.environ.setdefault("IDG_CONFIG_DIR", str(folder / "config"))
    path = folder / "large.idg"
    start = time.perf_counter()
    build(path)
    built = time.perf_counter() - start
    size_mb = path.stat().st_size / 1e6
    with AssessmentDocument.open(path, read_only=True) as document:
        facts = info(document)
    print(
        f"Large assessment: {facts['participants']} participants, {facts['groups']} groups, "
        f"{facts['answers']} answers x 9 versions, {facts['findings']} findings; "
        f"{size_mb:.1f} MB, built in {built:.1f} s"
    )

    open_info = timed(lambda: open_and_info(path), args.repeat)
    open_raw = timed(lambda: raw_counts(path), args.repeat)
    export_app = timed(lambda: export(path), max(3, args.repeat // 3))
    export_raw = timed(lambda: raw_export(path), max(3, args.repeat // 3))
    edit_copy = folder / "edit.idg"
    raw_copy = folder / "raw.idg"
    shutil.copyfile(path, edit_copy)
    shutil.copyfile(path, raw_copy)
    edit_app = edits(edit_copy, args.edits)
    edit_raw = raw_edits(raw_copy, args.edits)
    wall_info = wall("info", str(path), "--json")
    wall_export = wall("export", "json", str(path), "-o", str(folder / "out.json"))

    def ms(value: float) -> str:
        return f"{value * 1000:.1f} ms"

    rows = [
        (
            "open + info (median)",
            statistics.median(open_info),
            statistics.median(open_raw),
            f"idg info: {ms(wall_info)}",
        ),
        (
            "answer edit committed, median",
            statistics.median(edit_app),
            statistics.median(edit_raw),
            "",
        ),
        ("answer edit committed, p95", p95(edit_app), p95(edit_raw), ""),
        (
            "export json (median)",
            statistics.median(export_app),
            statistics.median(export_raw),
            f"idg export json: {ms(wall_export)}",
        ),
    ]
    print()
    print("| measure | IDG Workshop | raw sqlite3 | ratio | whole command |")
    print("|---|---|---|---|---|")
    for name, app, raw, command in rows:
        print(f"| {name} | {ms(app)} | {ms(raw)} | {app / raw:.1f}x | {command} |")
    print()
    print(
        f"Targets: open + info under 300 ms in process "
        f"({'met' if statistics.median(open_info) < 0.3 else 'NOT met'}); "
        f"an edit's p95 under 15 ms ({'met' if p95(edit_app) < 0.015 else 'NOT met'})."
    )
    if args.keep:
        Path(args.keep).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, Path(args.keep) / "large.idg")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
