"""The EC2 actions the emulator answers, on what the WorkSpaces Instances service made.

Imports ``core`` and ``workspaces_instances`` (whose records and launches it shows), nothing else
of the emulator (tests/emulator/test_layers.py checks it).

- ``volumes`` (DescribeVolumes, DescribeVolumesModifications), ``instances`` (DescribeInstances,
  Stop/StartInstances, Modify*), ``images`` (DescribeImages of the catalogue's AMIs), ``tags``
  (CreateTags/DeleteTags), ``visibility`` (Get/ModifyManagedResourceVisibility), sharing ``filters``
  (Filter.N, paging, DryRun), ``managed`` (Operator, hiding, the refusal of changes to managed
  instances) and ``account`` (the emulated account's id)
"""
