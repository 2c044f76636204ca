"""UK FHRS adapter: counts from the XML read whole with ElementTree, the rating and sub-scores held against
the flat CSV, and rows checked by hand."""

import csv
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

FOLDER = "uk_fsa_fhrs_oxford"


@pytest.fixture(scope="module")
def output(adapter_output):
    return adapter_output("fhrs")


@pytest.fixture(scope="module")
def flat(shared_data):
    with open(shared_data / FOLDER / "fhrs_oxford_flat.csv", newline="", encoding="utf-8") as f:
        return {row["FHRSID"]: row for row in csv.DictReader(f)}


def by_id(rows, id_field):
    return {rec[id_field]: rec for _, _, rec in rows}


def test_one_establishment_and_owner_per_detail(output, shared_data):
    root = ET.parse(shared_data / FOLDER / "FHRS269en-GB.xml").getroot()
    ids = [d.findtext("FHRSID") for d in root.iter("EstablishmentDetail")]
    assert len(ids) == int(root.findtext("Header/ItemCount")) == 1_426
    assert [e["establishment_id"] for _, _, e in output["establishments"]] == [f"fhrs-{i}" for i in ids]
    assert [line for _, line, _ in output["establishments"]] == list(range(1, 1_427))
    assert len(output["members"]) == 1_426


def test_ratings_distribution_equals_the_csv(output, flat):
    expected = Counter(r["RatingValue"] for r in flat.values() if r["RatingValue"].isdigit())
    assert expected == {"5": 969, "4": 196, "3": 65, "2": 26, "1": 14, "0": 1}
    assert Counter(i["rating"] for _, _, i in output["inspections"] if i["rating"]) == expected


def test_one_inspection_per_rating_date_with_result_from_rating(output, flat):
    inspections = by_id(output["inspections"], "establishment_id")
    assert set(inspections) == {f"fhrs-{i}" for i, r in flat.items() if r["RatingDate"]}
    assert len(inspections) == 1_294
    assert Counter(i["result"] for i in inspections.values()) == {
        "pass": 969 + 196 + 65, "pass_with_conditions": 26 + 14, "fail": 1, "not_inspected": 20 + 3}


def test_sub_scores_and_dates_equal_the_csv(output, flat):
    for inspection in by_id(output["inspections"], "establishment_id").values():
        row = flat[inspection["establishment_id"].removeprefix("fhrs-")]
        assert (inspection["inspected_on"], inspection["hygiene_score"], inspection["structural_score"],
                inspection["management_score"]) == (
            row["RatingDate"], row["ScoreHygiene"] or None, row["ScoreStructural"] or None,
            row["ScoreConfidenceInManagement"] or None)


def test_rows_checked_by_hand(output):
    establishments = by_id(output["establishments"], "establishment_id")
    inspections = by_id(output["inspections"], "establishment_id")
    first = establishments["fhrs-661418"]
    assert (first["name"], first["address"], first["kind"], first["status"], first["member_id"]) == (
        "1855", "4 Oxford Castle, New Road, Oxford, Oxfordshire, OX1 1AY", "business", "approved",
        "fhrs-owner-661418")
    rated = inspections["fhrs-661418"]
    assert (rated["inspection_id"], rated["rating"], rated["result"], rated["hygiene_score"],
            rated["structural_score"], rated["management_score"]) == (
        "fhrs-661418-2017-03-08", "5", "pass", "5", "5", "5")
    # Ali Inn: Exempt, visited 29/11/2018, no scores.
    exempt = inspections["fhrs-929928"]
    assert (exempt["inspected_on"], exempt["result"], exempt["rating"], exempt["hygiene_score"]) == (
        "2018-11-29", "not_inspected", None, None)
    # A Dessert: awaiting inspection, no rating date: no inspection, registered as of the extract.
    assert "fhrs-1296980" not in inspections
    assert establishments["fhrs-1296980"]["registered_at"] == "2020-11-14T00:00:00"
    # Adam Soft Ice Cream: no address published, located at the local authority.
    assert establishments["fhrs-914724"]["address"] == "Oxford City"
