"""Tests of ``workspaces-instances``, one module per module of ``pulumi_workspaces_instances.cli``."""
