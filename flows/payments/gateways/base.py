"""The interface every online payment provider implements.

Only the provider's server notification (IPN) may change a payment's state; the return URL the
citizen's browser comes back to only reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class ReturnResult:
    """What the browser's return URL says (signature checked; nothing is written)."""

    signature_valid: bool
    txn_ref: str = ""
    success: bool = False
    response_code: str = ""


@dataclass(frozen=True)
class NotificationResult:
    """What the provider's server notification did, and the answer it expects."""

    code: str
    message: str
    changed: bool = False
    body: dict = field(default_factory=dict)


class PaymentProvider(Protocol):
    name: str

    def create_payment_url(self, *, payment, return_url: str, client_ip: str, order_info: str) -> str:
        """The provider's URL the citizen's browser is sent to, to pay `payment`."""

    def verify_return(self, params: dict[str, str]) -> ReturnResult:
        """Check the signed parameters the browser came back with."""

    def handle_notification(self, params: dict[str, str]) -> NotificationResult:
        """Apply the provider's server notification to the payment, idempotently."""

    def query(self, *, payment, client_ip: str) -> dict:
        """Ask the provider what it knows of the payment's transaction (reads only)."""
