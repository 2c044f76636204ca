"""`giamsat run` shows dbt's progress and problems, not its two lines for each of hundreds of nodes."""

import io

from pipelines.transform import DbtConsole

LINES = [
    "Running with dbt=1.11.16\n",
    "1 of 20 START sql table model staging.stg_platform__answers ... [RUN]\n",
    *[f"{n} of 20 OK created sql table model staging.m{n} ... [\x1b[32mOK\x1b[0m in 0.1s]\n" for n in range(1, 8)],
    "8 of 20 ERROR creating sql table model marts.facility_rankings ... [\x1b[31mERROR\x1b[0m in 0.2s]\n",
    *[f"{n} of 20 PASS not_null_m{n}_id ... [\x1b[32mPASS\x1b[0m in 0.1s]\n" for n in range(9, 19)],
    "19 of 20 FAIL 3 unique_flagged_items_object_id ... [\x1b[31mFAIL 3\x1b[0m in 0.1s]\n",
    "20 of 20 SKIP relation marts.monthly_kpis ... [\x1b[33mSKIP\x1b[0m]\n",
    "Done. PASS=10 WARN=0 ERROR=1 SKIP=1 NO-OP=0 TOTAL=20\n",
]


def test_node_lines_become_progress_and_problems_pass_through():
    out = io.StringIO()
    console = DbtConsole(out)
    for line in LINES:
        console.write(line)
    shown = out.getvalue().splitlines()
    assert shown[0] == "Running with dbt=1.11.16"
    assert [line for line in shown if line.startswith("dbt: ")] == [
        "dbt: 2/20 bước xong (10%)", "dbt: 4/20 bước xong (20%)", "dbt: 6/20 bước xong (30%)",
        "dbt: 8/20 bước xong (40%)", "dbt: 10/20 bước xong (50%)", "dbt: 12/20 bước xong (60%)",
        "dbt: 14/20 bước xong (70%)", "dbt: 16/20 bước xong (80%)", "dbt: 18/20 bước xong (90%)",
        "dbt: 20/20 bước xong (100%)"]
    assert [line for line in shown if " of 20 " in line] == [LINES[9].rstrip("\n"), LINES[20].rstrip("\n")]
    assert shown[-1] == "Done. PASS=10 WARN=0 ERROR=1 SKIP=1 NO-OP=0 TOTAL=20"
    assert len(shown) == 14  # dbt's first line, ten of progress, the error, the failure, the summary
