"""Photos and documents of a case: models, content checks, and the functions that add them.

The interface other parts call (the admin, the API, the proposals form):
`CaseImage`, `CaseDocument`, `image_upload_checked`, `document_upload_checked`, `case_image_add`,
`case_document_add`, `case_files_room_check`.
"""

from cases.media.checks import document_upload_checked, image_upload_checked
from cases.media.models import CaseDocument, CaseImage
from cases.media.services import case_document_add, case_files_room_check, case_image_add

__all__ = [
    "CaseDocument",
    "CaseImage",
    "case_document_add",
    "case_files_room_check",
    "case_image_add",
    "document_upload_checked",
    "image_upload_checked",
]
