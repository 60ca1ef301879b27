"""One summary: the Overview page (``storage/overview.py``, plain sqlite3 for the
first paint) and ``idg info`` print the same figures, read by the same code."""

from __future__ import annotations

import json

from idg_desktop.services import answers
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.storage.overview import read_overview


def test_idg_info_prints_the_overviews_figures(idg, tmp_path):
    path = tmp_path / "two.idg"
    made = idg("new", path, "--title", "T", "--administration", "A", "--sections", "LC,RF")
    assert made.code == 0, made.err
    with AssessmentDocument.open(path) as document:
        # an answer out of scope still counts as the file's (as idg info always said)
        answers.save_answer(document, "TR-1", text="Out of scope.", rating="effective")
        answers.save_answer(document, "LC-1", text="In scope.")
    info = json.loads(idg("info", path, "--json").out)
    overview = read_overview(path)
    assert {key: info[key] for key in overview.counts()} == overview.counts()
    assert info["sections_in_scope"] == len(overview.sections) == 2
    assert info["answers"] == 2 and info["rated"] == 1
    assert info["questions"] > overview.questions  # the file's, not only those in scope
