"""Amazon EBS's published limits on one volume: the single table the provider and the emulator share.

The provider's preview rules (``provider/aws/rules.py``) report a volume AWS would refuse before
anything is created; the emulator (``emulator/workspaces_instances/volume_limits.py``) refuses it the
way the service does. Both read these numbers from here, so they can never disagree.

Sources, quoted where each number is defined: the EC2 API reference for CreateVolume, ModifyVolume
and EbsBlockDevice (shipped as documentation in botocore's ``ec2`` model, which
``tests/test_ebs_limits.py`` checks these numbers against), and, for the ratios the API reference
does not state, the Amazon EBS User Guide's "Amazon EBS volume types" pages (General Purpose SSD,
Provisioned IOPS SSD). This module imports nothing, so either side may import it cheaply.
"""

from __future__ import annotations

from collections.abc import Mapping

IOPS_VOLUME_TYPES = ("gp3", "io1", "io2")
"""EBS volume types that take an ``Iops`` value (EC2 CreateVolume.Iops: "Required for io1 and io2
volumes. Optional for gp3 volumes. Omit for all other volume types.")."""

IOPS_REQUIRED_VOLUME_TYPES = ("io1", "io2")
"""EBS volume types that cannot be created without ``Iops`` (EC2 CreateVolume.Iops, EbsBlockDevice.Iops)."""

THROUGHPUT_VOLUME_TYPES = ("gp3",)
"""EBS volume types that take a ``Throughput`` value (EC2 CreateVolume.Throughput: "Supported for gp3
volumes only.")."""

VOLUME_SIZE_RANGES_GIB: Mapping[str, tuple[int, int]] = {
    "gp2": (1, 16_384),
    "gp3": (1, 65_536),
    "io1": (4, 16_384),
    "io2": (4, 65_536),
    "st1": (125, 16_384),
    "sc1": (125, 16_384),
    "standard": (1, 1_024),
}
"""Smallest and largest size (GiB) of each EBS volume type (EC2 CreateVolume.Size, ModifyVolume.Size
and EbsBlockDevice.VolumeSize: "gp2: 1 - 16,384 GiB; gp3: 1 - 65,536 GiB; io1: 4 - 16,384 GiB;
io2: 4 - 65,536 GiB; st1 and sc1: 125 - 16,384 GiB; standard: 1 - 1024 GiB"). An API model may cap
sizes lower (WorkSpaces Instances' ``VolumeSizeInGB`` stops at 16,384); its shape check reports that."""

IOPS_RANGES: Mapping[str, tuple[int, int]] = {
    "gp3": (3_000, 80_000),
    "io1": (100, 64_000),
    "io2": (100, 256_000),
}
"""Least and most provisioned IOPS of each type that takes them (EC2 CreateVolume.Iops and
ModifyVolume.Iops: "gp3: 3,000 - 80,000 IOPS; io1: 100 - 64,000 IOPS; io2: 100 - 256,000 IOPS")."""

MAX_IOPS_PER_GIB: Mapping[str, int] = {"gp3": 500, "io1": 50, "io2": 1_000}
"""The most provisioned IOPS per GiB of volume size (EBS User Guide, volume types: gp3 500 IOPS per
GiB, io1 50:1, io2 1,000:1). gp3's baseline (:data:`GP3_BASELINE_IOPS`) is allowed on any size."""

THROUGHPUT_RANGE_MIBPS: tuple[int, int] = (125, 2_000)
"""Least and most gp3 throughput in MiB/s (EC2 CreateVolume.Throughput: "Valid Range: 125 - 2000
MiB/s"; ModifyVolume.Throughput: "Minimum value of 125. Maximum value of 2,000.")."""

MAX_THROUGHPUT_PER_IOPS = 0.25
"""The most gp3 throughput (MiB/s) per provisioned IOPS (EBS User Guide, General Purpose SSD volumes:
0.25 MiB/s per IOPS)."""

GP3_BASELINE_IOPS = 3_000
"""gp3's IOPS when none is given (EC2 CreateVolume.Iops: "gp3: 3,000 (default)"), and the default
``Iops`` when ModifyVolume changes a volume to io1, io2 or gp3 (ModifyVolume.Iops: "If you change the
volume type to io1, io2, or gp3, the default is 3,000.")."""

GP3_BASELINE_THROUGHPUT_MIBPS = 125
"""gp3's throughput when none is given (EC2 ModifyVolume.Throughput: "Otherwise, the default value
is 125.")."""
