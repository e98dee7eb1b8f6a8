"""The emulated AWS account, as EC2's answers and ARNs name it."""

from __future__ import annotations

#: The emulated account's id (OwnerId, and the account part of ARNs).
ACCOUNT_ID = "123456789012"
