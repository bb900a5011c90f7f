import factory
from django.utils import timezone

from cases.models import Case, Link, Organization, Participation
from cases.search import reindex_deferred
from foundation.reference.models import Department, Domain


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Association fictive n°{n}")
    kind = Organization.Kind.ASSOCIATION
    is_fictitious = True


class CaseFactory(factory.django.DjangoModelFactory):
    """A published fictitious case; pass `domains=["sante"]`, `departments=["69"]` to tag it."""

    class Meta:
        model = Case
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Alliance fictive numéro {n}")
    slug = factory.Sequence(lambda n: f"alliance-fictive-{n}")
    summary = "Une alliance de démonstration entre une association et une entreprise."
    body = "## Contexte\n\nUn texte de démonstration."
    status = Case.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    is_fictitious = True
    start_year = 2018

    @classmethod
    def _generate(cls, strategy, params):
        # The case's search document is built once, with its relations, instead of at each relation set.
        with reindex_deferred():
            return super()._generate(strategy, params)

    @factory.post_generation
    def domains(self, create, extracted, **kwargs):
        if create and extracted:
            self.domains.set(Domain.objects.filter(slug__in=extracted))

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if create and extracted:
            self.departments.set(Department.objects.filter(code__in=extracted))


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    case = factory.SubFactory(CaseFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Participation.Role.LEAD


class LinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Link

    case = factory.SubFactory(CaseFactory)
    title = "Source"
    url = "https://example.org/source"
