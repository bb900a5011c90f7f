"""The shading scale of the map and its legend agree."""

import pytest

from observatoire.pages.france_map import _legend, level


@pytest.mark.parametrize(
    ("count", "highest", "expected"), [(0, 10, 0), (1, 1, 4), (1, 100, 1), (25, 100, 2), (100, 100, 4)]
)
def test_levels_grow_with_the_count(count, highest, expected):
    assert level(count, highest) == expected


@pytest.mark.parametrize("highest", [1, 2, 5, 9, 17, 61, 1000])
def test_every_count_falls_in_the_legend_entry_of_its_level(highest):
    legend = dict(_legend(highest))
    for count in range(1, highest + 1):
        label = legend[level(count, highest)]
        low, _, high = label.partition(" à ")
        assert int(low) <= count <= int(high or low)
