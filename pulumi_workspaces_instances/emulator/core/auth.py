"""SigV4 ``Authorization`` header checks: the emulator needs a well-formed header and reads the region.

Signatures are not verified (any dummy credentials work), but a request without a signature,
or signed for another service, is refused as AWS refuses it: 403 with the JSON services' codes for
WorkSpaces Instances, 401 ``AuthFailure`` for EC2.
"""

from __future__ import annotations

import re

from .errors import ServiceError
from .limits import quote
from .model import EC2_SERVICE_NAME, SERVICE_NAME

_CREDENTIAL = re.compile(
    r"^AWS4-HMAC-SHA256\s+Credential=(?P<key>[^/\s,]{1,128})/(?P<date>\d{8})/(?P<region>[-a-z0-9]{1,40})/"
    r"(?P<service>[-a-z0-9]{1,64})/aws4_request\s*,\s*SignedHeaders=[^,\s]+\s*,\s*Signature=[0-9a-f]+\s*$"
)
_FORM = (
    "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' in AWS4-HMAC-SHA256 form."
)


def region_from_authorization(header: str | None) -> str:
    """The region of a WorkSpaces Instances request's credential scope; 403 errors otherwise."""
    if not header:
        raise ServiceError("MissingAuthenticationTokenException", "Missing Authentication Token", status=403)
    match = _CREDENTIAL.match(header)
    if match is None:
        raise ServiceError("IncompleteSignatureException", _FORM, status=403)
    if match["service"] != SERVICE_NAME:
        raise ServiceError(
            "InvalidSignatureException",
            f"Credential should be scoped to correct service: '{SERVICE_NAME}'.",
            status=403,
        )
    return match["region"]


def ec2_region_from_authorization(header: str | None) -> str:
    """The region of an EC2 request's credential scope; 401 ``AuthFailure`` otherwise, as EC2 answers."""
    if not header:
        raise ServiceError(
            "AuthFailure", "The request is not signed: AWS was not able to authenticate it.", 401
        )
    match = _CREDENTIAL.match(header)
    if match is None:
        raise ServiceError("AuthFailure", _FORM, 401)
    if match["service"] != EC2_SERVICE_NAME:
        raise ServiceError(
            "AuthFailure",
            f"Credential should be scoped to correct service: '{EC2_SERVICE_NAME}', "
            f"not {quote(match['service'])}.",
            401,
        )
    return match["region"]
