"""What went wrong with a Graph API call, sorted by what the app does next.

Meta answers an error as {"error": {"message", "type", "code", "error_subcode",
"fbtrace_id"}}. The class decides: TokenInvalid holds the channel's actions until it is
reconnected; Transient is tried again later; Permanent is given to a person. A comment that
no longer exists is not an error for a delete or a hide: see `GraphAnswer.gone`.

No message here ever holds the access token: the client removes it from Meta's text too.
"""

# Codes from Meta's "Handling errors" guide.
TOKEN_CODES = frozenset({190, 102})
TOKEN_SUBCODES = frozenset({458, 459, 460, 463, 464, 467, 492})
RATE_LIMIT_CODES = frozenset({4, 17, 32, 613})
# Business Use Case rate limits (80001 Pages, 80002 Instagram, …) and "service unavailable".
TRANSIENT_CODES = RATE_LIMIT_CODES | frozenset({1, 2}) | frozenset(range(80000, 80015))
NOT_FOUND_CODE = 100
NOT_FOUND_SUBCODE = 33


class GraphError(Exception):
    """A Graph API call that did not succeed."""

    def __init__(
        self,
        reason: str,
        *,
        status: int | None = None,
        code: int | None = None,
        subcode: int | None = None,
        fbtrace_id: str = "",
    ):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.code = code
        self.subcode = subcode
        self.fbtrace_id = fbtrace_id

    @property
    def sentence(self) -> str:
        """The reason as a sentence, to put in front of people."""
        return self.reason if self.reason.endswith((".", "!", "?")) else f"{self.reason}."

    def as_details(self) -> dict:
        """For the audit trail: the platform's answer, never the token."""
        return {
            "outcome": type(self).__name__,
            "reason": self.reason,
            "http_status": self.status,
            "code": self.code,
            "subcode": self.subcode,
            "fbtrace_id": self.fbtrace_id,
        }


class TokenInvalid(GraphError):
    """The access token expired or was revoked: the channel must be connected again."""


class Transient(GraphError):
    """Rate limited, Meta unavailable (5xx) or no answer in time: try again later."""


class Permanent(GraphError):
    """Refused for a reason trying again will not change (permission missing, bad request)."""


class NotFound(Permanent):
    """The object does not exist (any more) or cannot be seen with this token."""


def classify(status: int, error: dict) -> type[GraphError]:
    code = error.get("code")
    subcode = error.get("error_subcode")
    message = str(error.get("message", "")).lower()
    if code in TOKEN_CODES or subcode in TOKEN_SUBCODES:
        return TokenInvalid
    if code in TRANSIENT_CODES or error.get("is_transient") is True or status >= 500:
        return Transient
    if code == NOT_FOUND_CODE and (subcode == NOT_FOUND_SUBCODE or "does not exist" in message):
        return NotFound
    return Permanent
