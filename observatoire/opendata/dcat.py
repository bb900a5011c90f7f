"""The DCAT-AP catalogue of the open data (`/donnees/catalogue.jsonld`, `.ttl`), for data portals to harvest.

Built with rdflib from the newest package's descriptor alone, so it says exactly what the files are: the
catalogue, one dataset per body of knowledge (cases, surveys, indicators, reference data), one distribution
per file. It holds every property DCAT-AP makes mandatory (catalogue: title, description, publisher,
dataset; dataset: title, description; distribution: access URL; agent: name) and the recommended ones the
base knows: licence, media type and format, byte size, checksum, modified, spatial and temporal coverage,
themes and keywords, contact point. No contact address is made up: the contact point is the site's page.
"""

from django.conf import settings
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from foundation.licences import Licence, content_licence

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
EU = "http://publications.europa.eu/resource/authority/"
FRANCE = URIRef(f"{EU}country/FRA")
FRENCH = URIRef(f"{EU}language/FRA")
FILE_TYPES = {"csv": URIRef(f"{EU}file-type/CSV"), "json": URIRef(f"{EU}file-type/JSON")}
MEDIA_TYPES = {
    "csv": URIRef("https://www.iana.org/assignments/media-types/text/csv"),
    "json": URIRef("https://www.iana.org/assignments/media-types/application/json"),
}
# The EU's data themes each dataset falls under: population and society, regions and cities, economy.
THEMES = {
    "etudes-de-cas": ["SOCI", "REGI"],
    "enquetes": ["SOCI"],
    "indicateurs": ["SOCI", "ECON", "REGI"],
    "ressources": ["SOCI"],
    "referentiels": ["REGI"],
}
FORMATS = {"jsonld": "json-ld", "ttl": "turtle"}
CONTENT_TYPES = {"jsonld": "application/ld+json", "ttl": "text/turtle; charset=utf-8"}


def _licence(graph: Graph, licence: Licence) -> URIRef | None:
    if not licence.url:
        return None
    node = URIRef(licence.url)
    graph.add((node, RDF.type, DCTERMS.LicenseDocument))
    graph.add((node, DCTERMS.title, Literal(licence.name, lang="fr")))
    return node


def _text(value: str) -> Literal:
    return Literal(value, lang="fr")


def _texts(about: dict, key: str, suffix: str = "") -> list[Literal]:
    """A descriptor's `key` in French and, from its `<key>_<code>` properties, in the site's other languages."""
    texts = [_text(about[key] + suffix)]
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE and about.get(f"{key}_{code}"):
            texts.append(Literal(about[f"{key}_{code}"] + suffix, lang=code))
    return texts


def _describe(graph: Graph, node: URIRef, kind: URIRef, about: dict, common: dict) -> None:
    """What the catalogue and each dataset both say: their kind, title and description in each language the
    package gives, publisher, date, language, and France as their place."""
    for predicate, value in {RDF.type: kind, DCTERMS.spatial: FRANCE, **common}.items():
        graph.add((node, predicate, value))
    for key, predicate in (("title", DCTERMS.title), ("description", DCTERMS.description)):
        for text in _texts(about, key):
            graph.add((node, predicate, text))


def catalogue(package: dict, base: str) -> Graph:
    """The catalogue of `package` (a datapackage.json), its addresses absolute under `base`
    (`https://host/donnees/`)."""
    graph = Graph()
    for prefix, namespace in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD), ("spdx", SPDX)):
        graph.bind(prefix, namespace)
    site = base.removesuffix("donnees/")
    modified = Literal(package["created"], datatype=XSD.dateTime)

    publisher = URIRef(f"{site}#observatoire")
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(package["publisher"])))
    graph.add((publisher, FOAF.homepage, URIRef(site)))
    contact = URIRef(f"{site}a-propos/#contact")
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(package["publisher"])))
    graph.add((contact, VCARD.hasURL, URIRef(f"{site}a-propos/")))
    own_licence = _licence(graph, content_licence())

    node = URIRef(f"{base}catalogue")
    common = {DCTERMS.publisher: publisher, DCTERMS.modified: modified, DCTERMS.language: FRENCH}
    _describe(graph, node, DCAT.Catalog, package, common)
    graph.add((node, FOAF.homepage, URIRef(base)))
    if own_licence is not None:
        graph.add((node, DCTERMS.license, own_licence))

    for key, about in package["datasets"].items():
        dataset = URIRef(f"{base}#{key}")
        graph.add((node, DCAT.dataset, dataset))
        _describe(graph, dataset, DCAT.Dataset, about, common)
        graph.add((dataset, DCTERMS.identifier, Literal(f"{package['name']}/{key}")))
        graph.add((dataset, DCAT.contactPoint, contact))
        graph.add((dataset, DCAT.landingPage, URIRef(base)))
        graph.add((dataset, ADMS.versionNotes, _text(f"Version {package['version']} de la base.")))
        for theme in THEMES.get(key, []):
            graph.add((dataset, DCAT.theme, URIRef(f"{EU}data-theme/{theme}")))
        for keyword in about["keywords"]:
            graph.add((dataset, DCAT.keyword, _text(keyword)))
        if about["temporal"]:
            start, end = about["temporal"]
            period = BNode()
            graph.add((dataset, DCTERMS.temporal, period))
            graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
            graph.add((period, DCAT.startDate, Literal(f"{start}-01-01", datatype=XSD.date)))
            graph.add((period, DCAT.endDate, Literal(f"{end}-12-31", datatype=XSD.date)))
        for resource in package["resources"]:
            if resource["dataset"] == key:
                _distribution(graph, dataset, resource, base, modified)
    return graph


def _distribution(graph: Graph, dataset: URIRef, resource: dict, base: str, modified: Literal) -> None:
    url = URIRef(f"{base}{resource['path']}")
    node = URIRef(f"{base}#{resource['name']}")
    graph.add((dataset, DCAT.distribution, node))
    graph.add((node, RDF.type, DCAT.Distribution))
    graph.add((node, DCAT.accessURL, url))
    graph.add((node, DCAT.downloadURL, url))
    for title in _texts(resource, "title", f" ({resource['format'].upper()})"):
        graph.add((node, DCTERMS.title, title))
    for description in _texts(resource, "description"):
        graph.add((node, DCTERMS.description, description))
    graph.add((node, DCAT.mediaType, MEDIA_TYPES[resource["format"]]))
    graph.add((node, DCTERMS.format, FILE_TYPES[resource["format"]]))
    graph.add((node, DCAT.byteSize, Literal(resource["bytes"], datatype=XSD.nonNegativeInteger)))
    graph.add((node, DCTERMS.modified, modified))
    graph.add((node, DCTERMS.conformsTo, URIRef(f"{base}datapackage.json")))
    checksum = BNode()
    graph.add((node, SPDX.checksum, checksum))
    graph.add((checksum, RDF.type, SPDX.Checksum))
    graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    graph.add((checksum, SPDX.checksumValue, Literal(resource["hash"].removeprefix("sha256:"), datatype=XSD.hexBinary)))
    for licence in resource.get("licenses", []):
        graph.add((node, DCTERMS.license, _licence(graph, Licence(licence["title"], licence["path"]))))


def serialise(graph: Graph, ext: str) -> bytes:
    return graph.serialize(format=FORMATS[ext], encoding="utf-8")
