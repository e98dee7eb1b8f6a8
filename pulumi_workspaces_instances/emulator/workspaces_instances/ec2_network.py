"""Stable stand-ins for the network EC2 would place an instance in: VPCs, subnets, addresses, names.

The emulator keeps no VPCs or subnets. Everything here is derived from the ids a ManagedInstance
names, by hashing, so the same request shows the same network on every read and after a restart:

- a subnet it names lies in its own VPC (``vpc-`` derived from the subnet id) with a /20 CIDR
  inside 10.0.0.0/8, also derived from the subnet id;
- a subnet it names lies in one zone of the region, also derived from the subnet id (``subnet_zone``);
- with no subnet, the instance is in the zone's default subnet of the region's default VPC,
  ``172.31.<16·n>.0/20`` for the zone's n-th letter, as EC2 lays out default VPCs;
- security groups named by name, and the VPC's ``default`` group, get ids derived from the VPC;
- the n-th instance placed in a subnet gets its n-th usable address (EC2 keeps the first four);
- a public address, when asked for, is derived from the instance id.
"""

from __future__ import annotations

import hashlib
import ipaddress
from dataclasses import dataclass
from typing import Any

#: EC2 keeps the first four addresses of every subnet (network, router, DNS, future use).
RESERVED_LOW_ADDRESSES = 4
SUBNET_PREFIX_LENGTH = 20
DEFAULT_VPC_CIDR = ipaddress.IPv4Network("172.31.0.0/16")
DEFAULT_GROUP_NAME = "default"
# The zone's letter picks its default subnet; a /16 holds sixteen /20s.
_SUBNETS_PER_DEFAULT_VPC = 16
# EC2's ids: a prefix and 17 lowercase hex digits.
_ID_DIGITS = 17


def stable_id(prefix: str, *parts: str) -> str:
    """An EC2-looking id (``prefix`` + 17 hex digits) that is always the same for the same parts."""
    # The prefix is hashed too, so ids of different kinds derived from one id differ.
    return prefix + _digest(prefix, *parts)[:_ID_DIGITS]


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class Subnet:
    """A subnet as EC2 would describe it: its id, its VPC and its CIDR block."""

    subnet_id: str
    vpc_id: str
    cidr: ipaddress.IPv4Network

    def address(self, ordinal: int) -> str:
        """The ``ordinal``-th (0-based) address EC2 would hand out in this subnet."""
        usable = self.cidr.num_addresses - RESERVED_LOW_ADDRESSES - 1  # and the broadcast address
        return str(self.cidr.network_address + RESERVED_LOW_ADDRESSES + ordinal % usable)


def primary_interface(managed: dict[str, Any]) -> dict[str, Any]:
    """The ManagedInstance's network interface at DeviceIndex 0 (else its first; {} when none)."""
    interfaces = managed.get("NetworkInterfaces") or []
    for interface in interfaces:
        if interface.get("DeviceIndex", 0) == 0:
            return dict(interface)
    return dict(interfaces[0]) if interfaces else {}


def named_subnet_id(managed: dict[str, Any]) -> str | None:
    """The subnet a ManagedInstance names: ``SubnetId``, else its primary interface's (None: neither)."""
    # RunInstances.SubnetId: with a network interface, the subnet is given on the interface instead.
    subnet_id = managed.get("SubnetId") or primary_interface(managed).get("SubnetId")
    return str(subnet_id) if subnet_id else None


def subnet_zone(subnet_id: str, zones: tuple[str, ...]) -> str:
    """The zone a subnet lies in: one of ``zones`` (its region's), always the same for the same id."""
    # A subnet lies in one zone and cannot span zones (Amazon VPC User Guide, "Subnets for your VPC",
    # VPC_Subnets.html; botocore's ec2 model: one Subnet.AvailabilityZone, set by CreateSubnet and
    # changed by no call). Hashed, not stored: restarts and other emulators agree.
    return zones[int(_digest("subnet-zone", subnet_id), 16) % len(zones)]


def named_subnet(subnet_id: str) -> Subnet:
    """The subnet a ManagedInstance names: its own VPC and a /20 in 10.0.0.0/8, both from its id."""
    digest = bytes.fromhex(_digest("subnet", subnet_id)[:4])
    cidr = ipaddress.IPv4Network(f"10.{digest[0]}.{16 * (digest[1] % 16)}.0/{SUBNET_PREFIX_LENGTH}")
    return Subnet(subnet_id, stable_id("vpc-", "vpc-of", subnet_id), cidr)


def default_subnet(region: str, zone: str) -> Subnet:
    """The zone's default subnet in the region's default VPC."""
    index = (ord(zone[-1]) - ord("a")) % _SUBNETS_PER_DEFAULT_VPC
    cidr = list(DEFAULT_VPC_CIDR.subnets(new_prefix=SUBNET_PREFIX_LENGTH))[index]
    return Subnet(stable_id("subnet-", "default-subnet", zone), default_vpc_id(region), cidr)


def default_vpc_id(region: str) -> str:
    """The id of the region's default VPC."""
    return stable_id("vpc-", "default-vpc", region)


def default_security_group(vpc_id: str) -> dict[str, str]:
    """The VPC's ``default`` security group, as a GroupIdentifier."""
    return {"GroupId": stable_id("sg-", vpc_id, DEFAULT_GROUP_NAME), "GroupName": DEFAULT_GROUP_NAME}


def named_security_group(vpc_id: str, name: str) -> dict[str, str]:
    """A security group named by name (SecurityGroups), as a GroupIdentifier."""
    if name == DEFAULT_GROUP_NAME:
        return default_security_group(vpc_id)
    return {"GroupId": stable_id("sg-", vpc_id, name), "GroupName": name}


def public_ip(instance_id: str) -> str:
    """The public IPv4 address of an instance whose network interface asked for one."""
    digest = bytes.fromhex(_digest("public-ip", instance_id)[:6])
    return f"54.{digest[0]}.{digest[1]}.{1 + digest[2] % 254}"


def mac_address(instance_id: str) -> str:
    """The MAC address of the instance's primary network interface (locally administered, as EC2's are)."""
    digest = _digest("mac", instance_id)
    return "0e:" + ":".join(digest[i : i + 2] for i in range(0, 10, 2))


def private_dns_name(address: str, region: str) -> str:
    """EC2's private host name for an address (``ec2.internal`` in us-east-1, as EC2 names them)."""
    domain = "ec2.internal" if region == "us-east-1" else f"{region}.compute.internal"
    return f"ip-{address.replace('.', '-')}.{domain}"


def public_dns_name(address: str, region: str) -> str:
    """EC2's public host name for a public address."""
    domain = "compute-1.amazonaws.com" if region == "us-east-1" else f"{region}.compute.amazonaws.com"
    return f"ec2-{address.replace('.', '-')}.{domain}"
