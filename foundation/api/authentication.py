"""API tokens that expire: a token older than settings.API_TOKEN_TTL_DAYS is refused (0 keeps them forever).

Revoking is deleting the token (admin, "Jetons"); renewing is deleting it and creating another
(`manage.py drf_create_token -r <username>`), which restarts its age.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing tokens past their age with a 401 that says so.

    drf-spectacular documents it as DRF's `tokenAuth` scheme (its extension matches subclasses).
    """

    def authenticate_credentials(self, key: str):
        user, token = super().authenticate_credentials(key)
        days = settings.API_TOKEN_TTL_DAYS
        if days and token.created < timezone.now() - timedelta(days=days):
            raise AuthenticationFailed(
                _("Jeton expiré : il a plus de %(days)s jours. Demandez un nouveau jeton à un administrateur.")
                % {"days": days}
            )
        return user, token
