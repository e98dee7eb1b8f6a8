"""Amazon WorkSpaces Instances for Pulumi: ``from pulumi_workspaces_instances import Workspace, ...``.

Everything public is exported here; the subpackages are where it lives:

- :mod:`pulumi_workspaces_instances.provider` — the ``WorkspaceInstance`` dynamic resource and
  the ``get_instance_types`` data source (repository folder ``provider/``);
- :mod:`pulumi_workspaces_instances.components` — the ``Workspace`` component and its ``…Args``
  (repository folder ``components/``);
- :mod:`pulumi_workspaces_instances.emulator` — a local service for tests (``Emulator``, and the
  ``workspaces-instances-emulator`` command); not imported here, so programs don't pay for it.
"""

from .components import *  # noqa: F403  (the component's public names, listed in its __all__)
from .components import __all__ as _component_names
from .provider import *  # noqa: F403  (the provider's public names, listed in its __all__)
from .provider import __all__ as _provider_names

__all__ = sorted({*_provider_names, *_component_names})
