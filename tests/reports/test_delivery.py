"""Delivery by e-mail to an SMTP server started here on 127.0.0.1 (aiosmtpd): sent once, retried, refused."""

import email
import json
import shutil
import socket
from email import policy
from pathlib import Path

import pytest
import yaml
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from click.testing import CliRunner
from dagster import materialize

import marts_fixture as fx
from pipelines import delivery
from pipelines.cli import main
from pipelines.reports import deliver_month, monthly_report, monthly_report_delivery
from pipelines.resources import WarehouseResource
from pipelines.settings import load_settings

PROVINCE_TO = ["lanh-dao@lamdong.example"]
HEALTH_TO = ["so-y-te@lamdong.example", "thanh-tra@lamdong.example"]


class Mailbox:
    """An aiosmtpd handler: keeps what it receives; `refuse` is a list of answers to give to RCPT first."""

    def __init__(self, refuse: list[str] | None = None):
        self.messages, self.logins, self.refuse = [], [], list(refuse or [])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return self.refuse.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content, policy=policy.default)))
        return "250 Message accepted"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    """Start a server with a given Mailbox on 127.0.0.1; it requires a login (from the environment)."""
    started = []

    def start(mailbox: Mailbox) -> int:
        controller = Controller(mailbox, hostname="127.0.0.1", port=free_port(), authenticator=mailbox.authenticate,
                                auth_required=True, auth_require_tls=False)
        controller.start()
        started.append(controller)
        return controller.port

    yield start
    for controller in started:
        controller.stop()


@pytest.fixture
def home(report_home, manifest, tmp_path, monkeypatch) -> Path:
    """A home of its own (own delivery log) with the fixture warehouse and the month's manifest (pointing at the
    session's report files); credentials in the environment."""
    shutil.copy(report_home / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    (tmp_path / "reports").mkdir()
    shutil.copy(report_home / "reports" / "bao-cao-thang-2026-11.json", tmp_path / "reports")
    monkeypatch.setenv("GIAMSAT_SMTP_USER", "bao-cao")
    monkeypatch.setenv("GIAMSAT_SMTP_PASSWORD", "mat-khau-2026")
    return tmp_path


def configure(home: Path, port: int, attempts: int = 3) -> None:
    config = {"smtp": {"host": "127.0.0.1", "port": port, "security": "none", "attempts": attempts,
                       "backoff_seconds": 0, "timeout_seconds": 5,
                       "sender": "Kho dữ liệu giám sát <bao-cao@lamdong.example>"},
              "recipients": {"provinces": {"68": PROVINCE_TO}, "organizations": {"ORG_YT": HEALTH_TO}}}
    (home / delivery.CONFIG_NAME).write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


def report_command(home: Path, *options: str):
    return CliRunner().invoke(main, ["report", "--month", "2026-11", "--home", str(home), *options])


def deliver_again(home: Path, resend: bool = False) -> list[delivery.Delivery]:
    """The delivery alone, as the Dagster delivery asset runs it (no rebuild)."""
    return deliver_month(load_settings(home), fx.MONTH, resend=resend)


def log_entries(home: Path) -> list[dict]:
    return delivery.DeliveryLog(home / "reports" / "delivery_log.jsonl").entries()


def test_each_report_goes_once_to_its_recipients_with_both_files(home, smtp_server):
    mailbox = Mailbox()
    configure(home, smtp_server(mailbox))
    result = report_command(home, "--send")
    assert result.exit_code == 0, result.output
    assert sorted(sorted(to) for to, _ in mailbox.messages) == [PROVINCE_TO, sorted(HEALTH_TO)]
    assert mailbox.logins == [("bao-cao", "mat-khau-2026")] * 2
    to, message = next(m for m in mailbox.messages if m[0] == PROVINCE_TO)
    assert message["Subject"] == "Báo cáo công tác quản lý, vận hành hệ thống tháng 11/2026 – Tỉnh Lâm Đồng"
    assert "Kính gửi Tỉnh Lâm Đồng" in message.get_body().get_content()
    files = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    manifest = json.loads((home / "reports" / "bao-cao-thang-2026-11.json").read_text(encoding="utf-8"))
    province = next(r for r in manifest["reports"] if r["key"] == "tinh-68")
    assert files == {Path(province["pdf"]).name: Path(province["pdf"]).read_bytes(),
                     Path(province["xlsx"]).name: Path(province["xlsx"]).read_bytes()}
    assert "ĐÃ GỬI    Sở Y tế – Tỉnh Lâm Đồng → so-y-te@lamdong.example, thanh-tra@lamdong.example" in result.output
    assert "CHƯA GỬI  Sở Công Thương – Tỉnh Lâm Đồng: chưa cấu hình người nhận" in result.output
    assert [(e["scope"], e["status"]) for e in log_entries(home)] == [("tinh-68", "sent"), ("ORG_YT", "sent")]

    again = deliver_again(home)  # the same files (a rebuild gives the same bytes): nothing is sent again
    assert len(mailbox.messages) == 2
    assert "BỎ QUA    Tỉnh Lâm Đồng: đã gửi trước đây với cùng nội dung (dùng --resend để gửi lại)" in [
        outcome.line() for outcome in again]

    assert {o.status for o in deliver_again(home, resend=True)} == {"sent", "no_recipients"}
    assert len(mailbox.messages) == 4


def test_a_refusing_server_is_reported_the_report_kept_and_sent_later(home, smtp_server):
    refusing = Mailbox(refuse=["550 5.1.1 Mailbox unavailable"] * 10)
    configure(home, smtp_server(refusing))
    lines = [outcome.line() for outcome in deliver_again(home)]
    assert ("LỖI GỬI   Tỉnh Lâm Đồng → lanh-dao@lamdong.example, sau 1 lần thử: máy chủ từ chối người nhận "
            "lanh-dao@lamdong.example (550 5.1.1 Mailbox unavailable). Báo cáo vẫn được lưu, có thể gửi lại sau."
            in lines)
    assert not refusing.messages
    failed = log_entries(home)
    assert [(e["scope"], e["status"], e["attempts"]) for e in failed] == [("tinh-68", "failed", 1),
                                                                         ("ORG_YT", "failed", 1)]
    manifest = json.loads((home / "reports" / "bao-cao-thang-2026-11.json").read_text(encoding="utf-8"))
    assert all(Path(r["pdf"]).exists() and Path(r["xlsx"]).exists() for r in manifest["reports"])

    accepting = Mailbox()
    configure(home, smtp_server(accepting))
    assert {o.status for o in deliver_again(home)} == {"sent", "no_recipients"}  # a failure is no delivery
    assert len(accepting.messages) == 2


def test_temporary_refusals_are_retried_with_a_growing_pause(settings, manifest, smtp_server, tmp_path, monkeypatch):
    monkeypatch.setenv("GIAMSAT_SMTP_USER", "bao-cao")
    mailbox = Mailbox(refuse=["451 4.3.0 Try again later", "451 4.3.0 Try again later"])
    smtp = delivery.SmtpConfig(host="127.0.0.1", port=smtp_server(mailbox), security="none", attempts=3,
                               backoff_seconds=30, sender="bao-cao@lamdong.example")
    config = delivery.DeliveryConfig(smtp, provinces={"68": PROVINCE_TO})
    pauses = []
    outcomes = delivery.deliver(manifest, config, delivery.DeliveryLog(tmp_path / "log.jsonl"), sleep=pauses.append)
    sent = next(o for o in outcomes if o.scope == "tinh-68")
    assert (sent.status, sent.attempts, pauses) == ("sent", 3, [30, 60])
    assert len(mailbox.messages) == 1


def test_an_unreachable_server_is_tried_a_few_times_then_reported(manifest, tmp_path):
    smtp = delivery.SmtpConfig(host="127.0.0.1", port=free_port(), security="none", attempts=3, backoff_seconds=2)
    config = delivery.DeliveryConfig(smtp, organizations={"ORG_YT": HEALTH_TO})
    pauses = []
    log = delivery.DeliveryLog(tmp_path / "log.jsonl")
    outcomes = delivery.deliver(manifest, config, log, sleep=pauses.append)
    (outcome,) = [o for o in outcomes if o.status != "no_recipients"]
    assert (outcome.scope, outcome.status, outcome.attempts, pauses) == ("ORG_YT", "failed", 3, [2, 4])
    assert outcome.message.startswith("không kết nối được máy chủ thư")
    assert log.entries()[0]["status"] == "failed"


def test_credentials_smtplib_cannot_send_are_reported_not_raised(home, smtp_server, monkeypatch):
    monkeypatch.setenv("GIAMSAT_SMTP_PASSWORD", "mật-khẩu")
    configure(home, smtp_server(Mailbox()))
    failed = [o for o in deliver_again(home) if o.status == "failed"]
    assert len(failed) == 2 and all("có ký tự ngoài ASCII" in o.message and o.attempts == 1 for o in failed)


def test_without_a_server_configured_nothing_is_sent(home):
    assert deliver_again(home) is None  # the project's config/report_delivery.yaml has no host
    assert not log_entries(home)


def test_the_project_config_names_the_sample_departments():
    config = delivery.load_config(delivery.config_path(Path("/nonexistent")))
    assert config.smtp.host == "" and set(config.organizations) == {"ORG000001", "ORG000006", "ORG000010"}



def test_in_dagster_a_failed_delivery_fails_its_step_and_the_report_stays(home, smtp_server):
    configure(home, smtp_server(Mailbox(refuse=["550 5.7.1 Relaying denied"] * 10)))
    result = materialize([monthly_report, monthly_report_delivery], partition_key="2010-01-01",
                         resources={"warehouse": WarehouseResource(home=str(home))}, raise_on_error=False)
    assert not result.success
    assert len(result.asset_materializations_for_node("reports__monthly_report")) == 1  # the report is made …
    assert not result.asset_materializations_for_node("reports__monthly_report_delivery")  # … its delivery not
    (failure,) = [e for e in result.all_events if e.is_step_failure]
    assert "Gửi báo cáo không thành công" in failure.step_failure_data.error.message
    assert "550 5.7.1 Relaying denied" in failure.step_failure_data.error.message
    assert (home / "reports" / "bao-cao-thang-2010-01_tinh-68_tinh-lam-dong.pdf").exists()
