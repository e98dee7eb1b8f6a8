"""A local Amazon WorkSpaces Instances service that unmodified boto3 clients talk to as if it were AWS.

``from pulumi_workspaces_instances.emulator import Emulator`` runs it in-process (tests, demo);
the ``workspaces-instances-emulator`` console script runs it standalone. The same endpoint also
answers EC2 for what it made: DescribeVolumes and DescribeVolumesModifications, DescribeInstances
for the EC2 instances behind workspace instances, Stop/StartInstances, ModifyInstanceAttribute,
ModifyInstanceMetadataOptions, and CreateTags/DeleteTags on volumes and instances.

Modules, one job each:

- ``embedded`` (``Emulator``), ``__main__`` (console script), ``server`` (HTTP routing, control plane)
- ``auth`` (SigV4 header), ``limits`` (bounds on bodies, nesting, echoed values and the call log)
- wire formats: ``wire`` (what the server needs from one), ``protocol`` (JSON 1.0), ``rpcv2``
  (Smithy RPC v2 CBOR) with ``cbor`` (the codec), ``ec2_query`` (EC2 query protocol: form in, XML out)
- ``service`` (faults, validation, dispatch, call log), ``faults``, ``calls``, ``validation``
  (model-driven input checks), ``model`` (botocore models), ``operations`` (handler table)
- operations: ``instances``, ``tags``, ``volumes`` with ``volume_limits`` (EBS's limits, from the
  package's ``ebs_limits``), ``listings``, with ``idempotency`` (ClientToken) and ``pagination``
  (NextToken)
- EC2 actions: ``ec2_volumes`` (volume reads), ``ec2_instances`` (DescribeInstances, Stop/Start,
  Modify*), ``ec2_tags`` (CreateTags/DeleteTags), sharing ``ec2_filters`` (Filter.N, paging, DryRun);
  ``ec2_launch`` (the EC2 instance behind a workspace instance, its launch volumes) and
  ``ec2_network`` (stable VPC, subnet, address and group ids derived from what was asked)
- state: ``records`` (typed instance, EC2 instance and volume records), ``record_store`` (records in
  and out of the store), ``store`` (memory or SQLite), ``context`` (per-call context, timings)
- ``catalogue`` (instance types, AMIs, regions), ``tag_rules`` (tag rules outside the shapes)
"""

from .embedded import Emulator

__all__ = ["Emulator"]
