"""Mutants of a solution's regions: the plausible mistakes a learner makes, one at a time.

In the spirit of mutmut, limited to the code a learner writes (the solution regions) and
to the mistakes that matter in this course. Each operator makes one small change:

    comparison   flips a comparison or its boundary: < and <=, > and >=, == and !=, in ...
    constant     changes a number by one (an integer) or doubles it (a float), flips a bool
    off-by-one   moves a slice bound or a range's end by one
    rounding     rounds where the code floors or truncates, and truncates where it rounds
    argument     drops a keyword argument of a call: the library's default is used instead
    swap         swaps the first two positional arguments of a call
    seed         hard-codes a random seed as 0
    parameter    ignores a parameter of the function (or of its object): uses its default
    generator    re-creates a random generator at the top of a loop that draws from it

A mutant is named by its file, its function and the changed lines, so the name survives
edits elsewhere in the file; a kata lists the survivors no test can kill, with a reason,
in EQUIVALENT_FILE.
"""

from __future__ import annotations

import ast
import difflib
import hashlib
import random
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import regions

# A region that yields more mutants than this is sampled, deterministically (seeded by the
# region's own source), so a full recording of a tier stays within the time CI allows.
MAX_PER_REGION = 6
EQUIVALENT_FILE = "equivalent-mutants.toml"

COMPARISON_FLIPS = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
GENERATORS = {"default_rng", "RandomState", "Random", "Generator", "manual_seed", "seed"}
SEED_KEYWORDS = {"seed", "random_state", "random_seed"}
# Rounding the wrong way: a builtin, a function of math, or of an array library.
BUILTIN_ROUNDING = {"int": "round", "round": "int"}
MATH_ROUNDING = {"floor", "ceil", "trunc"}  # each becomes the builtin round
ARRAY_ROUNDING = {"floor": "round", "ceil": "round", "rint": "trunc", "round": "trunc"}
ARRAY_MODULES = {"np", "numpy", "torch"}
# Keywords not worth a mutant: an axis or a type (changing them breaks the code outright),
# or what a call shows and how fast it runs (they never change a result).
UNMUTATED_KEYWORDS = {"axis", "dtype", "shape", "size", "desc", "disable", "leave", "verbose"}
UNMUTATED_KEYWORDS |= {"n_jobs", "flush", "file"}
ATOMS = (ast.Name, ast.Constant, ast.Attribute, ast.Call, ast.Subscript)
Function = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True)
class Mutant:
    """One mutated copy of a solution file."""

    file: str  # relative to the solution folder
    task: int
    region: int  # index of the region in its file
    operator: str
    name: str
    diff: str
    source: str  # the whole mutated file


@dataclass
class Region:
    index: int
    task: int
    first: int  # first and last line of the code between the markers, 1-based
    last: int

    def holds(self, node: ast.AST) -> bool:
        return self.first <= node.lineno and node.end_lineno <= self.last


def solution_regions(source: str) -> list[Region]:
    found, open_at = [], None
    for number, line in enumerate(source.splitlines(), start=1):
        begin = regions.BEGIN.match(line)
        if begin:
            open_at = (number, int(begin["task"]))
        elif regions.END.match(line) and open_at:
            found.append(Region(len(found), open_at[1], open_at[0] + 1, number - 1))
            open_at = None
    return found


class Edit:
    """A change to a file's text: a node's source replaced, or lines inserted before a line."""

    def __init__(self, source: str):
        self.source = source
        self.lines = source.splitlines(keepends=True)
        self.offsets = [0]
        for line in self.lines:
            self.offsets.append(self.offsets[-1] + len(line.encode("utf-8")))
        self.encoded = source.encode("utf-8")

    def span(self, node: ast.AST) -> tuple[int, int]:
        start = self.offsets[node.lineno - 1] + node.col_offset
        return start, self.offsets[node.end_lineno - 1] + node.end_col_offset

    def replace(self, nodes: list[ast.AST], text: str) -> str:
        """The source with each of nodes (which do not overlap) replaced by text."""
        encoded = self.encoded
        for start, end in sorted((self.span(node) for node in nodes), reverse=True):
            encoded = encoded[:start] + text.encode("utf-8") + encoded[end:]
        return encoded.decode("utf-8")

    def insert_before(self, node: ast.AST, statement: str) -> str:
        indent = " " * node.col_offset
        lines = list(self.lines)
        lines.insert(node.lineno - 1, f"{indent}{statement}\n")
        return "".join(lines)


def code(node: ast.AST) -> str:
    """A node's source as the replacement of another: parenthesised unless it is an atom."""
    text = ast.unparse(node)
    return text if isinstance(node, ATOMS) else f"({text})"


def call_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def copy_with(node: ast.AST, **fields) -> ast.AST:
    new = type(node)(**{name: getattr(node, name) for name in node._fields})
    for name, value in fields.items():
        setattr(new, name, value)
    return ast.copy_location(new, node)


def node_mutations(node: ast.AST) -> Iterator[tuple[str, ast.AST, ast.AST]]:
    """(operator, node to replace, replacement) for each single-node mutation of node."""
    if isinstance(node, ast.Compare):
        for position, op in enumerate(node.ops):
            flipped = COMPARISON_FLIPS.get(type(op))
            if flipped:
                ops = list(node.ops)
                ops[position] = flipped()
                yield "comparison", node, copy_with(node, ops=ops)
    elif isinstance(node, ast.Constant) and not isinstance(node.value, str | bytes):
        value = node.value
        if isinstance(value, bool):
            yield "constant", node, ast.Constant(not value)
        elif isinstance(value, int):
            yield "constant", node, ast.Constant(value + 1)
        elif isinstance(value, float):
            yield "constant", node, ast.Constant(value * 2 if value else 1.0)
    elif isinstance(node, ast.Slice):
        for bound in (node.lower, node.upper):
            if bound is not None and not isinstance(bound, ast.Constant):
                yield "off-by-one", bound, ast.BinOp(bound, ast.Add(), ast.Constant(1))
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.FloorDiv):
        divided = ast.BinOp(node.left, ast.Div(), node.right)
        yield "rounding", node, ast.Call(ast.Name("round"), [divided], [])
    elif isinstance(node, ast.Call):
        yield from call_mutations(node)


def call_mutations(call: ast.Call) -> Iterator[tuple[str, ast.AST, ast.AST]]:
    name = call_name(call)
    if name == "range" and call.args:
        stop = call.args[0] if len(call.args) == 1 else call.args[1]
        if not isinstance(stop, ast.Constant):
            yield "off-by-one", stop, ast.BinOp(stop, ast.Add(), ast.Constant(1))
    rounded = wrong_rounding(call.func)
    if rounded is not None and len(call.args) == 1 and not call.keywords:
        yield "rounding", call, copy_with(call, func=rounded)
    for position, keyword in enumerate(call.keywords):
        if keyword.arg is None or keyword.arg in UNMUTATED_KEYWORDS:
            continue
        kept = call.keywords[:position] + call.keywords[position + 1 :]
        yield "argument", call, copy_with(call, keywords=kept)
        if keyword.arg in SEED_KEYWORDS and not is_zero(keyword.value):
            yield "seed", keyword.value, ast.Constant(0)
    if name in GENERATORS and call.args and not is_zero(call.args[0]):
        yield "seed", call.args[0], ast.Constant(0)
    positional = call.args
    first_two = [ast.unparse(argument) for argument in positional[:2]]
    starred = any(isinstance(argument, ast.Starred) for argument in positional[:2])
    if len(first_two) == 2 and first_two[0] != first_two[1] and not starred:
        swapped = [positional[1], positional[0], *positional[2:]]
        yield "swap", call, copy_with(call, args=swapped)


def wrong_rounding(func: ast.AST) -> ast.AST | None:
    """The function that rounds the other way from func, if func rounds."""
    if isinstance(func, ast.Name) and func.id in BUILTIN_ROUNDING:
        return ast.Name(BUILTIN_ROUNDING[func.id])
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        module, attr = func.value.id, func.attr
        if module == "math" and attr in MATH_ROUNDING:
            return ast.Name("round")
        if module in ARRAY_MODULES and attr in ARRAY_ROUNDING:
            return copy_with(func, attr=ARRAY_ROUNDING[attr])
    return None


def is_zero(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value == 0


def parameter_defaults(function: Function) -> dict[str, ast.AST]:
    """Each parameter with a default, and its default."""
    arguments = function.args
    positional = arguments.posonlyargs + arguments.args
    with_default = positional[len(positional) - len(arguments.defaults) :]
    pairs = list(zip(with_default, arguments.defaults, strict=True))
    pairs += [
        (argument, default)
        for argument, default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)
        if default is not None
    ]
    return {argument.arg: default for argument, default in pairs}


def attribute_defaults(cls: ast.ClassDef) -> dict[str, ast.AST]:
    """Attributes that __init__ sets straight from a parameter with a default: self.x = x."""
    inits = [n for n in cls.body if isinstance(n, Function) and n.name == "__init__"]
    if not inits:
        return {}
    defaults = parameter_defaults(inits[0])
    found = {}
    for statement in ast.walk(inits[0]):
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Name):
            for target in statement.targets:
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == "self"
                    and statement.value.id in defaults
                ):
                    found[target.attr] = defaults[statement.value.id]
    return found


def ignored_parameters(
    function: Function, region: Region, attributes: dict[str, ast.AST]
) -> Iterator[tuple[str, list[ast.AST], ast.AST]]:
    """(name, its uses in the region, its default) for each parameter the region reads."""
    uses: dict[str, list[ast.AST]] = {}
    defaults = parameter_defaults(function)
    for node in ast.walk(function):
        if not (hasattr(node, "lineno") and region.holds(node)):
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in defaults:
            uses.setdefault(node.id, []).append(node)
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Load)
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
            and node.attr in attributes
        ):
            uses.setdefault(f"self.{node.attr}", []).append(node)
    for name, nodes in uses.items():
        default = defaults.get(name) or attributes[name.removeprefix("self.")]
        yield name, nodes, default


def recreated_generators(function: Function, region: Region) -> Iterator[tuple[str, str]]:
    """(operator, mutated source) placing a generator's creation at the top of each loop
    that draws from it, as a learner who re-creates it per fold or per restart does."""
    created = {}
    for node in ast.walk(function):
        if (
            isinstance(node, ast.Assign)
            and region.holds(node)
            and isinstance(node.value, ast.Call)
            and call_name(node.value) in GENERATORS
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        ):
            created[node.targets[0].id] = node
    for loop in ast.walk(function):
        if not (isinstance(loop, ast.For | ast.AsyncFor | ast.While) and region.holds(loop)):
            continue
        used = {n.id for n in ast.walk(loop) if isinstance(n, ast.Name)}
        for name, assignment in created.items():
            if name in used and assignment.lineno < loop.lineno:
                yield name, ast.unparse(assignment), loop.body[0]


def file_mutants(source: str, relative: str) -> tuple[list[Mutant], int]:
    """The mutants of the regions of one solution file, sampled where a region has many;
    and how many there were before sampling."""
    tree = ast.parse(source)
    found: list[Mutant] = []
    generated = 0
    for region in solution_regions(source):
        candidates = list(region_mutations(source, tree, region))
        unique = {}
        for operator, function, mutated in candidates:
            if mutated != source and mutated not in unique and compiles(mutated):
                unique[mutated] = (operator, function)
        mutants = [
            make_mutant(source, mutated, relative, region, operator, function)
            for mutated, (operator, function) in unique.items()
        ]
        generated += len(mutants)
        found += sample(mutants, source, region)
    return disambiguated(found), generated


def region_mutations(
    source: str, tree: ast.Module, region: Region
) -> Iterator[tuple[str, str, str]]:
    """(operator, enclosing function's name, mutated source) for each mutation of a region."""
    edit = Edit(source)
    for function, cls in functions(tree):
        if not (function.lineno <= region.last and region.first <= function.end_lineno):
            continue
        qualname = f"{cls.name}.{function.name}" if cls else function.name
        unmutated = unmutated_nodes(function)
        for node in ast.walk(function):
            if not (hasattr(node, "lineno") and region.holds(node)) or id(node) in unmutated:
                continue
            for operator, target, replacement in node_mutations(node):
                yield operator, qualname, edit.replace([target], code(replacement))
        attributes = attribute_defaults(cls) if cls else {}
        for _, uses, default in ignored_parameters(function, region, attributes):
            yield "parameter", qualname, edit.replace(uses, code(default))
        for _, statement, first in recreated_generators(function, region):
            yield "generator", qualname, edit.insert_before(first, statement)


def unmutated_nodes(function: Function) -> set[int]:
    """The nodes of f-strings, of raised errors and of display keywords' values: what a
    message says or how progress is shown, not what the code computes."""
    found = set()
    for node in ast.walk(function):
        if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Raise) and node.exc):
            found.update(id(inner) for inner in ast.walk(node))
        elif isinstance(node, ast.keyword) and node.arg in UNMUTATED_KEYWORDS:
            found.update(id(inner) for inner in ast.walk(node.value))
    return found


def functions(tree: ast.Module) -> Iterator[tuple[Function, ast.ClassDef | None]]:
    """Each top-level function, and each method of a top-level class, async or not."""
    for node in tree.body:
        if isinstance(node, Function):
            yield node, None
        elif isinstance(node, ast.ClassDef):
            for member in node.body:
                if isinstance(member, Function):
                    yield member, node


def compiles(source: str) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        try:
            compile(source, "<mutant>", "exec")
        except SyntaxError:
            return False
    return True


def make_mutant(
    source: str, mutated: str, relative: str, region: Region, operator: str, function: str
) -> Mutant:
    before, after = source.splitlines(), mutated.splitlines()
    diff = list(difflib.unified_diff(before, after, relative, relative, n=1, lineterm=""))
    removed = " / ".join(line[1:].strip() for line in diff[2:] if line.startswith("-"))
    added = " / ".join(line[1:].strip() for line in diff[2:] if line.startswith("+"))
    name = f"{relative}::{function} [{operator}] {removed or '(nothing)'} => {added}"
    return Mutant(relative, region.task, region.index, operator, name, "\n".join(diff), mutated)


def sample(mutants: list[Mutant], source: str, region: Region) -> list[Mutant]:
    if len(mutants) <= MAX_PER_REGION:
        return mutants
    lines = source.splitlines()[region.first - 1 : region.last]
    seed = int(hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16], 16)
    chosen = sorted(random.Random(seed).sample(range(len(mutants)), MAX_PER_REGION))
    return [mutants[index] for index in chosen]


def disambiguated(mutants: list[Mutant]) -> list[Mutant]:
    """Number the mutants whose names repeat (the same change on two identical lines)."""
    seen: dict[str, int] = {}
    out = []
    for mutant in mutants:
        seen[mutant.name] = seen.get(mutant.name, 0) + 1
        if seen[mutant.name] > 1:
            mutant = Mutant(**{**mutant.__dict__, "name": f"{mutant.name} #{seen[mutant.name]}"})
        out.append(mutant)
    return out


def solution_mutants(solution_dir: Path) -> tuple[list[Mutant], int]:
    """The mutants of every solution file's regions, and how many there were before sampling."""
    mutants, generated = [], 0
    for relative in regions.solution_files(solution_dir):
        if relative.suffix != ".py":
            continue
        source = (solution_dir / relative).read_text(encoding="utf-8")
        found, count = file_mutants(source, relative.as_posix())
        mutants += found
        generated += count
    return mutants, generated
