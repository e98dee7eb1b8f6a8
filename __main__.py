"""The project's stack program: one WorkSpaces Instance configured from stack config.

Every key it reads is declared, with its default and description, in ``Pulumi.yaml``; the CLI
fills in those defaults, so ``pulumi up`` on a fresh stack works against the local emulator.
"""

from __future__ import annotations

from collections.abc import Mapping

import pulumi

from pulumi_workspaces_instances import (
    InvalidInstanceTypeFilterError,
    RootVolumeArgs,
    Workspace,
    WorkspaceArgs,
    get_instance_types,
)

#: Logical name of the one Workspace this program manages (changing it replaces the instance).
WORKSPACE_NAME = "workspace"
# Config key of each data-source filter argument, so errors name what the user sets.
FILTER_CONFIG_KEYS = {"billing_mode": "billingMode", "platform_type": "platformType", "tenancy": "tenancy"}


def optional(config: pulumi.Config, key: str) -> str | None:
    """A string config value, with the empty string (the declared default) meaning "not set"."""
    return config.get(key) or None


def supporting_types(billing_mode: str, platform_type: str, tenancy: str) -> list[str]:
    """Instance types supporting the combination, in the service's order (it says nothing of their size)."""
    try:
        result = get_instance_types(billing_mode=billing_mode, platform_type=platform_type, tenancy=tenancy)
    except InvalidInstanceTypeFilterError as error:
        key = FILTER_CONFIG_KEYS[error.argument]
        raise pulumi.RunError(
            f"config {key}: {error.value!r} is not valid; use one of: {', '.join(error.valid)} "
            f"(pulumi config set {key} <value>)"
        ) from error
    return [info.instance_type for info in result.instance_types]


def main() -> None:
    """Read the config, pick the instance type, create the Workspace and export what it made."""
    config = pulumi.Config()
    billing_mode = config.require("billingMode")
    platform_type = config.require("platformType")
    tenancy = config.require("tenancy")
    tags: Mapping[str, str] = config.get_object("tags") or {}

    offered = supporting_types(billing_mode, platform_type, tenancy)
    instance_type = optional(config, "instanceType")
    if instance_type is None:
        # Never picked for the user: the service's order is not by size, and the size sets the price.
        choices = ", ".join(offered) if offered else "none; change billingMode, platformType or tenancy"
        raise pulumi.RunError(
            f"config instanceType: choose an instance type on purpose (pulumi config set instanceType "
            f"<type>); these support billingMode={billing_mode}, platformType={platform_type}, "
            f"tenancy={tenancy}: {choices}"
        )

    workspace = Workspace(
        WORKSPACE_NAME,
        WorkspaceArgs(
            image_id=config.require("imageId"),
            instance_type=instance_type,
            root_volume=RootVolumeArgs(device_name=config.require("rootDeviceName")),
            subnet_id=optional(config, "subnetId"),
            billing_mode=billing_mode,
            platform_type=platform_type,
            tenancy=tenancy,
            tags=dict(tags),
        ),
    )

    pulumi.export("workspaceInstanceId", workspace.workspace_instance_id)
    pulumi.export("ec2InstanceId", workspace.ec2_instance_id)
    pulumi.export("provisionState", workspace.provision_state)
    pulumi.export("billingMode", workspace.billing_mode)
    pulumi.export("managedInstance", workspace.managed_instance)
    pulumi.export("instanceType", instance_type)
    pulumi.export("supportingInstanceTypeCount", len(offered))


main()
