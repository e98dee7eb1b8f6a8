"""Provider processes are found by a part of their command line and a marker in their environment."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from toolchain.processes import DYNAMIC_HOST, PLUGIN, provider_host_pids

MARKER = "file:///tmp/toolchain-test-backend-{pid}"
SLEEPER = "import time; print('ready', flush=True); time.sleep(60)"


@pytest.fixture
def fake_host() -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """A sleeping process whose command line names the dynamic host and whose environment holds a marker."""
    marker = MARKER.format(pid=os.getpid())
    process = subprocess.Popen(
        [sys.executable, "-c", SLEEPER, DYNAMIC_HOST.decode()],
        env={**os.environ, "PULUMI_BACKEND_URL": marker},
        stdout=subprocess.PIPE,
    )
    # Until the child has exec'd, /proc shows the forked pytest's command line, not the host's (a loaded
    # machine once made the test look in that instant): it says when it runs.
    assert process.stdout is not None and process.stdout.readline() == b"ready\n"
    yield process, marker
    process.kill()
    process.wait()


def test_a_host_is_found_by_its_run_s_marker_and_command(
    fake_host: tuple[subprocess.Popen[bytes], str],
) -> None:
    process, marker = fake_host
    assert provider_host_pids(marker) == {process.pid}
    assert provider_host_pids(marker, PLUGIN) == set()  # not a plugin's command line
    assert provider_host_pids(marker + "-another-run") == set()
