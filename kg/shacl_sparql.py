"""SHACL shapes -> SPARQL queries that select their violations.

Translates the SHACL Core subset ontology/shapes.ttl uses into one SELECT per
constraint, each answering ``?this`` (the focus node) and, where the constraint
is about a value, ``?value``. Run over a graph that holds a document and the
vocabulary (kg.validate), they find what pySHACL finds on that graph; pySHACL
stays the reference (tests/kg/test_validate_fast.py compares the two).

Anything in the shapes graph this module does not translate — a target, a
constraint component, a path that is not a single IRI, a severity other than
sh:Violation — raises UnsupportedShape, so a shape is never skipped silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from kg.errors import KGError

# Datatypes whose lexical form is checked too (pySHACL reports an ill-formed "x"^^xsd:date).
CASTABLE = {XSD.integer, XSD.decimal, XSD.date, XSD.gYear, XSD.boolean, XSD.double, XSD.dateTime}

# Predicates of a shape that are not constraints.
DESCRIPTIVE = {RDF.type, SH.message, SH.name, SH.description, SH.order, SH.group, SH.severity}
TARGETS = {SH.targetClass}
NODE_COMPONENTS = {SH["class"], SH.nodeKind, SH["or"], SH["and"], SH["not"], SH.property}
PROPERTY_COMPONENTS = {SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH["in"],
                       SH.hasValue, SH.nodeKind}


class UnsupportedShape(KGError):
    """shapes.ttl uses SHACL this translator does not know."""


@dataclass(frozen=True)
class Check:
    """One constraint of one shape and the query selecting its violations."""
    shape: str                 # the node shape (its IRI) the constraint belongs to
    source: str                # the shape that states it: the node shape, or its property shape
    component: str             # e.g. sh:MinCountConstraintComponent, as an IRI
    path: Optional[str]        # the property path (an IRI) for property constraints
    message: Optional[str]
    query: str                 # SELECT ?this, and ?value when selects_value
    selects_value: bool = False


def _n3(term) -> str:
    return term.n3()


def _instance_of(var: str, cls: URIRef) -> str:
    return f"{var} <{RDF.type}>/<{RDFS.subClassOf}>* {_n3(cls)} ."


def _instances(var: str, cls: URIRef) -> str:
    """``_instance_of`` with the subclasses found first: Oxigraph then looks up instances of
    each (an index lookup) instead of walking the class tree of every typed node."""
    return f"?class <{RDFS.subClassOf}>* {_n3(cls)} . {var} <{RDF.type}> ?class ."


def _not_instance(var: str, cls: URIRef) -> str:
    """Removes the solutions whose ``var`` is an instance of ``cls`` (a MINUS: one pass over the
    instances, where a FILTER NOT EXISTS would walk the class tree once per solution)."""
    return f"MINUS {{ {var} <{RDF.type}> ?type . ?type <{RDFS.subClassOf}>* {_n3(cls)} . }}"


def _one_of(var: str, members: list) -> str:
    """True when var is one of members, by term identity (sh:in compares RDF terms, not values)."""
    return "(" + " || ".join(f"sameTerm({var}, {_n3(m)})" for m in members) + ")" if members else "false"


def _datatype_ok(var: str, datatype: URIRef) -> str:
    ok = f"(isLiteral({var}) && datatype({var}) = {_n3(datatype)}"
    if datatype in CASTABLE:
        # well-formed: the cast of its lexical form succeeds (a failed cast is an error, which
        # COALESCE turns into false)
        cast = f"{_n3(datatype)}(STR({var}))"
        ok += f" && COALESCE(sameTerm({cast}, {cast}), false)"
    return ok + ")"


def _node_kind_ok(var: str, kind: URIRef) -> str:
    tests = {SH.IRI: f"isIRI({var})", SH.BlankNode: f"isBlank({var})", SH.Literal: f"isLiteral({var})",
             SH.BlankNodeOrIRI: f"(isIRI({var}) || isBlank({var}))",
             SH.IRIOrLiteral: f"(isIRI({var}) || isLiteral({var}))",
             SH.BlankNodeOrLiteral: f"(isBlank({var}) || isLiteral({var}))"}
    if kind not in tests:
        raise UnsupportedShape(f"sh:nodeKind {kind}")
    return tests[kind]


class _Shapes:
    def __init__(self, shapes: Graph):
        self.g = shapes
        self._fresh = 0

    def var(self, stem: str) -> str:
        self._fresh += 1
        return f"?{stem}{self._fresh}"

    def one(self, node, predicate):
        values = list(self.g.objects(node, predicate))
        if len(values) > 1:
            raise UnsupportedShape(f"{node} has {len(values)} values of {predicate}")
        return values[0] if values else None

    def items(self, node, predicate) -> list:
        head = self.one(node, predicate)
        return list(Collection(self.g, head)) if head is not None else []

    def path(self, shape) -> URIRef:
        path = self.one(shape, SH.path)
        if not isinstance(path, URIRef):
            raise UnsupportedShape(f"{shape}: only single-IRI sh:path is translated, not {path!r}")
        return path

    def message(self, shape) -> Optional[str]:
        msg = self.one(shape, SH.message)
        return str(msg) if msg is not None else None

    def check_known(self, shape, allowed: set) -> None:
        for p in set(self.g.predicates(shape, None)):
            if p in DESCRIPTIVE:
                continue
            if p not in allowed:
                raise UnsupportedShape(f"{shape}: {p} is not translated")
        severity = self.one(shape, SH.severity)
        if severity not in (None, SH.Violation):
            raise UnsupportedShape(f"{shape}: severity {severity} (the build fails on violations only)")

    # -- conformance of ?this to a shape, as a filter expression (for sh:or / sh:and / sh:not) --

    def conforms(self, shape, this: str) -> str:
        parts = []
        if (shape, SH.path, None) in self.g:
            self.check_known(shape, PROPERTY_COMPONENTS)
            path = _n3(self.path(shape))
            v = self.var("v")
            for p, o in self.g.predicate_objects(shape):
                if p == SH.minCount:
                    n = int(o)
                    if n > 1:
                        raise UnsupportedShape(f"{shape}: nested sh:minCount {n}")
                    if n == 1:
                        parts.append(f"EXISTS {{ {this} {path} {v} }}")
                elif p == SH.maxCount:
                    n = int(o)
                    if n == 0:
                        parts.append(f"NOT EXISTS {{ {this} {path} {v} }}")
                    elif n == 1:
                        w = self.var("w")
                        parts.append(f"NOT EXISTS {{ {this} {path} {v}, {w} FILTER(!sameTerm({v}, {w})) }}")
                    else:
                        raise UnsupportedShape(f"{shape}: nested sh:maxCount {n}")
                elif p == SH["in"]:
                    parts.append(f"NOT EXISTS {{ {this} {path} {v} FILTER(!{_one_of(v, self.items(shape, SH['in']))}) }}")
                elif p == SH.hasValue:
                    parts.append(f"EXISTS {{ {this} {path} {_n3(o)} }}")
                elif p == SH.datatype:
                    parts.append(f"NOT EXISTS {{ {this} {path} {v} FILTER(!{_datatype_ok(v, o)}) }}")
                elif p == SH.nodeKind:
                    parts.append(f"NOT EXISTS {{ {this} {path} {v} FILTER(!{_node_kind_ok(v, o)}) }}")
                elif p == SH["class"]:
                    parts.append(f"NOT EXISTS {{ {this} {path} {v} FILTER NOT EXISTS {{ {_instance_of(v, o)} }} }}")
        else:
            self.check_known(shape, TARGETS | NODE_COMPONENTS)   # targets do not matter to conformance
            for p, o in self.g.predicate_objects(shape):
                if p == SH["not"]:
                    parts.append(f"!({self.conforms(o, this)})")
                elif p == SH["or"]:
                    parts.append("(" + " || ".join(self.conforms(s, this) for s in self.items(shape, p)) + ")")
                elif p == SH["and"]:
                    parts.append("(" + " && ".join(self.conforms(s, this) for s in self.items(shape, p)) + ")")
                elif p == SH["class"]:
                    parts.append(f"EXISTS {{ {_instance_of(this, o)} }}")
                elif p == SH.nodeKind:
                    parts.append(_node_kind_ok(this, o))
                elif p == SH.property:
                    parts.append(self.conforms(o, this))
        return "(" + " && ".join(parts) + ")" if parts else "true"

    # -- top-level constraints: queries selecting violations -------------------------------------

    def node_checks(self, shape: URIRef) -> list[Check]:
        """The violation queries of a node shape. Their forms are chosen for Oxigraph's planner:
        a test on the focus node is a FILTER (NOT) EXISTS evaluated per focus node (index lookups),
        not a join with every triple of the property, and a class test on values is a MINUS."""
        self.check_known(shape, TARGETS | NODE_COMPONENTS)
        classes = list(self.g.objects(shape, SH.targetClass))
        if not classes:
            raise UnsupportedShape(f"{shape}: a node shape without sh:targetClass")
        msg = self.message(shape)
        checks = []
        for cls in classes:
            focus = _instances("?this", cls)

            def select(component: str, test: str, path=None, message=msg, source=shape) -> Check:
                """Focus nodes that fail ``test`` (a FILTER or MINUS on ?this)."""
                return Check(str(shape), str(source), str(SH[component]), str(path) if path else None, message,
                             f"SELECT DISTINCT ?this WHERE {{ {{ SELECT DISTINCT ?this WHERE {{ {focus} }} }} {test} }}")

            def select_values(component: str, pattern: str, test: str, path, message, source) -> Check:
                """(focus node, value) pairs of ``pattern`` that fail ``test`` (a FILTER or MINUS on ?value)."""
                return Check(str(shape), str(source), str(SH[component]), str(path), message,
                             f"SELECT DISTINCT ?this ?value WHERE {{ {{ SELECT DISTINCT ?this ?value WHERE "
                             f"{{ {focus} {pattern} }} }} {test} }}", True)

            for p, o in self.g.predicate_objects(shape):
                if p == SH["class"]:
                    checks.append(select("ClassConstraintComponent", _not_instance("?this", o)))
                elif p == SH.nodeKind:
                    checks.append(select("NodeKindConstraintComponent", f"FILTER(!{_node_kind_ok('?this', o)})"))
                elif p in (SH["or"], SH["and"], SH["not"]):
                    component = {SH["or"]: "OrConstraintComponent", SH["and"]: "AndConstraintComponent",
                                 SH["not"]: "NotConstraintComponent"}[p]
                    members = [o] if p == SH["not"] else self.items(shape, p)
                    parts = [self.conforms(s, "?this") for s in members]
                    test = {SH["or"]: " || ", SH["and"]: " && "}.get(p)
                    ok = f"!({parts[0]})" if p == SH["not"] else "(" + (test.join(parts) or "true") + ")"
                    checks.append(select(component, f"FILTER(!{ok})"))
                elif p == SH.property:
                    checks += self.property_checks(o, select, select_values, focus)
        return checks

    def property_checks(self, prop, select, select_values, focus: str) -> list[Check]:
        self.check_known(prop, PROPERTY_COMPONENTS)
        path = self.path(prop)
        msg = self.message(prop)
        p = _n3(path)
        checks = []

        def value_check(component: str, bad: str) -> Check:
            return select_values(component, f"?this {p} ?value .", f"FILTER({bad})", path, msg, prop)

        def count(n_test: str) -> str:
            return (f"OPTIONAL {{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {focus} ?this {p} ?v }} "
                    f"GROUP BY ?this }} FILTER({n_test})")

        for c, o in self.g.predicate_objects(prop):
            n = int(o) if c in (SH.minCount, SH.maxCount) else None
            if c == SH.minCount and n == 1:
                checks.append(select("MinCountConstraintComponent", f"FILTER NOT EXISTS {{ ?this {p} ?v }}",
                                     path, msg, prop))
            elif c == SH.minCount and n > 1:
                checks.append(select("MinCountConstraintComponent", count(f"!BOUND(?n) || ?n < {n}"), path, msg, prop))
            elif c == SH.maxCount and n == 0:
                checks.append(select("MaxCountConstraintComponent", f"FILTER EXISTS {{ ?this {p} ?v }}", path, msg, prop))
            elif c == SH.maxCount and n == 1:
                checks.append(select("MaxCountConstraintComponent",
                                     f"FILTER EXISTS {{ ?this {p} ?v, ?w . FILTER(!sameTerm(?v, ?w)) }}",
                                     path, msg, prop))
            elif c == SH.maxCount:
                checks.append(select("MaxCountConstraintComponent", count(f"BOUND(?n) && ?n > {n}"), path, msg, prop))
            elif c == SH.datatype:
                checks.append(value_check("DatatypeConstraintComponent", f"!{_datatype_ok('?value', o)}"))
            elif c == SH.nodeKind:
                checks.append(value_check("NodeKindConstraintComponent", f"!{_node_kind_ok('?value', o)}"))
            elif c == SH["in"]:
                checks.append(value_check("InConstraintComponent", f"!{_one_of('?value', self.items(prop, c))}"))
            elif c == SH["class"]:
                checks.append(select_values("ClassConstraintComponent", f"?this {p} ?value .",
                                            _not_instance("?value", o), path, msg, prop))
            elif c == SH.hasValue:
                checks.append(select("HasValueConstraintComponent", f"FILTER NOT EXISTS {{ ?this {p} {_n3(o)} }}",
                                     path, msg, prop))
        return checks


def compile_shapes(shapes: Graph) -> list[Check]:
    """Every constraint of every node shape of ``shapes`` as a violation query."""
    translator = _Shapes(shapes)
    node_shapes = sorted(set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(SH.targetClass, None)))
    checks = []
    for shape in node_shapes:
        if not isinstance(shape, URIRef):
            raise UnsupportedShape(f"a node shape that is a blank node: {shape}")
        checks += translator.node_checks(shape)
    # A property shape not reachable from any node shape would never be checked.
    reached = {o for _s, o in shapes.subject_objects(SH.property)}
    for prop in shapes.subjects(RDF.type, SH.PropertyShape):
        if prop not in reached:
            raise UnsupportedShape(f"{prop}: a property shape no node shape uses")
    return checks


