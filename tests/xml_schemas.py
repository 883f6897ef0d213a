"""The rules of the GraphML 1.0 and GEXF 1.2draft XML schemas that kg's files can break, checked with lxml.

The published XSDs (graphml.xsd with graphml-structure.xsd and graphml-attributes.xsd;
gexf.xsd with data.xsd, dynamics.xsd and viz.xsd) are not in any package this
project can install, and the machines have no other network, so these functions
check the same things, element by element: allowed children and attributes,
required attributes, enumerations, datatypes (`xs:NMTOKEN` ids, `xs:date` spells,
colour channels 0-255, ...), the identity constraints (unique key, node and edge
ids; every `data`/`attvalue` and edge end refers to something declared) and that
each value parses as its declared type. Each returns a list of problems, empty
for a valid file.
"""

from __future__ import annotations

import datetime as dt
import re

from lxml import etree

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://www.gexf.net/1.2draft}"
VIZ = "{http://www.gexf.net/1.2draft/viz}"
XSI_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"

# XML 1.0 (4th edition) NameChar, the rule libxml2 applies to xs:NMTOKEN: ASCII
# name characters, and letters outside ASCII (kg's ids use ASCII and U+00B7 only).
NMTOKEN = re.compile(r"^[A-Za-z0-9._:\-\u00b7\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]+$")
GRAPHML_KEY_FOR = {"all", "graphml", "graph", "node", "edge", "hyperedge", "port", "endpoint"}
GRAPHML_TYPES = {"boolean": ("true", "false"), "int": int, "long": int, "float": float,
                 "double": float, "string": str}
GEXF_TYPES = {"integer": int, "long": int, "double": float, "float": float,
              "boolean": ("true", "false", "1", "0"), "liststring": str, "string": str, "anyURI": str}


def parses(value: str, kind) -> bool:
    if isinstance(kind, tuple):
        return value in kind
    try:
        kind(value)
    except ValueError:
        return False
    return True


def is_date(value: str | None) -> bool:
    try:
        dt.date.fromisoformat(value or "")
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))


def check_graphml(path) -> list[str]:
    problems: list[str] = []
    root = etree.parse(str(path)).getroot()
    if root.tag != GRAPHML + "graphml":
        return [f"root is {root.tag}"]
    if set(root.attrib) - {XSI_LOCATION}:
        problems.append(f"graphml attributes {sorted(root.attrib)}")
    keys: dict[str, tuple[str, str]] = {}
    names: set[tuple[str, str]] = set()
    seen_graph = False
    for child in root:
        if child.tag == GRAPHML + "key":
            if seen_graph:
                problems.append("key after graph")
            kid, domain = child.get("id"), child.get("for", "all")
            name, type_name = child.get("attr.name"), child.get("attr.type")
            if not kid or not NMTOKEN.match(kid):
                problems.append(f"key id {kid!r} is not an NMTOKEN")
            if kid in keys:
                problems.append(f"key id {kid!r} declared twice")
            if domain not in GRAPHML_KEY_FOR:
                problems.append(f"key {kid}: for={domain!r}")
            if type_name not in GRAPHML_TYPES:
                problems.append(f"key {kid}: attr.type={type_name!r}")
            if (domain, name) in names:
                problems.append(f"attribute {name!r} for {domain} declared twice")
            names.add((domain, name))
            keys[kid] = (domain, type_name)
            if set(child.attrib) - {"id", "for", "attr.name", "attr.type"} or len(child):
                problems.append(f"key {kid}: unexpected content")
        elif child.tag == GRAPHML + "graph":
            seen_graph = True
        elif child.tag is not etree.Comment:
            problems.append(f"unexpected {child.tag} in graphml")

    def check_data(element, domain: str) -> None:
        used = set()
        for data in element.iterchildren(GRAPHML + "data"):
            key = data.get("key")
            if key not in keys:
                problems.append(f"data refers to undeclared key {key!r}")
                continue
            if key in used:
                problems.append(f"data {key!r} twice in one {domain}")
            used.add(key)
            key_domain, type_name = keys[key]
            if key_domain not in (domain, "all"):
                problems.append(f"key {key!r} is for {key_domain}, used in {domain}")
            if not parses(data.text or "", GRAPHML_TYPES[type_name]):
                problems.append(f"{domain} data {key!r}={data.text!r} is not {type_name}")

    for graph in root.iterchildren(GRAPHML + "graph"):
        if graph.get("edgedefault") not in ("directed", "undirected"):
            problems.append(f"graph edgedefault={graph.get('edgedefault')!r}")
        check_data(graph, "graph")
        node_ids: set[str] = set()
        for child in graph:
            if child.tag == GRAPHML + "node":
                nid = child.get("id")
                if not nid or not NMTOKEN.match(nid):
                    problems.append(f"node id {nid!r} is not an NMTOKEN")
                if nid in node_ids:
                    problems.append(f"node id {nid!r} twice")
                node_ids.add(nid)
                if set(child.attrib) != {"id"} or any(c.tag != GRAPHML + "data" for c in child):
                    problems.append(f"node {nid}: unexpected content")
                check_data(child, "node")
        for child in graph:
            if child.tag == GRAPHML + "edge":
                for end in ("source", "target"):
                    if child.get(end) not in node_ids:
                        problems.append(f"edge {end} {child.get(end)!r} is no node")
                if set(child.attrib) - {"id", "source", "target", "directed"} or \
                        any(c.tag != GRAPHML + "data" for c in child):
                    problems.append("edge: unexpected content")
                check_data(child, "edge")
            elif child.tag not in (GRAPHML + "node", GRAPHML + "data"):
                problems.append(f"unexpected {child.tag} in graph")
    return problems


def check_gexf(path) -> list[str]:
    problems: list[str] = []
    root = etree.parse(str(path)).getroot()
    if root.tag != GEXF + "gexf" or root.get("version") != "1.2":
        return [f"root is {root.tag} version {root.get('version')!r}"]
    children = [c.tag for c in root]
    if children not in ([GEXF + "graph"], [GEXF + "meta", GEXF + "graph"]):
        problems.append(f"gexf children {children}")
    meta = root.find(GEXF + "meta")
    if meta is not None:
        if meta.get("lastmodifieddate") is not None and not is_date(meta.get("lastmodifieddate")):
            problems.append("meta lastmodifieddate is not a date")
        if any(c.tag not in (GEXF + "creator", GEXF + "keywords", GEXF + "description") for c in meta):
            problems.append("unexpected element in meta")
    graph = root.find(GEXF + "graph")
    timeformat = graph.get("timeformat")
    if graph.get("defaultedgetype") not in (None, "directed", "undirected", "mutual"):
        problems.append("graph defaultedgetype")
    if graph.get("mode") not in (None, "static", "dynamic"):
        problems.append("graph mode")
    if timeformat not in (None, "integer", "double", "date", "dateTime"):
        problems.append("graph timeformat")

    def time_ok(value: str | None) -> bool:
        return value is None or (is_date(value) if timeformat == "date" else parses(value, float))

    for bound in ("start", "end"):
        if not time_ok(graph.get(bound)):
            problems.append(f"graph {bound}={graph.get(bound)!r}")

    declared: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for attributes in graph.iterchildren(GEXF + "attributes"):
        kind = attributes.get("class")
        if kind not in declared or attributes.get("mode") not in (None, "static", "dynamic"):
            problems.append(f"attributes class={kind!r} mode={attributes.get('mode')!r}")
            continue
        for attribute in attributes:
            aid, title, type_name = attribute.get("id"), attribute.get("title"), attribute.get("type")
            if attribute.tag != GEXF + "attribute" or not aid or title is None:
                problems.append(f"bad attribute declaration {attribute.attrib}")
            if type_name not in GEXF_TYPES:
                problems.append(f"attribute {aid}: type={type_name!r}")
            if aid in declared[kind]:
                problems.append(f"{kind} attribute {aid!r} declared twice")
            declared[kind][aid] = type_name
        titles = [a.get("title") for a in attributes]
        if len(titles) != len(set(titles)):
            problems.append(f"{kind} attribute titles repeat")

    def check_item(element, kind: str, allowed_viz: set[str]) -> None:
        for child in element:
            if child.tag == GEXF + "attvalues":
                for attvalue in child:
                    key, value = attvalue.get("for"), attvalue.get("value")
                    if attvalue.tag != GEXF + "attvalue" or key not in declared[kind] or value is None:
                        problems.append(f"{kind} attvalue {attvalue.attrib}")
                    elif not parses(value, GEXF_TYPES[declared[kind][key]]):
                        problems.append(f"{kind} attvalue {key}={value!r} is not {declared[kind][key]}")
            elif child.tag == GEXF + "spells":
                if len(child) == 0:
                    problems.append("empty spells")
                for spell in child:
                    start, end = spell.get("start"), spell.get("end")
                    if spell.tag != GEXF + "spell" or not time_ok(start) or not time_ok(end):
                        problems.append(f"spell {spell.attrib}")
                    elif start and end and start > end:
                        problems.append(f"spell ends before it starts: {spell.attrib}")
            elif child.tag == VIZ + "color":
                for channel in "rgb":
                    value = child.get(channel, "")
                    if not value.isdigit() or int(value) > 255:
                        problems.append(f"viz:color {channel}={value!r}")
                if child.get("a") is not None and not 0 <= float(child.get("a")) <= 1:
                    problems.append("viz:color alpha")
            elif child.tag in (VIZ + "size", VIZ + "thickness") and child.tag[len(VIZ):] in allowed_viz:
                if not parses(child.get("value", ""), float) or float(child.get("value")) < 0:
                    problems.append(f"{child.tag} value={child.get('value')!r}")
            elif child.tag in (VIZ + "position", VIZ + "shape") and child.tag[len(VIZ):] in allowed_viz:
                pass
            else:
                problems.append(f"unexpected {child.tag} in {kind}")

    node_ids: set[str] = set()
    nodes = graph.find(GEXF + "nodes")
    edges = graph.find(GEXF + "edges")
    for container, kind in ((nodes, "node"), (edges, "edge")):
        if container is None:
            continue
        count = container.get("count")
        if count is not None and (not count.isdigit() or int(count) != len(container)):
            problems.append(f"{kind}s count={count!r} but {len(container)} children")
    for node in nodes if nodes is not None else ():
        nid = node.get("id")
        if node.tag != GEXF + "node" or not nid:
            problems.append(f"bad node {node.attrib}")
        if nid in node_ids:
            problems.append(f"node id {nid!r} twice")
        node_ids.add(nid)
        if set(node.attrib) - {"id", "label", "start", "end", "pid"}:
            problems.append(f"node {nid}: attributes {sorted(node.attrib)}")
        check_item(node, "node", {"size", "position", "shape"})
    edge_ids: set[str] = set()
    for edge in edges if edges is not None else ():
        eid = edge.get("id")
        if edge.tag != GEXF + "edge" or not eid:
            problems.append(f"bad edge {edge.attrib}")
        if eid in edge_ids:
            problems.append(f"edge id {eid!r} twice")
        edge_ids.add(eid)
        for end in ("source", "target"):
            if edge.get(end) not in node_ids:
                problems.append(f"edge {eid} {end} {edge.get(end)!r} is no node")
        if edge.get("weight") is not None and not parses(edge.get("weight"), float):
            problems.append(f"edge {eid} weight")
        if edge.get("type") not in (None, "directed", "undirected", "mutual"):
            problems.append(f"edge {eid} type")
        if set(edge.attrib) - {"id", "source", "target", "weight", "type", "label", "start", "end"}:
            problems.append(f"edge {eid}: attributes {sorted(edge.attrib)}")
        check_item(edge, "edge", {"thickness", "shape"})
    return problems
