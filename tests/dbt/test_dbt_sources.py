"""The dbt project follows the input contract: generated sources, staging for every record type, enums, seeds."""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import yaml

from ingest.contract import CERTIFICATE_TYPES, RECORD_TYPES, UNIT_KG
from ingest.dbt_sources import SOURCES_YML, render_sources_yml
from pipelines.settings import DBT_PROJECT_DIR

STAGING = DBT_PROJECT_DIR / "models" / "staging" / "platform"
SEEDS = DBT_PROJECT_DIR / "seeds"


def _seed(name: str) -> list[dict]:
    with open(SEEDS / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_committed_sources_are_generated_from_the_contract():
    assert SOURCES_YML.read_text(encoding="utf-8") == render_sources_yml(), \
        "run: python -m ingest.dbt_sources"


def test_sources_declare_every_raw_column():
    tables = {t["name"]: t for t in yaml.safe_load(render_sources_yml())["sources"][0]["tables"]}
    assert set(tables) == set(RECORD_TYPES) | {"batch_log", "quarantine", "extract_deletions"}
    for name, record_type in RECORD_TYPES.items():
        declared = [(c["name"], c["data_type"]) for c in tables[name]["columns"]]
        assert declared == record_type.raw_columns(), name
    phone = next(c for c in tables["members"]["columns"] if c["name"] == "phone_hash")
    assert "keyed hash" in phone["description"]


def test_every_record_type_has_a_staging_model_and_only_staging_reads_sources():
    for name in RECORD_TYPES:
        assert (STAGING / f"stg_platform__{name}.sql").exists(), name
    models = DBT_PROJECT_DIR / "models"
    readers = {p.relative_to(models).parts[0] for p in models.rglob("*.sql") if "source(" in p.read_text()}
    assert readers == {"staging"}


def test_staging_accepted_values_follow_the_contract_enums():
    models = {m["name"]: m for m in yaml.safe_load((STAGING / "_platform__models.yml").read_text())["models"]}
    renamed = {("certificates", "type"): "certificate_type"}
    checked = 0
    for name, record_type in RECORD_TYPES.items():
        columns = {c["name"]: c for c in models[f"stg_platform__{name}"]["columns"]}
        for field in record_type.fields:
            if field.type != "enum":
                continue
            column = columns[renamed.get((name, field.name), field.name)]
            tests = [t["accepted_values"]["arguments"]["values"] for t in column.get("data_tests", [])
                     if isinstance(t, dict) and "accepted_values" in t]
            assert tests == [list(field.allowed)], f"{name}.{field.name}"
            checked += 1
    assert checked == sum(f.type == "enum" for rt in RECORD_TYPES.values() for f in rt.fields)


def test_seeds_agree_with_the_contract():
    assert {row["unit"]: float(row["kg"]) for row in _seed("unit_kg")} == UNIT_KG
    assert sorted(row["certificate_type"] for row in _seed("certificate_points")) == sorted(CERTIFICATE_TYPES)
    # every status of an establishment and of an account has its Vietnamese label for the evidence
    labelled = {(row["subject"], row["status"]) for row in _seed("status_labels")}
    assert labelled == {(subject, status) for subject, record_type in (("establishment", "establishments"),
                                                                        ("member", "members"))
                        for status in RECORD_TYPES[record_type].field("status").allowed}
    rules = {row["rule_code"] for row in _seed("flag_rules")}
    flag_models = {p.stem.removeprefix("int_flags_") for p in (DBT_PROJECT_DIR / "models").rglob("int_flags_*.sql")}
    assert rules == flag_models - {"unioned"}
    assert all(1 <= int(row["severity"]) <= 100 for row in _seed("flag_rules"))


def test_ranking_weights_cover_the_five_parts():
    weights = {row["part"]: row for row in _seed("ranking_weights")}
    assert set(weights) == {"compliance", "rating", "complaints", "certificates", "responsiveness"}
    assert abs(sum(float(row["weight"]) for row in weights.values()) - 1) < 1e-9
    assert int(weights["compliance"]["half_life_days"]) > 0 and float(weights["rating"]["prior_weight"]) > 0


def _fold(text: str) -> str:
    """Reference folding: strip the combining marks, đ → d, lower case."""
    base = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return base.replace("đ", "d").replace("Đ", "D").lower()


def test_fold_vietnamese_maps_every_vietnamese_letter():
    macro = (DBT_PROJECT_DIR / "macros" / "cross_database.sql").read_text(encoding="utf-8")
    source, target = re.search(r"default__fold_vietnamese.*?'([^']+)',\s*'([^']+)'", macro, re.S).groups()
    assert len(source) == len(target) == 134  # 12 vowels x 5 tones + 7 bare vowels with marks, both cases, + đĐ
    assert [_fold(a) for a in source] == [b.lower() for b in target]
    vietnamese = "Ăn uống phòng bệnh ĐẮK LẮK Nguyễn Thị Hường Quảng Trị thuỷ sản ỹ"
    assert all(ch in source or _fold(ch) == ch.lower() for ch in vietnamese)


def test_disease_terms_are_stored_folded():
    for row in _seed("disease_claim_terms"):
        assert row["term"] == re.sub(r"[^a-z0-9]+", " ", _fold(row["phrase_vi"])).strip(), row
