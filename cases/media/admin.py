"""The photos and documents of a case, edited inline on the case's admin page.

A new file goes through the same checks as every other path (cases.media.checks); a refused one is an
error on its line, and nothing is stored. A stored file is not replaced in place: its line is deleted and
another one added, so that the name of a file never changes its content.
"""

from django import forms
from django.contrib import admin
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cases.media.checks import document_upload_checked, image_upload_checked
from cases.media.models import CaseDocument, CaseImage
from cases.media.services import case_files_room_check, document_store, image_store

REPLACE_HELP = "Pour remplacer le fichier, supprimez cette ligne et ajoutez-en une autre."


class CaseFilesFormSet(BaseInlineFormSet):
    """Checks CASE_FILES_MAX over the photos and the documents together: the case admin gives its file
    formsets one shared list (`file_formsets`), which each joins."""

    def __init__(self, *args, file_formsets: list | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.file_formsets = [] if file_formsets is None else file_formsets
        self.file_formsets.append(self)

    def files_after_save(self) -> int:
        count = 0
        for form in self.forms:
            deleted = self.can_delete and form[DELETION_FIELD_NAME].value()
            if not deleted and (form.instance.pk or form.has_changed()):
                count += 1
        return count

    def clean(self) -> None:
        super().clean()
        if any(not form.instance.pk and form.has_changed() for form in self.forms):
            current = sum(formset.files_after_save() for formset in self.file_formsets)
            case_files_room_check(self.instance, 0, current=current)


class StoredFileForm(forms.ModelForm):
    """A new upload is checked in `clean_file` and stored, as `store` says, when the line is saved."""

    check = staticmethod(image_upload_checked)
    store = staticmethod(image_store)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.checked = None
        if self.instance.pk:
            self.fields["file"].disabled = True
            self.fields["file"].help_text = REPLACE_HELP

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if self.instance.pk or upload is None:
            return upload
        self.checked = self.check(upload)
        return self.checked

    def save(self, commit: bool = True):
        item = super().save(commit=False)
        if self.checked is not None:
            self.store(item, self.checked)
        if commit:
            item.save()
        return item


class CaseImageForm(StoredFileForm):
    class Meta:
        model = CaseImage
        fields = ["file", "alt_text", "credit", "licence", "position"]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"})}


class CaseDocumentForm(StoredFileForm):
    check = staticmethod(document_upload_checked)
    store = staticmethod(document_store)

    class Meta:
        model = CaseDocument
        fields = ["file", "title", "position"]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": "application/pdf"})}


class CaseImageInline(admin.TabularInline):
    model = CaseImage
    form = CaseImageForm
    formset = CaseFilesFormSet
    fields = ["preview", "file", "alt_text", "credit", "licence", "position"]
    readonly_fields = ["preview"]
    extra = 1

    @admin.display(description=_("aperçu"))
    def preview(self, image: CaseImage) -> str:
        if not image.pk or not image.variants:
            return "—"
        small = image.variant_urls()[0]
        return format_html(
            '<img src="{}" alt="" width="{}" height="{}" style="width:120px;height:auto">',
            small["url"],
            small["width"],
            small["height"],
        )


class CaseDocumentInline(admin.TabularInline):
    model = CaseDocument
    form = CaseDocumentForm
    formset = CaseFilesFormSet
    fields = ["file", "title", "position"]
    extra = 1
