"""A local Amazon WorkSpaces Instances service that unmodified boto3 clients talk to as if it were AWS.

``from emulator import Emulator`` runs it in-process (tests, demo); ``python -m emulator`` runs
it standalone. Modules, one job each: ``server`` (HTTP, control plane), ``auth`` (SigV4 header),
``protocol`` (JSON 1.0 wire format), ``validation`` (model-driven input checks), ``service``
(dispatch, faults, call log), ``instances``/``tags``/``volumes``/``listings`` (operations),
``store`` (memory or SQLite state), ``catalogue`` (instance types, AMIs, regions).
"""

from .embedded import Emulator

__all__ = ["Emulator"]
