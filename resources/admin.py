from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from resources.files import ACCEPT, resource_file_name, resource_upload_checked
from resources.models import Audience, Resource


@admin.register(Audience)
class AudienceAdmin(TranslationAdmin):
    list_display = ["name", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}


class ResourceAdminForm(forms.ModelForm):
    """A new file is checked by its content (resources.files) and stored under its hash, once for all the
    resources that hold it; a refused one is an error on the field, and nothing is stored. Clearing the field
    takes the file off the resource (the stored content stays for the history)."""

    class Meta:
        model = Resource
        fields = [
            *("title", "slug", "kind", "status", "date_label", "year", "place", "quote", "summary", "source_page"),
            *("programme", "audiences", "domains", "sdgs", "regions", "url", "file", "licence", "citation"),
        ]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": ACCEPT})}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            checked, content_type = resource_upload_checked(upload)
            self.instance.file_type, self.instance.file_size = content_type, checked.size
            # Named by its content, a stored file of that name is this content (another resource's, or one this
            # resource held before): it is shared, where the storage would write a copy under a name that is no
            # content's hash, which the file view does not serve.
            name = resource_file_name(self.instance, checked.name)
            return name if self.instance.file.storage.exists(name) else checked
        if not upload:
            self.instance.file_type, self.instance.file_size = "", 0
        return upload


@admin.register(Resource)
class ResourceAdmin(SimpleHistoryAdmin):
    form = ResourceAdminForm
    list_display = ["title", "kind", "date_label", "programme", "source_page", "status"]
    list_filter = ["status", "kind", "programme", "audiences", "sdgs"]
    list_select_related = ["programme"]
    search_fields = ["title", "slug", "quote", "citation"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["audiences", "domains", "regions", "sdgs"]
    readonly_fields = ["stored_file"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status"]}),
        (_("Ce que dit la source"), {"fields": ["date_label", "year", "place", "quote", "summary", "source_page"]}),
        (_("Classement"), {"fields": ["programme", "audiences", "domains", "sdgs", "regions"]}),
        (_("Accès et citation"), {"fields": ["url", "file", "stored_file", "licence", "citation"]}),
    ]

    @admin.display(description=_("fichier enregistré"))
    def stored_file(self, resource: Resource) -> str:
        if not resource.file:
            return "—"
        return format_html('<a href="{}">{}</a> ({})', resource.file_url, resource.download_name, resource.file_label)
