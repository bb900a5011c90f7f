"""Under which terms the published data may be reused.

The observatory's own content (cases, survey figures, its vocabularies) is under the licence the
observatory chooses, set by `CONTENT_LICENCE_NAME` and `CONTENT_LICENCE_URL`: until it is set, every place
that states a licence says it is still to be stated rather than guess one. The official indicators and
the territories keep their producers' Licence Ouverte / Etalab 2.0.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Licence:
    name: str
    url: str

    @property
    def is_stated(self) -> bool:
        return bool(self.name)

    @property
    def text(self) -> str:
        return self.name if self.is_stated else str(UNSTATED_TEXT)


UNSTATED_TEXT = _("à préciser par l'Observatoire des partenariats")
ETALAB = Licence("Licence Ouverte / Etalab 2.0", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/")


def content_licence() -> Licence:
    """The licence of the observatory's own content, as the settings state it."""
    return Licence(settings.CONTENT_LICENCE_NAME, settings.CONTENT_LICENCE_URL)
