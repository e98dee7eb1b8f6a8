"""The parts of a ``Volume`` and a ``VolumeAttachment`` (the classes and providers are one floor up).

- ``state`` — their property names, requests and outputs, and what EC2 reports of a volume;
- ``validation`` — their ``check`` (the model, then the EBS rules) and what shrinking refuses.

May import :mod:`..aws` and :mod:`..inputs`.
"""
