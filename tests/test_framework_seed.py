"""Independent cross-check of the framework data against the seed text of the guide.

`resources/framework/idg-2021.json` carries the WCO Integrity Development Guide (2021)
Annex 3 checklist as data. It was produced by a script from the seed text
`shared/seeds/003_2324eaa8aa0761bc.txt`. A transcription slip there (a dropped question,
a wrong number, a question filed under the wrong sub-area, a changed word) would silently
change what workshops are asked, so this module parses Annex 3 of the seed *again*, with
code of its own, and compares the two.

Deliberately, nothing here imports the extractor under `tools/` or the application
package: the JSON file is read with `json` only, so a bug shared by the extractor and the
loader cannot hide itself. The expected questions come from parsing the seed at test
time; the only values written in by hand are the section codes (the data format's own
vocabulary) and the sanity anchors in `test_parser_anchors`, each confirmed by reading the
seed and cited with its line number.

"Verbatim" follows docs/framework-format.md: the guide's words and spelling as printed,
with tabs, table pipes, `<p><i>` fragments (and the `$...$` math delimiters of the
conversion, see `normalise`), footnote markers and footnotes printed inside the lists
removed, and whitespace runs collapsed to one space.

The seed is found at `<repo>/../shared/seeds/` (CI clones the repository with `shared/`
beside it) or in the directory named by the environment variable `IDG_SEEDS_DIR`. On a
newcomer's bare clone a missing seed skips these tests with one line saying how to provide
it; `.ci/run` sets `IDG_REQUIRE_SEEDS=1`, under which a missing seed fails the run, so the
cross-check is never silently skipped where it can run. A missing data file always fails.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA_PATH = ROOT / "resources" / "framework" / "idg-2021.json"
SEED_NAME = "003_2324eaa8aa0761bc.txt"

# The data format's section codes, in the guide's order (docs/framework-format.md).
SECTION_CODES = ("LC", "RF", "TR", "AU", "RM", "AI", "CC", "HR", "MO", "PS", "SA", "CT", "MS", "GE")
KEY_FACTOR_CODES = SECTION_CODES[:10]

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_DROP_SUPERSCRIPTS = {ord(c): None for c in SUPERSCRIPT_DIGITS}
_HTML_TAG = re.compile(r"<[^>]*>")
_INLINE_MATH = re.compile(r"\$([^$\n]+)\$")  # the conversion's "$C=M+D-A$" (seed line 2817)
_ARUSHA_LEAD = "The Revised Arusha Declaration states:"

# Line shapes inside a CHECK LIST (the quirks are listed in parse_annex3's docstring).
_ANNEX3_START = "Annex 3. IDG Checklist Questions"  # the heading itself; the TOC line has dots
_ANNEX4_START = "Annex 4."
_MARKER_KEY_FACTOR = "KEY FACTOR"
_MARKER_COLLECTIVE = "COLLECTIVE ACTION TO PROMOTE INTEGRITY"
_MARKER_CROSS_CUTTING = "GENDER EQUALITY, AND DIVERSITY AND INTEGRITY"
_CHECK_LIST = "CHECK LIST"
_RE_TAB_QUESTION = re.compile(r"(\d+)\.?\t(.*)")  # "N<TAB>text" and "N.<TAB>text"
_RE_TABLE_QUESTION = re.compile(r"\|\s*(\d+)\s*\|(.*)\|")  # "| N | text |"
_RE_TABLE_JUNK = re.compile(r"-?[\s|:-]*")  # "- | | |", "|---|---|"
_RE_SUBAREA = re.compile(r"([IVXLC]+)\.\s+(.*)")  # "I.<TAB>Title", "VI. Title<TAB>", capitals
_RE_PART = re.compile(r"([a-z])\)\s+(.*)")  # Code of conduct's "a)<TAB>Title"
_RE_HEADING_NUMBER = re.compile(r"(\d+)\.\s+(.*)")  # "2. Regulatory Framework"


def normalise(text: str) -> str:
    """Apply the format's "verbatim" rule: drop markup, footnote markers and tabs/pipes;
    collapse whitespace runs to one space.

    Markup includes the `$...$` inline-math delimiters the text conversion put around the
    Klitgaard formula in RM-5: the printed guide shows `C=M+D-A`, and like `<p><i>` the
    dollar signs are conversion debris, not the guide's words.
    """
    text = _HTML_TAG.sub(" ", text)
    text = _INLINE_MATH.sub(r"\1", text)
    text = text.translate(_DROP_SUPERSCRIPTS)
    text = text.replace("\t", " ").replace("|", " ")
    return " ".join(text.split())


def roman_to_int(label: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, ch in enumerate(label):
        value = values[ch]
        if i + 1 < len(label) and values[label[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


class SeedParseError(AssertionError):
    """The seed has a line shape this parser does not know: fail loudly rather than guess."""


@dataclass
class SeedQuestion:
    code: str
    number: int
    text: str
    label: str  # sub-area roman label, "" where the guide prints none
    part: str | None  # Code of conduct's a/b/c, else None
    line: int  # 1-based seed line where the question starts

    @property
    def qid(self) -> str:
        return f"{self.code}-{self.number}"


@dataclass
class SeedSubarea:
    label: str
    title: str
    line: int
    parts: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class SeedSection:
    code: str
    category: str
    printed_heading: str
    printed_number: int | None
    heading_line: int
    arusha_statement: str | None
    subareas: list[SeedSubarea] = field(default_factory=list)
    questions: list[SeedQuestion] = field(default_factory=list)


def _classify_marker(stripped: str) -> str | None:
    if stripped == _MARKER_KEY_FACTOR:
        return "key-factor"
    if stripped == _MARKER_COLLECTIVE:
        return "collective-action"
    if stripped == _MARKER_CROSS_CUTTING:
        return "cross-cutting"
    return None


def parse_annex3(lines: list[str]) -> list[SeedSection]:
    """Parse Annex 3 of the seed into sections, sub-areas and questions.

    The seed is a text conversion of the printed guide and Annex 3 is uneven:
    questions are printed as `N<TAB>text`, as `N.<TAB>text` (PS 12-21) and as table
    rows `| N | text |` (RM 1-14, between junk rows `- | | |` / `|---|---|`); sub-area
    headers as `I.<TAB>Title`, `VI. Title<TAB>`, bare lines or capitals; a question may
    continue on an indented line after a blank line (HR-23); footnotes are printed in
    the middle of a list (after TR-7) and their markers inside question text. Every
    line of a check list must be one of the known shapes, otherwise SeedParseError.
    """
    start = next((i for i, ln in enumerate(lines) if ln.strip() == _ANNEX3_START), None)
    if start is None:
        raise SeedParseError(f"no line {_ANNEX3_START!r} in the seed")
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].startswith(_ANNEX4_START)), None
    )
    if end is None:
        raise SeedParseError("no 'Annex 4.' line after Annex 3 in the seed")

    # Split into section blocks at the markers.
    blocks: list[tuple[str, int]] = []  # (category, 0-based index of the marker line)
    for i in range(start + 1, end):
        category = _classify_marker(lines[i].strip())
        if category:
            blocks.append((category, i))
    if len(blocks) != len(SECTION_CODES):
        raise SeedParseError(f"found {len(blocks)} section markers, expected {len(SECTION_CODES)}")

    sections = []
    for (category, marker), code, nxt in zip(
        blocks, SECTION_CODES, [b[1] for b in blocks[1:]] + [end], strict=True
    ):
        sections.append(_parse_section(lines, code, category, marker, nxt))
    return sections


def _parse_section(
    lines: list[str], code: str, category: str, marker: int, stop: int
) -> SeedSection:
    if category == "cross-cutting":
        heading_idx = marker  # the marker is the heading itself
    else:
        heading_idx = next(i for i in range(marker + 1, stop) if lines[i].strip())
    heading = normalise(lines[heading_idx])
    printed_number = None
    m = _RE_HEADING_NUMBER.fullmatch(heading)
    if m:
        printed_number, heading = int(m.group(1)), m.group(2)

    check = next((i for i in range(heading_idx + 1, stop) if lines[i].strip() == _CHECK_LIST), None)
    if check is None:
        raise SeedParseError(f"{code}: no CHECK LIST line after the heading at {heading_idx + 1}")
    preamble = normalise(" ".join(lines[heading_idx + 1 : check]))
    arusha = None
    if preamble:
        if not preamble.startswith(_ARUSHA_LEAD):
            raise SeedParseError(f"{code}: unexpected text before CHECK LIST: {preamble[:60]!r}")
        arusha = preamble[len(_ARUSHA_LEAD) :].strip()

    section = SeedSection(code, category, heading, printed_number, heading_idx + 1, arusha)
    subarea: SeedSubarea | None = None
    part: str | None = None
    last: SeedQuestion | None = None  # the question an indented line may continue

    def add_question(number: int, text: str, lineno: int) -> None:
        nonlocal subarea, last
        if subarea is None:  # CT, MS, GE print no sub-areas
            subarea = SeedSubarea("", "", lineno)
            section.subareas.append(subarea)
        last = SeedQuestion(code, number, text, subarea.label, part, lineno)
        section.questions.append(last)

    for idx in range(check + 1, stop):
        raw, lineno = lines[idx], idx + 1
        stripped = raw.strip()
        if not stripped:
            continue
        if stripped[0] in SUPERSCRIPT_DIGITS:  # a footnote printed inside the list
            last = None
            continue
        if "|" in stripped and _RE_TABLE_JUNK.fullmatch(stripped):
            continue
        m = _RE_TABLE_QUESTION.fullmatch(stripped) or _RE_TAB_QUESTION.fullmatch(raw)
        if m:
            add_question(int(m.group(1)), m.group(2), lineno)
        elif m := _RE_PART.fullmatch(raw):
            if subarea is None:
                raise SeedParseError(f"line {lineno}: part before any sub-area")
            part = m.group(1)
            subarea.parts.append((part, normalise(m.group(2))))
            last = None
        elif m := _RE_SUBAREA.fullmatch(raw):
            if subarea is not None and subarea.label == "":
                raise SeedParseError(f"line {lineno}: sub-area after unlabelled questions")
            subarea = SeedSubarea(m.group(1), normalise(m.group(2)), lineno)
            section.subareas.append(subarea)
            part, last = None, None
        elif raw[:1].isspace() and last is not None:  # continuation line (HR-23)
            last.text += " " + raw
        else:
            raise SeedParseError(f"line {lineno}: unrecognised line in {code}: {raw[:80]!r}")

    for q in section.questions:
        q.text = normalise(q.text)
        if not q.text:
            raise SeedParseError(f"line {q.line}: {q.qid} has no text")
    _check_section_shape(section)
    return section


def _check_section_shape(section: SeedSection) -> None:
    """Structural sanity of the parse itself (not of the data): roman labels run I, II, ...;
    printed question numbers increase (gaps are allowed, the guide has them)."""
    labels = [s.label for s in section.subareas]
    if labels != [""]:
        expected = list(range(1, len(labels) + 1))
        if [roman_to_int(lb) for lb in labels] != expected:
            raise SeedParseError(f"{section.code}: sub-area labels out of sequence: {labels}")
    numbers = [q.number for q in section.questions]
    if not numbers or numbers != sorted(set(numbers)) or numbers[0] != 1:
        raise SeedParseError(f"{section.code}: question numbers not increasing from 1: {numbers}")


# --------------------------------------------------------------------------------------
# Reading the data file (plain json, no application code)


@dataclass(frozen=True)
class DataQuestion:
    code: str
    number: Any
    text: Any
    label: Any
    part: Any

    @property
    def qid(self) -> str:
        return f"{self.code}-{self.number}"


def data_questions(data: dict) -> list[DataQuestion]:
    """Flatten the data's questions, keeping duplicates so that they can be reported."""
    out = []
    for section in data.get("sections", []):
        for subarea in section.get("subareas", []):
            for q in subarea.get("questions", []):
                out.append(
                    DataQuestion(
                        section.get("code"),
                        q.get("number"),
                        q.get("text"),
                        subarea.get("label"),
                        q.get("part"),
                    )
                )
    return out


def _text_diff(expected: str, actual: str) -> str:
    """Show the differing words only, so a one-word slip is easy to spot."""
    a, b = expected.split(), actual.split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op != "equal":
            parts.append(f"seed {' '.join(a[i1:i2])!r} / data {' '.join(b[j1:j2])!r}")
    return "; ".join(parts) or f"seed {expected!r} / data {actual!r}"


def compare_questions(seed: list[SeedSection], data: dict) -> list[str]:
    """Every problem in the data's question set (code, number, text), both directions."""
    expected = {q.qid: q for s in seed for q in s.questions}
    problems = []
    actual: dict[str, DataQuestion] = {}
    for q in data_questions(data):
        if q.qid in actual:
            problems.append(f"duplicate {q.qid} in data")
        actual[q.qid] = q
    for qid, q in expected.items():
        if qid not in actual:
            problems.append(f"missing {qid} (seed line {q.line}): {q.text[:70]!r}")
        elif actual[qid].text != q.text:
            diff = _text_diff(q.text, str(actual[qid].text))
            problems.append(f"text differs {qid} (seed line {q.line}): {diff}")
    for qid, q in actual.items():
        if qid not in expected:
            problems.append(f"extra {qid} in data: {str(q.text)[:70]!r}")
    return problems


def compare_placement(seed: list[SeedSection], data: dict) -> list[str]:
    """Every question whose sub-area label or Code-of-conduct part differs from the seed."""
    actual = {q.qid: q for q in data_questions(data)}
    problems = []
    for section in seed:
        for q in section.questions:
            got = actual.get(q.qid)
            if got is None:
                continue  # reported by compare_questions
            if got.label != q.label:
                problems.append(
                    f"{q.qid} (seed line {q.line}) in sub-area {got.label!r}, seed {q.label!r}"
                )
            if got.part != q.part:
                problems.append(f"{q.qid} (seed line {q.line}) part {got.part!r}, seed {q.part!r}")
    return problems


def _report(problems: list[str], what: str) -> str:
    return f"{len(problems)} {what} between data and seed:\n  " + "\n  ".join(problems)


# --------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture(scope="module")
def seed_lines(need_seed_text) -> list[str]:
    (path,) = need_seed_text(SEED_NAME)
    return path.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def seed(seed_lines: list[str]) -> list[SeedSection]:
    return parse_annex3(seed_lines)


@pytest.fixture(scope="module")
def data() -> dict:
    if not DATA_PATH.is_file():
        pytest.fail(f"framework data not found at {DATA_PATH}", pytrace=False)
    with DATA_PATH.open(encoding="utf-8") as fh:
        return json.load(fh)


def _data_section(data: dict, code: str) -> dict:
    found = [s for s in data["sections"] if s.get("code") == code]
    assert len(found) == 1, f"data has {len(found)} sections with code {code}"
    return found[0]


# --------------------------------------------------------------------------------------
# The parser on its own


def test_parser_anchors(seed: list[SeedSection]) -> None:
    """Facts read off the seed by hand, so a parser regression cannot pass unnoticed.

    Counts per section are a hand count of Annex 3 (seed lines 2632-3124).
    """
    by_code = {s.code: s for s in seed}
    questions = {q.qid: q for s in seed for q in s.questions}
    hand_counts = {"LC": 23, "RF": 17, "TR": 31, "AU": 30, "RM": 22, "AI": 29, "CC": 15,
                   "HR": 36, "MO": 19, "PS": 21, "SA": 10, "CT": 6, "MS": 9, "GE": 14}  # fmt: skip
    assert {s.code: len(s.questions) for s in seed} == hand_counts

    # Line 2711: TR-1 carries the footnote marker ¹¹¹, whose footnote is printed at 2719.
    tr1 = questions["TR-1"].text
    assert tr1.startswith("Does the administration have a communication unit established")
    assert tr1.endswith("disseminate it?")
    # Lines 2733-2735: the printed numbering of TR jumps from 18 to 20.
    assert "TR-19" not in questions and questions["TR-20"].line == 2735
    # Lines 2719-2721: the footnote is not a question; TR-8 follows it.
    assert questions["TR-8"].text.startswith("Are there any mechanisms in place to obtain feedback")
    # Lines 2813 and 2836: RM-1 and RM-14 are table rows; 2838: RM-15 in tab form, sub-area III.
    assert questions["RM-1"].text == (
        "What are the focus areas of R&M initiatives in the administration?"
    )
    # Line 2817: RM-5's formula is printed "$C=M+D-A$"; the dollar signs are conversion markup.
    assert questions["RM-5"].text.endswith("minus accountability: C=M+D-A)")
    assert questions["RM-14"].label == "III" and questions["RM-15"].label == "III"
    assert questions["RM-15"].text.startswith("Has the administration taken into consideration")
    assert [s.title for s in by_code["RM"].subareas][:3] == [
        "Reform and modernization",
        "Sustainable and continuous reform and modernization",
        "Stakeholder engagement",
    ]
    # Lines 2915, 2918, 2924: parts a), b), c) of CC sub-area III start at questions 6, 8, 12.
    assert [questions[f"CC-{n}"].part for n in (5, 6, 7, 8, 11, 12, 15)] == [
        None, "a", "a", "b", "b", "c", "c"
    ]  # fmt: skip
    # Lines 2960-2962: HR-23 continues after a blank line.
    assert "to qualify for remote working, do they need specific equipment" in (
        questions["HR-23"].text
    )
    assert questions["HR-23"].text.endswith("guard against inappropriate use?")
    # Line 2934: HR's sub-area titles are printed in capitals.
    assert by_code["HR"].subareas[0].title == "REMUNERATION AND CONDITIONS"
    # Line 3044: PS-12 is printed "12.<TAB>..." and sits in sub-area V.
    assert questions["PS-12"].label == "V" and questions["PS-12"].line == 3044
    # Lines 2985-2987: MO's Arusha statement is split by a page break.
    assert "opportunities for career development and progression. Employees at all levels" in (
        by_code["MO"].arusha_statement or ""
    )
    # Line 3107: GE's heading; GE, CT and MS print no sub-areas.
    assert by_code["GE"].printed_heading == "GENDER EQUALITY, AND DIVERSITY AND INTEGRITY"
    for code in ("CT", "MS", "GE"):
        assert [(s.label, s.title) for s in by_code[code].subareas] == [("", "")]


# --------------------------------------------------------------------------------------
# Data against seed


def test_question_set_matches_seed(seed: list[SeedSection], data: dict) -> None:
    """Same questions, same numbers, same sections, same words, in both directions."""
    problems = compare_questions(seed, data)
    assert not problems, _report(problems, "question differences")


def test_questions_in_right_subarea_and_part(seed: list[SeedSection], data: dict) -> None:
    problems = compare_placement(seed, data)
    assert not problems, _report(problems, "placement differences")


def test_question_order_follows_seed(seed: list[SeedSection], data: dict) -> None:
    """Within each section the data lists questions in printed order."""
    for section in seed:
        data_ids = [q.qid for q in data_questions(data) if q.code == section.code]
        seed_ids = [q.qid for q in section.questions]
        assert data_ids == seed_ids, f"{section.code}: question order differs"


def test_subareas_match_seed(seed: list[SeedSection], data: dict) -> None:
    """Sub-area labels and titles as printed; Code of conduct's parts with their titles."""
    problems = []
    for section in seed:
        got = _data_section(data, section.code).get("subareas", [])
        got_pairs = [(s.get("label"), s.get("title")) for s in got]
        want_pairs = [(s.label, s.title) for s in section.subareas]
        if got_pairs != want_pairs:
            problems.append(f"{section.code} sub-areas: data {got_pairs} / seed {want_pairs}")
        for sub_got, sub_want in zip(got, section.subareas, strict=False):
            parts_got = [(p.get("label"), p.get("title")) for p in sub_got.get("parts", [])]
            if parts_got != sub_want.parts:
                problems.append(
                    f"{section.code} {sub_want.label} parts: data {parts_got} / "
                    f"seed {sub_want.parts} (line {sub_want.line})"
                )
    assert not problems, _report(problems, "sub-area differences")


def test_part_key_only_where_printed(seed: list[SeedSection], data: dict) -> None:
    """`part` is absent (not null, not empty) outside Code of conduct's subdivisions."""
    with_part = {q.qid for s in seed for q in s.questions if q.part is not None}
    for section in data["sections"]:
        for subarea in section["subareas"]:
            for q in subarea["questions"]:
                qid = f"{section['code']}-{q['number']}"
                assert ("part" in q) == (qid in with_part), f"{qid}: 'part' key misplaced"


def test_section_headings_and_categories(seed: list[SeedSection], data: dict) -> None:
    for index, section in enumerate(seed):
        got = _data_section(data, section.code)
        assert got.get("printed_heading") == section.printed_heading, section.code
        assert got.get("category") == section.category, section.code
        if section.category == "key-factor":
            assert got.get("key_factor_number") == index + 1, section.code
            if section.printed_number is not None:  # LC's number is not printed in Annex 3
                assert section.printed_number == index + 1, section.code
        else:
            assert got.get("key_factor_number") is None, section.code


def test_arusha_statements_match_seed(seed: list[SeedSection], data: dict) -> None:
    """The Revised Arusha Declaration text quoted for each key factor, verbatim; none for
    the collective-action and cross-cutting sections."""
    problems = []
    for section in seed:
        got = _data_section(data, section.code).get("arusha_statement")
        if section.code in KEY_FACTOR_CODES:
            assert section.arusha_statement, f"parser found no statement for {section.code}"
            if got != section.arusha_statement:
                diff = _text_diff(section.arusha_statement, str(got))
                problems.append(f"{section.code} (seed line {section.heading_line + 1}): {diff}")
        elif got is not None:
            problems.append(f"{section.code}: data has a statement, seed prints none")
    assert not problems, _report(problems, "Arusha statement differences")


# --------------------------------------------------------------------------------------
# Invariants of the data on its own

_BAD_TEXT = re.compile(rf"[\t|<{SUPERSCRIPT_DIGITS}]|  ")


def _all_texts(data: dict) -> list[tuple[str, Any]]:
    texts = []
    for section in data["sections"]:
        code = section.get("code")
        texts.append((f"{code} title", section.get("title")))
        texts.append((f"{code} printed_heading", section.get("printed_heading")))
        if section.get("arusha_statement") is not None:
            texts.append((f"{code} arusha_statement", section["arusha_statement"]))
        for subarea in section["subareas"]:
            texts.append((f"{code} {subarea.get('label')} title", subarea.get("title")))
            for p in subarea.get("parts", []):
                texts.append((f"{code} {subarea.get('label')} part {p.get('label')}", p["title"]))
            for q in subarea["questions"]:
                texts.append((f"{code}-{q.get('number')}", q.get("text")))
    return texts


def test_structural_invariants(data: dict) -> None:
    sections = data.get("sections")
    assert isinstance(sections, list) and len(sections) == len(SECTION_CODES)
    assert tuple(s.get("code") for s in sections) == SECTION_CODES
    ids = [q.qid for q in data_questions(data)]
    assert len(ids) == len(set(ids)), "question ids are not unique"
    for q in data_questions(data):
        assert type(q.number) is int and q.number > 0, f"{q.qid}: number {q.number!r}"
        assert isinstance(q.text, str) and q.text, f"{q.qid}: empty text"
    for where, text in _all_texts(data):
        assert isinstance(text, str), f"{where}: not a string"
        assert text == text.strip(), f"{where}: leading/trailing whitespace"
        bad = _BAD_TEXT.search(text)
        assert bad is None, f"{where}: contains {bad.group()!r}: {text[:80]!r}"


# --------------------------------------------------------------------------------------
# The comparison bites


def _first_question(data: dict, code: str) -> dict:
    return _data_section(data, code)["subareas"][0]["questions"][0]


def test_comparison_detects_mutations(seed: list[SeedSection], data: dict) -> None:
    """Change one word, drop one question, renumber one, move one: each must be reported.

    Run on in-memory copies of the data; a clean copy must compare clean first, otherwise
    the mutations prove nothing.
    """
    assert not compare_questions(seed, data) and not compare_placement(seed, data), (
        "data differs from the seed; see test_question_set_matches_seed"
    )

    changed = copy.deepcopy(data)
    q = _first_question(changed, "TR")
    words = q["text"].split()
    words[3] = "organisation" if words[3] != "organisation" else "ministry"
    q["text"] = " ".join(words)
    assert any(p.startswith("text differs TR-1 ") for p in compare_questions(seed, changed))

    dropped = copy.deepcopy(data)
    del _data_section(dropped, "HR")["subareas"][2]["questions"][-1]
    assert any(p.startswith("missing HR-") for p in compare_questions(seed, dropped))

    renumbered = copy.deepcopy(data)
    q = _data_section(renumbered, "GE")["subareas"][0]["questions"][4]
    old, q["number"] = q["number"], q["number"] + 100
    problems = compare_questions(seed, renumbered)
    assert any(p.startswith(f"missing GE-{old} ") for p in problems)
    assert any(p.startswith(f"extra GE-{old + 100} ") for p in problems)

    marked = copy.deepcopy(data)
    _first_question(marked, "LC")["text"] += "¹"
    assert any(p.startswith("text differs LC-1 ") for p in compare_questions(seed, marked))

    moved = copy.deepcopy(data)
    rm = _data_section(moved, "RM")["subareas"]
    rm[3]["questions"].insert(0, rm[2]["questions"].pop())  # RM-15 from III into IV
    assert any(p.startswith("RM-15 ") for p in compare_placement(seed, moved))

    reparted = copy.deepcopy(data)
    cc6 = _data_section(reparted, "CC")["subareas"][2]["questions"][0]
    cc6["part"] = "b"
    assert any(p.startswith(f"CC-{cc6['number']} ") for p in compare_placement(seed, reparted))


# --------------------------------------------------------------------------------------
# Keywords: the project's own data, not the guide's text (docs/framework-format.md)

_KEYWORD = re.compile(r"[a-z0-9]+(?:[ -][a-z0-9]+)*\*?")


def test_every_section_has_keywords_that_point_to_it_alone(data: dict) -> None:
    """Each section lists lower-case keywords (a trailing `*` marks a stem), and no
    keyword points to two sections; they are those of tools/section_keywords.json,
    from which tools/extract_framework.py copies them."""
    source = json.loads((ROOT / "tools" / "section_keywords.json").read_text("utf-8"))
    seen: dict[str, str] = {}
    for section in data["sections"]:
        code, keywords = section["code"], section.get("keywords")
        assert isinstance(keywords, list) and len(keywords) >= 5, code
        assert keywords == source[code], code
        for keyword in keywords:
            assert _KEYWORD.fullmatch(keyword), f"{code}: {keyword!r}"
            assert keyword not in seen, f"{keyword!r} in {seen.get(keyword)} and {code}"
            seen[keyword] = code
