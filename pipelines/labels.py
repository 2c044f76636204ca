"""Vietnamese labels of the review queue's codes, for what reviewers read (exports, imports of decisions).

The rules' own texts (reason_vi) live in dbt_project/seeds/flag_rules.csv; these are the few codes around them.
"""

from __future__ import annotations

import unicodedata

OBJECT_TYPE_LABELS = {
    "listing": "Tin đăng sản phẩm",
    "supply_demand_post": "Tin cung cầu",
    "review": "Đánh giá",
    "member": "Tài khoản",
    "comment": "Bình luận",
    "complaint": "Khiếu nại",
}
STATUS_LABELS = {
    "open": "Chờ xử lý",
    "escalated": "Đã chuyển cấp trên",
    "confirmed": "Đã xác nhận vi phạm",
    "dismissed": "Đã bác bỏ",
    "cleared": "Hết dấu hiệu",
}
DECISION_LABELS = {
    "confirmed": "Xác nhận vi phạm",
    "dismissed": "Bác bỏ",
    "escalated": "Chuyển cấp trên",
}


def fold(text: str) -> str:
    """Lower case, no diacritics (đ as d), single spaces: how a person would compare two spellings."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in text if unicodedata.category(c) != "Mn").casefold().split())
