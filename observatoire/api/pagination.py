from rest_framework import pagination
from rest_framework.exceptions import ValidationError


class PageNumberPagination(pagination.PageNumberPagination):
    """Page-number pagination; `page_size` above the cap is capped, a malformed one is a 400."""

    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            raise ValidationError({"page_size": f"Nombre entier attendu, reçu « {raw} »."}) from None
        if size < 1:
            raise ValidationError({"page_size": "Le nombre de résultats par page doit être au moins 1."})
        return min(size, self.max_page_size)
