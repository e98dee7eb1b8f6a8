"""The WorkSpaces Instances service: its operations, its resources and how they are stored.

Imports ``core`` and nothing else of the emulator: not ``ec2`` (which reads what this service
made) and not the assembly around both (tests/emulator/test_layers.py checks it).

- operations: ``instances``, ``tags``, ``volumes`` with ``volume_limits`` (EBS's limits, from the
  package's ``ebs_limits``) and ``volume_rate`` (EBS's rate rule for ModifyVolume), ``listings``,
  with ``idempotency`` (ClientToken) and ``tag_rules`` (tag rules outside the shapes)
- what an allocation launches: ``ec2_launch`` (the EC2 instance behind a workspace instance),
  ``block_devices`` (its volumes from the AMI and BlockDeviceMappings, and RunInstances' refusal of
  one without a size), ``ec2_network`` (stable VPC, subnet, address and group ids derived from
  what was asked) and ``zones`` (the zone an instance lands in)
- state: ``records`` (typed instance, EC2 instance and volume records), ``record_store`` (records in
  and out of the store), ``context`` (per-call context, timings)
- ``catalogue`` (instance types, AMIs as EC2 images, regions and their zones; from ``catalogue.json``)
- ``behaviour`` (the switches for AWS's inconvenient behaviours)
"""
