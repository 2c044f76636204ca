"""Chicago food-inspections adapter: values computed from the two CSV files with plain csv code, rows checked by
hand, and the merging of the two files on a hand-made pair."""

import csv
import re
from collections import Counter

import pytest

from ingest.adapters import chicago

FOLDER = "chicago_food_inspections"
RAW_HEADER = ("Inspection ID,DBA Name,AKA Name,License #,Facility Type,Risk,Address,City,State,Zip,Inspection Date,"
              "Inspection Type,Results,Violations,Latitude,Longitude,Location")
DERIVED_HEADER = ('"","inspection_id","license_","facility_type","risk","inspection_date","inspection_type",'
                  '"results","criticalCount","seriousCount","minorCount","pastFail","pastCritical","pastSerious",'
                  '"pastMinor","timeSinceLast","firstRecord","pass_flag"')


@pytest.fixture(scope="module")
def output(adapter_output):
    return adapter_output("chicago")


def read(shared_data, file_name):
    with open(shared_data / FOLDER / file_name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def from_file(rows, file_name):
    return [rec for name, _, rec in rows if name == f"chicago:{file_name}"]


def test_inspections_with_a_critical_violation_per_month_raw_export(output, shared_data):
    expected = Counter()
    for row in read(shared_data, chicago.RAW_FILE):
        numbers = [int(n) for n in re.findall(r"(?:^| \| )(\d+)\. ", row["Violations"])]
        if any(n <= 14 for n in numbers):
            month, _, year = row["Inspection Date"].split("/")
            expected[f"{year}-{month}"] += 1
    critical = {v["inspection_id"] for v in from_file(output["violations"], chicago.RAW_FILE)
                if v["severity"] == "critical"}
    found = Counter(i["inspected_on"][:7] for i in from_file(output["inspections"], chicago.RAW_FILE)
                    if i["inspection_id"] in critical)
    assert found == expected == {"2019-12": 31, "2020-01": 31, "2020-02": 9}


def test_inspections_with_a_critical_violation_per_month_derived_table(output, shared_data):
    expected = Counter(r["inspection_date"][:7] for r in read(shared_data, chicago.DERIVED_FILE)
                       if int(r["criticalCount"]) > 0)
    critical = {v["inspection_id"] for v in from_file(output["violations"], chicago.DERIVED_FILE)
                if v["severity"] == "critical"}
    found = Counter(i["inspected_on"][:7] for i in from_file(output["inspections"], chicago.DERIVED_FILE)
                    if i["inspection_id"] in critical)
    assert found == expected and len(expected) == 24


def test_derived_violations_per_severity_are_the_counts(output, shared_data):
    derived = read(shared_data, chicago.DERIVED_FILE)
    expected = {level: sum(int(r[column]) for r in derived)
                for level, column in chicago.SEVERITY_COUNT_COLUMNS.items()}
    assert expected == {"critical": 2_703, "serious": 4_895, "minor": 51_642}
    violations = from_file(output["violations"], chicago.DERIVED_FILE)
    assert Counter(v["severity"] for v in violations) == expected
    per_inspection = Counter((v["inspection_id"], v["severity"]) for v in violations)
    assert all(per_inspection[(f"chicago-{r['inspection_id']}", "minor")] == int(r["minorCount"]) for r in derived)
    assert {(v["code"], v["category"]) for v in violations} == {(None, "other")}


def test_no_inspection_in_both_files_so_none_dropped(output, shared_data):
    raw_ids = {r["Inspection ID"] for r in read(shared_data, chicago.RAW_FILE)}
    derived_ids = {r["inspection_id"] for r in read(shared_data, chicago.DERIVED_FILE)}
    assert not raw_ids & derived_ids
    assert len(output["inspections"]) == len(raw_ids) + len(derived_ids) == 561 + 13_641


def test_one_establishment_per_licence_across_both_files(output, shared_data):
    raw_licences = {r["License #"] for r in read(shared_data, chicago.RAW_FILE)}
    derived_licences = {r["license_"] for r in read(shared_data, chicago.DERIVED_FILE)}
    assert len(raw_licences & derived_licences) == 150
    # Licence 0 (no licence) is on one raw row only: one establishment either way.
    assert len(output["establishments"]) == len(raw_licences | derived_licences) == 9_387
    assert len(from_file(output["establishments"], chicago.RAW_FILE)) == len(raw_licences) == 550
    owners = {rec["member_id"] for _, _, rec in output["members"]}
    assert owners == {rec["member_id"] for _, _, rec in output["establishments"]}


def test_kinds_and_results_mapped(output):
    raw = from_file(output["inspections"], chicago.RAW_FILE)
    assert Counter(i["kind"] for i in raw) == {
        "routine": 332, "licence": 100, "follow_up": 74 + 17 + 16, "complaint": 19 + 1, "other": 2}
    assert Counter(i["result"] for i in raw) == {
        "pass": 237, "pass_with_conditions": 69, "fail": 32, "not_inspected": 111 + 78 + 33 + 1}
    derived = from_file(output["inspections"], chicago.DERIVED_FILE)
    assert Counter(i["kind"] for i in derived) == {"routine": 13_641}
    assert Counter(i["result"] for i in derived) == {"pass": 9_083, "fail": 2_811, "pass_with_conditions": 1_747}


def test_an_inspection_checked_by_hand(output):
    # Inspection 2355720 (OMBUDSMAN ROSELAND, licence 0, Canvass Re-Inspection, Fail, 20/12/2019).
    inspection = next(i for _, _, i in output["inspections"] if i["inspection_id"] == "chicago-2355720")
    assert (inspection["establishment_id"], inspection["inspected_on"], inspection["kind"], inspection["result"]) == (
        "chicago-nolicence-2355720", "2019-12-20", "follow_up", "fail")
    violations = [(line, v) for _, line, v in output["violations"] if v["inspection_id"] == "chicago-2355720"]
    assert {line for line, _ in violations} == {366}
    assert [(v["violation_id"], v["code"], v["severity"], v["category"]) for _, v in violations] == [
        ("chicago-2355720-1", "2", "critical", "other"),
        ("chicago-2355720-2", "3", "critical", "other"),
        ("chicago-2355720-3", "5", "critical", "hygiene"),
        ("chicago-2355720-4", "10", "critical", "establishment_conditions"),
        ("chicago-2355720-5", "38", "minor", "establishment_conditions"),
        ("chicago-2355720-6", "48", "minor", "establishment_conditions"),
        ("chicago-2355720-7", "49", "minor", "hygiene"),
        ("chicago-2355720-8", "50", "minor", "establishment_conditions"),
        ("chicago-2355720-9", "59", "minor", "other"),
    ]
    assert violations[3][1]["title"] == "ADEQUATE HANDWASHING SINKS PROPERLY SUPPLIED AND ACCESSIBLE"
    assert {(v["detected_on"], v["source"]) for _, v in violations} == {("2019-12-20", "inspection")}


def test_an_establishment_in_both_files_checked_by_hand(output):
    # Licence 1044712: derived table 08/11/2011 and 29/08/2012, raw export 03/01/2020 (CHIPOTLE MEXICAN GRILL).
    establishments = {e["establishment_id"]: e for _, _, e in output["establishments"]}
    chipotle = establishments["chicago-1044712"]
    assert (chipotle["name"], chipotle["address"], chipotle["registered_at"], chipotle["updated_at"]) == (
        "CHIPOTLE MEXICAN GRILL", "10 E JACKSON BLVD, CHICAGO, IL 60604", "2011-11-08T00:00:00",
        "2020-01-03T00:00:00")
    only_derived = establishments["chicago-990"]
    assert (only_derived["name"], only_derived["address"]) == ("Giấy phép số 990 (Chicago)", "CHICAGO, IL")


@pytest.mark.parametrize("number, expected", [
    (1, "critical"), (14, "critical"), (15, "serious"), (29, "serious"), (30, "minor"), (44, "minor"),
    (63, "minor"), (70, "minor")])
def test_severity_by_number(number, expected):
    assert chicago.severity(number) == expected


@pytest.mark.parametrize("title, expected", [
    ("PROPER DATE MARKING AND DISPOSITION", "expired_goods"),
    ("FOOD PROPERLY LABELED; ORIGINAL CONTAINER", "labelling"),
    ("TOXIC SUBSTANCES PROPERLY IDENTIFIED, STORED, & USED", "banned_substances"),
    ("REQUIRED RECORDS AVAILABLE: SHELLSTOCK TAGS, PARASITE DESTRUCTION", "unknown_origin"),
    ("FOOD & NON-FOOD CONTACT SURFACES CLEANABLE, PROPERLY DESIGNED, CONSTRUCTED & USED",
     "establishment_conditions"),
    ("FOOD-CONTACT SURFACES: CLEANED & SANITIZED", "hygiene"),
    ("ALLERGEN TRAINING AS REQUIRED", "other"),
])
def test_category_by_title(title, expected):
    assert chicago.category(title) == expected


@pytest.mark.parametrize("inspection_type, expected", [
    ("Canvass", "routine"), ("Complaint", "complaint"), ("Short Form Complaint", "complaint"),
    ("Canvass Re-Inspection", "follow_up"), ("Complaint Re-Inspection", "follow_up"),
    ("License Re-Inspection", "follow_up"), ("License", "licence"), ("Suspected Food Poisoning", "other")])
def test_kind_by_inspection_type(inspection_type, expected):
    assert chicago.inspection_kind(inspection_type) == expected


def test_a_violation_without_number_keeps_no_severity():
    assert chicago.parse_violations("PLUMBING - Comments: LEAK | 51. PLUMBING INSTALLED - Comments: X") == [
        {"code": None, "title": "PLUMBING", "severity": None, "category": "establishment_conditions"},
        {"code": "51", "title": "PLUMBING INSTALLED", "severity": "minor", "category": "establishment_conditions"},
    ]


def test_files_merged_on_a_hand_made_pair(tmp_path):
    folder = tmp_path / FOLDER
    folder.mkdir()
    (folder / chicago.RAW_FILE).write_text("\n".join([
        RAW_HEADER,
        '7,CAFE A,,123,Restaurant,,1 A ST ,CHICAGO,IL,60601,01/05/2020,Canvass,Fail,'
        '"3. MANAGEMENT - Comments: X | 55. PHYSICAL FACILITIES - Comments: Y",,,',
        "8,CAFE B,,0,Restaurant,,2 B ST ,,IL,,02/05/2020,Complaint,Pass,,,,",
    ]) + "\n", encoding="utf-8")
    (folder / chicago.DERIVED_FILE).write_text("\n".join([
        DERIVED_HEADER,
        '"1","7","123","Restaurant","Risk 1 (High)",2012-01-05,"Canvass","Fail",9,9,9,0,0,0,0,1,0,0',
        '"2","6","123","Restaurant","Risk 1 (High)",2012-03-01,"Canvass","Pass",0,1,2,0,0,0,0,1,0,1',
    ]) + "\n", encoding="utf-8")
    output = {}
    for source in chicago.sources(tmp_path):
        output.setdefault(source.record_type, []).extend(
            (source.name, line, rec) for line, rec in source.rows_factory())
    # Inspection 7 is in both files: taken once, from the raw export, with its listed violations.
    assert [(n, line, i["inspection_id"]) for n, line, i in output["inspections"]] == [
        ("chicago:Food_Inspections_sample.csv", 2, "chicago-7"), ("chicago:Food_Inspections_sample.csv", 3, "chicago-8"),
        ("chicago:foodInspect-intermediate.csv", 3, "chicago-6")]
    assert [(v["violation_id"], v["severity"]) for _, _, v in output["violations"]] == [
        ("chicago-7-1", "critical"), ("chicago-7-2", "minor"),
        ("chicago-6-1", "serious"), ("chicago-6-2", "minor"), ("chicago-6-3", "minor")]
    # Licence 123 is in both files: one establishment, first inspected 01/03/2012, named from the raw export.
    assert [(n, e["establishment_id"], e["name"], e["address"], e["registered_at"])
            for n, _, e in output["establishments"]] == [
        ("chicago:Food_Inspections_sample.csv", "chicago-123", "CAFE A", "1 A ST, CHICAGO, IL 60601",
         "2012-03-01T00:00:00"),
        ("chicago:Food_Inspections_sample.csv", "chicago-nolicence-8", "CAFE B", "2 B ST, IL", "2020-02-05T00:00:00"),
    ]
