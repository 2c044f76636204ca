"""The contract reference for the people who produce the exports, generated from RECORD_TYPES.

`python -m ingest.reference` writes docs/contract.md; a test checks that the committed file equals `render()`,
so the reference cannot drift from the contract.
"""

from __future__ import annotations

from pathlib import Path

from ingest.contract import RECORD_TYPES, Field, RecordType
from ingest.readers import READERS

OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "contract.md"

TYPE_NAMES = {
    "str": "văn bản", "int": "số nguyên", "decimal": "số", "date": "ngày", "datetime": "ngày giờ",
    "bool": "đúng/sai", "enum": "một giá trị trong danh sách", "list": "danh sách, cách nhau bởi `;`",
}

INTRODUCTION = """\
# Hợp đồng dữ liệu đầu vào

> Tệp này được sinh tự động từ `ingest/contract.py` bằng lệnh `python -m ingest.reference`. Đừng sửa tay:
> hãy sửa hợp đồng rồi sinh lại.

Tài liệu dành cho những người xuất dữ liệu từ nền tảng để nạp vào kho phân tích: tên tệp, định dạng, các
trường của từng loại bản ghi và cách kho xử lý một tệp hay một dòng không đúng hợp đồng.

## Đặt tên tệp

Mỗi tệp chứa một loại bản ghi và được đặt tên `<loại_bản_ghi>[_phần_tùy_ý].<đuôi>`, ví dụ
`establishments_2026-01.csv`, `moderation_events.jsonl`. Tên bắt đầu bằng tên một loại bản ghi (xem danh
sách bên dưới), sau đó là hết tên hoặc dấu `_`. Tệp có tên không ứng với loại bản ghi nào bị từ chối.

## Định dạng được nhận

| đuôi | định dạng | ghi chú |
|---|---|---|
| `.csv` | CSV | mã hoá UTF-8, UTF-8 có BOM, hoặc UTF-16 có BOM (Excel: "Unicode Text"); dấu phân cách `,` `;` hoặc TAB, nhận ra từ dòng tiêu đề; dòng 1 là tiêu đề |
| `.xlsx` | Excel | chỉ đọc trang tính đầu tiên; hàng 1 là tiêu đề |
| `.jsonl` | JSON Lines | mỗi dòng một đối tượng `{...}`; khoá là tên trường; khoá vắng mặt là giá trị trống |
| `.parquet` | Parquet | tên cột là tên trường |

- Tên cột không phân biệt hoa thường; cột không có trong hợp đồng được bỏ qua. Thiếu hẳn một cột bắt buộc
  thì cả tệp bị từ chối.
- Văn bản được chuẩn hoá Unicode NFC và bỏ khoảng trắng hai đầu; ô trống là giá trị trống.
- Văn bản mã cũ (TCVN3, VNI, Windows-1258) không được nhận: hãy lưu lại dưới dạng CSV UTF-8.
- Trong Excel, hãy định dạng các cột mã (mã số thuế, số điện thoại, CCCD) là văn bản: Excel bỏ số 0 ở đầu
  của một ô số.
- Số dòng trong báo cáo lỗi: dòng của tệp với CSV và JSON Lines (tiêu đề CSV là dòng 1), hàng của trang tính
  với XLSX, thứ tự hàng (từ 1) với Parquet.

## Cách viết giá trị

| kiểu | cách viết được nhận |
|---|---|
| văn bản | bất kỳ; trường có mẫu (mã số thuế, CCCD, mã tỉnh) được bỏ khoảng trắng rồi phải khớp đủ mẫu |
| số nguyên, số | `1250000`, `1.250.000`, `1.250.000 đ`, `1.250.000đ`, `2,5` (= 2,5), `1.250,5`, `2.5`; dấu chấm theo nhóm ba chữ số là phân cách hàng nghìn, một dấu phẩy là dấu thập phân; lưu với 3 chữ số thập phân |
| ngày | `2026-01-31` hoặc `31/01/2026`; ngày không có thật (`31/02/2026`) bị từ chối |
| ngày giờ | `2026-01-31 08:30`, `2026-01-31T08:30:00`, `2026-01-31T08:30:00+07:00` (có múi giờ thì đổi về giờ Việt Nam), `31/01/2026 08:30[:00]` |
| đúng/sai | `true`/`false`, `1`/`0`, `có`/`không` |
| một giá trị trong danh sách | một giá trị cho phép, không phân biệt hoa thường; một số trường nhận thêm cách viết khác (ghi ở cột ràng buộc) |
| danh sách | các giá trị cho phép cách nhau bởi `;`, ví dụ `vietgap;ocop` |

## Dữ liệu cá nhân và địa chỉ

- Số điện thoại, e-mail, số CCCD được thay bằng mã băm có khoá (HMAC-SHA256) ngay khi nạp; giá trị gốc
  không được lưu ở đâu trong kho, kể cả trong vùng cách ly. Trước khi băm: số điện thoại bỏ khoảng trắng,
  dấu chấm, gạch ngang, `+84`/`84` đổi thành `0` (nên `0912 345 678` và `+84 912 345 678` là một);
  e-mail viết thường; CCCD chỉ giữ chữ số. Cột trong kho: `<tên trường>_hash`.
- Địa chỉ được giữ nguyên văn và chuẩn hoá theo đơn vị hành chính từ 01/07/2025 (34 tỉnh, thành; xã,
  phường; không còn cấp huyện), nhận cả địa chỉ cũ tỉnh–huyện–xã (kể cả viết tắt `P.`, `Q.`, `TP.`, `H.`,
  `X.`, `TX.` và không dấu). Cột thêm: `_province_code`, `_province`, `_ward_code`, `_ward`, `_status`;
  `_status` là `resolved` (tìm được xã/phường), `province_only` (chỉ tìm được tỉnh), `unresolved`
  (không nhận ra: không đoán) hoặc `empty`.

## Tệp lỗi và dòng lỗi

- Một tệp không đọc được (hỏng, bị cắt cụt, không đúng định dạng theo đuôi, tên không ứng với loại bản
  ghi nào, thiếu cột bắt buộc) bị từ chối cả tệp: không dòng nào được nạp, tệp được chuyển vào thư mục
  `refused/` kèm tệp `<tên>.reason.txt` ghi lý do.
- Một dòng sai hợp đồng (thiếu trường bắt buộc, sai kiểu, giá trị ngoài danh sách, ngày không có thật,
  trùng khoá) được đưa vào vùng cách ly (`raw.quarantine`) với tệp, dòng, trường và lý do; các dòng khác
  vẫn được nạp.
- Khoá của mỗi loại bản ghi là (mã, `updated_at`): một bản ghi có thể được gửi lại với `updated_at` mới hơn,
  nhưng trong một tệp không được lặp lại cùng khoá (dòng sau bị cách ly).
- Mỗi tệp được ghi vào nhật ký lô (`raw.batch_log`): số dòng nhận = số dòng nạp + số dòng cách ly. Gửi lại
  đúng tệp đã nạp (cùng checksum SHA-256) thì không nạp lại.

## Các loại bản ghi
"""


def _constraints(field: Field) -> str:
    notes = []
    if field.allowed:
        notes.append(", ".join(f"`{value}`" for value in field.allowed))
    if field.aliases:
        notes.append("cũng nhận: " + ", ".join(f"`{alias}` → `{value}`" for alias, value in field.aliases.items()))
    if field.min is not None or field.max is not None:
        low = "" if field.min is None else f"{field.min:g}"
        high = "" if field.max is None else f"{field.max:g}"
        notes.append(f"từ {low} đến {high}" if low and high else f"≥ {low}" if low else f"≤ {high}")
    if field.pattern:
        notes.append(f"mẫu `{field.pattern}`")
    if field.type in ("date", "datetime") and not field.future:
        notes.append("không sau thời điểm nạp quá 1 ngày")
    if field.pii:
        notes.append("dữ liệu cá nhân: lưu dạng băm")
    if field.address:
        notes.append("địa chỉ: chuẩn hoá theo đơn vị 2025")
    return "; ".join(notes).replace("|", "\\|")


def _record_type_section(record_type: RecordType) -> str:
    id_field, time_field = record_type.key
    lines = [
        f"### `{record_type.name}`",
        "",
        f"{record_type.description}. Phiên bản {record_type.version}; khoá (`{id_field}`, `{time_field}`);"
        f" bảng trong kho `raw.{record_type.name}`.",
        "",
        "| trường | kiểu | bắt buộc | giá trị cho phép, ràng buộc | mô tả |",
        "|---|---|---|---|---|",
    ]
    for f in record_type.fields:
        required = "có" if f.required else ""
        lines.append(f"| `{f.name}` | {TYPE_NAMES[f.type]} | {required} | {_constraints(f)} | {f.description} |")
    return "\n".join(lines) + "\n"


def render() -> str:
    index = "\n".join(f"- [`{name}`](#{name}): {rt.description}" for name, rt in RECORD_TYPES.items())
    sections = "\n".join(_record_type_section(rt) for rt in RECORD_TYPES.values())
    assert set(READERS) == {".csv", ".xlsx", ".jsonl", ".parquet"}, "update the table of formats above"
    return f"{INTRODUCTION}\n{index}\n\n{sections}"


def main() -> None:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(render(), encoding="utf-8")
    print(f"đã ghi {OUTPUT}")


if __name__ == "__main__":
    main()
