"""The contract reference for exporters (docs/contract.md) is generated and cannot drift (ingest.reference)."""

from __future__ import annotations

from ingest.contract import RECORD_TYPES
from ingest.reference import OUTPUT, render


def test_the_committed_reference_is_the_generated_one():
    assert OUTPUT.read_text(encoding="utf-8") == render(), "run: python -m ingest.reference"


def test_the_reference_lists_every_record_type_and_field_with_its_rules():
    text = render()
    for name, rt in RECORD_TYPES.items():
        assert f"### `{name}`" in text
        for f in rt.fields:
            assert f"| `{f.name}` |" in text
    assert "| `unit` | một giá trị trong danh sách |  | `kg`, `yen`," in text
    assert "cũng nhận: `yến` → `yen`" in text
    assert "| `ocop_stars` | số nguyên |  | từ 3 đến 5 |" in text
    assert "| `citizen_id` | văn bản |  | mẫu `\\d{12}`; dữ liệu cá nhân: lưu dạng băm |" in text
