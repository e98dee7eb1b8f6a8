"""VolumeSpec and AttachmentSpec: a Volume's and a VolumeAttachment's property bags, read once."""

from __future__ import annotations

import pytest

from pulumi_workspaces_instances.provider.inputs import properties
from pulumi_workspaces_instances.provider.volumes import state as vs
from pulumi_workspaces_instances.provider.volumes.spec import AttachmentSpec, VolumeSpec


def test_a_volume_bag_reads_into_its_spec_with_the_volume_timeouts() -> None:
    spec = VolumeSpec.read(
        {
            properties.PROVIDER_KEY: "pickled-provider",
            vs.AVAILABILITY_ZONE: "us-east-1a",
            vs.SIZE_IN_GB: 100.0,
            vs.VOLUME_TYPE: "gp3",
            properties.TAGS: {"team": "desktops"},
            properties.REGION: "us-east-1",
            properties.TIMEOUTS: {"update": "1h"},
            properties.IDENTITY: "organization::project::dev::data",
            properties.SEED: "seed-2",
        }
    )

    assert properties.PROVIDER_KEY not in spec.bag
    assert (spec.region, spec.tags, spec.seed) == ("us-east-1", {"team": "desktops"}, "seed-2")
    assert spec.timeout_seconds("update") == 3600
    # A volume's own defaults, not an instance's (which has no "update" at all).
    assert spec.timeout_seconds("create") == 600
    assert spec.create_request() == vs.create_request(spec.bag)
    assert spec.create_request()["SizeInGB"] == 100  # whole numbers from the wire become ints


def test_an_attachment_bag_reads_into_its_spec() -> None:
    spec = AttachmentSpec.read(
        {
            vs.WORKSPACE_INSTANCE_ID: "wsinst-0123456789abcdef0",
            vs.VOLUME_ID: "vol-0123456789abcdef0",
            vs.DEVICE: "/dev/sdf",
            vs.EC2_INSTANCE_ID: "i-0123456789abcdef0",
        }
    )

    assert (spec.workspace_instance_id, spec.volume_id, spec.device) == (
        "wsinst-0123456789abcdef0",
        "vol-0123456789abcdef0",
        "/dev/sdf",
    )
    assert (spec.disassociate_mode, spec.ec2_instance_id) == (None, "i-0123456789abcdef0")
    assert spec.timeout_seconds("delete") == 600
    with pytest.raises(ValueError, match="unknown operation 'update'"):
        spec.timeout_seconds("update")


def test_an_attachment_is_known_by_its_instance_and_volume() -> None:
    with pytest.raises(KeyError):
        AttachmentSpec.read({vs.VOLUME_ID: "vol-0123456789abcdef0"})
