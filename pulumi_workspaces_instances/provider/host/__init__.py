"""What this package does inside the dynamic provider host process (``python -m pulumi.dynamic``).

- ``process`` — the watchdog that ends the host when the engine is gone, and its worker count;
- ``detailed_diffs`` — this package's detailed diffs added to the host's ``Diff`` answers;
- ``quick_exit`` — the host's exit once its calls are done, without the interpreter's teardown;
- ``import_hint`` — the one-line answer to ``pulumi import`` of a dynamic resource, installed by
  the wheel's start-up hook (``pulumi_workspaces_instances_host.pth``).

May import :mod:`..aws` and :mod:`..inputs`.
"""
