"""Read a page as a reader does, one element at a time: a test scopes what it checks to the element it is
about (`find(content, "section", id="resultats").text`), not to the whole page."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list = field(default_factory=list)

    @property
    def text(self) -> str:
        """The element's text, its whitespace collapsed as a browser shows it."""
        return " ".join("".join(self._strings()).split())

    @property
    def text_as_written(self) -> str:
        """The element's text with its spaces as written, for a figure's own spacing (`text` would fold the
        no-break space between thousands)."""
        return "".join(self._strings()).strip()

    def _strings(self):
        for child in self.children:
            if isinstance(child, str):
                yield child
            else:
                yield from child._strings()

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list["Element"]:
        """The descendants with this tag (any when None) whose attributes hold these values; `class_` is
        one of the element's classes."""
        wanted_class = attrs.pop("class_", None)
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and all(element.attrs.get(name) == value for name, value in attrs.items())
            and (wanted_class is None or wanted_class in element.attrs.get("class", "").split())
        ]

    def find(self, tag: str | None = None, **attrs: str) -> "Element":
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag or '*'}> with {attrs}"
        return found[0]


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(content: str | bytes) -> Element:
    builder = _Builder()
    builder.feed(content.decode() if isinstance(content, bytes) else content)
    builder.close()
    return builder.root


def find(content: str | bytes, tag: str | None = None, **attrs: str) -> Element:
    """The first element of the page with this tag and these attributes (the test fails without one)."""
    return parse(content).find(tag, **attrs)
