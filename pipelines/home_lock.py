"""One user of a home's DuckDB warehouse at a time.

DuckDB lets one process open the file for writing and then refuses every other process, readers included. So
every command and every Dagster run that opens a home's warehouse first takes the home's lock file and waits
for it, rather than failing on the DuckDB lock: a sensor-started run waits for a command started by hand, and
the other way round. PostgreSQL needs no such lock. The lock is reentrant within a process (a command that
runs a job in process takes it once for both).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from filelock import FileLock, Timeout

from pipelines.settings import Settings

LOCK_FILE = ".giamsat.lock"
HOLDER_FILE = ".giamsat.lock.holder"  # who holds the lock, for the waiting message
WAIT_SECONDS = 3600  # a whole scale-10 run takes minutes; an hour's wait means something is stuck


class HomeBusy(RuntimeError):
    """Another process still held the home after WAIT_SECONDS."""


def _holder(settings: Settings) -> str:
    try:
        return (settings.home / HOLDER_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return "không rõ"


def _duration(seconds: float) -> str:
    return f"{seconds / 60:.0f} phút" if seconds >= 60 else f"{seconds:.0f} giây"


@contextmanager
def exclusive_home(settings: Settings, doing: str, progress: Callable[[str], None] = print) -> Iterator[None]:
    """Hold the home's lock while doing (a few words for the waiting message of others)."""
    if settings.warehouse != "duckdb":
        yield
        return
    settings.home.mkdir(parents=True, exist_ok=True)
    lock = FileLock(settings.home / LOCK_FILE, thread_local=False, is_singleton=True)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        progress(f"Kho {settings.home} đang được dùng ({_holder(settings)}); chờ tối đa "
                 f"{_duration(WAIT_SECONDS)} cho xong rồi mới {doing}…")
        try:
            lock.acquire(timeout=WAIT_SECONDS)
        except Timeout:
            raise HomeBusy(f"Kho {settings.home} vẫn đang được dùng ({_holder(settings)}) sau "
                           f"{_duration(WAIT_SECONDS)}: chưa {doing}.") from None
    try:
        if lock.lock_counter == 1:
            (settings.home / HOLDER_FILE).write_text(f"tiến trình {os.getpid()}: {doing}\n", encoding="utf-8")
        yield
    finally:
        lock.release()
