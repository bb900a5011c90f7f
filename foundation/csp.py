from django.conf import settings


class AdminCspMiddleware:
    """The curators' admin gets a policy that tolerates inline styles (its third-party widgets use
    them); scripts stay as strict as on the public site.

    Placed after Django's CSP middleware, so that its response hook runs first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/") and not hasattr(response, "_csp_config"):
            response._csp_config = settings.SECURE_CSP_ADMIN
        return response
