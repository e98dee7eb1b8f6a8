"""The parts of a ``WorkspaceInstance`` (the resource class and its provider are one floor up).

- ``state`` — its property names and the conversions between inputs, requests and outputs;
- ``validation`` — its ``check`` (ManagedInstance against the model, then the cross-field rules);
- ``diffing`` — what a change does: nothing, a tag update, or a replacement;
- ``ec2_view`` / ``drift`` — the EC2 instance behind the desktop, and drift inside it;
- ``import_inputs`` — the inputs ``pulumi import`` rebuilds; ``secrets`` — which members are
  secret; ``upgrades`` — states written by earlier versions.

May import :mod:`..aws`, :mod:`..inputs` and :mod:`..reporting`.
"""
