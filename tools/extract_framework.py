"""Extract the IDG framework data file from the seed text of the 2021 guide.

Usage::

    python tools/extract_framework.py SEED.txt resources/framework/idg-2021.json

The seed is the full text of the WCO Integrity Development Guide (2021) as
converted to text (``003_2324eaa8aa0761bc.txt``).  The output format is
described in ``docs/framework-format.md``.  Standard library only.

The parser is deliberately strict: every non-blank line of the Annex 3
checklist must be recognised (section heading, Arusha statement, sub-area,
part, question, question continuation, footnote or table debris), otherwise
the script stops with the line number, so that nothing is dropped silently.
The output was checked by hand against the seed; the checks the script itself
makes are listed in ``check()``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

# --------------------------------------------------------------------------
# Text cleaning
# --------------------------------------------------------------------------

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹\u00b9\u00b2\u00b3"
_SUPER_RUN = re.compile(f"[{SUPERSCRIPTS}]+")
_TEX_FOOTNOTE = re.compile(r"\^\{[\d ]+\}")  # "^{59 60}" style markers
_HTML_TAG = re.compile(r"</?(?:p|i|u|b|em|strong|ul|li)(?:\s[^>]*)?>", re.IGNORECASE)
_ANGLE_URL = re.compile(r"<((?:https?://|www\.)[^>\s]+)>")
_MD_LINK = re.compile(r"\[((?:[^\]\\]|\\.)+)\]\((?:#|https?://[^)]*)\)")
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*")
_MD_ITALIC = re.compile(r"\*([^*\n]+?)\*")
_TEX_MATH = re.compile(r"\$([^$\n]+)\$")
_WS = re.compile(r"\s+")


def is_footnote_line(line: str) -> bool:
    """A footnote printed in the running text: starts with a superscript number."""
    stripped = line.strip()
    return bool(stripped) and stripped[0] in SUPERSCRIPTS


def clean(text: str) -> str:
    """The guide's words with layout debris removed, whitespace collapsed."""
    text = _HTML_TAG.sub(" ", text)
    text = _ANGLE_URL.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_BOLD.sub(r"\1", text)
    text = _MD_ITALIC.sub(r"\1", text)
    text = _TEX_MATH.sub(r"\1", text)
    text = text.replace("\\(", "(").replace("\\)", ")")
    text = _TEX_FOOTNOTE.sub(" ", text)
    text = _SUPER_RUN.sub(" ", text)
    text = text.replace("\t", " ")
    text = _WS.sub(" ", text).strip()
    # A footnote marker removed before punctuation leaves "word ." behind.
    text = re.sub(r" ([.,;:])(?=\s|$)", r"\1", text)
    return text


def kebab(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --------------------------------------------------------------------------
# Seed access
# --------------------------------------------------------------------------


class Seed:
    def __init__(self, path: Path):
        self.name = path.name
        self.lines = path.read_text(encoding="utf-8").split("\n")

    def line(self, number: int) -> str:
        """1-based, as ``sed -n Np`` prints it."""
        return self.lines[number - 1]

    def find(self, pattern: str, start: int = 1, end: int | None = None) -> int:
        """Line number of the first line (from ``start``) matching ``pattern``."""
        regex = re.compile(pattern)
        stop = end if end is not None else len(self.lines)
        for number in range(start, stop + 1):
            if regex.search(self.line(number)):
                return number
        raise SystemExit(f"seed: no line matching {pattern!r} from line {start}")

    def block(self, start: int, end: int) -> list[tuple[int, str]]:
        """Numbered lines start..end inclusive."""
        return [(n, self.line(n)) for n in range(start, end + 1)]


def fail(number: int, line: str, why: str) -> None:
    raise SystemExit(f"seed line {number}: {why}: {line[:120]!r}")


# --------------------------------------------------------------------------
# Sections (order, codes, titles)
# --------------------------------------------------------------------------

SECTIONS = [
    # code, category, number as printed, readable title, printed heading match
    ("LC", "key-factor", 1, "Leadership and Commitment"),
    ("RF", "key-factor", 2, "Regulatory Framework"),
    ("TR", "key-factor", 3, "Transparency"),
    ("AU", "key-factor", 4, "Automation"),
    ("RM", "key-factor", 5, "Reform and Modernization"),
    ("AI", "key-factor", 6, "Audit and Investigation"),
    ("CC", "key-factor", 7, "Code of Conduct"),
    ("HR", "key-factor", 8, "Human Resource Management"),
    ("MO", "key-factor", 9, "Morale and Organizational Culture"),
    ("PS", "key-factor", 10, "Relationship with the Private Sector"),
    ("SA", "collective-action", 1, "Cooperation with State Anti-Corruption Authorities"),
    ("CT", "collective-action", 2, "Customs-to-Customs Cooperation"),
    ("MS", "collective-action", 3, "Media and Social Networks"),
    ("GE", "cross-cutting", None, "Gender Equality, Diversity and Integrity"),
]

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")

# --------------------------------------------------------------------------
# Annex 3: the checklist
# --------------------------------------------------------------------------

RE_SUBAREA = re.compile(r"^(X|IX|VIII|VII|VI|V|IV|III|II|I)\.[\t ]+(\S.*?)\s*$")
RE_PART = re.compile(r"^([a-z])\)\t(\S.*?)\s*$")
RE_QUESTION = re.compile(r"^(\d+)\.?\t(\S.*?)\s*$")
RE_TABLE_ROW = re.compile(r"^\| (\d+) \| (.*) \|\s*$")
RE_TABLE_JUNK = re.compile(r"^(- \| \| \||\|-+\|-+\|)\s*$")
RE_NUMBERED_HEADING = re.compile(r"^(\d+)\. (\S.*?)\s*$")
ARUSHA_INTRO = "The Revised Arusha Declaration states:"


def parse_checklist(seed: Seed, start: int, end: int) -> list[dict]:
    sections: list[dict] = []
    section: dict | None = None
    subarea: dict | None = None
    question: dict | None = None
    mode = "idle"  # idle -> heading -> arusha -> checklist
    pending_category = ""
    arusha_lines: list[str] = []
    spec = iter(SECTIONS)

    def open_section(printed: str, category: str, number: int | None) -> dict:
        code, spec_category, spec_number, title = next(spec)
        if (spec_category, spec_number) != (category, number):
            raise SystemExit(
                f"Annex 3: expected {code} ({spec_category} {spec_number}), "
                f"found {category} {number} {printed!r}"
            )
        new = {
            "code": code,
            "title": title,
            "printed_heading": printed,
            "category": category,
            "key_factor_number": number if category == "key-factor" else None,
            "arusha_statement": None,
            "good_practices": [],
            "subareas": [],
        }
        sections.append(new)
        return new

    for number, raw in seed.block(start, end):
        line = raw.rstrip("\n")
        text = line.strip()
        if number == start:
            if not text.startswith("Annex 3."):
                fail(number, line, "Annex 3 heading expected")
            continue
        if not text:
            continue
        if text == "KEY FACTOR":
            mode, pending_category = "heading", "key-factor"
            question = None
            continue
        if text == "COLLECTIVE ACTION TO PROMOTE INTEGRITY":
            mode, pending_category = "heading", "collective-action"
            question = None
            continue
        if text == "GENDER EQUALITY, AND DIVERSITY AND INTEGRITY":
            section = open_section(text, "cross-cutting", None)
            subarea, question, mode = None, None, "arusha"
            continue
        if mode == "heading":
            match = RE_NUMBERED_HEADING.match(text)
            if match:
                printed, num = match[2], int(match[1])
            elif pending_category == "key-factor" and not sections:
                printed, num = text, 1  # "Leadership and Commitment" has no number
            else:
                fail(number, line, "section heading expected")
            section = open_section(printed, pending_category, num)
            subarea, question, mode, arusha_lines = None, None, "arusha", []
            continue
        if mode == "arusha":
            if text == "CHECK LIST":
                if arusha_lines:
                    statement = clean(" ".join(arusha_lines))
                    if not statement.startswith(ARUSHA_INTRO):
                        fail(number, line, "Arusha statement without its introduction")
                    section["arusha_statement"] = statement[len(ARUSHA_INTRO) :].strip()
                arusha_lines = []
                mode = "checklist"
                continue
            if section["category"] != "key-factor":
                fail(number, line, "text before CHECK LIST outside a key factor")
            arusha_lines.append(text)
            continue
        if mode != "checklist":
            fail(number, line, "unexpected text")
        if is_footnote_line(text):
            question = None  # a footnote ends any question continuation
            continue
        if RE_TABLE_JUNK.match(text):
            continue
        match = RE_SUBAREA.match(line)
        if match:
            subarea = {"label": match[1], "title": clean(match[2]), "parts": [], "questions": []}
            section["subareas"].append(subarea)
            question = None
            continue
        match = RE_PART.match(line)
        if match:
            if subarea is None:
                fail(number, line, "part outside a sub-area")
            subarea["parts"].append({"label": match[1], "title": clean(match[2])})
            question = None
            continue
        match = RE_QUESTION.match(line) or RE_TABLE_ROW.match(line)
        if match:
            if subarea is None:
                # CT, MS and GE print no sub-areas: one sub-area without label.
                subarea = {"label": "", "title": "", "parts": [], "questions": []}
                section["subareas"].append(subarea)
            question = {"number": int(match[1]), "text": clean(match[2])}
            if subarea["parts"]:
                question["part"] = subarea["parts"][-1]["label"]
            subarea["questions"].append(question)
            continue
        if line.startswith("\t") and question is not None:
            # A question broken by a page break (HR-23).
            question["text"] = clean(question["text"] + " " + text)
            continue
        fail(number, line, "unrecognised checklist line")

    if len(sections) != len(SECTIONS):
        raise SystemExit(f"Annex 3: {len(sections)} sections found, {len(SECTIONS)} expected")
    return sections


# --------------------------------------------------------------------------
# Part II §3: "Examples of good practice"
# --------------------------------------------------------------------------

PART_II_HEADINGS = {
    "LC": r"^3\.1\. LEADERSHIP AND COMMITMENT\s*$",
    "RF": r"^3\.2\. REGULATORY FRAMEWORK\s*$",
    "RM": r"^3\.5\. REFORM AND MODERNIZATION\s*$",
    "AI": r"^3\.6\. AUDIT AND INVESTIGATION\s*$",
    "CC": r"^3\.7\. CODE OF CONDUCT\s*$",
    "MO": r"^3\.9\. MORALE AND ORGANIZATIONAL CULTURE\s*$",
    "PS": r"^3\.10\. RELATIONSHIP WITH THE PRIVATE SECTOR\s*$",
}


def parse_part_ii_good_practices(
    seed: Seed, part_ii_start: int, part_ii_end: int
) -> dict[str, list[dict]]:
    result: dict[str, list[dict]] = {}
    for code, heading in PART_II_HEADINGS.items():
        start = seed.find(heading, part_ii_start, part_ii_end)
        # The section ends at the next "3.N." / "4." heading.
        end = seed.find(r"^(3\.\d+\. [A-Z]|4\. Collective Action)", start + 1, part_ii_end)
        examples = seed.find(r"^Examples of good practice\s*$", start, end)
        items: list[dict] = []
        for _number, line in seed.block(examples + 1, end - 1):
            text = line.strip()
            if not text or is_footnote_line(text):
                continue  # blank lines and footnotes printed inside the list
            if not text.startswith("- "):
                break
            items.append({"source": "part-ii", "title": "", "member": "", "text": clean(text[2:])})
        if not items:
            raise SystemExit(f"Part II: no good practice found for {code}")
        result[code] = items
    return result


# --------------------------------------------------------------------------
# Annex 2: members' examples
# --------------------------------------------------------------------------

# Annex 2 headings (as printed) -> section code.  "12. COLLECTIVE ACTION" is
# spread over sections example by example (see ANNEX_2_EXAMPLES).
ANNEX_2_HEADINGS = {
    "1. LEADERSHIP AND COMMITMENT": "LC",
    "2. REGULATORY FRAMEWORK": "RF",
    "3. TRANSPARENCY": "TR",
    "4. AUTOMATION": "AU",
    "5. REFORM AND MODERNIZATION": "RM",
    "6. AUDIT AND INVESTIGATIONS": "AI",
    "7. CODE OF CONDUCT": "CC",
    "8. HUMAN RESOURCE MANAGEMENT": "HR",
    "9. MORALE AND ORGANIZATIONAL CULTURE": "MO",
    "10. RELATIONSHIP WITH THE PRIVATE SECTOR": "PS",
    "11. GENDER EQUALITY, AND DIVERSITY AND INTEGRITY": "GE",
    "12. COLLECTIVE ACTION": None,
}

# The first words of each example (as in the seed) -> member administration,
# and for the collective-action examples the section they illustrate.  A
# paragraph that starts none of these continues the example before it.
ANNEX_2_EXAMPLES: list[tuple[str, str, str | None]] = [
    ("In 2014, the [Indonesian](#) government", "Indonesia", None),
    ("The ‘National Anti-Corruption Strategy’", "Afghanistan", None),
    ("The Integrity Committee (IC) of [New Zealand]", "New Zealand", None),
    ("The [U.S. Customs and Border Protection](#) (CBP) - Integrity", "United States", None),
    ("[Morocco](#) has made", "Morocco", None),
    ("A set of high-level principles", "G20", None),
    ("Ghana Community Network Services", "Ghana", None),
    ("In 2014, the **Uruguay**", "Uruguay", None),
    ("Indonesian Customs applies", "Indonesia", None),
    ("In 2019, **Angola**", "Angola", None),
    ("Considering clients’ right", "Angola", None),
    ("Under Article 44 of Regulation (EU)", "European Union", None),
    ("The **Uruguayan** Constitution", "Uruguay", None),
    ("The **Paraguay** Customs Administration", "Paraguay", None),
    ("The Customs Management Integrated System (SIGA", "Dominican Republic", None),
    ("The Band of Customs Data Analysts", "Korea", None),
    ("The Automated Tariff and Local Customs Clearance System", "Germany", None),
    ("The processes of 18 different agencies", "Uganda", None),
    ("Italy's electronic Customs system", "Italy", None),
    ("The [U.K.](#) Customs introduced", "United Kingdom", None),
    ("The Central Board of Excise and Customs (CBEB)", "India", None),
    ("The [U.K. Customs Handling of Import and Export Freight]", "United Kingdom", None),
    ("The first phase of reform of [Australian]", "Australia", None),
    ("The [Guatemala](#) Customs Administration", "Guatemala", None),
    ("The **Korea** Customs Service Charter", "Korea", None),
    ("The reform and modernization programme of the **Mauritius**", "Mauritius", None),
    ("Tanzania Revenue Authority", "Tanzania", None),
    (
        "The activities and behaviours of Customs officials are monitored in **Lithuanian**",
        "Lithuania",
        None,
    ),
    ("In 2008, **U.K.** Customs", "United Kingdom", None),
    ("Indian Customs performs preventive vigilance", "India", None),
    ("China Customs has implemented", "China", None),
    ("The [New Zealand](#) Protected Disclosures Act", "New Zealand", None),
    ("The Internal Audit Service of the **Spanish**", "Spain", None),
    ("The external agency, the Federal Court of Audit", "Germany", None),
    ("The **Eswatini** Revenue Authority", "Eswatini", None),
    ("The Ethics Committee of **Paraguay**", "Paraguay", None),
    ("U.S. Customs and Border Protection (CBP) conducts", "United States", None),
    ("In **Bulgarian** Customs", "Bulgaria", None),
    ("South Korea Customs conducts", "Korea", None),
    ("Indian Customs rotates officers", "India", None),
    ("The performance appraisal process of the **Gambia**", "Gambia", None),
    (
        "Integrity training is a part of the basic Customs curriculum in the **Norwegian**",
        "Norway",
        None,
    ),
    ("The mission statement of the training college of the **Canada**", "Canada", None),
    ("A compliance officer has been appointed", "Lithuania", None),
    ("In order to promote a work ethics culture", "Brunei", None),
    ("Fiji Customs conducted", "Fiji", None),
    ("The last week of May every year", "Turkey", None),
    ("Since the social and cultural needs", "Germany", None),
    ("An initiative of **Danish** Customs", "Denmark", None),
    ("To help public servants address ethical dilemmas", "Australia", None),
    ("A multi-disciplinary research unit in **U.S.**", "United States", None),
    ("In 2014, an Anti-Corruption Letter of Understanding", "Bolivia", None),
    ("A national telephone survey on **Mexican** Customs", "Mexico", None),
    ("As part of its modernization programme, **Liberia**", "Liberia", None),
    ("The **Canada** Border Services Agency (CBSA) conducted", "Canada", None),
    ("Paraguay Customs formed the Good Government Committee", "Paraguay", None),
    ("The public accountability mechanism in **Bolivian**", "Bolivia", None),
    ("Cape Verde Customs has started", "Cape Verde", None),
    ("Under the auspices of **Turkish** Customs", "Turkey", None),
    ("Iceland Customs implemented", "Iceland", None),
    ("2018 marked 125 years since [New Zealand]", "New Zealand", None),
    ("New Zealand (NZ) Customs introduced", "New Zealand", None),
    # 12. COLLECTIVE ACTION: assigned to the section each example illustrates.
    ("For the high-risk importer enforcement programme, **Indonesian**", "Indonesia", "SA"),
    ("Identifying the importance of decisions by Customs officers", "Belgium", "MO"),
    ("Uruguay Customs has been signing MoUs", "Uruguay", "PS"),
    ("Jamaica Customs has launched", "Jamaica", "MS"),
    ("In 2007, the Government of Cameroon", "Cameroon", "SA"),
    (
        "A good example of collective action is demonstrated by the initiative",
        "",
        "PS",
    ),
]

_TERMINAL = tuple('.:;!?)”"')


def _annex_2_paragraphs(seed: Seed, start: int, end: int) -> list[tuple[int, str, str]]:
    """(line, kind, text) with kind heading/title/para, page breaks rejoined."""
    out: list[tuple[int, str, str]] = []
    for number, line in seed.block(start, end):
        text = line.strip()
        if not text or is_footnote_line(text):
            continue
        if text in ANNEX_2_HEADINGS:
            out.append((number, "heading", text))
            continue
        previous = out[-1] if out else None
        broken = (
            previous is not None
            and previous[1] == "para"
            and not previous[2].startswith("- ")
            and not previous[2].endswith(_TERMINAL)
        )
        if broken:
            # A paragraph broken by a page break ("...Probity," / "Prevention ...").
            out[-1] = (previous[0], "para", previous[2] + " " + text)
            continue
        if len(text) < 100 and not text.endswith(tuple(".,:;!?")) and not text.startswith("- "):
            out.append((number, "title", text))
            continue
        out.append((number, "para", text))
    return out


def parse_annex_2(seed: Seed, start: int, end: int) -> dict[str, list[dict]]:
    starts = {prefix: (member, code) for prefix, member, code in ANNEX_2_EXAMPLES}
    used: set[str] = set()
    result: dict[str, list[dict]] = {}
    heading_code: str | None = None
    heading = ""
    title = ""
    current: dict | None = None
    for number, kind, text in _annex_2_paragraphs(seed, start + 1, end):
        if kind == "heading":
            heading, heading_code, title, current = text, ANNEX_2_HEADINGS[text], "", None
            continue
        if kind == "title":
            title, current = clean(text), None
            continue
        prefix = next((p for p in starts if text.startswith(p)), None)
        if prefix is not None:
            if prefix in used:
                fail(number, text, "Annex 2 example start seen twice")
            used.add(prefix)
            member, code = starts[prefix]
            code = code or heading_code
            if code is None or not title:
                fail(number, text, "Annex 2 example without section or title")
            current = {
                "source": "annex-2",
                "title": title,
                "member": member,
                "text": "",
                "annex_heading": heading,
                "paragraphs": [],
            }
            result.setdefault(code, []).append(current)
        elif current is None:
            fail(number, text, "Annex 2 paragraph outside any example")
        current["paragraphs"].append(clean(text))
    missing = [p for p in starts if p not in used]
    if missing:
        raise SystemExit(f"Annex 2: example starts not found: {missing}")
    for examples in result.values():
        for example in examples:
            example["text"] = " ".join(example["paragraphs"])
            if len(example["paragraphs"]) == 1:
                del example["paragraphs"]
    return result


# --------------------------------------------------------------------------
# Part II Step 3: kinds of background documents
# --------------------------------------------------------------------------

BACKGROUND_KEYS = [
    "previous-missions-and-integrity-initiatives",
    "anti-corruption-legislation-and-codes-of-conduct",
    "organizational-structure-and-plans",
    "agreements-with-other-agencies-and-stakeholders",
    "performance-reports",
    "partnerships-assessments-and-international-instruments",
    "data-statistics-and-surveys",
    "international-organization-documents",
    "gender-equality-and-diversity-reports",
]


def parse_background_documents(seed: Seed) -> list[dict]:
    step3 = seed.find(r"^Step 3 – Reviewing background documents")
    intro = seed.find(
        r"^Before starting a situational analysis, the working group needs to review", step3
    )
    step4 = seed.find(r"^Step 4 – Planning the integrity assessment", intro)
    labels = []
    for _number, line in seed.block(intro + 1, step4 - 1):
        text = line.strip()
        if text.startswith("- "):
            labels.append(clean(text[2:]).rstrip(",;").strip())
        elif text:
            fail(_number, line, "unexpected line in the Step 3 list")
    if len(labels) != len(BACKGROUND_KEYS):
        raise SystemExit(f"Step 3: {len(labels)} kinds of documents, {len(BACKGROUND_KEYS)} keys")
    return [
        {"key": key, "label": label} for key, label in zip(BACKGROUND_KEYS, labels, strict=True)
    ]


# --------------------------------------------------------------------------
# Annex 4: steps, activities, responsibilities; modes; abbreviations
# --------------------------------------------------------------------------

STEP_TITLES = {  # Part II headings of the six steps (sentence case)
    1: "Establishing the scope of assessment",
    2: "Setting up the working group or groups",
    3: "Reviewing background documents and the respective integrity initiatives",
    4: "Planning the integrity assessment",
    5: "Situational analysis – Evaluating the Customs environment",
    6: "Reporting",
}
MODE_KEYS = {1: "in-country", 2: "remote", 3: "self"}
MODE_LABELS = {
    1: "Facilitated assessment, in-country",
    2: "Facilitated assessment, remote",
    3: "Self-assessment",
}


def parse_annex_4(seed: Seed, start: int, end: int) -> tuple[list[dict], dict, list[dict]]:
    steps: list[dict] = []
    modes_note = abbreviations_note = ""
    for number, line in seed.block(start + 1, end):
        text = line.strip()
        if not text or text.startswith("ACTIVITIES\t"):
            continue
        if is_footnote_line(text):
            body = _SUPER_RUN.sub("", text, count=1).strip()
            if body.startswith("Mode 1:"):
                modes_note = body
            elif body.startswith("NCP:"):
                abbreviations_note = body
            else:
                fail(number, line, "unexpected Annex 4 footnote")
            continue
        match = re.match(r"^STEP (\d) [–-] (.+?)\s*$", text)
        if match:
            num = int(match[1])
            printed = match[2].strip()
            steps.append(
                {
                    "number": num,
                    "title": STEP_TITLES[num],
                    "printed_heading": printed,
                    "activities": [],
                }
            )
            continue
        match = re.match(r"^Activity (\d\.\d)\t", line)
        if match:
            cells = line.split("\t")
            if len(cells) < 2 or len(cells) > 5:
                fail(number, line, "activity row with an unexpected number of cells")
            cells += [""] * (5 - len(cells))
            code = match[1]
            if not code.startswith(f"{steps[-1]['number']}."):
                fail(number, line, "activity outside its step")
            steps[-1]["activities"].append(
                {
                    "code": code,
                    "description": clean(cells[1]),
                    "responsible": {f"mode-{i}": clean(cells[1 + i]) for i in (1, 2, 3)},
                }
            )
            continue
        fail(number, line, "unrecognised Annex 4 line")

    abbreviations: dict[str, str] = {}
    for item in abbreviations_note.split(";"):
        key, _, value = item.partition(":")
        abbreviations[key.strip()] = value.strip()
    # "WG" is used in Annex 4 but explained only in the List of abbreviations.
    wg = seed.find(r"^WG\t")
    abbreviations["WG"] = seed.line(wg).split("\t", 1)[1].strip()

    modes = []
    for num in (1, 2, 3):
        match = re.search(rf"Mode {num}: (.+?\.)(?= Mode \d:|$)", modes_note)
        if not match:
            raise SystemExit(f"Annex 4: no description for Mode {num}")
        modes.append(
            {
                "key": MODE_KEYS[num],
                "number": num,
                "label": MODE_LABELS[num],
                "description": match[1],
            }
        )
    return steps, abbreviations, modes


# --------------------------------------------------------------------------
# Annex 5: terms of reference fields
# --------------------------------------------------------------------------

TOR_KEYS = {
    "Programme/Project name": "programme_name",
    "Mission objective": "mission_objective",
    "Date": "date",
    "Location": "location",
    "Beneficiary": "beneficiary",
    "Target Group": "target_group",
    "Funding Organization": "funding_organization",
    "Donor Member": "donor_member",
    "Background of the action": "background",
    "Expected outputs": "expected_outputs",
    "Expected outcomes": "expected_outcomes",
    "Experts": "experts",
    "Expert' & WCO's input": "experts_wco_input",
    "Beneficiary's input": "beneficiary_input",
    "WCO Secretariat contact": "wco_secretariat_contact",
    "WCO Member contacts": "wco_member_contacts",
}


def parse_annex_5(seed: Seed, start: int, end: int) -> list[dict]:
    fields: list[dict] = []
    group = ""
    for number, line in seed.block(start + 1, end):
        if not line.strip() or line.strip() == "INTEGRITY ASSESSMENT MISSION":
            continue
        for cell in line.split("\t"):
            label = clean(cell)
            if not label:
                continue
            hint = ""
            if label.startswith("WCO Member contacts "):
                label, hint = "WCO Member contacts", label[len("WCO Member contacts ") :]
            label = re.sub(r"^[a-z]\) ", "", label).rstrip(":").strip()
            if label == "Expected results":
                group = label
                continue
            if label not in TOR_KEYS:
                fail(number, line, f"unknown terms-of-reference field {label!r}")
            field = {"key": TOR_KEYS[label], "label": label}
            if label.startswith("Expected out"):
                field["group"] = group
            if hint:
                field["hint"] = hint
            fields.append(field)
    if [f["key"] for f in fields] != list(TOR_KEYS.values()):
        raise SystemExit("Annex 5: fields not as expected")
    return fields


# --------------------------------------------------------------------------
# Part III Step 1: prioritisation criteria
# --------------------------------------------------------------------------

CRITERIA_KEYS = [
    "importance",
    "urgency",
    "consequence",
    "commitment",
    "impact",
    "obligations",
    "ease",
    "cost",
]
# Criteria the Annex 1 glossary defines (term as printed there).
CRITERIA_GLOSSARY = {"consequence": "Consequence of failure", "impact": "Impact"}


def parse_criteria(seed: Seed) -> list[dict]:
    step1 = seed.find(r"^Step 1 – Establishing priorities")
    intro = seed.find(r"^The criteria used to determine the level of priority", step1)
    printed: list[str] = []
    number = intro + 1
    while len(printed) < 8:
        text = seed.line(number).strip()
        match = re.match(r"^(\d)\. (.+?)[;.]$", text)
        if match:
            if int(match[1]) != len(printed) + 1:
                fail(number, text, "criteria out of order")
            printed.append(match[2])
        elif text:
            fail(number, text, "unexpected line in the criteria list")
        number += 1
    glossary_start = seed.find(r"^Annex 1\. IDG Glossary")
    glossary_end = seed.find(r"^Annex 2\. ", glossary_start)
    criteria = []
    for key, text in zip(CRITERIA_KEYS, printed, strict=True):
        description, origin = text[0].upper() + text[1:] + ".", "part-iii"
        if key in CRITERIA_GLOSSARY:
            row = seed.line(
                seed.find(rf"^{re.escape(CRITERIA_GLOSSARY[key])}\t", glossary_start, glossary_end)
            )
            description, origin = clean(row.split("\t")[1]), "annex-1-glossary"
        criteria.append(
            {
                "key": key,
                "label": text[0].upper() + text[1:],
                "description": description,
                "description_source": origin,
                "high_is_worse": key == "cost",
            }
        )
    return criteria


# --------------------------------------------------------------------------
# Annex 10: KPI typologies
# --------------------------------------------------------------------------


def parse_annex_10(seed: Seed, start: int, end: int) -> list[dict]:
    typologies: list[dict] = []
    for number, line in seed.block(start + 1, end):
        text = line.strip()
        if not text or is_footnote_line(text) or text.startswith("KPI typologies\t"):
            continue
        if re.match(r"^-+(\t-+)*$", text):
            continue
        cells = line.split("\t")
        cells += [""] * (4 - len(cells))
        if len(cells) != 4:
            fail(number, line, "Annex 10 row with an unexpected number of cells")
        name, description, source, examples = (clean(c) for c in cells)
        if name:
            see = ""
            match = re.match(r"^(.*?) \((See .*)\)$", name)
            if match:
                name, see = match[1], match[2]
            typology = {"key": "", "name": name, "description": "", "definitions": []}
            if see:
                typology["note"] = see
            typologies.append(typology)
            typology["definitions"].append(
                {"text": description, "source": source, "examples": examples}
            )
            continue
        if not typologies:
            fail(number, line, "Annex 10 continuation before any typology")
        definitions = typologies[-1]["definitions"]
        last = definitions[-1]
        continues = not description or description[0].islower() or description.startswith("•")
        if continues:
            # The rest of a row broken by a page break.
            for field, value in (("text", description), ("source", source), ("examples", examples)):
                if value:
                    last[field] = (last[field] + " " + value).strip()
        else:
            definitions.append({"text": description, "source": source, "examples": examples})
    for typology in typologies:
        base = re.sub(r"\s*\(.*?\)", "", typology["name"])
        typology["key"] = kebab(base)
        if typology["name"].startswith("Quality (statistics)"):
            typology["key"] = "quality-statistics-indicators"
        typology["description"] = " ".join(d["text"] for d in typology["definitions"])
    keys = [t["key"] for t in typologies]
    if len(set(keys)) != len(keys):
        raise SystemExit(f"Annex 10: duplicate keys {keys}")
    return typologies


# --------------------------------------------------------------------------
# Annex 11 (and Part III Step 3): KPI metadata-sheet fields
# --------------------------------------------------------------------------

METADATA_KEYS = [
    ("Name of the indicator", "name"),
    ("Description of the indicator", "description"),
    ("Related performance dimension", "performance_dimension"),
    ("Calculation method", "calculation_method"),
    ("Rationale (relevance)", "rationale"),
    ("Link to other indicators", "links"),
    ("Type of indicator", "typologies"),
    ("Source of verification (SoV)", "source_of_verification"),
    ("References to existing databases and metadata", "references"),
    ("Periodicity", "periodicity"),
    ("Disaggregation", "disaggregation"),
    ("Target value", "target_value"),
    ("Country example", "country_example"),
    ("Disclosure policy", "disclosure_policy"),
    ("Other considerations (e.g. limitations)", "other_considerations"),
]
_NON_MANDATORY = re.compile(r"\s*\(non[- ]+mandatory\)", re.IGNORECASE)


def _split_label_hint(cell: str) -> tuple[str, list[str]]:
    """Annex 11's first column: the label (plain) and its hints (italic)."""
    cell = cell.replace("<p>", " ").replace("</p>", " ")
    hints = [clean(h) for h in re.findall(r"<i>(.*?)</i>", cell)]
    plain = clean(re.sub(r"<i>.*?</i>", " ", cell))
    return plain, [h for h in hints if h]


def parse_annex_11(
    seed: Seed, start: int, end: int, part_iii_letters: dict[str, str]
) -> list[dict]:
    fields: list[dict] = []
    labels = [label for label, _ in METADATA_KEYS]
    for number, line in seed.block(start + 1, end):
        text = line.strip()
        if not text or text == "KPI proposal" or is_footnote_line(text):
            continue
        first = line.split("\t")[0]
        plain, hints = _split_label_hint(first)
        mandatory = not _NON_MANDATORY.search(plain)
        plain = _NON_MANDATORY.sub("", plain).strip()
        if plain in labels:
            key = dict(METADATA_KEYS)[plain]
            fields.append(
                {
                    "key": key,
                    "label": plain,
                    "description": " ".join(hints),
                    "mandatory": mandatory,
                    "letter": part_iii_letters[key],
                }
            )
        elif not plain and hints and fields:
            # A hint row continuing the field above (Type of indicator,
            # Disclosure policy).
            extra = " ".join(hints)
            fields[-1]["description"] = (fields[-1]["description"] + " " + extra).strip()
        else:
            fail(number, line, "unrecognised Annex 11 row")
    if [f["label"] for f in fields] != labels:
        raise SystemExit(f"Annex 11: fields {[f['label'] for f in fields]}")
    return fields


def part_iii_metadata(seed: Seed) -> tuple[dict[str, str], dict[str, bool]]:
    """Part III Step 3's lettered list of the metadata sheet: letters, and
    which the guide marks "(non mandatory)"."""
    intro = seed.find(r"KPI Metadata Sheet includes the following fields to be filled in")
    stop = seed.find(r"^KPIs form an important part of the integrity action plan", intro)
    letters: dict[str, str] = {}
    mandatory: dict[str, bool] = {}
    order = [key for _, key in METADATA_KEYS]
    for _number, line in seed.block(intro + 1, stop - 1):
        match = re.match(r"^([a-o])\) (.+?)\s*$", line.strip())
        if not match:
            continue
        key = order[len(letters)]
        letters[key] = match[1]
        mandatory[key] = not _NON_MANDATORY.search(match[2])
    if len(letters) != len(order):
        raise SystemExit(f"Part III: {len(letters)} metadata fields listed")
    return letters, mandatory


# --------------------------------------------------------------------------
# Checks and main
# --------------------------------------------------------------------------

_DEBRIS = re.compile(rf"[\t|<>{SUPERSCRIPTS}]|  |\*\*|\$|\[|\]\(")


def check(framework: dict) -> list[str]:
    """Problems found in the output (empty when all is well)."""
    problems: list[str] = []

    def look(where: str, text: str | None, *, urls: bool = False) -> None:
        if text is None:
            return
        probe = re.sub(r"https?://[^\s)]+", "URL", text) if urls else text
        if _DEBRIS.search(probe) or text != text.strip():
            problems.append(f"{where}: layout debris in {text[:80]!r}")

    for section in framework["sections"]:
        code = section["code"]
        look(f"{code} arusha", section["arusha_statement"])
        for i, gp in enumerate(section["good_practices"]):
            look(f"{code} good practice {i}", gp["text"], urls=True)
        seen: set[int] = set()
        for sub in section["subareas"]:
            look(f"{code} {sub['label']} title", sub["title"])
            for q in sub["questions"]:
                if q["number"] in seen:
                    problems.append(f"{code}-{q['number']}: duplicate number")
                seen.add(q["number"])
                look(f"{code}-{q['number']}", q["text"])
                if not q["text"]:
                    problems.append(f"{code}-{q['number']}: empty text")
        numbers = [q["number"] for sub in section["subareas"] for q in sub["questions"]]
        if numbers != sorted(numbers):
            problems.append(f"{code}: numbers out of order {numbers}")

    def walk(where: str, value) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(f"{where}.{key}", item)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(f"{where}[{index}]", item)
        elif isinstance(value, str):
            look(where, value, urls=True)

    walk("framework", framework)  # every string, not only the checklist
    return problems


def build(seed_path: Path) -> dict:
    seed = Seed(seed_path)
    annex = {n: seed.find(rf"^Annex {n}\. ", 2000) for n in (1, 2, 3, 4, 5, 6, 10, 11)}
    bibliography = seed.find(r"^BIBLIOGRAPHY\s*$", annex[11])
    part_ii = seed.find(r"^II\. INTEGRITY ASSESSMENT\s*$", 300)
    part_iii = seed.find(r"^III\. INTEGRITY ACTION PLANNING\s*$", part_ii)

    sections = parse_checklist(seed, annex[3], annex[4] - 1)
    part_ii_gp = parse_part_ii_good_practices(seed, part_ii, part_iii)
    annex_2_gp = parse_annex_2(seed, annex[2], annex[3] - 1)
    for section in sections:
        section["good_practices"] = part_ii_gp.get(section["code"], []) + annex_2_gp.get(
            section["code"], []
        )

    # The project's own words pointing to each section (not the guide's text).
    keywords = json.loads((Path(__file__).parent / "section_keywords.json").read_text("utf-8"))
    for section in sections:
        section["keywords"] = keywords[section["code"]]

    steps, abbreviations, modes = parse_annex_4(seed, annex[4], annex[5] - 1)
    letters, part_iii_mandatory = part_iii_metadata(seed)
    metadata = parse_annex_11(seed, annex[11], bibliography - 1, letters)
    for field in metadata:
        if field["mandatory"] != part_iii_mandatory[field["key"]]:
            raise SystemExit(
                f"Annex 11 and Part III disagree on whether {field['key']} is mandatory"
            )

    return {
        "id": "wco-idg-2021",
        "version": 1,
        "title": "WCO Integrity Development Guide (2021)",
        "source": seed.name,
        "sections": sections,
        "assessment_steps": steps,
        "responsible_abbreviations": abbreviations,
        "assessment_modes": modes,
        "background_document_kinds": parse_background_documents(seed),
        "terms_of_reference_fields": parse_annex_5(seed, annex[5], annex[6] - 1),
        "prioritisation_criteria": parse_criteria(seed),
        "kpi_typologies": parse_annex_10(seed, annex[10], annex[11] - 1),
        "kpi_metadata_fields": metadata,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: python tools/extract_framework.py SEED.txt OUTPUT.json", file=sys.stderr)
        return 2
    framework = build(Path(argv[1]))
    problems = check(framework)
    for problem in problems:
        print("problem:", problem, file=sys.stderr)
    if problems:
        return 1
    out = Path(argv[2])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(framework, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for section in framework["sections"]:
        numbers = [q["number"] for sub in section["subareas"] for q in sub["questions"]]
        print(f"{section['code']}: {len(section['subareas'])} sub-areas, {len(numbers)} questions")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
