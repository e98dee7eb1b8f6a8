"""The WorkSpaces Instances service: its operations, its resources and how they are stored.

Imports ``core`` and nothing else of the emulator: not ``ec2`` (which reads what this service
made) and not the assembly around both (tests/emulator/test_layers.py checks it).

- operations: ``instances``, ``tags``, ``volumes`` with ``volume_limits`` (EBS's limits, from the
  package's ``ebs_limits``), ``listings``, with ``idempotency`` (ClientToken) and ``tag_rules``
  (tag rules outside the shapes)
- what an allocation launches: ``ec2_launch`` (the EC2 instance behind a workspace instance, its
  launch volumes), ``ec2_network`` (stable VPC, subnet, address and group ids derived from what
  was asked) and ``zones`` (the zone an instance lands in)
- state: ``records`` (typed instance, EC2 instance and volume records), ``record_store`` (records in
  and out of the store), ``context`` (per-call context, timings)
- ``catalogue`` (instance types, AMIs, regions and their zones; from ``catalogue.json``)
"""
