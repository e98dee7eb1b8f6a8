"""The ``workspaces-instances`` command: tools a user runs beside Pulumi, one module per subcommand.

- ``main`` — the console script: parses the command line and hands it to the subcommand named
  (:data:`.main.SUBCOMMANDS`; a new subcommand is a module with ``NAME``, ``HELP``, ``add_arguments``
  and ``run``, listed there);
- ``import_file`` — ``workspaces-instances import-file``: what a region holds, as the file ``pulumi import
  --file`` takes, or as a Python program that adopts each desktop;
- ``inventory`` — the read-only AWS calls that list desktops and volumes (List/Get, EC2 Describe);
- ``selection`` — what is imported and what is skipped (and why), and each resource's name;
- ``stack_state`` — the ids a stack already holds (``--exclude-state``: ``pulumi stack export``'s output);
- ``import_spec`` — the ``pulumi import --file`` document for the plugin's types;
- ``adoption_program`` — the Python program whose ``WorkspaceInstance`` resources adopt the desktops.

Imports the provider's AWS layer, its providers' ``read`` (the same inputs ``pulumi import`` rebuilds)
and the plugin's type tokens; nothing imports this folder.
"""
