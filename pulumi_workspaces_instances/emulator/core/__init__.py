"""The emulator's protocol framework: how AWS calls arrive and answers leave.

Driven by the botocore models in ``model``, the one module that names the services served (by
their botocore names); imports nothing from the service packages (``workspaces_instances``,
``ec2``) or from the emulator's assembly around them (tests/emulator/test_layers.py checks it).

- ``server`` (the HTTP front end: routing, bodies, control plane) for a ``backend.Backend``
  (what it needs from the service behind it, and the ``Outcome`` of one call)
- wires: ``wire`` (what the server needs from a wire protocol), ``json_wire`` (AWS JSON 1.0),
  ``cbor_wire`` (Smithy RPC v2 CBOR) with ``cbor`` (the codec), ``ec2_query`` (EC2's query
  protocol: form in, XML out)
- ``auth`` (SigV4 header checks), ``limits`` (bounds on bodies, nesting, echoed values and the call
  log), ``errors`` (the exception that answers with an AWS error)
- ``model`` (the botocore models served), ``validation`` (model-driven input checks),
  ``pagination`` (NextToken), ``calls`` (the call log), ``store`` (JSON documents in memory or SQLite)
"""
