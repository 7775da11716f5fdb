"""`python -m dhbrowser.emulator` as a person would use it, with a client written from the doc.

The client here is deliberately not dhbrowser's: it signs with hashlib and pages with
httpx exactly as zego-api.md describes, so the emulator is checked against the contract
rather than against our own reading of it.
"""

from __future__ import annotations

import hashlib
import queue
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import httpx
import pytest

from tests.emulator_fixtures import write_fixture_catalog


def _lines(stream: IO[str]) -> tuple[queue.Queue[str], threading.Thread]:
    """The stream's lines, read on a thread so the test can wait with a timeout."""
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        for line in stream:
            lines.put(line)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    return lines, reader


@pytest.fixture
def standalone(tmp_path: Path) -> Iterator[dict[str, str]]:
    """Run the emulator on 45 synthetic humans; yield what its banner says."""
    command = [sys.executable, "-m", "dhbrowser.emulator", "--port", "0", "--synthetic", "45"]
    command += ["--catalog", str(write_fixture_catalog(tmp_path))]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None
        lines, reader = _lines(process.stdout)
        banner: dict[str, str] = {}
        try:
            while "ServerSecret" not in banner:
                line = lines.get(timeout=20)
                if match := re.match(r"\s*(Endpoint|AppId|ServerSecret):\s+(\S+)", line):
                    banner[match[1]] = match[2]
            yield banner
        finally:
            process.send_signal(signal.SIGINT)
            try:
                code = process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                # Killed, or closing its pipes below would wait for ever on the reader thread.
                process.kill()
                process.wait()
                pytest.fail("the emulator did not stop within 10 s of Ctrl+C")
            assert code == 0
            reader.join(5)  # it reaches the end of the output before the pipe is closed
            assert process.stderr is not None
            assert "Traceback" not in process.stderr.read()


def _call(http: httpx.Client, banner: dict[str, str], action: str, body: dict[str, Any]) -> Any:
    app_id, secret = banner["AppId"], banner["ServerSecret"]
    nonce, timestamp = secrets.token_hex(8), str(int(time.time()))
    digest = hashlib.md5(f"{app_id}{nonce}{secret}{timestamp}".encode(), usedforsecurity=False)
    params = {
        "Action": action,
        "AppId": app_id,
        "SignatureNonce": nonce,
        "Timestamp": timestamp,
        "SignatureVersion": "2.0",
        "Signature": digest.hexdigest(),
    }
    answer = http.post(banner["Endpoint"] + "/", params=params, json=body).json()
    assert answer["Code"] == 0, answer
    return answer["Data"]


def test_the_standalone_emulator_serves_an_independent_client(standalone: dict[str, str]) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", standalone["Endpoint"])
    assert re.fullmatch(r"[0-9a-f]{32}", standalone["ServerSecret"])
    ids: list[str] = []
    with httpx.Client(timeout=10) as http:
        offset, total = 0, None
        while total is None or offset < total:  # how ZEGO's own samples page
            data = _call(http, standalone, "GetDigitalHumanList", {"Offset": offset, "Limit": 20})
            total = data["Total"]
            ids += [human["DigitalHumanId"] for human in data["DigitalHumans"]]
            offset += 20
        info = _call(http, standalone, "GetDigitalHumanInfo", {"DigitalHumanId": ids[44]})
        assert info["Name"].endswith("#0044")
        portrait = http.get(info["AvatarUrl"])
        assert portrait.status_code == 200
        assert portrait.headers["Content-Type"] in {"image/jpeg", "image/png"}
    assert total == len(ids) == len(set(ids)) == 45


def test_a_missing_catalog_is_reported_without_a_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dhbrowser.emulator", "--catalog", str(tmp_path / "none")],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "cannot read" in result.stderr
    assert "Traceback" not in result.stderr
