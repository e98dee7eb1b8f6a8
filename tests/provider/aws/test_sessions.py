"""The process's one botocore session: shared by every client, safe under concurrent calls, forgettable."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import botocore.session
import pytest

from pulumi_workspaces_instances.provider.aws import clients, ec2, sessions
from toolchain.environment import emulator_environment

REGIONS = ("us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2")


def _region(client: Any) -> str:
    return str(client.meta.region_name)


def _credentials(client: Any) -> Any:
    """What the client signs with (botocore keeps it on the signer, not in a public attribute)."""
    return client._request_signer._credentials


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Dummy credentials and an endpoint nobody calls: clients are made, never used."""
    for name, value in emulator_environment("http://127.0.0.1:9", tmp_path).items():
        monkeypatch.setenv(name, value)
    clients.clear_clients()
    yield
    clients.clear_clients()
    ec2.clear_clients()


def test_the_region_list_is_botocores_without_loading_the_service_model() -> None:
    session = botocore.session.get_session()
    expected = {
        region
        for partition in session.get_available_partitions()
        for region in session.get_available_regions("ec2", partition_name=partition)
    }
    assert sessions.regional_endpoints("ec2") == expected
    assert "us-east-1" in expected


@pytest.mark.usefixtures("offline")
def test_clients_made_at_once_from_many_threads_all_work() -> None:
    """The host makes clients from many calls at once; botocore's session is not thread-safe by itself."""
    sessions.forget()

    def make(region: str) -> tuple[str, str]:
        return _region(clients.client_for(region)), _region(ec2.client_for(region))

    with ThreadPoolExecutor(max_workers=len(REGIONS) * 2) as pool:
        made = list(pool.map(make, REGIONS * 2))
    assert made == [(region, region) for region in REGIONS * 2]


@pytest.mark.usefixtures("offline")
def test_every_client_reads_credentials_from_one_session_until_it_is_forgotten(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = _credentials(clients.client_for("us-east-1"))
    assert _credentials(ec2.client_for("us-east-1")) is first

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIANEWEXAMPLEKEY")
    clients.clear_clients()  # what tests that change credentials call
    ec2.clear_clients()
    renewed = _credentials(clients.client_for("us-east-1"))
    assert renewed is not first and renewed.access_key == "AKIANEWEXAMPLEKEY"
