"""Case generation: `n` fictitious cases from a seed, and a fictitious case's impacts and goals."""

import random
from collections.abc import Iterator

from bench.synthetic.lexicon import load_lexicon
from bench.synthetic.model import CorpusModel
from bench.synthetic.writer import CaseWriter


def generate(
    n: int, *, seed: int = 0, vocabularies: dict[str, list[str]], departments: list[tuple[str, str]]
) -> Iterator[dict]:
    """Yield `n` fictitious cases, the same ones for the same seed and inputs.

    `vocabularies` maps "domains", "partnerships", "engagements" and "dynamics" to lists of slugs;
    `departments` lists (department INSEE code, region INSEE code) pairs. See the module docstring.
    """
    model = CorpusModel.build(load_lexicon(), vocabularies, departments)  # validates now, not at the first next()
    return _cases(n, model, random.Random(seed))


def _cases(n: int, model: CorpusModel, rng: random.Random) -> Iterator[dict]:
    writer = CaseWriter(model, rng)
    for index in range(1, n + 1):
        yield writer.case(index)


# Fictitious impacts and SDGs of a fictitious case: drawn from a generator of their own, seeded by the
# case's slug, so that the cases' other content (and the benchmark's corpus) stays as it was.
IMPACT_SLUGS = (
    "performance-acteurs-economiques",
    "performance-structures-interet-general",
    "performance-acteurs-publics",
    "innovation-territoriale",
    "innovation-societale",
    "confiance",
)
FICTITIOUS_EVIDENCE = "Impact fictif, inventé pour la démonstration comme le reste de ce cas."


def fictitious_impacts(slug: str) -> tuple[list[dict], list[int]]:
    """A fictitious case's observed impacts (0 to 2, each with a fictitious evidence, sometimes a formal
    evaluation) and SDGs (goal 17 often, as the observatory relates alliances to it, and 0 to 2 others)."""
    rng = random.Random(f"impacts:{slug}")
    impacts = [
        {"impact": impact, "evidence": FICTITIOUS_EVIDENCE, "formal_evaluation": rng.random() < 0.2}
        for impact in rng.sample(IMPACT_SLUGS, rng.choices((0, 1, 2), weights=(30, 45, 25))[0])
    ]
    goals = set(rng.sample(range(1, 17), rng.choice((0, 1, 2))))
    if rng.random() < 0.6:
        goals.add(17)
    return impacts, sorted(goals)
