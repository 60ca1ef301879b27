"""A file left mid-write (a crash, a kill, a pulled stick) is recovered, never refused.

SQLite leaves a hot journal (``FILE-journal``) beside a file whose writer
died inside a transaction; a read-write connection rolls it back, a read-only
one cannot ("attempt to write a readonly database"). Every way into a file
goes through one recovery step (``storage/recovery.py``): under the document
lock, a read-write connection lets SQLite undo the interrupted change, and one
line says so. These tests make such files for real, with child processes
killed by SIGKILL, deterministically first, then at random points of real
operations (package import, workbook import, a schema upgrade, edits).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from idg_desktop.errors import CannotWrite
from idg_desktop.storage.document import AssessmentDocument, probe
from idg_desktop.storage.lock import DocumentLock

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
GROUP_A = "Group A – Leadership, rules and transparency"  # LC, RF, TR, MS in the demo
UNDONE = "an interrupted change was undone"

#: Fixed, printed, and overridable to replay a failure: IDG_CRASH_SEED=N.
SEED = int(os.environ.get("IDG_CRASH_SEED", "20261130"))


def journal_of(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def _child_env() -> dict[str, str]:
    env = os.environ.copy()
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


# -- a deterministic hot journal -----------------------------------------------------

#: Begins a write big enough to spill into the file itself (a tiny page cache),
#: then dies with SIGKILL before COMMIT: the file is really mid-write.
_DIE_MID_WRITE = r"""
import os, signal, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA cache_size = 2")
connection.execute("BEGIN")
connection.execute("UPDATE answer SET text = text || ?", ("x" * 4000,))
connection.execute("DELETE FROM participant")
os.kill(os.getpid(), signal.SIGKILL)
"""


def leave_hot_journal(path: Path) -> None:
    before = path.read_bytes()
    done = subprocess.run([sys.executable, "-c", _DIE_MID_WRITE, str(path)], timeout=60)
    assert done.returncode == -signal.SIGKILL
    assert journal_of(path).stat().st_size > 0
    assert path.read_bytes() != before  # pages of the interrupted write are in the file


def export_json(idg, path: Path) -> str:
    result = idg("export", "json", path)
    assert result.code == 0, result.err
    return result.out


@pytest.fixture
def crashed(idg, demo_file: Path) -> tuple[Path, str]:
    """The demo, left mid-write by a killed process; and its JSON from before."""
    before = export_json(idg, demo_file)
    leave_hot_journal(demo_file)
    return demo_file, before


def test_idg_info_undoes_the_interrupted_change_says_so_and_shows_the_file(idg, crashed):
    path, before = crashed
    result = idg("info", path)
    assert result.code == 0, result.err
    lines = result.err.splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and UNDONE in lines[0]
    assert "everything saved before it is intact" in lines[0]
    assert "Lorvanian Customs Service" in result.out  # the demo's administration
    assert not journal_of(path).exists()
    assert export_json(idg, path) == before  # all of the interrupted write undone
    assert idg("info", path).err == ""  # said once: the file is whole now


def test_idg_check_reports_the_recovery_and_exits_0(idg, crashed):
    path, before = crashed
    result = idg("check", path)
    assert result.code == 0, result.err
    assert UNDONE in result.out and "intact" in result.out and "current" in result.out
    assert not journal_of(path).exists()
    assert export_json(idg, path) == before


@pytest.mark.parametrize(
    "verb",
    [
        ("participants",),
        ("findings",),
        ("activities",),
        ("groups",),
        ("conflicts",),
        ("export", "json"),
        ("answer", "{file}", "TR-1", "--rating", "effective"),
        ("participant", "add", "{file}", "--name", "Amal Haddad"),
    ],
    ids=lambda verb: " ".join(v for v in verb if not v.startswith("{")),
)
def test_every_verb_recovers_the_file_first(idg, crashed, verb):
    path, _before = crashed
    args = [path if a == "{file}" else a for a in verb]
    if path not in args:
        args.append(path)
    result = idg(*args)
    assert result.code == 0, result.err
    assert UNDONE in result.err
    assert not journal_of(path).exists()
    assert idg("check", path).code == 0


def test_opening_the_document_recovers_read_only_and_for_editing(crashed):
    path, _before = crashed
    with AssessmentDocument.open(path, read_only=True) as document:
        assert document.recovered
        assert document.meta("assessment_id")
    assert not journal_of(path).exists()
    with AssessmentDocument.open(path) as document:
        assert not document.recovered  # nothing left to undo


def test_the_probe_recovers_and_says_so_in_its_facts(crashed):
    path, _before = crashed
    facts = probe(path, full_check=True)
    assert facts.recovered and facts.intact and facts.current
    assert not probe(path).recovered


def test_a_file_open_elsewhere_is_refused_and_its_journal_left_alone(idg, crashed):
    """If another instance holds the lock the journal may be live, not hot:
    the usual "open elsewhere" refusal, nothing rolled back."""
    path, _before = crashed
    journal = journal_of(path).read_bytes()
    content = path.read_bytes()
    lock = DocumentLock(path)
    lock.acquire()
    try:
        result = idg("info", path)
    finally:
        lock.release()
    assert result.code == 2
    assert "already open" in result.err and len(result.err.splitlines()) == 1
    assert journal_of(path).read_bytes() == journal and path.read_bytes() == content


def test_a_live_write_is_not_mistaken_for_a_crash(demo_file):
    """While a write is under way (journal present, SQLite's lock held), a
    read-only open reads the last committed state and undoes nothing."""
    from sqlalchemy import text

    from idg_desktop.services.participants import list_participants

    with AssessmentDocument.open(demo_file) as writer, writer.edit() as session:
        session.execute(text("UPDATE participant SET unit = 'mid-write'"))
        session.flush()
        assert journal_of(demo_file).exists()
        with AssessmentDocument.open(demo_file, read_only=True) as reader:
            assert not reader.recovered
            assert "mid-write" not in {p.unit for p in list_participants(reader)}
    with AssessmentDocument.open(demo_file, read_only=True) as reader:
        assert {p.unit for p in list_participants(reader)} == {"mid-write"}


# -- when recovery is impossible ----------------------------------------------------


def test_on_a_read_only_medium_it_says_to_copy_the_file_with_its_journal(idg, crashed, monkeypatch):
    """Simulated: tests run as root, where a chmod does not stop writes, so the
    check of whether the file and its folder can be written is patched to say
    no (a real read-only mount is the next test, where the machine allows it)."""
    from idg_desktop.storage import recovery

    path, _before = crashed
    journal = journal_of(path).read_bytes()
    content = path.read_bytes()
    monkeypatch.setattr(recovery, "_can_write", lambda _place: False)
    for args in (("info", path), ("check", path), ("answer", path, "TR-1", "--rating", "absent")):
        result = idg(*args)
        assert result.code == 2, args
        lines = result.err.splitlines()
        assert len(lines) == 1, result.err
        assert str(path) in lines[0] and "read-only" in lines[0]
        assert f"copy {path.name} and {path.name}-journal together" in lines[0].lower()
        assert journal_of(path).read_bytes() == journal and path.read_bytes() == content
    with pytest.raises(CannotWrite, match="-journal together"):
        AssessmentDocument.open(path, read_only=True)
    assert journal_of(path).read_bytes() == journal and path.read_bytes() == content


def _read_only_mount_works(folder: Path) -> bool:
    if shutil.which("unshare") is None:
        return False
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", f"mount --bind -o ro '{folder}' '{folder}'"],
        capture_output=True,
    )
    return done.returncode == 0


def test_on_a_real_read_only_mount_it_refuses_with_the_sentence(idg_process, crashed, tmp_path):
    """Real: the folder is bind-mounted read-only in a private mount namespace
    (Linux, root); skipped where the machine does not allow it."""
    path, _before = crashed
    if not _read_only_mount_works(path.parent):
        pytest.skip("no private read-only bind mount here (needs Linux unshare and root)")
    journal = journal_of(path).read_bytes()
    content = path.read_bytes()
    script = Path(sys.executable).with_name("idg")
    folder = path.parent
    done = subprocess.run(
        [
            "unshare",
            "-m",
            "sh",
            "-c",
            f"mount --bind -o ro '{folder}' '{folder}' && exec '{script}' info '{path}'",
        ],
        capture_output=True,
        text=True,
        env=_child_env(),
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert "-journal together" in done.stderr and "read-only" in done.stderr
    assert journal_of(path).read_bytes() == journal and path.read_bytes() == content
    assert idg_process("info", path).code == 0  # once writable again, recovered


# -- kill -9 at random points of real operations --------------------------------------

#: One child process per scenario: it imports the application once, makes it
#: slow inside SQLite (a pause per statement and a tiny page cache, so a write
#: spans a while and spills into the file: random kill points land inside
#: writes often instead of one run in thirty), runs the operation to its end
#: on a reference copy (timed), then, for each target, forks a process that
#: runs it and kills that with SIGKILL at a random point of that time.
#: Prints a JSON report as its last line.
_CHILD = r"""
import json, os, random, signal, sys, time, traceback
from idg_desktop.storage import document

spec = json.loads(sys.argv[1])
plain = document._writable_connect


def slowed(path):
    connect = plain(path)

    def connect_slowly():
        connection = connect()
        connection.execute("PRAGMA cache_size = 8")
        connection.set_trace_callback(lambda _sql: time.sleep(spec["pause"]))
        return connection

    return connect_slowly


document._writable_connect = slowed
import idg_desktop.exchange.merge, idg_desktop.workbook.fill_in_reader  # noqa: E401,F401
from idg_desktop.cli import main
from idg_desktop.services import answers
from idg_desktop.services.records import stamp_new
from idg_desktop.storage import models


def operate(target):
    if spec["operation"] == "idg":
        return main([target if a == "{file}" else a for a in spec["args"]])
    if spec["operation"] == "upgrade":
        document.AssessmentDocument.open(target).close()
        return 0
    opened = document.AssessmentDocument.open(target)  # "edits", until killed
    n = 0
    while True:
        n += 1
        with opened.edit() as session:  # one edit: both participants, or neither
            for prefix in ("P", "Q"):
                person = models.Participant(name=f"{prefix}{n:05d}", unit="u" * 20000)
                stamp_new(opened, person)
                session.add(person)
        answers.save_answer(opened, "TR-1", text=f"edit {n}")


def forked(target):
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
            code = operate(target)
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    return pid


rng = random.Random(spec["seed"])
report = {"duration": 1.0, "runs": []}
if spec["reference"]:
    started = time.monotonic()
    _pid, status = os.waitpid(forked(spec["reference"]), 0)
    report["duration"] = time.monotonic() - started
    report["reference_exit"] = os.waitstatus_to_exitcode(status)
for target in spec["targets"]:
    delay = rng.uniform(0.05, 1.05 * report["duration"])
    started = time.monotonic()
    pid = forked(target)
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            killed = False
            break
        if time.monotonic() - started >= delay:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            killed = True
            break
        time.sleep(0.001)
    report["runs"].append({"delay": round(delay, 3), "killed": killed})
print(json.dumps(report))
"""

PAUSE = 0.004  # seconds per SQL statement in the child
RUNS = 6  # kills per scenario

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (Linux, macOS)")


def kill_runs(
    operation: str, targets: list[Path], *, args=(), reference: Path | None = None, seed: int
) -> dict:
    """Run ``operation`` to its end on ``reference``, then on each target,
    killed by SIGKILL at a random point (see _CHILD); returns its report."""
    spec = {
        "operation": operation,
        "args": [str(a) for a in args],
        "reference": str(reference) if reference else None,
        "targets": [str(t) for t in targets],
        "seed": seed,
        "pause": PAUSE,
    }
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(spec)],
        env=_child_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert report.get("reference_exit", 0) in (0, 3), done.stderr
    return report


def normalised(text: str) -> object:
    """An export with what differs between two equal merges taken out (new
    records' ids and timestamps)."""

    def clean(value: object) -> object:
        if isinstance(value, dict):
            return {
                key: clean(item)
                for key, item in value.items()
                if key not in {"id", "origin", "author"} and not key.endswith("_at")
            }
        if isinstance(value, list):
            return [clean(item) for item in value]
        return value

    return clean(json.loads(text))


def merge_log(path: Path) -> list[tuple[str, str]]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT package_id, outcome FROM merge_log").fetchall()
    finally:
        connection.close()


class Tally:
    """How the kills landed, printed so a run shows what it exercised."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.counts = {"before": 0, "after": 0, "recovered": 0}

    def report(self, child: dict) -> None:
        delays = [run["delay"] for run in child["runs"] if run["killed"]]
        print(
            f"\n{self.name}: seed {SEED}, operation {child['duration']:.2f} s, "
            f"killed at {delays}: {self.counts}"
        )


def reopen(idg, path: Path, tally: Tally, *, schema_current: bool = True) -> None:
    """Every file opens after a kill: `idg check` recovers it if needed."""
    result = idg("check", path)
    assert result.code == (0 if schema_current else 1), result.out + result.err
    assert "intact" in result.out
    tally.counts["recovered"] += UNDONE in result.out
    # Rolled back and deleted; or never hot: a kill before the journal's first
    # sync leaves its header zeroed (nothing reached the file yet), which
    # SQLite ignores and overwrites at the next write.
    journal = journal_of(path)
    assert not journal.exists() or journal.read_bytes()[:8] in (b"", bytes(8))


def _returned_package(idg, master: Path, tmp_path: Path) -> Path:
    package, work, back = tmp_path / "a.idgpkg", tmp_path / "a.idg", tmp_path / "back.idgpkg"
    assert idg("package", "export", master, "--group", GROUP_A, "-o", package).code == 0
    assert idg("package", "open", package, work).code == 0
    for n in range(1, 13):
        result = idg(
            "answer", work, f"LC-{n}", "--text", f"Group A, answer {n}.", "--rating", "effective"
        )
        assert result.code == 0, result.err
    assert idg("package", "return", work, "-o", back).code == 0
    return back


def _kill_during_merge(idg, demo_file: Path, tmp_path: Path, source: Path, verb: str) -> None:
    tally = Tally(f"kill -9 during idg {verb} import")
    before = export_json(idg, demo_file)
    reference = tmp_path / "reference.idg"
    targets = [tmp_path / f"run{n}.idg" for n in range(RUNS)]
    for path in [reference, *targets]:
        shutil.copyfile(demo_file, path)
    report = kill_runs(
        "idg", targets, args=(verb, "import", "{file}", source), reference=reference, seed=SEED
    )
    after = normalised(export_json(idg, reference))
    ((package_id, outcome),) = merge_log(reference)
    assert outcome != "already-imported"
    for target in targets:
        reopen(idg, target, tally)
        state = export_json(idg, target)
        if merge_log(target):
            assert merge_log(target) == [(package_id, outcome)]
            assert normalised(state) == after  # the import and all its answers
            tally.counts["after"] += 1
        else:
            assert state == before  # neither
            tally.counts["before"] += 1
    tally.report(report)


@needs_fork
def test_kill_9_during_package_import_leaves_all_or_nothing(idg, demo_file, tmp_path):
    back = _returned_package(idg, demo_file, tmp_path)
    _kill_during_merge(idg, demo_file, tmp_path, back, "package")


@needs_fork
def test_kill_9_during_workbook_import_leaves_all_or_nothing(idg, demo_file, tmp_path):
    import openpyxl

    from idg_desktop.workbook.fill_in import COLUMNS

    workbook = tmp_path / "a.xlsx"
    assert idg("template", "export", demo_file, "--group", GROUP_A, "-o", workbook).code == 0
    book = openpyxl.load_workbook(workbook)
    sheet = book["RF"]
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row=row, column=1).value:
            sheet.cell(row=row, column=COLUMNS.index("Answer") + 1).value = f"Filled {row}."
            sheet.cell(row=row, column=COLUMNS.index("Rating") + 1).value = "effective"
    book.save(workbook)
    _kill_during_merge(idg, demo_file, tmp_path, workbook, "template")


def _dump(path: Path) -> list[str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@needs_fork
def test_kill_9_during_a_schema_upgrade_leaves_the_old_or_the_new_file(idg, tmp_path):
    tally = Tally("kill -9 during a schema upgrade")
    original = FIXTURES / "schema3-demo.idg"
    old = _dump(original)
    reference = tmp_path / "reference" / "old.idg"
    targets = [tmp_path / f"run{n}" / "old.idg" for n in range(RUNS)]
    for path in [reference, *targets]:
        path.parent.mkdir()
        shutil.copyfile(original, path)
    report = kill_runs("upgrade", targets, reference=reference, seed=SEED + 1)
    upgraded = normalised(export_json(idg, reference))
    for target in targets:
        facts = probe(target)  # recovers if needed; never refuses
        tally.counts["recovered"] += facts.recovered
        assert facts.intact
        if facts.schema_version == 3:
            assert _dump(target) == old  # the old file, as it was
            tally.counts["before"] += 1
        else:
            assert facts.current
            assert normalised(export_json(idg, target)) == upgraded
            tally.counts["after"] += 1
        reopen(idg, target, tally, schema_current=facts.current)
        for backup in target.parent.glob("*-backup-*.idg"):
            assert _dump(backup) == old  # a backup, if any, is whole
    tally.report(report)


#: Upgrades the file, killed with SIGKILL halfway through the backup copy the
#: upgrade makes first (copied eight pages at a time so there is a halfway).
_DIE_IN_BACKUP = r"""
import os, signal, sqlite3, sys
from idg_desktop.storage import document, migrations


def dying_copy(source, target, progress=None):
    destination = sqlite3.connect(target)

    def report(_status, remaining, total):
        if remaining * 2 <= total:
            os.kill(os.getpid(), signal.SIGKILL)

    source.backup(destination, pages=8, progress=report)


migrations.backup_copy = dying_copy
document.AssessmentDocument.open(sys.argv[1]).close()
"""


def test_a_kill_during_the_upgrade_backup_leaves_no_half_backup(idg, tmp_path):
    """The backup is written under a temporary name and renamed when whole:
    a file named as the backup is always a complete copy of the old file."""
    original = FIXTURES / "schema3-demo.idg"
    target = tmp_path / "old.idg"
    shutil.copyfile(original, target)
    done = subprocess.run(
        [sys.executable, "-c", _DIE_IN_BACKUP, str(target)], env=_child_env(), timeout=120
    )
    assert done.returncode == -signal.SIGKILL
    assert probe(target).schema_version == 3 and _dump(target) == _dump(original)
    assert not list(tmp_path.glob("old.schema3-backup-*"))  # no half copy under its name
    with AssessmentDocument.open(target) as document:  # the upgrade then goes through
        assert document.upgraded_from == 3
        assert _dump(document.backup_path) == _dump(original)


@needs_fork
def test_kill_9_during_edits_keeps_every_committed_edit_whole(idg, demo_file, tmp_path):
    tally = Tally("kill -9 during edits")
    demo = json.loads(export_json(idg, demo_file))
    original = next(a["text"] for a in demo["answers"] if a["question"] == "TR-1")
    targets = [tmp_path / f"run{n}.idg" for n in range(RUNS)]
    for path in targets:
        shutil.copyfile(demo_file, path)
    report = kill_runs("edits", targets, seed=SEED + 2)
    assert all(run["killed"] for run in report["runs"])
    for target in targets:
        reopen(idg, target, tally)
        people = json.loads(idg("participants", target, "--json").out)
        ps = sorted(p["name"] for p in people if p["name"][:1] == "P" and p["name"][1:].isdigit())
        qs = sorted(p["name"] for p in people if p["name"][:1] == "Q" and p["name"][1:].isdigit())
        made = len(ps)
        assert ps == [f"P{i:05d}" for i in range(1, made + 1)]  # no edit lost in between
        assert qs == [f"Q{i:05d}" for i in range(1, made + 1)]  # each edit whole
        assert all(p["unit"] == "u" * 20000 for p in people if p["name"] in ps)
        text = idg("export", "json", target).out
        answer = next(a for a in json.loads(text)["answers"] if a["question"] == "TR-1")
        allowed = {original} if made == 0 else {f"edit {made}", f"edit {made - 1}"}
        if made == 1:
            allowed = {original, "edit 1"}
        assert answer["text"] in allowed  # each answer edit whole, in order
        tally.counts["after" if made else "before"] += 1
    tally.report(report)


def test_a_file_another_program_is_committing_is_busy_not_damaged(idg, demo_file):
    """While another program holds the file's exclusive lock (mid-commit), the
    file is said to be busy, not damaged, and is left as it is."""
    import sqlite3

    other = sqlite3.connect(demo_file, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        before = demo_file.read_bytes()
        result = idg("info", demo_file)
        assert result.code == 2
        assert "is busy" in result.err and "damaged" not in result.err
        assert len(result.err.strip().splitlines()) == 1
        assert demo_file.read_bytes() == before
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert idg("info", demo_file).code == 0
