"""What the XML exports for Gephi (GraphML, GEXF) share: ids, text, numbers, attribute types.

Both writers stream their text themselves rather than build a tree, for speed
(a 5,000-paper archive has a quarter of a million edges) and for output that is the
same byte for byte on every run.
"""

from __future__ import annotations

import math
import re
from typing import Iterable, Iterator

from ..graph import each_shared_dict_once

__all__ = ["xml_id", "from_xml_id", "text", "number", "value_text", "declared_types", "batched",
           "FORMATTERS"]

#: Pieces (lines or whole elements) joined into one string before writing: few writes, bounded memory.
BATCH = 5000
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Characters escaped, in the order they are replaced (`&` first: the others bring one in).
ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"),
           ("\t", "&#9;"), ("\n", "&#10;"), ("\r", "&#13;"))
#: Any character `text` changes: most values have none and are returned as they are.
SPECIAL = re.compile('[&<>"\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
ID_KEPT = re.compile(r"[^A-Za-z0-9.:\- ]")
ESCAPED = re.compile("(?:·[0-9A-F]{2})+")


def xml_id(node: str) -> str:
    """A node id as an XML name token (GraphML's ids are `xs:NMTOKEN`), one-to-one.

    ASCII letters, digits, `.`, `:` and `-` are kept, a space becomes `_`, and any
    other character becomes `·` (U+00B7, a name character nothing else produces)
    and the hex of each of its UTF-8 bytes. The same node has the same id in
    every export, and the id reads like the key in the node's IRI.

    >>> xml_id("author:chelsea finn"), xml_id("paper:2401.12945")
    ('author:chelsea_finn', 'paper:2401.12945')
    >>> xml_id("author:rémi o'brien_2")
    'author:r·C3·A9mi_o·27brien·5F2'
    """
    def encode(match: re.Match) -> str:
        return "".join(f"·{b:02X}" for b in match[0].encode("utf-8"))
    return ID_KEPT.sub(encode, node).replace(" ", "_")


def from_xml_id(token: str) -> str:
    """The node key back from its `xml_id`, as `read_graphml` and `read_gexf` give it.

    >>> from_xml_id("author:r·C3·A9mi_o·27brien·5F2")
    "author:rémi o'brien_2"
    """
    def decode(match: re.Match) -> str:
        return bytes.fromhex(match[0].replace("·", "")).decode("utf-8")
    return ESCAPED.sub(decode, token.replace("_", " "))


def text(value: str) -> str:
    """`value` safe in XML text and attribute values: illegal characters dropped, the rest escaped.

    >>> text('a\\x08b & <c> "d"')
    'ab &amp; &lt;c&gt; &quot;d&quot;'
    """
    value = str(value)
    if SPECIAL.search(value) is None:
        return value
    value = XML_ILLEGAL.sub("", value)
    for char, escaped in ESCAPES:  # str.replace: several times faster than str.translate on Hangul
        value = value.replace(char, escaped)
    return value


def number(value: int | float) -> str:
    """A number as XML Schema reads it: ints as they are, floats in shortest round-trip form."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write the number {value!r}")
        return repr(value)
    return str(value)


def boolean(value: bool) -> str:
    return "true" if value else "false"


#: Declared type -> value as text, what `value_text` gives every value of that type
#: (a `long` attribute holds no bool, a `double` one ints and floats).
FORMATTERS = {"boolean": boolean, "long": str, "double": number, "string": text}


def value_text(value) -> str:
    """A scalar attribute value as text: booleans `true`/`false`, numbers, escaped strings."""
    if isinstance(value, bool):
        return boolean(value)
    if isinstance(value, (int, float)):
        return number(value)
    return text(value)


def declared_types(records: Iterable[dict], table: tuple[tuple[type, str], ...], fmt: str,
                   skip: frozenset[str] | set[str] = frozenset()) -> dict[str, str]:
    """One type per attribute name, in first-seen order; ints and floats mixed make a float.

    `table` maps Python types to the format's type names, the bool row first (a bool
    is an int) and the int row before the float row. A value of any other type
    (None, a list) raises `TypeError`, as a value of several types does.

    >>> table = ((bool, "boolean"), (int, "long"), (float, "double"), (str, "string"))
    >>> declared_types([{"a": 1, "b": "x"}, {"a": 2.5, "c": True}], table, "GEXF")
    {'a': 'double', 'b': 'string', 'c': 'boolean'}
    >>> declared_types([{"a": None}], table, "GEXF")
    Traceback (most recent call last):
    ...
    TypeError: GEXF does not support attribute 'a' of type NoneType
    """
    names: dict = {}  # every attribute name, in first-seen order
    pairs: set = set()  # (name, Python type) of every value: a few dozen, found at C speed
    for d in each_shared_dict_once(records):  # the co-author edges of one paper share their dict
        names.update(d)
        pairs.update(zip(d, map(type, d.values())))
    python_types: dict[str, list[type]] = {name: [] for name in names if name not in skip}
    for name, python_type in pairs:
        if name in python_types:
            python_types[name].append(python_type)
    # Types sorted by name: which of two unsupported ones is reported does not vary.
    found = {name: {type_name(t, table, fmt, name) for t in sorted(kinds, key=lambda t: t.__name__)}
             for name, kinds in python_types.items()}
    int_name, float_name = table[1][1], table[2][1]
    types = {}
    for name, kinds in found.items():
        if len(kinds) == 1:
            types[name] = next(iter(kinds))
        elif kinds == {int_name, float_name}:
            types[name] = float_name
        else:
            raise TypeError(f"{fmt} attribute {name!r} has values of several types: {sorted(kinds)}")
    return types


def type_name(python_type: type, table: tuple[tuple[type, str], ...], fmt: str, name: str) -> str:
    """The format's name of a Python type (a subclass by its first base in `table`)."""
    for base, kind in table:
        if issubclass(python_type, base):
            return kind
    raise TypeError(f"{fmt} does not support attribute {name!r} of type {python_type.__name__}")


def batched(lines: Iterable[str], size: int = BATCH) -> Iterator[str]:
    """The lines joined `size` at a time (the text is the same as joining them all).

    >>> list(batched(["a", "b", "c"], size=2))
    ['ab', 'c']
    """
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= size:
            yield "".join(chunk)
            chunk.clear()
    if chunk:
        yield "".join(chunk)
