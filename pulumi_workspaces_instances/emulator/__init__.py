"""A local Amazon WorkSpaces Instances service that unmodified boto3 clients talk to as if it were AWS.

``from pulumi_workspaces_instances.emulator import Emulator`` runs it in-process (tests, demo);
the ``workspaces-instances-emulator`` console script runs it standalone. The same endpoint also
answers EC2 for what it made: DescribeVolumes and DescribeVolumesModifications, DescribeInstances
for the EC2 instances behind workspace instances, Stop/StartInstances, ModifyInstanceAttribute,
ModifyInstanceMetadataOptions, and CreateTags/DeleteTags on volumes and instances.

Three packages, each importing only those before it: ``core`` (the protocol framework), then
``workspaces_instances`` (the service), then ``ec2`` (EC2's view of what the service made). Here,
the assembly that ties them into one endpoint:

- ``embedded`` (``Emulator``: ``core.server`` in a thread, answering for a ``service``),
  ``__main__`` (console script)
- ``service`` (the server's backend: faults, validation, dispatch, call log), ``faults`` (injected
  faults, for either service's calls), ``operations`` (the handler table of both services)
"""

from .embedded import Emulator

__all__ = ["Emulator"]
