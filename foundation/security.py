"""Who the client is behind the proxies, how password guessing is stopped, and who may follow the admin's
"view on site" links."""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from rest_framework.throttling import BaseThrottle


def client_address(request: HttpRequest) -> str | None:
    """The address the outermost trusted proxy saw (settings.NUM_PROXIES), for the login lockout.

    The API's throttling reads it with DRF's rule; the lockout uses the same rule so that one setting
    decides for both. An address that is not one (a client writing the header itself when no proxy
    stands in front) falls back to the connection's.
    """
    address = BaseThrottle().get_ident(request)
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return request.META.get("REMOTE_ADDR")
    return address


class LoginAttemptsHandler(AxesDatabaseHandler):
    """Axes' database handler (shared by every instance) with a second, higher limit per address.

    An account is locked for one address after AXES_FAILURE_LIMIT failures from that address: locking
    it everywhere would let anyone keep a curator out by typing wrong passwords under their name. An
    address is locked for every account after AXES_ADDRESS_FAILURE_LIMIT failures, which stops one
    client trying a few passwords on many accounts. Axes compares one limit with the highest count of
    its lockout parameters (settings.AXES_LOCKOUT_PARAMETERS: the pair first, the address second), so
    the address's own limit is applied here.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        by_account, by_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if by_address >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(by_account, get_failure_limit(request, credentials))
        return by_account

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """On a successful login, forget that account's failures from that address, and nothing else.

        Axes would delete every attempt matching any lockout parameter, the address's included: one
        account's own password would then clear the guesses made at every other account from there.
        """
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username, ip_address=request.axes_ip_address).delete()
        return count


def lockout_response(request: HttpRequest, original_response=None, credentials: dict | None = None) -> HttpResponse:
    """The login page's refusal while locked, in the admin's look (AXES_LOCKOUT_CALLABLE)."""
    cool_off = get_cool_off(request)
    context = {
        **admin.site.each_context(request),
        "title": "Connexion temporairement bloquée",
        "cool_off_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return render(request, "admin/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


def view_on_site(request: HttpRequest, content_type_id: str, object_id: str) -> HttpResponse:
    """Django's "view on site" redirect, for users who may view or change the object's model.

    Django's own view checks no permission: any staff member could learn where a draft lives (its
    slug) from its id. Without the permission the answer is the same 404 as for a missing object.
    """
    try:
        model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
    except (ValueError, OverflowError, ContentType.DoesNotExist):
        model = None
    if model is None:
        raise Http404
    opts = model._meta
    if not any(
        request.user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")
        for action in ("view", "change")
    ):
        raise Http404
    return shortcut(request, content_type_id, object_id)
