"""The provider plugin: this package's resources, functions and component for every Pulumi language.

``pulumi-resource-workspacesinstances`` (:func:`.server.main`, a console script of the package) is a
Pulumi provider plugin served by the SDK's ``pulumi.provider.experimental`` server. It sits beside
``provider`` and ``components`` and imports both: it is a second face over the same implementation
the Python (dynamic) face uses, not a second implementation.

- ``description`` — the one description of everything served (botocore model, the Python face's
  annotations and docstrings, a few tables); ``docs`` — reads those docstrings;
- ``schema`` — the package schema computed from it (checked in as ``schema.json``, the input of
  the SDKs in ``sdk/``);
- ``values`` — wire values ↔ the implementation's property bags, names, secrets, problem paths;
- ``server`` — the plugin: check/diff/create/read/update/delete/invoke/construct, config and seed,
  thread pool, one-line errors; ``engine_log`` — progress lines and warnings to the engine;
- ``workspace`` — the ``Workspace`` component with the plugin's own child resource.
"""
