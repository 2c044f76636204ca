"""What the monthly report says: for whom (a province, a department) and its sections, read from the marts.

Every figure is a mart value or a sum of mart rows, so it equals what the dashboards show. The KPI model
(marts.monthly_kpis) has no organisation: a department's report shows its province's KPIs and says so, while the
tables whose mart has an organisation (approval_throughput, flagged_items) are the department's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from ingest.validate import vietnam_now
from ingest.warehouse import Warehouse

from pipelines.texts import vn_date

UNKNOWN_PROVINCE = "unknown"

OBJECT_TYPES = {"establishment": "Cơ sở", "listing": "Tin đăng sản phẩm", "supply_demand_post": "Tin cung cầu",
                "review": "Đánh giá", "comment": "Bình luận", "question": "Câu hỏi", "answer": "Câu trả lời",
                "member": "Tài khoản", "flag": "Cảnh báo"}
PRODUCT_CATEGORIES = {"vegetables": "Rau củ", "fruit": "Trái cây", "rice_grain": "Lúa gạo, ngũ cốc",
                      "seafood": "Thủy sản", "meat_eggs": "Thịt, trứng", "tea_coffee": "Chè, cà phê",
                      "spices": "Gia vị", "processed_food": "Thực phẩm chế biến", "beverages": "Đồ uống",
                      "other": "Khác"}
VIOLATION_CATEGORIES = {"establishment_conditions": "Điều kiện cơ sở", "hygiene": "Vệ sinh",
                        "labelling": "Ghi nhãn", "advertising": "Quảng cáo", "banned_substances": "Chất cấm",
                        "expired_goods": "Hàng quá hạn", "unknown_origin": "Không rõ nguồn gốc", "other": "Khác"}
SEVERITIES = {"critical": "Nghiêm trọng", "serious": "Đáng kể", "minor": "Nhẹ"}
VIOLATION_SOURCES = {"consumer_feedback": "Phản ánh", "inspection": "Kiểm tra", "flag": "Cảnh báo"}
COMPLAINT_KINDS = {"complaint": "Khiếu nại", "dispute": "Tranh chấp"}
COMPLAINT_CATEGORIES = {"product_quality": "Chất lượng sản phẩm", "food_safety": "An toàn thực phẩm",
                        "false_information": "Thông tin sai sự thật", "price": "Giá cả", "delivery": "Giao hàng",
                        "fraud": "Lừa đảo", "other": "Khác"}

# The KPIs of each section, codes of the kpi_indicators seed (a test checks that each is there).
SECTION_KPIS = {
    "members": ["members_registered", "members_suspended", "members_terminated", "members_deleted",
                "members_reactivated", "establishments_registered", "establishments_approved",
                "establishments_rejected", "establishments_changed", "account_sanctions", "supply_demand_posts"],
    "complaints": ["complaints_received", "disputes_received", "complaints_resolved", "complaints_upheld",
                   "complaints_resolved_in_time", "complaints_open", "complaints_median_days_to_resolve"],
    "violations": ["violations_critical", "violations_serious", "violations_minor", "violating_establishments",
                   "repeat_offenders"],
    "flags": ["flags_raised", "decisions_flag"],
    "incidents": ["incidents_reported", "incidents_resolved", "incidents_open", "incidents_median_hours_to_resolve"],
    "documents": ["policy_documents_published"],
}
RANKING_MOVES = 5  # how many of the largest rises and of the largest falls are shown


def previous_month(month: date) -> date:
    return date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)


def next_month(month: date) -> date:
    return date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def month_label(month: date) -> str:
    return f"Tháng {month:%m/%Y}"


def period_text(month: date) -> str:
    last_day = date.fromordinal(next_month(month).toordinal() - 1)
    return f"Kỳ báo cáo: {vn_date(month)} – {vn_date(last_day)}"


# ---------------------------------------------------------------------------------------------------------
# What a report is made of
# ---------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Scope:
    """Whom a report is for: a province, or a department (with its units) of a province."""

    key: str  # in file names and the delivery log: "tinh-68" or the organisation id
    name: str  # "Tỉnh Lâm Đồng" or "Sở Y tế"
    province_code: str
    province: str
    org_id: str | None = None
    org_ids: tuple[str, ...] = ()  # the department and its units

    @property
    def is_department(self) -> bool:
        return self.org_id is not None

    @property
    def label(self) -> str:
        return f"{self.name} – {self.province}" if self.is_department else self.province

    @property
    def whole_province(self) -> str:
        """'toàn tỉnh Lâm Đồng': the province named inside a sentence."""
        name = self.province
        return "toàn " + (name[0].lower() + name[1:] if name.startswith(("Tỉnh ", "Thành phố ")) else name)


@dataclass
class Table:
    title: str
    frame: pd.DataFrame  # column names are the headers people read; values stay numbers
    decimals: dict[str, int] = field(default_factory=dict)  # columns shown with decimals
    signed: tuple[str, ...] = ()  # change columns, shown with their sign
    note: str = ""
    empty_text: str = "Không phát sinh trong tháng."
    in_pdf: bool = True  # False: a long detail table that only the XLSX carries


@dataclass
class BarChart:
    title: str
    labels: list[str]
    current: list[float]
    previous: list[float]


@dataclass
class Section:
    title: str
    sheet: str
    blocks: list  # Table | BarChart | str (a paragraph)


@dataclass
class KeyFigure:
    label: str
    current: float
    previous: float
    province_wide: bool = False  # in a department's report: the province's figure


@dataclass
class MonthlyReport:
    month: date
    scope: Scope
    key_figures: list[KeyFigure]
    overview: Section  # the key figures and every KPI, as tables (the XLSX's first sheet)
    sections: list[Section]
    is_empty: bool  # nothing happened in the month: the report says so

    @property
    def title(self) -> str:
        return f"Báo cáo công tác quản lý, vận hành hệ thống {month_label(self.month).lower()}"


# ---------------------------------------------------------------------------------------------------------
# Reading the marts
# ---------------------------------------------------------------------------------------------------------

class Marts:
    """Read-only queries on the warehouse; nothing here writes."""

    def __init__(self, warehouse: Warehouse):
        self.warehouse = warehouse

    def close(self) -> None:
        self.warehouse.close()

    def frame(self, sql: str, params: list | tuple = ()) -> pd.DataFrame:
        frame = self.warehouse.read_frame(sql, list(params))
        if "month" in frame:  # DuckDB dates arrive as timestamps; compare them as dates
            frame["month"] = pd.to_datetime(frame["month"]).dt.date
        return frame

    def has_table(self, schema: str, table: str) -> bool:
        return self.warehouse.has_table(schema, table)

    def latest_month(self, today: date | None = None) -> date | None:
        """The latest month of monthly_kpis that has ended (today in Vietnam time): the month still running
        would give managers half a month. Only when no month with data has ended, the latest one."""
        if not self.has_table("marts", "monthly_kpis"):
            return None
        this_month = (today or vietnam_now().date()).replace(day=1)
        ended, latest = self.warehouse.execute(
            f"select max(case when month < {self.warehouse.placeholder} then month end), max(month) "
            f"from marts.monthly_kpis", [this_month])[0]
        value = ended if ended is not None else latest
        return pd.Timestamp(value).date() if value is not None else None

    def provinces(self) -> dict[str, str]:
        rows = self.warehouse.execute(
            "select province_code, min(province) from marts.monthly_kpis group by 1 order by 1")
        return dict(rows)

    def organisations(self) -> pd.DataFrame:
        """The organisation directory (names and hierarchy) from the organisations dimension."""
        columns = ["org_id", "parent_org_id", "org_name", "kind", "province_code"]
        if not self.has_table("marts", "dim_organizations"):
            return pd.DataFrame(columns=columns)
        return self.frame(f"select {', '.join(columns)} from marts.dim_organizations order by org_id")

    def kpis(self, province_code: str, month: date) -> pd.DataFrame:
        """Every indicator the model knows, with its value this month and last month (0 when absent)."""
        return self.frame("""
            with labels as (
                select indicator, min(label_vi) as label_vi, min(sort_order) as sort_order
                from marts.monthly_kpis group by indicator
            )
            select labels.indicator, labels.label_vi, labels.sort_order,
                   cast(coalesce(sum(k.value) filter (where k.month = ?), 0) as bigint) as current,
                   cast(coalesce(sum(k.value) filter (where k.month = ?), 0) as bigint) as previous
            from labels
            left join marts.monthly_kpis as k
              on k.indicator = labels.indicator and k.province_code = ? and k.month in (?, ?)
            group by labels.indicator, labels.label_vi, labels.sort_order
            order by labels.sort_order, labels.indicator""",
            [month, previous_month(month), province_code, month, previous_month(month)])

    def approvals(self, month: date) -> pd.DataFrame:
        return self.frame("""
            select cast(period_start as date) as month, object_type, org_id, submitted, decided, approved, rejected,
                   changes_requested, confirmed, dismissed, backlog_end, median_hours_to_decision,
                   p90_hours_to_decision, decided_past_service_level
            from marts.approval_throughput
            where period_kind = 'month' and period_start in (?, ?)""", [month, previous_month(month)])

    def violations(self, province_code: str, month: date) -> pd.DataFrame:
        return self.frame("""
            select cast(month as date) as month, category, severity, source, violations, establishments, products,
                   closed, median_days_to_close, repeat_offenders
            from marts.violation_statistics
            where province_code = ? and month in (?, ?)
            order by violations desc, category, severity, source""", [province_code, month, previous_month(month)])

    def flags(self, month: date) -> pd.DataFrame:
        return self.frame("""
            select cast(date_trunc('month', observed_at) as date) as month, object_type, rule_codes, reasons, org_id,
                   province_code
            from marts.flagged_items
            where observed_at >= ? and observed_at < ?""", [previous_month(month), next_month(month)])

    def rankings(self, province_code: str, month: date) -> pd.DataFrame:
        return self.frame("""
            select category, rank, establishment_name, score, previous_rank, rank_change, compliance_score,
                   rating_score, complaints_score, certificate_score, responsiveness_score
            from marts.facility_rankings
            where province_code = ? and month = ?
            order by category, rank""", [province_code, month])


# ---------------------------------------------------------------------------------------------------------
# Scopes: one report per province, one per department
# ---------------------------------------------------------------------------------------------------------

def units_of(organisations: pd.DataFrame, org_id: str) -> tuple[str, ...]:
    """The organisation and every unit below it."""
    children = organisations.groupby("parent_org_id")["org_id"].apply(list).to_dict()
    found, todo = [], [org_id]
    while todo:
        current = todo.pop()
        if current not in found:
            found.append(current)
            todo += children.get(current, [])
    return tuple(sorted(found))


def report_scopes(marts: Marts) -> list[Scope]:
    provinces = marts.provinces() if marts.has_table("marts", "monthly_kpis") else {}
    scopes = [Scope(f"tinh-{code}", name, code, name) for code, name in provinces.items()]
    organisations = marts.organisations()
    for org in organisations[organisations["kind"] == "department"].itertuples():
        province = provinces.get(org.province_code, f"Tỉnh mã {org.province_code}")
        scopes.append(Scope(org.org_id, org.org_name, org.province_code, province, org.org_id,
                            units_of(organisations, org.org_id)))
    return scopes


def org_provinces(organisations: pd.DataFrame) -> dict[str, str]:
    return dict(zip(organisations["org_id"], organisations["province_code"]))


def in_scope(frame: pd.DataFrame, scope: Scope, organisations: pd.DataFrame,
             by_province: str | None = None) -> pd.DataFrame:
    """Rows of a mart with an organisation that belong to the scope: a department's by organisation; a
    province's by the `by_province` column, else by the organisation's province (as monthly_kpis places it)."""
    if scope.is_department:
        return frame[frame["org_id"].isin(scope.org_ids)]
    if by_province:
        return frame[frame[by_province] == scope.province_code]
    # as objects: with no organisation known, map() gives a float column that a text fill would not fit
    province = frame["org_id"].map(org_provinces(organisations)).astype(object).fillna(UNKNOWN_PROVINCE)
    return frame[province == scope.province_code]


# ---------------------------------------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------------------------------------

def change_columns(month: date) -> tuple[str, str]:
    return month_label(month), month_label(previous_month(month))


def kpi_table(title: str, kpis: pd.DataFrame, codes: list[str], scope: Scope, month: date) -> list:
    """The section's KPIs with last month and the change."""
    this, last = change_columns(month)
    known = kpis.set_index("indicator")
    rows = [{"Chỉ tiêu": known.at[code, "label_vi"], this: known.at[code, "current"],
             last: known.at[code, "previous"], "Thay đổi": known.at[code, "current"] - known.at[code, "previous"]}
            for code in codes if code in known.index]
    note = f"Số liệu {scope.whole_province} (chỉ tiêu chưa phân theo đơn vị)." if scope.is_department else ""
    return [Table(title, pd.DataFrame(rows, columns=["Chỉ tiêu", this, last, "Thay đổi"]), signed=("Thay đổi",),
                  note=note, empty_text="Kho chưa có chỉ tiêu nào của phần này.")]


def members_section(kpis, scope, month) -> Section:
    return Section("Thành viên và cơ sở", "Thành viên và cơ sở",
                   kpi_table("Đăng ký, phê duyệt và xử lý tài khoản", kpis, SECTION_KPIS["members"], scope, month))


def count_by(frame: pd.DataFrame, keys: list[str], month: date, weight: str | None = None) -> pd.DataFrame:
    """keys + this month's and last month's count (or sum of `weight`) + the change, one row per key."""
    this, last = change_columns(month)
    values = frame[weight] if weight else pd.Series(1, index=frame.index)
    counted = pd.DataFrame({**{key: frame[key] for key in keys},
                            this: values.where(frame["month"] == month, 0),
                            last: values.where(frame["month"] == previous_month(month), 0)})
    counted = counted.groupby(keys, as_index=False)[[this, last]].sum()
    return counted.assign(**{"Thay đổi": counted[this] - counted[last]})


APPROVAL_COUNTS = ["submitted", "decided", "approved", "rejected", "changes_requested", "decided_past_service_level",
                   "backlog_end"]


def approvals_by_type(approvals: pd.DataFrame, month: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """This month's and last month's counts per object type (flags have their own section)."""
    rows = approvals[approvals["object_type"] != "flag"]
    current, previous = (rows[rows["month"] == m].groupby("object_type")[APPROVAL_COUNTS].sum()
                         for m in (month, previous_month(month)))
    types = [t for t in OBJECT_TYPES if t in current.index or t in previous.index]
    return current.reindex(types, fill_value=0), previous.reindex(types, fill_value=0)


def approvals_section(approvals: pd.DataFrame, names: dict[str, str], scope: Scope, month: date) -> Section:
    current, previous = approvals_by_type(approvals, month)
    summary = pd.DataFrame({
        "Loại hồ sơ": [OBJECT_TYPES[t] for t in current.index],
        "Tiếp nhận": current["submitted"].values,
        "Đã quyết định": current["decided"].values,
        "Thay đổi quyết định": (current["decided"] - previous["decided"]).values,
        "Phê duyệt": current["approved"].values,
        "Từ chối": current["rejected"].values,
        "Yêu cầu bổ sung": current["changes_requested"].values,
        "Quá hạn xử lý": current["decided_past_service_level"].values,
        "Tồn cuối tháng": current["backlog_end"].values,
        "Thay đổi tồn": (current["backlog_end"] - previous["backlog_end"]).values,
    })
    decided = approvals[(approvals["month"] == month) & (approvals["decided"] > 0)
                        & (approvals["object_type"] != "flag")]
    decided = decided.assign(unit=decided["org_id"].map(names).fillna(decided["org_id"]))
    matrix = pd.DataFrame({"Đơn vị": sorted(decided["unit"].unique())})
    for object_type, label in OBJECT_TYPES.items():
        hours = decided[decided["object_type"] == object_type].set_index("unit")["median_hours_to_decision"]
        if len(hours):
            matrix[label] = matrix["Đơn vị"].map(hours)
    order = {object_type: i for i, object_type in enumerate(OBJECT_TYPES)}
    detail = decided.sort_values(["object_type", "unit"], key=lambda c: c.map(order) if c.name == "object_type" else c)
    detail = pd.DataFrame({
        "Loại hồ sơ": detail["object_type"].map(OBJECT_TYPES), "Đơn vị": detail["unit"],
        "Tiếp nhận": detail["submitted"], "Đã quyết định": detail["decided"], "Phê duyệt": detail["approved"],
        "Từ chối": detail["rejected"], "Yêu cầu bổ sung": detail["changes_requested"],
        "Tồn cuối tháng": detail["backlog_end"], "Giờ xử lý (trung vị)": detail["median_hours_to_decision"],
        "Giờ xử lý (90%)": detail["p90_hours_to_decision"], "Quá hạn xử lý": detail["decided_past_service_level"]})
    who = f"{scope.name} và các đơn vị trực thuộc" if scope.is_department else f"các đơn vị ({scope.province})"
    return Section("Duyệt thông tin", "Duyệt thông tin", [
        f"Hồ sơ do {who} tiếp nhận và quyết định trong tháng. Tồn cuối tháng: hồ sơ còn chờ quyết định; "
        "quá hạn xử lý: quyết định ra sau thời hạn quy định (ngày làm việc).",
        Table("Theo loại hồ sơ", summary, signed=("Thay đổi quyết định", "Thay đổi tồn")),
        BarChart("Số quyết định duyệt theo loại hồ sơ", list(summary["Loại hồ sơ"]),
                 list(current["decided"]), list(previous["decided"])),
        Table("Thời gian ra quyết định theo đơn vị (giờ, trung vị)", matrix,
              decimals={column: 1 for column in matrix.columns[1:]}),
        Table("Chi tiết theo đơn vị và loại hồ sơ", detail, in_pdf=False,
              decimals={"Giờ xử lý (trung vị)": 1, "Giờ xử lý (90%)": 1}),
    ])


def complaints_section(kpis, scope, month) -> Section:
    return Section("Khiếu nại và tranh chấp", "Khiếu nại",
                   kpi_table("Tiếp nhận và giải quyết", kpis, SECTION_KPIS["complaints"], scope, month))


def violations_section(kpis, violations: pd.DataFrame, scope, month) -> Section:
    current = violations[violations["month"] == month]
    detail = pd.DataFrame({
        "Loại vi phạm": current["category"].map(VIOLATION_CATEGORIES).fillna(current["category"]),
        "Mức độ": current["severity"].map(SEVERITIES).fillna(current["severity"]),
        "Nguồn phát hiện": current["source"].map(VIOLATION_SOURCES).fillna(current["source"]),
        "Số vi phạm": current["violations"], "Số cơ sở": current["establishments"],
        "Số sản phẩm": current["products"], "Đã xử lý xong": current["closed"],
        "Ngày xử lý (trung vị)": current["median_days_to_close"], "Cơ sở tái phạm": current["repeat_offenders"],
    })
    this, last = change_columns(month)
    per_category = count_by(violations, ["category"], month, weight="violations").set_index("category")
    per_category = per_category.reindex([c for c in VIOLATION_CATEGORIES if c in per_category.index])
    return Section("Vi phạm an toàn thực phẩm", "Vi phạm ATTP", [
        *kpi_table("Theo mức độ", kpis, SECTION_KPIS["violations"], scope, month),
        Table("Theo loại, mức độ và nguồn phát hiện", detail, decimals={"Ngày xử lý (trung vị)": 1},
              note="Số cơ sở, số sản phẩm: không trùng lặp trong từng dòng; cơ sở tái phạm: có từ 2 vi phạm "
                   "trong 12 tháng."),
        BarChart("Số vi phạm theo loại", [VIOLATION_CATEGORIES[c] for c in per_category.index],
                 list(per_category[this]), list(per_category[last])),
    ])


def rule_counts(flags: pd.DataFrame) -> pd.DataFrame:
    """One row per flagged item and rule it broke (an item may break several), with the rule's reason."""
    rows = [(item.month, item.object_type, reason)
            for item in flags.itertuples()
            for _, reason in zip(item.rule_codes.split(";"), (item.reasons or "").split(" | "))]
    return pd.DataFrame(rows, columns=["month", "object_type", "reason"])


def flags_section(kpis, flags: pd.DataFrame, approvals: pd.DataFrame, scope, month) -> Section:
    this, last = change_columns(month)
    by_reason = count_by(rule_counts(flags), ["reason", "object_type"], month)
    by_reason = by_reason.sort_values([this, "reason"], ascending=[False, True])
    by_reason["object_type"] = by_reason["object_type"].map(OBJECT_TYPES)
    by_reason = by_reason.rename(columns={"reason": "Lý do cảnh báo", "object_type": "Đối tượng"})
    reviewed = approvals[approvals["object_type"] == "flag"]
    decisions = pd.DataFrame(
        [{"Quyết định": label, this: reviewed.loc[reviewed["month"] == month, column].sum(),
          last: reviewed.loc[reviewed["month"] == previous_month(month), column].sum()}
         for label, column in (("Xác nhận vi phạm", "confirmed"), ("Bác bỏ cảnh báo", "dismissed"),
                               ("Chờ xử lý cuối tháng", "backlog_end"))])
    decisions["Thay đổi"] = decisions[this] - decisions[last]
    whose = f" ({scope.name} và các đơn vị trực thuộc)" if scope.is_department else ""
    return Section("Cảnh báo và quyết định của người duyệt", "Cảnh báo", [
        *kpi_table("Cảnh báo phát sinh và đã xử lý", kpis, SECTION_KPIS["flags"], scope, month),
        Table(f"Cảnh báo theo lý do{whose}", by_reason, signed=("Thay đổi",),
              note="Một mục có thể vi phạm nhiều quy tắc nên tổng các dòng có thể lớn hơn số cảnh báo phát sinh."),
        Table(f"Quyết định của người duyệt{whose}", decisions, signed=("Thay đổi",)),
    ])


def incidents_section(kpis, scope, month) -> Section:
    return Section("Sự cố vận hành", "Sự cố",
                   kpi_table("Sự cố và thời gian khắc phục", kpis, SECTION_KPIS["incidents"], scope, month))


def documents_section(kpis, scope, month) -> Section:
    return Section("Văn bản chính sách", "Văn bản chính sách",
                   kpi_table("Văn bản được đăng", kpis, SECTION_KPIS["documents"], scope, month))


RANKING_COLUMNS = {"category": "Nhóm sản phẩm", "rank": "Hạng", "establishment_name": "Cơ sở", "score": "Điểm",
                   "previous_rank": "Hạng tháng trước", "rank_change": "Thay đổi hạng"}
SCORE_PARTS = {"compliance_score": "Điểm tuân thủ", "rating_score": "Điểm đánh giá",
               "complaints_score": "Điểm khiếu nại", "certificate_score": "Điểm chứng nhận",
               "responsiveness_score": "Điểm phản hồi"}


def ranking_table(title: str, rows: pd.DataFrame, columns: dict[str, str] = RANKING_COLUMNS, **options) -> Table:
    frame = rows[list(columns)].rename(columns=columns).reset_index(drop=True)
    frame["Nhóm sản phẩm"] = frame["Nhóm sản phẩm"].map(PRODUCT_CATEGORIES).fillna(frame["Nhóm sản phẩm"])
    decimals = {label: 2 for label in columns.values() if label.startswith("Điểm")}
    options.setdefault("empty_text", "Không có cơ sở được xếp hạng trong tháng.")
    return Table(title, frame, decimals=decimals, signed=("Thay đổi hạng",), **options)


def rankings_section(rankings: pd.DataFrame, scope, month) -> Section:
    order = {category: i for i, category in enumerate(PRODUCT_CATEGORIES)}
    rankings = rankings.sort_values(["category", "rank"],
                                    key=lambda c: c.map(order).fillna(len(order)) if c.name == "category" else c)
    last_rank = rankings.groupby("category")["rank"].transform("max")
    moved = rankings.dropna(subset=["rank_change"])
    rises = moved[moved["rank_change"] > 0].sort_values("rank_change", ascending=False, kind="stable")
    falls = moved[moved["rank_change"] < 0].sort_values("rank_change", kind="stable")
    note = f"Xếp hạng {scope.whole_province} (bảng xếp hạng chưa phân theo đơn vị)." if scope.is_department else ""
    blocks = ["Hạng 1 là tốt nhất trong mỗi nhóm sản phẩm; thay đổi hạng dương là tăng hạng so với tháng trước.",
              ranking_table("Dẫn đầu mỗi nhóm", rankings[rankings["rank"] == 1], note=note)]
    if len(rankings):
        blocks += [
            ranking_table("Cuối bảng mỗi nhóm", rankings[(rankings["rank"] == last_rank) & (rankings["rank"] > 1)],
                          empty_text="Không nhóm nào có từ 2 cơ sở được xếp hạng."),
            ranking_table("Tăng hạng nhiều nhất", rises.head(RANKING_MOVES),
                          empty_text="Không cơ sở nào tăng hạng so với tháng trước."),
            ranking_table("Giảm hạng nhiều nhất", falls.head(RANKING_MOVES),
                          empty_text="Không cơ sở nào giảm hạng so với tháng trước."),
        ]
    blocks.append(ranking_table("Bảng xếp hạng đầy đủ", rankings, RANKING_COLUMNS | SCORE_PARTS, in_pdf=False))
    return Section("Xếp hạng cơ sở", "Xếp hạng cơ sở", blocks)


def key_figures(kpis: pd.DataFrame, approvals: pd.DataFrame, scope: Scope, month: date) -> list[KeyFigure]:
    known = kpis.set_index("indicator")

    def kpi(label: str, *codes: str) -> KeyFigure:
        rows = known.loc[[code for code in codes if code in known.index]]
        return KeyFigure(label, rows["current"].sum(), rows["previous"].sum(), province_wide=scope.is_department)

    current, previous = approvals_by_type(approvals, month)
    backlog = [approvals.loc[approvals["month"] == m, "backlog_end"].sum() for m in (month, previous_month(month))]
    return [
        kpi("Tài khoản đăng ký mới", "members_registered"),
        kpi("Cơ sở được phê duyệt", "establishments_approved"),
        KeyFigure("Quyết định duyệt", current["decided"].sum(), previous["decided"].sum()),
        KeyFigure("Hồ sơ chờ duyệt cuối tháng", *backlog),  # flags awaiting a reviewer too, as moderation_backlog
        kpi("Khiếu nại tiếp nhận", "complaints_received"),
        kpi("Vi phạm an toàn thực phẩm", "violations_critical", "violations_serious", "violations_minor"),
        kpi("Cảnh báo phát sinh", "flags_raised"),
        kpi("Sự cố vận hành", "incidents_reported"),
    ]


def overview_section(figures: list[KeyFigure], kpis: pd.DataFrame, scope: Scope, month: date) -> Section:
    this, last = change_columns(month)
    key = pd.DataFrame([{"Chỉ tiêu": f.label, this: f.current, last: f.previous, "Thay đổi": f.current - f.previous,
                         "Phạm vi": scope.province if f.province_wide or not scope.is_department else scope.name}
                        for f in figures])
    every = pd.DataFrame({"Mã chỉ tiêu": kpis["indicator"], "Chỉ tiêu": kpis["label_vi"], this: kpis["current"],
                          last: kpis["previous"], "Thay đổi": kpis["current"] - kpis["previous"],
                          "Phạm vi": scope.province})
    return Section("Tổng quan", "Tổng quan", [
        Table("Những con số chính", key, signed=("Thay đổi",)),
        Table("Tất cả chỉ tiêu tháng (marts.monthly_kpis)", every, signed=("Thay đổi",),
              empty_text="Kho chưa có chỉ tiêu nào."),
    ])


def compose_report(marts: Marts, scope: Scope, month: date) -> MonthlyReport:
    organisations = marts.organisations()
    names = dict(zip(organisations["org_id"], organisations["org_name"])) | {"unassigned": "Chưa phân công"}
    kpis = marts.kpis(scope.province_code, month)
    approvals = in_scope(marts.approvals(month), scope, organisations)
    flags = in_scope(marts.flags(month), scope, organisations, by_province="province_code")
    rankings = marts.rankings(scope.province_code, month)
    sections = [
        members_section(kpis, scope, month),
        approvals_section(approvals, names, scope, month),
        complaints_section(kpis, scope, month),
        violations_section(kpis, marts.violations(scope.province_code, month), scope, month),
        flags_section(kpis, flags, approvals, scope, month),
        incidents_section(kpis, scope, month),
        documents_section(kpis, scope, month),
        rankings_section(rankings, scope, month),
    ]
    this_month = approvals[approvals["month"] == month]
    is_empty = not (kpis["current"].any() or len(rankings)
                    or this_month[["submitted", "decided", "backlog_end"]].to_numpy().any())
    figures = key_figures(kpis, approvals, scope, month)
    return MonthlyReport(month, scope, figures, overview_section(figures, kpis, scope, month), sections, is_empty)
