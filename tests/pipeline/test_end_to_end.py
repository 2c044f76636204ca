"""The main job end to end, on the sample province (on DuckDB and on PostgreSQL) and on each real dataset.

Every expected value is computed here from the delivered files with the csv module, not from the warehouse's
own code, so a wrong join or filter anywhere between the file and the mart shows up as a mismatch. The
PostgreSQL run uses a database and an owner role of its own (tests/pg_testing.py) and a smaller province: the
same assertions hold at any scale, and dbt's some 600 nodes cost more on the server.
"""

import csv
import hashlib
import json
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path

import shutil

import duckdb
import openpyxl
import pytest

from ingest.loader import landing_files
from ingest.sample_province.vocabulary import COMPLAINT_TEXTS
from pg_testing import admin_server, drop_roles, temporary_database, unique_name
from pipelines import spam_scorer
from pipelines.ingest import load, open_warehouse
from pipelines.runner import execute_main_job
from pipelines.settings import load_settings

SAMPLE_SCALE = {"duckdb": 0.2, "postgres": 0.05}


def run(home: Path, source: str, scale: float = 1.0, with_result: bool = False, spam_models: Path | None = None):
    """main_job on home; spam_models: a models folder to start from (its model is reused, not trained again)."""
    if spam_models is not None:
        shutil.copytree(spam_models, spam_scorer.models_root(home))
        (spam_scorer.models_root(home) / spam_scorer.LATEST_FILE).unlink()  # the job must pick the version itself
    settings = load_settings(home)
    result = execute_main_job(settings, source=source, scale=scale)
    assert result.success
    checks = result.get_asset_check_evaluations()
    assert checks and all(c.passed for c in checks), [c.asset_key for c in checks if not c.passed]
    return (settings, result) if with_result else settings


def query(settings, sql: str) -> list[tuple]:
    with open_warehouse(settings, read_only=True) as warehouse:
        return warehouse.execute(sql)


def month_of(text: str) -> date:
    return datetime.fromisoformat(text[:10]).date().replace(day=1)


def csv_rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def distinct_files(paths) -> list[Path]:
    """A re-delivered file sits in the archive twice (under another name): count its rows once."""
    by_content = {}
    for path in sorted(paths):
        by_content.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), path)
    return sorted(by_content.values())


def delivered_rows(archive: Path, record_type: str) -> list[dict]:
    """Every row of every delivered file of one record type (CSV or JSON Lines)."""
    rows = []
    for path in distinct_files(archive.glob(f"{record_type}*")):
        if path.suffix == ".csv":
            rows += csv_rows(path)
        elif path.suffix == ".jsonl":
            rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def data_rows_in(path: Path) -> int:
    if path.suffix == ".xlsx":
        return openpyxl.load_workbook(path, read_only=True).active.max_row - 1
    if path.suffix == ".jsonl":
        return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return len(csv_rows(path))


# ---------------------------------------------------------------------------------------------------------
# The sample province
# ---------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module", params=["duckdb", "postgres"])
def sample(request, tmp_path_factory, spam_models):
    home = tmp_path_factory.mktemp(f"sample_{request.param}")
    if request.param == "duckdb":
        yield run(home, "sample", SAMPLE_SCALE["duckdb"], spam_models=spam_models)
        return
    # WAREHOUSE=postgres and the libpq variables, as a deployment sets them: the Dagster run reads them.
    # Only while it runs: a module-scoped fixture outlives the tests that use it, and the tests on the public
    # datasets later in this module must build on DuckDB. The settings it yields hold the connection.
    with temporary_database("e2e", owner=unique_name("e2e_owner")) as server:
        with pytest.MonkeyPatch.context() as env:
            for name, value in {"WAREHOUSE": "postgres", **server.libpq_env()}.items():
                env.setenv(name, value)
            settings = run(home, "sample", SAMPLE_SCALE["postgres"], spam_models=spam_models)
        yield settings


@pytest.fixture(scope="module")
def archive(sample) -> Path:
    return sample.landing / "archive"


def test_the_run_publishes_a_copy_of_the_marts_for_superset(sample):
    if sample.warehouse != "duckdb":
        pytest.skip("on PostgreSQL, readers use their own roles (pipelines/access.py): nothing to publish")
    published = load_settings(sample.home).published_duckdb_path
    sql = "select count(*), sum(violations) from marts.violation_statistics"
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute(sql).fetchall() == query(sample, sql)


def test_every_delivered_row_is_loaded_or_quarantined(sample, archive):
    files = distinct_files(archive.iterdir())
    assert len(files) > 20 and not landing_files(sample.landing)
    received = {path.name: data_rows_in(path) for path in files}
    logged = dict(query(sample, "select source_file, rows_received from raw.batch_log where status = 'loaded'"))
    assert logged == received
    loaded, quarantined = query(sample, "select sum(rows_loaded), sum(rows_quarantined) from raw.batch_log")[0]
    assert loaded + quarantined == sum(received.values())


def test_delivering_the_same_province_again_loads_nothing_twice(sample):
    before = query(sample, "select count(*) from raw.listings")[0][0]
    results = load(sample, "sample", SAMPLE_SCALE[sample.warehouse], progress=lambda *_: None)
    assert results and {r.status for r in results} == {"duplicate"}
    assert query(sample, "select count(*) from raw.listings")[0][0] == before


def test_listing_submissions_per_month_match_the_moderation_files(sample, archive):
    expected = Counter(month_of(e["occurred_at"]) for e in delivered_rows(archive, "moderation_events")
                       if e["object_type"] == "listing" and e["action"] == "submitted")
    actual = dict(query(sample, """
        select cast(period_start as date), sum(submitted) from marts.approval_throughput
        where period_kind = 'month' and object_type = 'listing' group by 1"""))
    assert {m: n for m, n in actual.items() if n} == dict(expected)


def test_last_month_ranks_every_establishment_approved_at_its_end(sample, archive):
    last_month = query(sample, "select max(month) from marts.facility_rankings")[0][0]
    next_month = date(last_month.year + last_month.month // 12, last_month.month % 12 + 1, 1)
    latest = {}
    for version in sorted(delivered_rows(archive, "establishments"), key=lambda v: v["updated_at"]):
        if datetime.fromisoformat(version["updated_at"]).date() < next_month:
            latest[version["establishment_id"]] = version["status"]
    approved = {eid for eid, status in latest.items() if status == "approved"}
    ranked = {eid for (eid,) in query(sample, f"""
        select establishment_id from marts.facility_rankings where month = date '{last_month}'""")}
    assert ranked == approved


def test_ranks_follow_scores_within_each_group(sample):
    rows = query(sample, """
        select month, province_code, category, establishment_id, score, rank from marts.facility_rankings""")
    groups = defaultdict(list)
    for month, province, category, eid, score, rank in rows:
        groups[(month, province, category)].append((-score, eid, rank))
    for members in groups.values():
        assert [rank for _, _, rank in sorted(members)] == list(range(1, len(members) + 1))


def test_violations_counted_once_each(sample, archive):
    latest = {v["violation_id"]: v for v in sorted(delivered_rows(archive, "violations"),
                                                   key=lambda v: v["updated_at"])}
    by_severity = Counter(v["severity"] for v in latest.values())
    actual = dict(query(sample, "select severity, sum(violations) from marts.violation_statistics group by 1"))
    assert actual == dict(by_severity)


@pytest.mark.parametrize("kind, rule", [("disease_claim", "disease_claim"), ("shared_phone", "shared_phone"),
                                        ("shared_email", "shared_email"), ("listing_burst", "listing_burst")])
def test_planted_anomalies_are_on_the_flag_list(sample, kind, rule):
    truth = csv_rows(sample.home / "sample" / "ground_truth.csv")
    planted = {row["object_id"] for row in truth if row["anomaly_kind"] == kind}
    flagged = {oid for (oid,) in query(sample, f"""
        select object_id from marts.flagged_items where rule_codes like '%{rule}%'""")}
    assert planted and planted <= flagged


def test_near_copies_are_flagged_naming_their_original(sample):
    """The near copies (images of their own, a word or two changed or moved) are caught by their words alone."""
    truth = csv_rows(sample.home / "sample" / "ground_truth.csv")
    near = {row["object_id"]: row["detail"].split()[3] for row in truth
            if row["anomaly_kind"] == "duplicate_listing" and row["detail"].startswith("near copy of ")}
    evidence = dict(query(sample, """select object_id, evidence from intermediate.int_flags_duplicate_listing"""))
    assert near
    for copy, original in near.items():
        assert evidence[copy].startswith(f"nội dung gần giống tin đăng {original} của chủ sở hữu khác (độ tương đồng 0,")


def test_flag_accuracy_on_the_planted_anomalies(sample):
    """Recall and precision per planted kind, as `giamsat flag-accuracy` prints them: every planted object is
    caught and nothing else is flagged by its rule (measured on 04/12/2026 at scales 0.05, 0.2 and 1: all 1.000)."""
    from pipelines.flag_accuracy import measure

    results, others = measure(sample)
    truth = csv_rows(sample.home / "sample" / "ground_truth.csv")
    assert {r.kind: r.planted for r in results} == Counter(row["anomaly_kind"] for row in truth)
    assert len(results) == 12
    for r in results:
        assert (r.kind, r.recall, r.precision) == (r.kind, 1.0, 1.0)
    # the rules without a planted kind: sellers not approved (or suspended), consumers reporting unsafe food,
    # and the review-spam scorer
    assert set(others) <= {"unapproved_seller", "food_safety_signal", "review_spam"}


def test_reviews_without_text_are_not_scored_or_flagged_as_spam(sample):
    # The sample province writes many star-only reviews; the scorer, trained on texts, would call them spam.
    without_text, scored, flagged = query(sample, """
        select count(*) filter (where trim(coalesce(reviews.body, '')) = ''),
               count(*) filter (where trim(coalesce(reviews.body, '')) = '' and scores.review_id is not null),
               count(*) filter (where trim(coalesce(reviews.body, '')) = '' and flags.object_id is not null)
        from staging.stg_platform__reviews as reviews
        left join ml.review_spam_scores as scores on scores.review_id = reviews.review_id
        left join marts.flagged_items as flags
            on flags.object_type = 'review' and flags.object_id = reviews.review_id
            and flags.rule_codes like '%review_spam%'""")[0]
    assert without_text > 20 and (scored, flagged) == (0, 0)


def test_complaints_reporting_unsafe_food_are_on_the_flag_list(sample, archive):
    # The generator writes complaints from vocabulary.COMPLAINT_TEXTS; only the two food_safety texts carry a
    # phrase of food_safety_terms ("đau bụng", "có mùi lạ").
    unsafe = set(COMPLAINT_TEXTS["food_safety"])
    latest = {c["complaint_id"]: c for c in sorted(delivered_rows(archive, "complaints"), key=lambda c: c["updated_at"])}
    expected = {complaint_id for complaint_id, c in latest.items() if c["text"] in unsafe}
    flagged = {oid for (oid,) in query(sample, """select object_id from marts.flagged_items
                                                 where object_type = 'complaint'
                                                 and rule_codes like '%food_safety_signal%'""")}
    assert expected and flagged == expected


def test_report_and_queue_files_carry_the_marts_numbers(sample, archive):
    month = query(sample, "select max(month) from marts.monthly_kpis")[0][0]
    manifest = json.loads((sample.reports / f"bao-cao-thang-{month:%Y-%m}.json").read_text(encoding="utf-8"))
    departments = {o["org_id"] for o in delivered_rows(archive, "organizations") if o["kind"] == "department"}
    assert {r["org_id"] for r in manifest["reports"] if r["org_id"]} == departments
    province = next(r for r in manifest["reports"] if r["key"] == "tinh-68")
    book = openpyxl.load_workbook(province["xlsx"])
    assert book.sheetnames == ["Tổng quan", "Thành viên và cơ sở", "Duyệt thông tin", "Khiếu nại", "Vi phạm ATTP",
                               "Cảnh báo", "Sự cố", "Văn bản chính sách", "Xếp hạng cơ sở"]
    every_kpi = next(list(book["Tổng quan"][t.ref]) for t in book["Tổng quan"].tables.values()
                     if book["Tổng quan"][t.ref][0][0].value == "Mã chỉ tiêu")
    column = [cell.value for cell in every_kpi[0]].index(f"Tháng {month:%m/%Y}")
    in_report = {row[0].value: row[column].value for row in every_kpi[1:]}
    assert in_report == dict(query(sample, f"""
        select indicator, value from marts.monthly_kpis where province_code = '68' and month = date '{month}'"""))
    queue = csv_rows(sample.exports / "hang-doi-canh-bao_tat-ca.csv")
    assert len(queue) == query(sample, "select count(*) from marts.flagged_items "
                                       "where status in ('open', 'escalated')")[0][0]


def test_on_postgres_analysts_read_every_mart_but_no_raw_table_or_personal_column(sample):
    """The access roles (pipelines/access.py) granted on the warehouse the run built: an analyst reads each mart
    (every column but the personal ones), and no raw table, quarantine or staging table."""
    if sample.warehouse != "postgres":
        pytest.skip("access roles are PostgreSQL's; the DuckDB file has none")
    import psycopg
    from dataclasses import replace

    from pipelines.access import create_roles, personal_columns, role_names

    prefix, database = unique_name("e2e_roles"), sample.postgres.dbname
    admin = admin_server()
    roles = role_names(prefix)
    try:
        with open_warehouse(replace(sample, postgres=admin.with_database(database)), read_only=True) as warehouse:
            create_roles(warehouse, prefix, database)
            marts = {}
            for table, column in warehouse.execute("select table_name, column_name from information_schema.columns "
                                                   "where table_schema = 'marts'"):
                marts.setdefault(table, []).append(column)
        assert "phone_hash" in marts["member_history"] and len(marts) >= 26
        analyst = replace(sample, postgres=admin.with_database(database, roles["analyst"]))
        with open_warehouse(analyst, read_only=True) as warehouse:
            for table, columns in marts.items():
                allowed = [c for c in columns if c not in personal_columns()]
                warehouse.execute(f"select {', '.join(allowed)} from marts.{table} limit 1")
            for sql in ("select phone_hash from marts.member_history", "select * from raw.members",
                        "select * from raw.quarantine", "select * from staging.stg_platform__members"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    warehouse.execute(sql)
            assert warehouse.execute("select count(*) from marts.flagged_items") == query(
                sample, "select count(*) from marts.flagged_items")
    finally:
        drop_roles(admin, list(roles.values()), granted_in=database)


# ---------------------------------------------------------------------------------------------------------
# Real datasets
# ---------------------------------------------------------------------------------------------------------

def test_chicago_inspections_with_a_critical_violation_per_month(shared_data, tmp_path, spam_models):
    folder = shared_data / "chicago_food_inspections"
    expected = Counter()
    for row in csv_rows(folder / "Food_Inspections_sample.csv"):
        numbers = [int(v.split(".")[0]) for v in row["Violations"].split(" | ") if v.strip()]
        if any(1 <= n <= 14 for n in numbers):
            expected[datetime.strptime(row["Inspection Date"], "%m/%d/%Y").date().replace(day=1)] += 1
    for row in csv_rows(folder / "foodInspect-intermediate.csv"):
        if int(row["criticalCount"]) > 0:
            expected[month_of(row["inspection_date"])] += 1
    settings = run(tmp_path, "chicago", spam_models=spam_models)
    actual = dict(query(settings, """
        select month, sum(inspections_with_critical) from marts.inspection_outcomes group by 1"""))
    assert {m: n for m, n in actual.items() if n} == dict(expected)


def test_fhrs_inspections_and_failures_match_the_published_csv(shared_data, tmp_path, spam_models):
    rows = csv_rows(shared_data / "uk_fsa_fhrs_oxford" / "fhrs_oxford_flat.csv")
    settings = run(tmp_path, "fhrs", spam_models=spam_models)
    inspections, failed = query(settings, """
        select sum(inspections), sum(inspections) filter (where result = 'fail') from marts.inspection_outcomes""")[0]
    assert inspections == sum(1 for r in rows if r["RatingDate"])
    assert failed == sum(1 for r in rows if r["RatingValue"] == "0")
    last = query(settings, "select count(*) from marts.facility_rankings where month = "
                           "(select max(month) from marts.facility_rankings)")[0][0]
    # An establishment never inspected is registered on the extract date (14/11/2020), after the last month
    # with activity, so the last month ranks exactly the inspected ones.
    assert last == sum(1 for r in rows if r["RatingDate"]) == 1294


def test_vispam_moderation_decisions_match_the_labels(shared_data, tmp_path, trained_home):
    rows = csv_rows(shared_data / "vispam_reviews" / "train.csv") + csv_rows(shared_data / "vispam_reviews" / "dev.csv")
    # The model trained from the dataset's train split: the warehouse's train reviews are the same rows, so
    # main_job finds this version on disk and reuses it instead of training again.
    home, model = trained_home
    settings, result = run(tmp_path, "vispam", with_result=True, spam_models=spam_scorer.models_root(home))
    submitted, rejected, approved = query(settings, """
        select sum(submitted), sum(rejected), sum(approved) from marts.approval_throughput
        where period_kind = 'month' and object_type = 'review'""")[0]
    assert (submitted, rejected, approved) == (
        len(rows), sum(r["Label"] == "1" for r in rows), sum(r["Label"] == "0" for r in rows))

    # raw -> dbt staging -> the scorer (Python) -> dbt flags: one dbt step before the scorer, one after it
    order = [event.asset_key.to_user_string() for event in result.get_asset_materialization_events()]
    assert order.index("staging/stg_platform__reviews") < order.index("ml/spam_scorer_model") \
        < order.index("ml/review_spam_scores") < order.index("staging/stg_ml__review_spam_scores") \
        < order.index("intermediate/int_flags_review_spam") \
        < order.index("marts/flagged_items")
    steps = [e.step_key for e in result.get_step_success_events()]
    assert steps.index("warehouse_models") < steps.index("ml__spam_scorer_model") \
        < steps.index("ml__review_spam_scores") < steps.index("flag_models")
    assert spam_scorer.latest_version(tmp_path) == model["version"]  # reused, not trained again
    scored, versions, spam = query(settings, """
        select count(*), count(distinct model_version), sum(case when is_spam then 1 else 0 end)
        from ml.review_spam_scores""")[0]
    assert (scored, versions) == (len(rows), 1)
    # every review the scorer is sure of (flag_rules threshold 0.8) is in the queue with the reason, and only those
    sure = query(settings, "select count(*) from ml.review_spam_scores where spam_probability >= 0.8")[0][0]
    flagged = query(settings, """select count(*) from marts.flagged_items
                                 where object_type = 'review' and rule_codes like '%review_spam%'""")[0][0]
    assert flagged == sure and 0 < sure < spam
    # the scorer agrees with the moderators on the dev reviews as it did when it was measured
    dev_agreement = query(settings, """
        select avg(case when s.is_spam = (r.status = 'rejected') then 1.0 else 0.0 end)
        from ml.review_spam_scores as s join staging.stg_platform__reviews as r using (review_id)
        where review_id like 'vispam-dev-%'""")[0][0]
    assert dev_agreement > 0.85
