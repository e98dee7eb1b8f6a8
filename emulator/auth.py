"""SigV4 ``Authorization`` header checks: the emulator needs a well-formed header and reads the region.

Signatures are not verified (any dummy credentials work), but a request without a signature,
or signed for another service, is refused with 403 as AWS refuses it.
"""

from __future__ import annotations

import re

from .errors import ServiceError
from .model import SERVICE_NAME

_CREDENTIAL = re.compile(
    r"^AWS4-HMAC-SHA256\s+Credential=(?P<key>[^/\s,]+)/(?P<date>\d{8})/(?P<region>[-a-z0-9]+)/"
    r"(?P<service>[-a-z0-9]+)/aws4_request\s*,\s*SignedHeaders=[^,\s]+\s*,\s*Signature=[0-9a-f]+\s*$"
)


def region_from_authorization(header: str | None) -> str:
    """The region of the credential scope; 403 errors for a missing or malformed header."""
    if not header:
        raise ServiceError("MissingAuthenticationTokenException", "Missing Authentication Token", status=403)
    match = _CREDENTIAL.match(header)
    if match is None:
        raise ServiceError(
            "IncompleteSignatureException",
            "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' "
            "in AWS4-HMAC-SHA256 form.",
            status=403,
        )
    if match["service"] != SERVICE_NAME:
        raise ServiceError(
            "InvalidSignatureException",
            f"Credential should be scoped to correct service: '{SERVICE_NAME}'.",
            status=403,
        )
    return match["region"]
