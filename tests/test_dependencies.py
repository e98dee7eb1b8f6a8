"""The pinned dependencies provide what the project relies on."""

from __future__ import annotations

import boto3

from pulumi_workspaces_instances.provider.model import input_shape, service_model


def test_botocore_model_has_billing_configuration() -> None:
    create = input_shape("CreateWorkspaceInstance")
    assert "BillingConfiguration" in create.members
    billing_mode = create.members["BillingConfiguration"].members["BillingMode"]  # type: ignore[attr-defined]
    assert set(billing_mode.enum) == {"MONTHLY", "HOURLY"}


def test_boto3_client_uses_the_json_protocol_the_emulator_speaks() -> None:
    client = boto3.client(
        "workspaces-instances",
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="y",
    )
    assert client.meta.service_model.resolved_protocol == "json"
    assert service_model().metadata["targetPrefix"] == "EUCMIFrontendAPIService"
