"""The pinned dependencies provide what the project relies on."""

from __future__ import annotations

import boto3

from pulumi_workspaces_instances.provider.aws.model import input_shape, service_model


def test_botocore_model_has_billing_configuration() -> None:
    create = input_shape("CreateWorkspaceInstance")
    assert "BillingConfiguration" in create.members
    billing_mode = create.members["BillingConfiguration"].members["BillingMode"]  # type: ignore[attr-defined]
    assert set(billing_mode.enum) == {"MONTHLY", "HOURLY"}


def test_the_locked_botocore_resolves_the_json_protocol() -> None:
    # The emulator serves JSON 1.0 and Smithy RPC v2 CBOR (tests/emulator force each); the lock's
    # botocore picks JSON, the protocol the end-to-end tests then exercise.
    client = boto3.client(
        "workspaces-instances",
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="y",
    )
    assert client.meta.service_model.resolved_protocol == "json"
    assert service_model().metadata["targetPrefix"] == "EUCMIFrontendAPIService"
