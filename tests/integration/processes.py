"""Real processes for the integration tests: a Celery worker and a private redis-server.

Both are started as subprocesses exactly as an operator would start them, and always stopped
(terminate, then kill) by the fixtures that own them.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
ARTIFACTS = BASE_DIR / "test-artifacts"
CELERY_BIN = Path(sys.executable).with_name("celery")


def wait_for(predicate: Callable[[], object], *, timeout: float, message: str, every=0.2):
    """Poll until `predicate()` is truthy; fail with `message` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"{message} (waited {timeout:.0f} s)")
        time.sleep(every)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stop(process: subprocess.Popen, grace: float = 10) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


class CeleryWorker:
    """`celery -A commentapp worker` (solo pool: the task runs in the process we can kill)."""

    def __init__(self, *, env: dict[str, str], include: tuple[str, ...] = (), beat=False):
        self.name = f"test-{uuid.uuid4().hex[:8]}"
        ARTIFACTS.mkdir(exist_ok=True)
        self.log_path = ARTIFACTS / f"celery-{self.name}.log"
        self.env = {**os.environ, **env, "PYTHONPATH": str(BASE_DIR)}
        self.include = include
        self.beat = beat
        self.process: subprocess.Popen | None = None

    def start(self, *, timeout: float = 60) -> CeleryWorker:
        command = [
            str(CELERY_BIN), "-A", "commentapp", "worker",
            "--pool=solo", "--concurrency=1", "-Q", "celery",
            "-n", f"{self.name}@%h", "--loglevel=INFO", f"--logfile={self.log_path}",
            "--without-gossip", "--without-mingle",
        ]  # fmt: skip
        if self.include:
            command += ["--include", ",".join(self.include)]
        if self.beat:
            command += ["--beat", f"--schedule={ARTIFACTS / (self.name + '-beat')}"]
        self.process = subprocess.Popen(
            command, cwd=BASE_DIR, env=self.env,
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        wait_for(
            lambda: self.process.poll() is not None or " ready." in self.log(),
            timeout=timeout,
            message=f"celery worker did not become ready; see {self.log_path}",
        )
        if self.process.poll() is not None:
            raise AssertionError(f"celery worker exited at start; see {self.log_path}")
        return self

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def kill(self) -> None:
        """SIGKILL: no warm shutdown, no acknowledgement, exactly like an OOM kill."""
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)


class PrivateRedis:
    """A throwaway redis-server on a spare port, so a test may stop the broker at will."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    @staticmethod
    def available() -> bool:
        return shutil.which("redis-server") is not None

    def start(self) -> PrivateRedis:
        self.process = subprocess.Popen(
            [
                "redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no",
            ],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        wait_for(self._answers, timeout=15, message=f"private redis-server on {self.port}")
        return self

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)
            self.process = None
