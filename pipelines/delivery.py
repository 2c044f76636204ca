"""E-mail delivery of the monthly reports over SMTP.

One message per report (its PDF and XLSX attached) to the recipients configured for its province or department
(report_delivery.yaml: HOME/report_delivery.yaml, else config/report_delivery.yaml). The server's user name and
password come from the environment (GIAMSAT_SMTP_USER, GIAMSAT_SMTP_PASSWORD), read when sending. A temporary
failure is retried with a growing pause; every outcome goes to HOME/reports/delivery_log.jsonl, and a report
already sent with the same content (month, scope, checksum of its files) is not sent again unless asked.
"""

from __future__ import annotations

import hashlib
import json
import os
import smtplib
import ssl
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import formataddr, parseaddr
from pathlib import Path

import yaml

from pipelines.settings import PROJECT_ROOT

CONFIG_NAME = "report_delivery.yaml"
XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@dataclass(frozen=True)
class SmtpConfig:
    host: str = ""  # empty: delivery is switched off
    port: int = 587
    security: str = "starttls"  # starttls | ssl | none
    sender: str = ""
    attempts: int = 3
    backoff_seconds: float = 30.0  # pause before the 2nd attempt; doubled before each further one
    timeout_seconds: float = 30.0


@dataclass(frozen=True)
class DeliveryConfig:
    smtp: SmtpConfig = field(default_factory=SmtpConfig)
    provinces: dict[str, list[str]] = field(default_factory=dict)  # province code → addresses
    organizations: dict[str, list[str]] = field(default_factory=dict)  # department org_id → addresses

    def recipients(self, report: dict) -> list[str]:
        if report.get("org_id"):
            return list(self.organizations.get(report["org_id"], []))
        return list(self.provinces.get(report["province_code"], []))


def config_path(home: Path) -> Path:
    """The home folder's own file, else the project's."""
    own = home / CONFIG_NAME
    return own if own.exists() else PROJECT_ROOT / "config" / CONFIG_NAME


def load_config(path: Path) -> DeliveryConfig:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    recipients = data.get("recipients") or {}
    as_lists = lambda mapping: {str(k): list(v or []) for k, v in (mapping or {}).items()}  # noqa: E731
    return DeliveryConfig(SmtpConfig(**(data.get("smtp") or {})), as_lists(recipients.get("provinces")),
                          as_lists(recipients.get("organizations")))


@dataclass
class Delivery:
    """The outcome of delivering one report: sent | already_sent | failed | no_recipients."""

    month: str
    scope: str
    label: str
    checksum: str
    recipients: list[str]
    status: str
    attempts: int = 0
    message: str = ""
    at: str = ""

    def line(self) -> str:
        """What a person reads (command line, Dagster log)."""
        to = ", ".join(self.recipients)
        return {
            "sent": f"ĐÃ GỬI    {self.label} → {to} (lần thử {self.attempts}){self.message and ': ' + self.message}",
            "already_sent": f"BỎ QUA    {self.label}: đã gửi trước đây với cùng nội dung (dùng --resend để gửi lại)",
            "failed": f"LỖI GỬI   {self.label} → {to}, sau {self.attempts} lần thử: {self.message}. "
                      f"Báo cáo vẫn được lưu, có thể gửi lại sau.",
            "no_recipients": f"CHƯA GỬI  {self.label}: chưa cấu hình người nhận trong {CONFIG_NAME}",
        }[self.status]


def checksum(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


class DeliveryLog:
    """One JSON line per attempt to deliver a report."""

    def __init__(self, path: Path):
        self.path = path

    def entries(self) -> list[dict]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines() if line.strip()]

    def was_sent(self, month: str, scope: str, digest: str) -> bool:
        return any(e["status"] == "sent" and (e["month"], e["scope"], e["checksum"]) == (month, scope, digest)
                   for e in self.entries())

    def append(self, delivery: Delivery) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(asdict(delivery), ensure_ascii=False) + "\n")


def build_message(report: dict, month_label: str, recipients: list[str], sender: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = f"Báo cáo công tác quản lý, vận hành hệ thống {month_label} – {report['label']}"
    name, address = parseaddr(sender)
    message["From"] = formataddr((name, address)) if name else address
    message["To"] = ", ".join(recipients)
    quiet = "\nTrong tháng không ghi nhận hoạt động nào.\n" if report["is_empty"] else ""
    message.set_content(
        f"Kính gửi {report['name']},\n\n"
        f"Kho dữ liệu giám sát gửi kèm báo cáo công tác quản lý, vận hành hệ thống {month_label} "
        f"({report['label']}): tệp PDF để đọc, tệp XLSX cùng số liệu để lọc và tính toán.\n{quiet}\n"
        "Thư được gửi tự động, xin không trả lời thư này.\n", cte="quoted-printable")  # 7-bit safe everywhere
    for key, kind in (("pdf", ("application", "pdf")), ("xlsx", XLSX_TYPE)):
        path = Path(report[key])
        message.add_attachment(path.read_bytes(), maintype=kind[0], subtype=kind[1], filename=path.name)
    return message


def is_temporary(error: Exception) -> bool:
    """Worth another try: no connection, a dropped one, or a 4xx answer. A 5xx answer is final."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, (smtplib.SMTPServerDisconnected, OSError))


def describe(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "máy chủ từ chối người nhận " + "; ".join(
            f"{address} ({code} {text.decode(errors='replace')})" for address, (code, text) in error.recipients.items())
    if isinstance(error, smtplib.SMTPResponseException):
        return f"máy chủ thư từ chối ({error.smtp_code} {error.smtp_error.decode(errors='replace')})"
    if isinstance(error, OSError):
        return f"không kết nối được máy chủ thư ({error.strerror or error})"
    if isinstance(error, UnicodeEncodeError):  # smtplib sends AUTH as ASCII only
        return "tên đăng nhập hoặc mật khẩu máy chủ thư (GIAMSAT_SMTP_USER, GIAMSAT_SMTP_PASSWORD) có ký tự ngoài ASCII"
    return str(error)


def send_once(message: EmailMessage, smtp: SmtpConfig) -> dict:
    """Send over one connection; returns the recipients the server refused while accepting the others."""
    user, password = os.environ.get("GIAMSAT_SMTP_USER"), os.environ.get("GIAMSAT_SMTP_PASSWORD")
    if smtp.security == "ssl":
        server = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout_seconds,
                                  context=ssl.create_default_context())
    else:
        server = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout_seconds)
    with server:
        if smtp.security == "starttls":
            server.starttls(context=ssl.create_default_context())
        if user:
            server.login(user, password or "")
        return server.send_message(message)


def send_with_retries(message: EmailMessage, smtp: SmtpConfig, sleep=time.sleep) -> tuple[int, str | None, str]:
    """(attempts made, error text or None, note on refused recipients)."""
    for attempt in range(1, smtp.attempts + 1):
        try:
            refused = send_once(message, smtp)
            return attempt, None, "; ".join(f"từ chối {address}" for address in refused)
        except (smtplib.SMTPException, OSError, UnicodeEncodeError) as error:
            if attempt == smtp.attempts or not is_temporary(error):
                return attempt, describe(error), ""
            sleep(smtp.backoff_seconds * 2 ** (attempt - 1))
    raise AssertionError("unreachable: attempts must be at least 1")


def deliver(manifest: dict, config: DeliveryConfig, log: DeliveryLog, resend: bool = False,
            sleep=time.sleep) -> list[Delivery]:
    """Deliver every report of a month's manifest (pipelines.reports.write_manifest); never raises on a failed
    delivery: the outcome says what happened, and the files stay where they are."""
    outcomes = []
    for report in manifest["reports"]:
        digest = checksum([Path(report["pdf"]), Path(report["xlsx"])])
        recipients = config.recipients(report)
        outcome = Delivery(manifest["month"], report["key"], report["label"], digest, recipients, "no_recipients",
                           at=datetime.now().isoformat(timespec="seconds"))
        if recipients and not resend and log.was_sent(manifest["month"], report["key"], digest):
            outcome.status = "already_sent"
        elif recipients:
            message = build_message(report, manifest["month_label"], recipients, config.smtp.sender)
            outcome.attempts, error, note = send_with_retries(message, config.smtp, sleep)
            outcome.status, outcome.message = ("failed", error) if error else ("sent", note)
            log.append(outcome)
        outcomes.append(outcome)
    return outcomes
