class ApiCorsMiddleware:
    """Let any origin read the public API: read-only requests only, without credentials.

    Writes need a token or a session and stay same-origin, so no preflight is answered.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/") and request.method in {"GET", "HEAD"}:
            response.headers["Access-Control-Allow-Origin"] = "*"
            response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
        return response
