"""The public form of /cas/proposer/: the case, its organisations, its files, and the proposer's consent."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.media import case_files_room_check, document_upload_checked, image_upload_checked
from cases.models import Organization, Participation
from foundation.reference.models import (
    CollectiveDynamic,
    Department,
    Domain,
    EngagementPractice,
    Impact,
    PartnershipType,
    Region,
)
from foundation.text import guard_text_fields

# Rows offered on the page; the media settings bound what a case may hold in all.
ORGANIZATION_ROWS = 3
PHOTO_ROWS = 3
DOCUMENT_ROWS = 2
# Bumped whenever the wording of consent_statement() changes; stored with each proposal.
CONSENT_VERSION = "1"
HONEYPOT_MESSAGE = (
    "Cet envoi ressemble à celui d'un robot (le champ « Laissez ce champ vide » était rempli) : rien n'a été "
    "enregistré. Si vous êtes une personne, videz ce champ et envoyez à nouveau."
)


def consent_statement() -> str:
    """What the proposer agrees to about their contact data, with the retention period in force."""
    days = settings.PROPOSAL_CONTACT_RETENTION_DAYS
    return (
        "J'accepte que l'Observatoire des partenariats utilise mon nom et mon adresse électronique uniquement "
        "pour traiter cette proposition : m'en accuser réception, me demander des précisions et me faire "
        "connaître sa décision. Ils ne sont jamais publiés ni transmis à des tiers, et sont effacés "
        f"{days} jours après la décision (ou {days} jours après l'envoi si aucune décision n'a été prise). "
        "Je peux en demander à tout moment la copie ou l'effacement en répondant à l'accusé de réception."
    )


class DepartmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, department: Department) -> str:
        return f"{department.code} — {department.name}"


def _vocabulary(model, label: str) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        model.objects.all(), required=False, label=label, widget=forms.CheckboxSelectMultiple, to_field_name="slug"
    )


class TextGuardedForm(forms.Form):
    """Text fields refuse control characters (foundation.text), with a message on the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        guard_text_fields(self.fields)


class ProposalForm(TextGuardedForm):
    required_css_class = "required"

    title = forms.CharField(
        label=_("Titre"),
        max_length=200,
        help_text=_("Le nom de l'initiative ou de l'alliance, en quelques mots."),
    )
    summary = forms.CharField(
        label=_("Résumé"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Quelques lignes : ce que fait l'alliance, où, avec qui (1 000 caractères au plus)."),
    )
    body = forms.CharField(
        label=_("Description"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=(
            _(
                "Le besoin de départ, ce que chaque partenaire apporte, comment l'alliance fonctionne, ses résultats. "
                "Texte simple ; une ligne vide sépare les paragraphes."
            )
        ),
    )
    start_year = forms.IntegerField(label=_("Année de début"), required=False, min_value=1900)
    region = forms.ModelChoiceField(Region.objects.all(), label=_("Région"), required=False, empty_label="—")
    department = DepartmentChoiceField(
        Department.objects.all(), label=_("Département"), required=False, empty_label="—"
    )
    place = forms.CharField(
        label=_("Lieu"), max_length=200, required=False, help_text=_("Commune, quartier, site (facultatif).")
    )
    domains = _vocabulary(Domain, _("Domaines de fragilité concernés"))
    partnership_types = _vocabulary(PartnershipType, _("Pratiques partenariales"))
    engagement_practices = _vocabulary(EngagementPractice, _("Pratiques d'engagement"))
    dynamics = _vocabulary(CollectiveDynamic, _("Dynamiques collectives territoriales"))
    impacts = _vocabulary(Impact, _("Impacts observés"))
    impacts_evidence = forms.CharField(
        label=_("Ce qui atteste ces impacts"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Si vous cochez un impact : un fait observé, un chiffre, une évaluation (2 000 caractères au plus)."
        ),
    )
    name = forms.CharField(label=_("Votre nom"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("Votre adresse électronique"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    consent = forms.BooleanField(
        label=_("J'ai lu et j'accepte l'usage de mes coordonnées décrit ci-dessus."),
        error_messages={
            "required": _("Sans votre accord sur l'usage de vos coordonnées, la proposition ne peut être reçue.")
        },
    )
    # The honeypot: hidden from sight and from the keyboard, filled only by programs that fill everything.
    website = forms.CharField(
        label=_("Laissez ce champ vide"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start_year"].max_value = timezone.now().year
        self.fields["start_year"].widget.attrs.update(max=timezone.now().year, min=1900)

    @property
    def is_honeypot(self) -> bool:
        return bool(self.data.get(self.add_prefix("website"), "").strip())

    def clean_title(self) -> str:
        # One line: the title is also an email's subject, where a line break would be a new header.
        return " ".join(self.cleaned_data["title"].split())

    def clean(self):
        data = super().clean()
        if self.is_honeypot:
            raise ValidationError(HONEYPOT_MESSAGE, code="honeypot")
        region, department = data.get("region"), data.get("department")
        if region and department and department.region_id != region.pk:
            self.add_error(
                "department",
                _("%(department)s n'est pas dans la région %(region)s.")
                % {"department": department.name, "region": region.name},
            )
        if data.get("impacts") and not (data.get("impacts_evidence") or "").strip():
            self.add_error("impacts_evidence", _("Dites ce qui atteste les impacts cochés : un fait, un chiffre."))
        return data


class OrganizationForm(TextGuardedForm):
    name = forms.CharField(label=_("Nom"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=[("", "—"), *Organization.Kind.choices])
    role = forms.ChoiceField(label=_("Rôle"), choices=Participation.Role.choices, initial=Participation.Role.PARTNER)


class BaseOrganizationFormSet(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_many_forms": f"{ORGANIZATION_ROWS} organisations au plus : les autres pourront être ajoutées ensuite.",
    }

    def clean(self):
        if any(self.errors):
            return
        if not any(form.cleaned_data.get("name") for form in self.forms):
            raise ValidationError(_("Indiquez au moins une organisation impliquée (son nom, son type et son rôle)."))

    @property
    def rows(self) -> list[dict]:
        return [form.cleaned_data for form in self.forms if form.cleaned_data.get("name")]


class PhotoForm(TextGuardedForm):
    file = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    alt_text = forms.CharField(
        label=_("Description de la photo (texte alternatif)"),
        max_length=300,
        required=False,
        help_text=_("Ce que montre la photo, pour les personnes qui ne la voient pas."),
    )
    credit = forms.CharField(label=_("Crédit (auteur)"), max_length=200, required=False)
    licence = forms.CharField(
        label=_("Licence"),
        max_length=100,
        required=False,
        help_text=_("Par exemple : CC BY 4.0, ou « droits réservés »."),
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is None:
            if data.get("alt_text") or data.get("credit") or data.get("licence"):
                self.add_error("file", _("Choisissez la photo que décrivent ces champs."))
            return data
        if not data.get("alt_text"):
            self.add_error("alt_text", _("Décrivez la photo : ce texte la remplace pour qui ne la voit pas."))
        try:
            self.stored_name = image_upload_checked(upload).name
        except ValidationError as error:
            self.add_error("file", error)
        return data


class DocumentForm(TextGuardedForm):
    file = forms.FileField(
        label=_("Document PDF"), required=False, widget=forms.FileInput(attrs={"accept": "application/pdf"})
    )
    title = forms.CharField(label=_("Titre du document"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is None:
            if data.get("title"):
                self.add_error("file", _("Choisissez le document que ce titre désigne."))
            return data
        if not data.get("title"):
            self.add_error("title", _("Donnez un titre au document."))
        try:
            self.stored_name = document_upload_checked(upload).name
        except ValidationError as error:
            self.add_error("file", error)
        return data


class BaseFileFormSet(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_many_forms": "Trop de fichiers de ce genre : %(num)d au plus.",
    }

    def clean(self):
        """The same file chosen on two lines is an error of the later line (the case would hold it twice)."""
        first_line: dict[str, int] = {}
        for number, form in enumerate(self.forms, start=1):
            name = getattr(form, "stored_name", None)
            if name is None:
                continue
            if name in first_line:
                form.add_error(
                    "file",
                    _("Ce fichier est déjà choisi à la ligne %(line)s : choisissez-en un autre.")
                    % {"line": first_line[name]},
                )
            else:
                first_line[name] = number

    @property
    def uploads(self) -> list[dict]:
        return [form.cleaned_data for form in self.forms if form.cleaned_data.get("file")]


OrganizationFormSet = forms.formset_factory(
    OrganizationForm,
    formset=BaseOrganizationFormSet,
    extra=ORGANIZATION_ROWS,
    max_num=ORGANIZATION_ROWS,
    validate_max=True,
    absolute_max=ORGANIZATION_ROWS,
)
PhotoFormSet = forms.formset_factory(
    PhotoForm,
    formset=BaseFileFormSet,
    extra=PHOTO_ROWS,
    max_num=PHOTO_ROWS,
    validate_max=True,
    absolute_max=PHOTO_ROWS,
)
DocumentFormSet = forms.formset_factory(
    DocumentForm,
    formset=BaseFileFormSet,
    extra=DOCUMENT_ROWS,
    max_num=DOCUMENT_ROWS,
    validate_max=True,
    absolute_max=DOCUMENT_ROWS,
)


@dataclass
class ProposalSubmission:
    """The form and its three formsets, validated together."""

    form: ProposalForm
    organizations: BaseOrganizationFormSet
    photos: BaseFileFormSet
    documents: BaseFileFormSet

    @classmethod
    def bind(cls, data=None, files=None) -> "ProposalSubmission":
        bare = {"label_suffix": ""}  # labels are names, not prompts: "Titre", never "Titre :"
        return cls(
            form=ProposalForm(data, files, **bare),
            organizations=OrganizationFormSet(data, prefix="org", form_kwargs=bare),
            photos=PhotoFormSet(data, files, prefix="photo", form_kwargs=bare),
            documents=DocumentFormSet(data, files, prefix="doc", form_kwargs=bare),
        )

    @property
    def formsets(self) -> list:
        return [self.organizations, self.photos, self.documents]

    def is_valid(self) -> bool:
        valid = all([self.form.is_valid(), *(formset.is_valid() for formset in self.formsets)])
        if valid:
            try:
                case_files_room_check(None, len(self.photos.uploads) + len(self.documents.uploads), current=0)
            except ValidationError as error:
                self.form.add_error(None, error)
                return False
        return valid

    @property
    def is_honeypot(self) -> bool:
        return self.form.is_honeypot

    def error_summary(self) -> list[tuple[str, str]]:
        """Every error as (the field's id, or "" for the whole form; the message naming the field)."""
        items = [("", str(error)) for error in self.form.non_field_errors()]
        items += _field_errors(self.form, "")
        for formset, noun in [
            (self.organizations, "Organisation"),
            (self.photos, "Photo"),
            (self.documents, "Document"),
        ]:
            items += [("", str(error)) for error in formset.non_form_errors()]
            for number, form in enumerate(formset.forms, start=1):
                items += _field_errors(form, f"{noun} {number} — ")
        return items


def _field_errors(form: forms.Form, prefix: str) -> list[tuple[str, str]]:
    return [
        (form[name].auto_id, f"{prefix}{form[name].label} : {error}")
        for name, errors in form.errors.items()
        if name != forms.forms.NON_FIELD_ERRORS
        for error in errors
    ]
