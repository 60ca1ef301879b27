"""Placing people with the working group that holds their subject.

The domain rule alone (words -> sections, placement against balance), then
the allocation end to end through ``idg groups auto`` on a prepared group of
participants whose words are not copied from the section titles, and a file
made before the framework had keywords.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from idg_desktop.domain.allocation import (
    Keyword,
    Person,
    compile_keywords,
    match_sections,
    place_people,
    words,
)
from idg_desktop.domain.framework import bundled_framework
from idg_desktop.services import groups, participants
from idg_desktop.services.participants import ParticipantData
from idg_desktop.storage.document import AssessmentDocument

KEYWORDS = compile_keywords({s.code: s.keywords for s in bundled_framework().sections})


def best(expertise: str, unit: str = "") -> str | None:
    found = match_sections(expertise, unit, KEYWORDS)
    return found[0].section if found else None


# -- the rule alone -----------------------------------------------------------------


def test_words_ignore_case_accents_and_punctuation():
    assert words("Attaché, IT/Post-clearance") == ["attache", "it", "post", "clearance"]


def test_a_stem_matches_every_word_that_begins_with_it_and_phrases_run_in_a_row():
    stem = Keyword.parse("investigat*")
    assert stem.found_in(["internal", "investigations"])
    assert stem.found_in(["investigator"])
    assert not stem.found_in(["invest"])
    phrase = Keyword.parse("internal control")
    assert phrase.found_in(["head", "of", "internal", "control"])
    assert not phrase.found_in(["internal", "audit", "control"])
    exact = Keyword.parse("it")
    assert exact.found_in(["it"]) and not exact.found_in(["items"])


@pytest.mark.parametrize(
    ("expertise", "unit", "section"),
    [
        ("internal investigations officer", "", "AI"),
        ("Investigator", "", "AI"),
        ("ASYCUDA system administrator", "", "AU"),
        ("payroll and recruitment", "", "HR"),
        ("tariff classification", "", "RF"),
        ("press office spokesperson", "", "MS"),
        ("ethics and discipline", "", "CC"),
        ("freight forwarders liaison", "", "PS"),
        ("change management project", "", "RM"),
        ("equal opportunities officer", "", "GE"),
        ("liaison with the anti-corruption commission", "", "SA"),
        ("mutual administrative assistance", "", "CT"),
        ("deputy director general", "", "LC"),
        ("advance rulings and appeals", "", "TR"),
        ("staff wellbeing counsellor", "", "MO"),
        ("", "Communication Department", "TR"),  # the unit alone
        ("Customs operations", "", None),
    ],
)
def test_words_point_to_their_section(expertise, unit, section):
    assert best(expertise, unit) == section


def test_expertise_weighs_more_than_unit_and_the_reason_quotes_it():
    (first, second) = match_sections(
        "internal investigations", "Human Resources Directorate", KEYWORDS
    )
    assert (first.section, first.field, first.text) == (
        "AI",
        "expertise",
        "internal investigations",
    )
    assert (second.section, second.field) == ("HR", "unit")
    # A phrase does not run over a semicolon: "legislation; appeals" is two phrases.
    phrase = {"XX": (Keyword.parse("legislation appeals"),)}
    assert match_sections("Customs legislation; appeals", "", phrase) == []
    assert [m.section for m in match_sections("legislation appeals", "", phrase)] == ["XX"]


def test_placement_follows_the_subject_within_balance():
    held = [["HR", "MO"], ["AU", "RF"], ["AI", "CC"]]
    people = [
        Person("hr1", "female", True, False, "payroll and recruitment"),
        Person("au1", "male", False, False, "ASYCUDA system administrator"),
        Person("ai1", "male", True, False, "internal investigations officer"),
        Person("x1", "male", False, True, ""),
        Person("x2", "female", True, False, ""),
        Person("x3", "female", False, True, ""),
    ]
    placed = {p.person: p for p in place_people(people, held, KEYWORDS)}
    assert placed["hr1"].group == 0 and placed["hr1"].match.section == "HR"
    assert placed["au1"].group == 1 and placed["au1"].match.section == "AU"
    assert placed["ai1"].group == 2 and placed["ai1"].match.section == "AI"
    assert all(
        placed[x].match is None and placed[x].passed_over is None for x in ("x1", "x2", "x3")
    )
    sizes = Counter(p.group for p in placed.values())
    assert sorted(sizes.values()) == [2, 2, 2]
    for group in range(3):
        members = [p for p in people if placed[p.id].group == group]
        assert {m.gender for m in members} == {"female", "male"}
        assert sum(placed[m.id].rapporteur for m in members) == 1


def test_balance_wins_over_the_subject_and_the_reason_says_so():
    """Four investigators, two groups of two: two of them must go elsewhere."""
    held = [["AI"], ["HR"]]
    people = [
        Person("a", "female", True, False, "investigator"),
        Person("b", "male", False, False, "investigations"),
        Person("c", "female", False, False, "internal investigations"),
        Person("d", "male", True, False, "fraud investigator"),
    ]
    placed = place_people(people, held, KEYWORDS)
    assert Counter(p.group for p in placed) == {0: 2, 1: 2}
    for group in (0, 1):
        genders = {people[i].gender for i, p in enumerate(placed) if p.group == group}
        assert genders == {"female", "male"}
        assert sum(p.rapporteur for p in placed if p.group == group) == 1
    sent_away = [p for p in placed if p.group == 1]
    assert all(p.match is None and p.passed_over.section == "AI" for p in sent_away)
    # The strongest match ("fraud investigator" scores two words) stays.
    assert placed[3].group == 0


def test_placement_is_deterministic_and_sizes_stay_within_one():
    people = [
        Person(str(i), ("female", "male", "undisclosed")[i % 3], i % 4 == 0, i % 5 == 0, e)
        for i, e in enumerate(
            ["internal audit", "IT systems", "recruitment", "legal", "press", "", "ethics"] * 3
        )
    ]
    held = [["LC", "AI"], ["RF", "TR", "MS"], ["AU", "RM"], ["CC", "HR"]]
    first = place_people(people, held, KEYWORDS)
    assert first == place_people(people, held, KEYWORDS)
    sizes = Counter(p.group for p in first).values()
    assert max(sizes) - min(sizes) <= 1 and sum(sizes) == len(people)


# -- end to end -----------------------------------------------------------------------

#: Name, gender, role, expertise, unit, the section expected to place them (None: balance).
PREPARED = [
    ("Amina Odhiambo", "female", "contributor", "internal investigations officer", "", "AI"),
    ("Ben Okafor", "male", "rapporteur", "ASYCUDA system administrator", "", "AU"),
    ("Carla Ruiz", "female", "rapporteur", "payroll and recruitment", "", "HR"),
    ("David Mensah", "male", "rapporteur", "tariff classification", "", "RF"),
    ("Eva Lind", "female", "contributor", "freight forwarders liaison", "", "PS"),
    ("Femi Ade", "male", "contributor", "press office spokesperson", "", "MS"),
    ("Grace Tan", "female", "contributor", "ethics and discipline", "", "CC"),
    ("Hugo Stein", "male", "rapporteur", "", "Internal Affairs Division", "AI"),
    ("Ines Duarte", "female", "contributor", "Customs operations", "", None),
    ("Jon Berg", "male", "contributor", "", "", None),
    ("Kofi Boateng", "male", "contributor", "Container examination", "", None),
    ("Lena Vogt", "female", "contributor", "", "", None),
    ("Head", "male", "senior-management", "executive management", "", None),
]


@pytest.fixture
def prepared_file(new_file: Path) -> Path:
    with AssessmentDocument.open(new_file) as document:
        for name, gender, role, expertise, unit, _section in PREPARED:
            participants.add_participant(
                document,
                ParticipantData(
                    name=name, gender=gender, role=role, expertise=expertise, unit=unit
                ),
            )
    return new_file


def _check_prepared(path: Path, listing: list[dict]) -> None:
    holder = {code: g["name"] for g in listing for code in g["sections"]}
    where = {m["name"]: g["name"] for g in listing for m in g["members"]}
    for name, _gender, _role, _expertise, _unit, section in PREPARED:
        if section is not None:
            assert where[name] == holder[section], (name, section)
    assert "Head" not in where
    sizes = [len(g["members"]) for g in listing]
    assert sorted(sizes) == [3, 3, 3, 3]
    with AssessmentDocument.open(path, read_only=True) as document:
        people = {p.id: p for p in participants.list_participants(document)}
        assert groups.balance_warnings(document) == []
    for group in listing:
        assert {people[m["id"]].gender for m in group["members"]} == {"female", "male"}
        assert group["rapporteur"] is not None


def test_idg_groups_auto_places_people_with_their_subject_and_says_why(idg, prepared_file):
    result = idg("groups", "auto", prepared_file, "--count", "4")
    assert result.code == 0, result.err
    assert (
        "Amina Odhiambo -> " in result.out
        and "Audit and Investigation: expertise 'internal investigations officer'" in result.out
    )
    assert "Hugo Stein -> " in result.out and "unit 'Internal Affairs Division'" in result.out
    assert "Automation: expertise 'ASYCUDA system administrator'" in result.out
    assert "Jon Berg -> Group " in result.out and ": for balance" in result.out
    assert "Head -> -: not allocated (senior management)" in result.out
    listed = idg("groups", prepared_file, "--json")
    _check_prepared(prepared_file, json.loads(listed.out))


def test_the_json_of_groups_auto_is_unchanged_and_the_allocation_the_same(idg, prepared_file):
    result = idg("groups", "auto", prepared_file, "--count", "4", "--json")
    assert result.code == 0, result.err
    listing = json.loads(result.out)
    assert set(listing[0]) == {"id", "name", "sections", "members", "rapporteur"}
    _check_prepared(prepared_file, listing)


def test_a_file_without_keywords_in_its_framework_uses_the_bundled_ones(idg, prepared_file):
    connection = sqlite3.connect(prepared_file)
    (content,) = connection.execute("SELECT content FROM framework").fetchone()
    old = json.loads(content)
    for section in old["sections"]:
        del section["keywords"]
    connection.execute("UPDATE framework SET content = ?", (json.dumps(old),))
    connection.commit()
    connection.close()
    result = idg("groups", "auto", prepared_file, "--count", "4", "--json")
    assert result.code == 0, result.err
    _check_prepared(prepared_file, json.loads(result.out))


def test_the_preview_is_what_allocation_does_and_changes_nothing(prepared_file):
    before = prepared_file.read_bytes()
    with AssessmentDocument.open(prepared_file) as document:
        plan = groups.plan_allocation(document, 4)
        assert groups.list_groups(document) == []
    assert prepared_file.read_bytes() == before
    with AssessmentDocument.open(prepared_file) as document:
        done = groups.auto_allocate(document, 4)
    assert done == plan
    reasons = {p.person: p.reason for p in done.placements}
    assert reasons["Carla Ruiz"].startswith("Human Resource Management: expertise 'payroll")
    assert reasons["Lena Vogt"].startswith("for balance")


@pytest.mark.parametrize("order", [(0, 1, 2, 3), (3, 2, 1, 0), (2, 0, 3, 1)])
def test_matches_and_gender_mix_are_both_kept_when_the_people_allow_it(order):
    """The investigator with Audit and Investigation and the ASYCUDA administrator
    with Automation, each group mixed and with a rapporteur, whatever the order."""
    everyone = [
        Person("ai", "female", False, False, "internal investigations"),
        Person("au", "male", False, False, "ASYCUDA system administrator"),
        Person("r1", "male", True, False, ""),
        Person("r2", "female", True, False, ""),
    ]
    people = [everyone[i] for i in order]
    placed = {p.person: p.group for p in place_people(people, [["AU"], ["AI"]], KEYWORDS)}
    assert placed == {"au": 0, "r2": 0, "ai": 1, "r1": 1}
