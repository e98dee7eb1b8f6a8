"""Amazon WorkSpaces Instances for Pulumi: ``from pulumi_workspaces_instances import Workspace, ...``.

Everything public is exported here; the subpackages are where it lives:

- :mod:`pulumi_workspaces_instances.provider` — the ``WorkspaceInstance``, ``Volume`` and
  ``VolumeAttachment`` dynamic resources and the data sources ``get_instance_types``,
  ``get_workspace_instance`` and ``list_workspace_instances``;
- :mod:`pulumi_workspaces_instances.components` — the ``Workspace`` component and its ``…Args``;
- :mod:`pulumi_workspaces_instances.emulator` — a local service for tests (``Emulator``, and the
  ``workspaces-instances-emulator`` command); not imported here, so programs don't pay for it;
- :mod:`pulumi_workspaces_instances.plugin` — the provider plugin serving all of it to every language.

Each subpackage is the folder of its name here; the repository's top-level ``provider``,
``components``, ``plugin`` and ``emulator`` are links to them.
"""

# Every public name of the subpackages, listed once: in their own __all__ (the component's …Args
# in their generated modules', named here too because mypy does not follow ``__all__ +=`` through
# a second star import).
from . import components, provider
from .components import *  # noqa: F403
from .components.args import *  # noqa: F403
from .components.args_dicts import *  # noqa: F403
from .provider import *  # noqa: F403

__all__: list[str] = []
__all__ += components.__all__
__all__ += provider.__all__
