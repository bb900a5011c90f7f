"""Writes a fictitious case: organisations, place, title, summary, body and outcomes from the templates."""

import functools
import random
import re
from bisect import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bench.synthetic.distributions import (
    DOMAIN_COUNT_WEIGHTS,
    DOMAIN_NOUN_SHARE,
    DOMAIN_SHARES,
    FIRST_YEAR,
    LAST_END_YEAR,
    LEAD_KIND_WEIGHTS,
    NOUN_ADJECTIVE_SHARE,
    ORG_KINDS,
    PARTNER_KIND_WEIGHTS,
    PARTNER_ROLE_WEIGHTS,
    PARTNER_ROLES,
    SCALE_WEIGHTS,
    SCALES,
    SECONDARY_DOMAIN_PROBABILITY,
    SECONDARY_DOMAIN_SHARE,
    SECTION_WEIGHTS,
    SLUG_MAX,
    TARGET_CHARS,
    TEMPLATE_KEY_EXPONENTS,
    ZIPF_DOMAIN,
    ZIPF_GENERAL,
)
from bench.synthetic.french import adjective_forms, contract, elide, noun_gender, past_participle, slugify
from bench.synthetic.model import CorpusModel, Part, cumulative, weighted_stream, zipf_cumulative
from bench.synthetic.phrases import (
    DOMAIN_AUDIENCE_SHARE,
    DOMAIN_AUDIENCES,
    GENERIC_AUDIENCES,
    GENERIC_PRACTICE_PHRASES,
    ORG_PATTERNS,
    PLACE_TEMPLATES,
    PRACTICE_PHRASES,
    TOWN_ENDINGS,
    TOWN_PREFIXES,
)
from bench.synthetic.templates import (
    BULLET_INTRODUCTIONS,
    BULLET_TEMPLATES,
    OUTCOME_TEMPLATES,
    SECTION_HEADINGS,
    SECTION_TEMPLATES,
    SUMMARY_TEMPLATES,
    TITLE_ACTORS,
    TITLE_HEADS,
    TITLE_SETTINGS,
    TITLE_TEMPLATES,
)


@dataclass
class _Organization:
    name: str
    kind: str
    role: str
    mention: str


class CaseWriter:
    """Writes cases one after the other; all randomness comes from one `random.Random`, hence determinism."""

    def __init__(self, model: CorpusModel, rng: random.Random) -> None:
        self.model = model
        self.rng = rng
        lexicon = model.lexicon
        self.nouns = weighted_stream(rng, lexicon.nouns, zipf_cumulative(len(lexicon.nouns), *ZIPF_GENERAL))
        # Inflected forms must not be domain words either ("permettre" → "permis", a driving licence).
        domain_words = {word for words in lexicon.domains.values() for word in words}
        adjectives = [forms for forms in map(adjective_forms, lexicon.adjectives) if domain_words.isdisjoint(forms)]
        self.adjectives = weighted_stream(rng, adjectives, zipf_cumulative(len(adjectives), *ZIPF_GENERAL))
        self.verbs = weighted_stream(rng, lexicon.verbs, zipf_cumulative(len(lexicon.verbs), *ZIPF_GENERAL))
        participles = [form for form in map(past_participle, lexicon.verbs) if form and form not in domain_words]
        self.participles = weighted_stream(rng, participles, zipf_cumulative(len(participles), *ZIPF_GENERAL))
        self.genders = {noun: noun_gender(noun) for noun in lexicon.nouns}
        self.adverbs = weighted_stream(rng, lexicon.adverbs, zipf_cumulative(len(lexicon.adverbs), *ZIPF_GENERAL))
        self.domain_streams = {
            slug: weighted_stream(rng, words, zipf_cumulative(len(words), *ZIPF_DOMAIN))
            for slug, words in model.domain_words.items()
        }
        self.fill: dict[str, Callable[[], str]] = {
            "N": self._noun,
            "dN": self._noun_complement,
            "D": self._domain_word,
            "dD": lambda: elide("de", self._domain_word()),
            "Ams": lambda: next(self.adjectives)[0],
            "Afs": lambda: next(self.adjectives)[1],
            "Amp": lambda: next(self.adjectives)[2],
            "Afp": lambda: next(self.adjectives)[3],
            "V": lambda: next(self.verbs),
            "dV": lambda: elide("de", next(self.verbs)),
            "aV": lambda: "à " + next(self.verbs),
            "Vpp": lambda: next(self.participles),
            "ADV": lambda: next(self.adverbs),
            "T": lambda: self.town,
            "dT": lambda: elide("de", self.town),
            "aT": lambda: f"à {self.town}",
            "dT2": lambda: elide("de", self._town()),
            "O": lambda: self.organizations[0].mention,
            "dO": lambda: contract("de", self.organizations[0].mention),
            "aO": lambda: contract("à", self.organizations[0].mention),
            "O2": lambda: self._other_organization(),
            "dO2": lambda: contract("de", self._other_organization()),
            "aO2": lambda: contract("à", self._other_organization()),
            "AUD": lambda: "les " + self._audience(),
            "aAUD": lambda: "aux " + self._audience(),
            "dAUD": lambda: "des " + self._audience(),
            "K": lambda: str(self.rng.randint(2, 12)),
            "K2": lambda: str(self.rng.choice((20, 30, 40, 50, 60, 80, 100, 120, 150, 200, 300, 500, 800, 1200))),
            "PCT": lambda: str(self.rng.randint(35, 92)),
            "EUR": lambda: f"{self.rng.randint(2, 60) * 5} 000",
            "Y": lambda: str(self.year),
            "Yp": lambda: str(max(FIRST_YEAR - 5, self.year - self.rng.randint(1, 5))),
            "Yn": lambda: str(min(LAST_END_YEAR, self.year + self.rng.randint(1, 3))),
            "PART": lambda: self._practice(self.partnerships),
            "ENG": lambda: self._practice(self.engagements),
            "DYN": lambda: self._practice((self.dynamic,)),
            "PLACE": lambda: self.rng.choice(self.model.lexicon.places).capitalize(),
        }
        self.sections = {role: [self._compile(text) for text in texts] for role, texts in SECTION_TEMPLATES.items()}
        self.summaries = [self._compile(text) for text in SUMMARY_TEMPLATES]
        self.outcomes = [self._compile(text) for text in OUTCOME_TEMPLATES]
        self.bullets = [self._compile(text) for text in BULLET_TEMPLATES]
        self.places = {scale: [self._compile(text) for text in texts] for scale, texts in PLACE_TEMPLATES.items()}
        # "Le partenariat repose sur {PART}." and "Le projet s'inscrit dans {DYN}.": always in the text.
        partnership = self.sections["partnership"]
        self.practice_sentences = [
            partnership[SECTION_TEMPLATES["partnership"].index(text)]
            for text in ("Le partenariat repose sur {PART}.", "Le projet s'inscrit dans {DYN}.")
        ]

    # --- template machinery ---

    def _compile(self, template: str) -> tuple[Part, ...]:
        """Literal text, `{slot}` fillers and `[one|other]` alternatives (which vary the fixed wording)."""
        parts: list[Part] = []
        for piece in re.split(r"(\{\w+\}|\[[^\]]+\])", template):
            if piece.startswith("{"):
                parts.append(self.fill[piece[1:-1]])
            elif piece.startswith("["):
                parts.append(functools.partial(self.rng.choice, tuple(piece[1:-1].split("|"))))
            elif piece:
                parts.append(piece)
        return tuple(parts)

    @staticmethod
    def _render(parts: tuple[Part, ...]) -> str:
        text = "".join([part if isinstance(part, str) else part() for part in parts])
        return text[:1].upper() + text[1:]

    def _sentences(self, templates: list[tuple[Part, ...]], count: int) -> list[str]:
        return [self._render(parts) for parts in self._weighted_order(templates)[:count]]

    def _weighted_order(self, templates: list[tuple[Part, ...]]) -> list[tuple[Part, ...]]:
        """Templates in a random order where the first-written ones tend to come first.

        Drawing templates uniformly would give all their words about the same frequency, a bump that a
        Zipf curve does not have; Efraimidis–Spirakis keys (u ** (1 / w)) sample without replacement by weight.
        """
        random_ = self.rng.random
        keyed = sorted(
            ((random_() ** exponent, index) for index, exponent in enumerate(TEMPLATE_KEY_EXPONENTS[: len(templates)])),
            reverse=True,
        )
        return [templates[index] for _key, index in keyed]

    # --- slot values ---

    def _domain_word(self) -> str:
        draw = self.rng.random()
        if self.secondary is not None and draw < SECONDARY_DOMAIN_SHARE:
            return next(self.domain_streams[self.secondary])
        return next(self.domain_streams[self.case_domains[bisect(self.domain_share_cum, self.rng.random())]])

    def _noun_complement(self) -> str:
        if self.rng.random() < DOMAIN_NOUN_SHARE:
            return elide("de", self._domain_word())
        return elide("de", self._noun())

    def _noun(self) -> str:
        noun = next(self.nouns)
        gender = self.genders.get(noun)
        if gender and self.rng.random() < NOUN_ADJECTIVE_SHARE:
            return f"{noun} {next(self.adjectives)[0 if gender == 'm' else 1]}"
        return noun

    def _audience(self) -> str:
        specific = DOMAIN_AUDIENCES.get(self.case_domains[0])
        if specific and self.rng.random() < DOMAIN_AUDIENCE_SHARE:
            return self.rng.choice(specific)
        return self.rng.choice(GENERIC_AUDIENCES)

    def _practice(self, slugs: Sequence[str]) -> str:
        return self.rng.choice(PRACTICE_PHRASES.get(self.rng.choice(slugs), GENERIC_PRACTICE_PHRASES))

    def _other_organization(self) -> str:
        others = self.organizations[1:] or self.organizations
        return self.rng.choice(others).mention

    def _town(self) -> str:
        rng = self.rng
        prefix, ending = rng.choice(TOWN_PREFIXES), rng.choice(TOWN_ENDINGS)
        if prefix.lower().endswith(ending[:1]):
            ending = ending[1:] or ending
        town = prefix + ending
        if rng.random() < 0.15:
            town += "-les-" + rng.choice(self.model.lexicon.places).capitalize()
        return town

    # --- the case ---

    def case(self, index: int) -> dict:
        rng, model = self.rng, self.model
        self.case_domains = self._pick(model.domains, model.domain_cum, DOMAIN_COUNT_WEIGHTS)
        self.domain_share_cum = cumulative(DOMAIN_SHARES[len(self.case_domains)])
        self.domain_share_cum[-1] = 1.0 + 1e-9  # bisect must never fall past the last domain
        others = [slug for slug in model.domains if slug not in self.case_domains]
        self.secondary = rng.choice(others) if others and rng.random() < SECONDARY_DOMAIN_PROBABILITY else None
        self.partnerships = self._pick(model.partnerships, model.partnership_cum, (70, 30))
        self.engagements = self._pick(model.engagements, model.engagement_cum, (65, 35))
        self.dynamic = rng.choices(model.dynamics, cum_weights=model.dynamic_cum)[0]
        department, region = rng.choices(model.departments, cum_weights=model.department_cum)[0]
        self.year = rng.choices(model.years, cum_weights=model.year_cum)[0]
        end_year = None
        if rng.random() < 0.55:
            end_year = min(max(self.year, LAST_END_YEAR), self.year + rng.randint(0, 6))
        scale = rng.choices(SCALES, weights=SCALE_WEIGHTS)[0]
        self.town = self._town()
        self.organizations = self._organizations()
        place = self._render(rng.choice(self.places[scale]))
        title = self._title()
        summary = " ".join(self._sentences(self.summaries, rng.choices((1, 2, 3), weights=(30, 50, 20))[0]))
        outcomes = " ".join(self._sentences(self.outcomes, rng.choices((1, 2, 3), weights=(35, 45, 20))[0]))
        target = rng.triangular(*TARGET_CHARS)
        body = self._body(target - len(title) - len(summary) - len(outcomes))
        slug = f"cas-fictif-{index:06d}-{slugify(title)}"[:SLUG_MAX].rstrip("-")
        return {
            "slug": slug,
            "title": title,
            "summary": summary,
            "body": body,
            "outcomes": outcomes,
            "domains": list(self.case_domains),
            "partnerships": list(self.partnerships),
            "engagements": list(self.engagements),
            "dynamic": self.dynamic,
            "region": region,
            "department": department,
            "year": self.year,
            "end_year": end_year,
            "scale": scale,
            "place": place,
            "organizations": [{"name": org.name, "kind": org.kind, "role": org.role} for org in self.organizations],
        }

    def _pick(self, slugs: tuple[str, ...], cum: list[float], count_weights: Sequence[int]) -> list[str]:
        """A few distinct slugs, drawn by weight: the first one drawn is the case's main one."""
        count = min(len(slugs), self.rng.choices(range(1, len(count_weights) + 1), weights=count_weights)[0])
        picked: list[str] = []
        while len(picked) < count:
            slug = self.rng.choices(slugs, cum_weights=cum)[0]
            if slug not in picked:
                picked.append(slug)
        return picked

    def _organizations(self) -> list[_Organization]:
        rng = self.rng
        count = rng.choices((1, 2, 3, 4), weights=(15, 35, 32, 18))[0]
        kinds = [rng.choices(ORG_KINDS, weights=LEAD_KIND_WEIGHTS)[0]]
        kinds += rng.choices(ORG_KINDS, weights=PARTNER_KIND_WEIGHTS, k=count - 1)
        # The source's alliances are about associations working with companies: make sure one takes part.
        if count > 1 and "entreprise" not in kinds:
            kinds[1] = "entreprise"
        organizations: list[_Organization] = []
        for position, kind in enumerate(kinds):
            role = "porteur" if position == 0 else rng.choices(PARTNER_ROLES, weights=PARTNER_ROLE_WEIGHTS)[0]
            for _attempt in range(5):
                name, mention = self._organization_name(kind)
                if all(name != org.name for org in organizations):
                    organizations.append(_Organization(name, kind, role, mention))
                    break
        return organizations

    def _organization_name(self, kind: str) -> tuple[str, str]:
        rng, lexicon = self.rng, self.model.lexicon
        name_pattern, mention_pattern = rng.choice(ORG_PATTERNS[kind])
        word, second = rng.sample(lexicon.org_words, 2)
        values = {
            "OW": word.capitalize(),
            "OW2": second.capitalize(),
            "SECTOR": rng.choice(lexicon.org_sectors).capitalize(),
            "PLACE": rng.choice(lexicon.places).capitalize(),
            "T": self.town,
            "dT": elide("de", self.town),
        }
        return name_pattern.format(**values), mention_pattern.format(**values)

    def _title_slot(self, values: dict[str, str], match: re.Match) -> str:
        return values.get(match[1]) or self.fill[match[1]]()

    def _title(self) -> str:
        rng = self.rng
        for _attempt in range(8):
            head, gender = rng.choice(TITLE_HEADS)
            article = "une" if gender == "f" else "un"
            adjective = next(self.adjectives)[1 if gender == "f" else 0]
            actor, actor2 = rng.sample(TITLE_ACTORS, 2)
            values = {
                "Head": head.capitalize(),
                "head": f"{article} {head}",
                "A": adjective,
                "ACTOR": actor,
                "ACTOR2": actor2,
                "SETTING": rng.choice(TITLE_SETTINGS),
            }
            text = re.sub(r"\{(\w+)\}", functools.partial(self._title_slot, values), rng.choice(TITLE_TEMPLATES))
            title = text[:1].upper() + text[1:]
            if 4 <= len(title.split()) <= 10:
                return title
        return f"{head.capitalize()} {elide('de', self._domain_word())} {self.fill['aT']()}"

    def _body(self, budget: float) -> str:
        rng = self.rng
        roles = ["context"]
        if rng.random() < 0.75:
            roles.append("partnership")
        roles.append("implementation")
        if rng.random() < 0.6:
            roles.append("results")
        # The practices must be named somewhere, for search: in the partnership section, else in the actions.
        practices_role = "partnership" if "partnership" in roles else "implementation"
        total_weight = sum(SECTION_WEIGHTS[role] for role in roles)
        sections: list[str] = []
        for role in roles:
            heading = rng.choice(SECTION_HEADINGS[role])
            section_budget = budget * SECTION_WEIGHTS[role] / total_weight - len(heading) - 5
            text = self._section_text(role, section_budget, with_practices=role == practices_role)
            sections.append(f"## {heading}\n\n{text}")
        return "\n\n".join(sections)

    def _section_text(self, role: str, budget: float, *, with_practices: bool) -> str:
        """Paragraphs of 2–4 sentences, stopping before the section's share of the size is exceeded."""
        rng = self.rng
        sentences = [self._render(parts) for parts in self.practice_sentences] if with_practices else []
        used = sum(len(sentence) + 1 for sentence in sentences)
        templates = self.sections[role]
        for parts in self._weighted_order(templates):
            if parts in self.practice_sentences:
                continue
            sentence = self._render(parts)
            if len(sentences) >= 2 and used + len(sentence) + 1 > budget:
                break
            sentences.append(sentence)
            used += len(sentence) + 1
        paragraphs: list[str] = []
        position = 0
        while position < len(sentences):
            size = rng.randint(2, 4)
            paragraphs.append(" ".join(sentences[position : position + size]))
            position += size
        if role == "implementation" and rng.random() < 0.35:
            paragraphs.insert(rng.randint(1, len(paragraphs)), self._bullet_list())
        return "\n\n".join(paragraphs)

    def _bullet_list(self) -> str:
        rng = self.rng
        items = [self._render(parts) for parts in rng.sample(self.bullets, rng.randint(3, 4))]
        lines = [f"- {item[:1].lower()}{item[1:]} ;" for item in items]
        lines[-1] = lines[-1][:-2] + "."
        return rng.choice(BULLET_INTRODUCTIONS) + "\n\n" + "\n".join(lines)
