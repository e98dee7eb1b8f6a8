"""The data sources, run in the program itself with boto3 (no provider call).

- ``instance_types`` — ``get_instance_types`` (ListInstanceTypes with its billing-mode, platform
  and tenancy filter);
- ``lookups`` — ``get_workspace_instance`` and ``list_workspace_instances``;
- ``invokes`` — what they share: options, region, one-line failures.

May import :mod:`..aws` and :mod:`..inputs`.
"""
