"""The plain-text word lists of `fixtures/lexicon/`, read once per process and ranked by expected frequency."""

import functools
import random
from dataclasses import dataclass
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "lexicon"


@dataclass(frozen=True)
class Lexicon:
    """The word lists, general lists ranked by expected frequency (index 0 = most frequent)."""

    stop_words: tuple[str, ...]
    nouns: tuple[str, ...]
    adjectives: tuple[str, ...]
    verbs: tuple[str, ...]
    adverbs: tuple[str, ...]
    domains: dict[str, tuple[str, ...]]
    places: tuple[str, ...]
    org_words: tuple[str, ...]
    org_sectors: tuple[str, ...]

    def all_words(self) -> set[str]:
        words = set(self.stop_words) | set(self.nouns) | set(self.adjectives) | set(self.verbs)
        words |= set(self.adverbs) | set(self.places) | set(self.org_words) | set(self.org_sectors)
        for domain_words in self.domains.values():
            words |= set(domain_words)
        return words


def _read_blocks(path: Path) -> list[list[str]]:
    """Blocks of words separated by blank lines; `#` lines are comments; duplicates keep their first place."""
    blocks: list[list[str]] = [[]]
    seen: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if not word:
            if blocks[-1]:
                blocks.append([])
        elif not word.startswith("#") and word not in seen:
            seen.add(word)
            blocks[-1].append(word)
    return [block for block in blocks if block]


def _ranked(path: Path, excluded: set[str]) -> tuple[str, ...]:
    """First block in file order (the frequent core), later blocks interleaved with a fixed seed.

    The later blocks are written by theme; shuffling them keeps any one theme from owning a frequency band.
    Words of the domain lists are left out so that they stay concentrated in their domain's cases.
    """
    blocks = _read_blocks(path)
    head = [word for word in blocks[0] if word not in excluded] if blocks else []
    tail = [word for block in blocks[1:] for word in block if word not in excluded]
    random.Random(f"lexicon:{path.name}").shuffle(tail)
    return tuple(head + tail)


def _flat(path: Path) -> tuple[str, ...]:
    return tuple(word for block in _read_blocks(path) for word in block)


@functools.cache
def load_lexicon(directory: Path = LEXICON_DIR) -> Lexicon:
    """Read the word lists once per process."""
    domains = {path.stem.removeprefix("domain-"): _flat(path) for path in sorted(directory.glob("domain-*.txt"))}
    domain_words = {word for words in domains.values() for word in words}
    return Lexicon(
        stop_words=_flat(directory / "stopwords.txt"),
        nouns=_ranked(directory / "common-nouns.txt", domain_words),
        adjectives=_ranked(directory / "common-adjectives.txt", domain_words),
        verbs=_ranked(directory / "common-verbs.txt", domain_words),
        adverbs=_ranked(directory / "common-adverbs.txt", domain_words),
        domains=domains,
        places=tuple(word for word in _flat(directory / "places.txt") if word not in domain_words),
        org_words=tuple(word for word in _flat(directory / "org_words.txt") if word not in domain_words),
        org_sectors=tuple(word for word in _flat(directory / "org_sectors.txt") if word not in domain_words),
    )
