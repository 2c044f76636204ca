"""The facility ranking held against an official rating: the UK Food Hygiene Rating Scheme (FHRS, 0–5).

On a warehouse built from the FHRS dataset (`giamsat run --source fhrs --home DIR`), the Spearman rank
correlation between the compliance part of marts.facility_rankings in the last ranked month and the official
rating of each ranked establishment (its latest inspection's rating). The same correlation is given for the
compliance part without the inspection findings (inspection results and violations only), to show what the
findings add. `--write-docs` writes the figures into docs/ranking.md between its markers.

    python -m pipelines.ranking_check --home DIR [--write-docs]      (or: giamsat ranking-check …)
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import click
from scipy.stats import spearmanr

from ingest.warehouse import WarehouseError
from pipelines.ingest import open_warehouse
from pipelines.settings import PROJECT_ROOT, Settings, load_settings
from pipelines.texts import vn_number

DOCS = PROJECT_ROOT / "docs" / "ranking.md"
START_MARKER, END_MARKER = "<!-- ranking-check:start -->", "<!-- ranking-check:end -->"

# the last ranked month's compliance part (with and without the inspection findings) and the official rating
RATED_ESTABLISHMENTS = """
    with latest_ratings as (
        select establishment_id, rating,
               row_number() over (partition by establishment_id order by inspected_on desc, inspection_id desc)
                   as recency
        from staging.stg_platform__inspections
        where rating is not null
    )
    select rankings.month,
           cast(rankings.compliance_score as double precision) as compliance,
           greatest(0, 100 - cast(rankings.violations_weighted + rankings.inspections_weighted as double precision))
               as compliance_without_findings,
           latest_ratings.rating
    from marts.facility_rankings as rankings
    inner join latest_ratings
        on rankings.establishment_id = latest_ratings.establishment_id and latest_ratings.recency = 1
    where rankings.month = (select max(month) from marts.facility_rankings)
"""


@dataclass(frozen=True)
class RankingCheck:
    month: date
    establishments: int
    spearman: float  # compliance part against the official rating
    spearman_without_findings: float  # the same part without the inspection findings


def measure(settings: Settings) -> RankingCheck:
    """Spearman's rho (ties ranked by their average) over the rated establishments of the last ranked month."""
    with open_warehouse(settings, read_only=True) as warehouse:
        if not (warehouse.has_table("marts", "facility_rankings")
                and warehouse.has_table("staging", "stg_platform__inspections")):
            raise ValueError(f"{settings.warehouse_location()}: kho chưa được xây dựng "
                             "(giamsat run --source fhrs)")
        rows = warehouse.execute(RATED_ESTABLISHMENTS)
    if len(rows) < 3:
        raise ValueError(f"{settings.warehouse_location()}: {vn_number(len(rows))} cơ sở có xếp hạng và xếp hạng vệ sinh "
                         f"chính thức (FHRS), cần ít nhất 3: xây kho từ bộ dữ liệu FHRS trước "
                         f"(giamsat run --source fhrs --home {settings.home})")
    months, compliance, without_findings, ratings = zip(*rows)
    return RankingCheck(month=months[0], establishments=len(rows),
                        spearman=float(spearmanr(compliance, ratings).statistic),
                        spearman_without_findings=float(spearmanr(without_findings, ratings).statistic))


def docs_section(check: RankingCheck) -> str:
    """The lines docs/ranking.md carries between its markers."""
    return (f"{START_MARKER}\n"
            f"| | ρ Spearman |\n|---|---:|\n"
            f"| điểm tuân thủ (`compliance_score`) | **{vn_number(check.spearman, 3)}** |\n"
            f"| điểm tuân thủ không tính phát hiện theo hạng mục | {vn_number(check.spearman_without_findings, 3)} |\n"
            f"\nTháng xếp hạng {check.month:%m/%Y}, {vn_number(check.establishments)} cơ sở có xếp hạng chính thức "
            f"0–5.\n{END_MARKER}")


def write_docs(check: RankingCheck, path: Path = DOCS) -> None:
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START_MARKER) + ".*?" + re.escape(END_MARKER), re.S)
    if not pattern.search(text):
        raise ValueError(f"{path} has no {START_MARKER} … {END_MARKER} section")
    path.write_text(pattern.sub(lambda _: docs_section(check), text), encoding="utf-8")


def check_and_print(settings: Settings, to_docs: bool = False) -> bool:
    """Measure the warehouse of the settings' home, print the figures (and write them into the docs); False when
    it cannot be measured."""
    try:
        check = measure(settings)
    except (ValueError, WarehouseError) as error:  # WarehouseError: no warehouse (file or server) to read
        click.echo(f"Không đo được: {error}", err=True)
        return False
    click.echo(f"Tháng xếp hạng {check.month:%m/%Y}, {vn_number(check.establishments)} cơ sở có xếp hạng chính thức.")
    click.echo(f"Tương quan hạng Spearman giữa điểm tuân thủ và xếp hạng chính thức: ρ = {vn_number(check.spearman, 3)}"
               f" (không tính phát hiện theo hạng mục: {vn_number(check.spearman_without_findings, 3)}).")
    if to_docs:
        write_docs(check)
        click.echo(f"Đã ghi vào {DOCS}.")
    return True


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--home", type=click.Path(file_okay=False, path_type=Path),
              help="Thư mục làm việc có kho DuckDB đã xây từ bộ dữ liệu FHRS (giamsat run --source fhrs).")
@click.option("--write-docs", "to_docs", is_flag=True, help=f"Ghi kết quả vào {DOCS.relative_to(PROJECT_ROOT)}.")
def main(home: Path | None, to_docs: bool):
    """Đối chiếu điểm tuân thủ của bảng xếp hạng cơ sở với xếp hạng vệ sinh chính thức (FHRS, Vương quốc Anh):
    hệ số tương quan hạng Spearman."""
    sys.exit(0 if check_and_print(load_settings(home), to_docs) else 1)


if __name__ == "__main__":
    main()
