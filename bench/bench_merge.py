"""Benchmark: merging 14 returned group packages into a master.

Run: ``.venv/bin/python bench/bench_merge.py``

A master with 14 working groups, one section each; each group's package is
exported, opened as a working copy, every question of the section answered
(a 600-character narrative and a rating), and returned. Then, in process
after imports, it times importing the 14 unprotected packages into a copy of
the master (each import one transaction with its merge-log entry), beside a
baseline measured in the same run: reading and decoding the same 14 files
(``container.read_package``) without merging. The added cost of a protected
package (scrypt key derivation, the real parameters) is timed separately on
one package. No figure is asserted; copy the table into README.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from idg_desktop.exchange import container
from idg_desktop.exchange.merge import import_package
from idg_desktop.exchange.packages import export_package, open_package, return_package
from idg_desktop.services import answers, groups, participants
from idg_desktop.services.assessment import Scope, create_assessment
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument

NARRATIVE = (
    "Officers interviewed confirmed the procedure exists and is applied at the main posts; "
    "records at the smaller posts are on paper and checked once a year by the regional office. "
) * 4


def build(folder: Path) -> tuple[Path, list[Path]]:
    master = folder / "master.idg"
    document = create_assessment(master, Scope(title="Bench", administration="Bench Customs"))
    with document:
        codes = [s.code for s in groups.sections_in_scope(document)]
        for index, code in enumerate(codes):
            person = participants.add_participant(
                document, participants.ParticipantData(name=f"Rapporteur {code}", role="rapporteur")
            )
            groups.add_group(document, f"Group {index + 1} ({code})", [code], [person.id])
        names = [g.name for g in groups.list_groups(document)]
    returned = []
    for name in names:
        package = folder / f"{name}.idgpkg"
        with AssessmentDocument.open(master, read_only=True) as document:
            export_package(document, name, package)
        work = open_package(package, folder / f"{name}.idg")
        with work:
            for question in work.session.query(models.Question):
                answers.save_answer(
                    work, question.id, text=NARRATIVE[:600], rating="partially-effective"
                )
            back = folder / f"{name}-return.idgpkg"
            return_package(work, back)
        returned.append(back)
    return master, returned


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="idg-bench-merge-"))
    os.environ.setdefault("IDG_CONFIG_DIR", str(folder / "config"))
    start = time.perf_counter()
    master, packages = build(folder)
    print(
        f"Built a master and 14 returned packages in {time.perf_counter() - start:.1f} s "
        f"({sum(p.stat().st_size for p in packages) / 1e3:.0f} kB of packages)"
    )

    merges, reads = [], []
    for run in range(3):
        copy = folder / f"run{run}.idg"
        shutil.copyfile(master, copy)
        start = time.perf_counter()
        for package in packages:
            container.read_package(package)
        reads.append(time.perf_counter() - start)
        with AssessmentDocument.open(copy) as document:
            start = time.perf_counter()
            for package in packages:
                import_package(document, package)
            merges.append(time.perf_counter() - start)
            answered = document.session.query(models.Answer).count()
    merge, read = statistics.median(merges), statistics.median(reads)

    payload = container.read_package(packages[0])
    protected = folder / "protected.idgpkg"
    container.write_package(protected, payload, passphrase="bench passphrase")
    start = time.perf_counter()
    container.read_package(packages[0])
    open_time = time.perf_counter() - start
    start = time.perf_counter()
    container.read_package(protected, passphrase="bench passphrase")
    protected_time = time.perf_counter() - start

    print()
    print("| measure | time | baseline (read and decode only) | ratio |")
    print("|---|---|---|---|")
    print(
        f"| merge 14 packages, {answered} answers (median of 3) | {merge * 1000:.0f} ms | "
        f"{read * 1000:.0f} ms | {merge / read:.1f}x |"
    )
    print(
        f"| read one package: open / protected (scrypt n=2^17) | {open_time * 1000:.1f} ms / "
        f"{protected_time * 1000:.0f} ms | | +{(protected_time - open_time) * 1000:.0f} ms "
        "per protected package |"
    )
    print()
    print(f"Target: 14 packages merged under 1 s ({'met' if merge < 1 else 'NOT met'}).")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
