"""Read YAML records into plain data, keeping the line and column of every value."""

from __future__ import annotations

import datetime
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mou.core.errors import InputError, Problem
from mou.core.messages import Message, printable, say
from mou.language.characters import YAML_LINE_BREAKS, char_values
from mou.records.eras import buddhist_date, date_detail

Location = tuple[int, int]
# A record is a few hundred values; YAML aliases (&a … *a) can multiply a tiny file into
# billions of them (the "billion laughs"), so stop well before that.
MAX_VALUES = 100_000
# A record is a few kilobytes of text; a file this large is not one, and is refused before it
# is read, so a runaway or wrong file costs no time or memory.
MAX_FILE_BYTES = 2_000_000
# A record nests a few levels (clauses, their items, th/en); YAML nests without bound, and both
# parsers compose a nested value by recursion, libyaml's in C, where a few thousand levels crash
# the process. So values nested deeper than any record are refused at the first one too deep.
MAX_DEPTH = 100
# Each level of nesting starts with an indicator of its own ([ { - ? :), so a text with at most
# this many cannot nest deep enough to crash libyaml: only a text with more is scanned first.
SCAN_ABOVE = 2_000
NESTING_INDICATORS = "[{-?:"
MAP_TAG, SEQ_TAG = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
# libyaml's parser (PyYAML's C loader) reads a record many times faster than PyYAML's own and
# gives the same nodes with the same lines, columns and character offsets. MOU_YAML_LOADER=python
# picks the pure-Python parser, which is also what words and places every YAML syntax error.
C_LOADER: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)
LOADER_VARIABLE = "MOU_YAML_LOADER"
KeyPath = tuple[str | int, ...]
# Thai letters, marks and digits: YAML folds a line of a plain, quoted or folded (>) scalar into
# the next with a space, which between two of them is a gap in the middle of Thai text.
THAI_CHARACTER = re.compile("[\u0e01-\u0e5b]")
# How many characters of each side of a fold its warning shows.
FOLD_CONTEXT = 12


@dataclass(frozen=True)
class Written:
    """A scalar's text as it stands in the file, and whether it was written without quotes."""

    text: str
    plain: bool


@dataclass
class Record:
    """One YAML file: its data and where each value sits in the file."""

    path: Path
    shown_path: str
    data: Any
    positions: dict[KeyPath, Location] = field(default_factory=dict)
    # Where each value itself starts (positions holds a key's place, for a mapping entry).
    value_positions: dict[KeyPath, Location] = field(default_factory=dict)
    # The text of each scalar as written, before YAML 1.1 made it a number, a date or a bool.
    scalars: dict[KeyPath, Written] = field(default_factory=dict)
    # The file's text, and where each scalar's source starts and ends in it (character offsets).
    source: str = ""
    spans: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    # What the build warns of and goes on: a line folded between two Thai characters (fold_warnings).
    warnings: list[Problem] = field(default_factory=list)

    def locate(self, key_path: KeyPath) -> Location | None:
        """Return the position of key_path, or of its nearest parent that has one."""
        for end in range(len(key_path), -1, -1):
            found = self.positions.get(tuple(key_path[:end]))
            if found:
                return found
        return None

    def problem(
        self, key_path: KeyPath, message: str | Message, at_value: bool = False, at: tuple[str, int] | None = None
    ) -> Problem:
        """Build a Problem pointing at key_path in this file: at its value rather than its key if at_value, at a word in it if `at` (the word, its occurrence) is found there."""
        line, column = (
            (at and self.position_in(key_path, *at))
            or (at_value and self.value_positions.get(key_path))
            or self.locate(key_path)
            or (None, None)
        )
        dotted = dotted_path(key_path)
        return Problem(self.shown_path, message, line, column, dotted or None)

    def position_in(self, key_path: KeyPath, needle: str, occurrence: int = 0) -> Location | None:
        """Return where the occurrence-th needle (text without spaces) inside a scalar stands in the file.

        A needle with no spaces is never folded across lines, so it is written in the file as
        it is in the value, whatever the scalar's style (plain, quoted, | or >).
        """
        span = self.spans.get(key_path)
        if span is None or not needle:
            return None
        raw, found = self.source[span[0] : span[1]], -1
        for _ in range(occurrence + 1):
            found = raw.find(needle, found + 1)
            if found < 0:
                return None
        index = span[0] + found
        return self.source.count("\n", 0, index) + 1, index - (self.source.rfind("\n", 0, index) + 1) + 1

    def char_location(self, key_path: KeyPath, value: str, index: int) -> Location | None:
        """Return the line and column of value[index] in the file, for a text at key_path.

        The character is found among the value's characters in the file, as itself or as an
        escape in double quotes (\\u200b), counting the same character before it.
        """
        span = self.spans.get(key_path)
        if span is None or not 0 <= index < len(value):
            return self.value_positions.get(key_path)
        char = value[index]
        matches = list(_written_forms(char).finditer(self.source, span[0], span[1]))
        before = value[:index].count(char)
        if before >= len(matches):
            return self.value_positions.get(key_path)
        return line_and_column(self.source, matches[before].start())


def _written_forms(char: str) -> re.Pattern[str]:
    """Match a character as itself or as a YAML double-quoted escape of it."""
    code = ord(char)
    escapes = [f"\\\\U{code:08x}", f"\\\\u{code:04x}"] + ([f"\\\\x{code:02x}"] if code < 0x100 else [])
    short = {"\t": "\\\\t"}.get(char)  # YAML's one-letter escape; case counts in it (\T is no tab)
    return re.compile("|".join([re.escape(char), *escapes] + ([f"(?-i:{short})"] if short else [])), re.IGNORECASE)


def line_and_column(text: str, offset: int) -> Location:
    """Return the 1-based line and column of a character offset, lines ending at \\n only."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def dotted_path(key_path: KeyPath) -> str:
    """Render ('clauses', 0, 'heading') as 'clauses[1].heading' (items counted from 1)."""
    text = ""
    for part in key_path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            part = printable(str(part))
            text += f".{part}" if text else part
    return text


def read_text(path: Path, shown: str) -> str:
    """Read a file as UTF-8, reporting the line of the first undecodable byte."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(Problem(shown, say("file_too_large", size=f"{size:,}", limit=f"{MAX_FILE_BYTES:,}")))
    raw = path.read_bytes()
    if _utf16(raw):
        raise InputError(Problem(shown, say("utf16"), 1))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(Problem(shown, say("not_utf8", byte=f"{raw[exc.start]:02x}"), line)) from None
    return text.removeprefix("\ufeff")


def _utf16(raw: bytes) -> bool:
    """Tell whether a file is UTF-16 (Notepad's "Unicode"): its byte-order mark, or a 0 byte in its first character."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if len(raw) < 2 or len(raw) % 2 or raw[:2].count(b"\x00") != 1:
        return False
    try:
        raw.decode("utf-16-le" if raw[1] == 0 else "utf-16-be")
    except UnicodeDecodeError:
        return False
    return True


def tab_problems(text: str, shown: str) -> list[Problem]:
    """Report every line indented with a tab: YAML allows only spaces there."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Problem(shown, say("tab"), number, indent.index("\t") + 1))
    return problems


def yaml_loader() -> type[yaml.SafeLoader]:
    """Return the YAML loader to parse records with: libyaml's when installed, unless the environment says python."""
    if C_LOADER is None or os.environ.get(LOADER_VARIABLE, "").strip().lower() == "python":
        return yaml.SafeLoader
    return C_LOADER


def load_record(path: Path, shown: str) -> Record:
    """Parse one YAML file into a Record, or raise InputError with every problem found."""
    return load_text(path, shown, read_text(path, shown))


def load_text(path: Path, shown: str, text: str) -> Record:
    """Parse the text of a YAML file into a Record, or raise InputError with every problem found."""
    tabs = tab_problems(text, shown)
    if tabs:
        raise InputError(tabs)
    breaks = [offset for offset, char in enumerate(text) if char in YAML_LINE_BREAKS]
    if breaks:
        raise InputError(_line_break_problems(path, shown, text, breaks))
    control = control_problem(text, shown)
    if control:
        raise InputError(control)
    loader = yaml_loader()
    if sum(text.count(char) for char in NESTING_INDICATORS) > SCAN_ABOVE:
        deep = nesting_problem(text, shown, loader)
        if deep:
            raise InputError(deep)
    # Where the parsers differ, PyYAML alone reads the record, so both say the same of it:
    # libyaml takes a tab between tokens ("a:<tab>b"), which PyYAML refuses, and counts a
    # U+FEFF inside a line as a column, which PyYAML does not. Both are rare in a record.
    if loader is not yaml.SafeLoader and "\t" not in text and "\ufeff" not in text:
        try:
            return _parse(text, path, shown, loader)
        except yaml.YAMLError:
            pass  # libyaml words and places syntax errors its own way: parse again to say it as always
    try:
        return _parse(text, path, shown, yaml.SafeLoader)
    except RecursionError:
        # PyYAML composes by recursion and runs out of stack a few hundred levels down.
        deep = nesting_problem(text, shown, yaml.SafeLoader)
        if deep is None:
            raise
        raise InputError(deep) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = exc.problem or exc.context
        if exc.context and exc.problem:
            detail = f"{exc.problem} ({exc.context})"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        # PyYAML ends a plain value at a tab and then finds no token to start with it
        if mark is not None and text[mark.index : mark.index + 1] == "\t":
            opens = text[: mark.index].rstrip("\t ").endswith((":", "-"))  # the tab opens the value
            message = say("tab_before_value" if opens else "tab_in_value")
            raise InputError(Problem(shown, message, line, column, _field_at(text, path, shown, mark.index))) from None
        start = exc.context_mark
        unclosed = exc.context in (
            "while scanning a quoted scalar",
            "while parsing a flow mapping",
            "while parsing a flow sequence",
        )
        if unclosed and start is not None and mark is not None and start.line < mark.line:
            # An unclosed quote or bracket is found lines later, at the end of the file: say where it opened.
            message = say("yaml_syntax_opened", detail=detail, line=line, column=column)
            raise InputError(Problem(shown, message, start.line + 1, start.column + 1)) from None
        raise InputError(Problem(shown, say("yaml_syntax", detail=detail), line, column)) from None


def _field_at(text: str, path: Path, shown: str, offset: int) -> str | None:
    """Name the field whose value holds text[offset], read from the text with its tabs as spaces (None if it still fails)."""
    try:
        record = _parse(text.replace("\t", " "), path, shown, yaml.SafeLoader)
    except (yaml.YAMLError, InputError, RecursionError):
        return None
    inside = [key_path for key_path, (start, end) in record.spans.items() if start <= offset < end]
    after = [key_path for key_path, (start, _) in record.spans.items() if start >= offset]
    found = inside or sorted(after, key=lambda key_path: record.spans[key_path][0])[:1]
    return dotted_path(found[0]) or None if found else None


def _parse(text: str, path: Path, shown: str, loader_class: type[yaml.SafeLoader]) -> Record:
    """Compose and convert one document with the given loader; YAML errors propagate."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        record = Record(path, shown, None, source=text)
        problems: list[Problem] = []
        if node is not None:
            _check_size(node, shown)
        record.data = _convert(node, (), record, loader, problems) if node is not None else None
    finally:
        loader.dispose()
    record.warnings = fold_warnings(record)
    if problems:
        raise RecordProblems(problems, record)
    return record


def fold_warnings(record: Record) -> list[Problem]:
    """Warn of each line of a scalar that YAML folds into the next between two Thai characters.

    YAML joins the lines of a plain, quoted or folded (>) scalar with a space, and drops the
    spaces typed at either end of them: whether a space was meant there cannot be seen, only
    the fold. In Thai, where words run together, it prints as a gap in the middle of a sentence.
    """
    warnings = []
    for key_path, (start, end) in record.spans.items():
        raw = record.source[start:end]
        for offset in thai_folds(raw):
            before = raw[: offset + 1].rsplit("\n", 1)[-1].lstrip(" \"'")
            after = raw[offset + 1 :].lstrip(" \t\r\n").split("\n", 1)[0].rstrip(" \"'\r")
            message = say("thai_line_folded", before=_last_letters(before), after=_first_letters(after))
            line, column = line_and_column(record.source, start + offset)
            warnings.append(Problem(record.shown_path, message, line, column, dotted_path(key_path) or None))
    return warnings


def thai_folds(raw: str) -> list[int]:
    """Return where a scalar's source (as written) has a line YAML folds into the next between two Thai characters.

    Each is the offset of the Thai character that ends the line. Not a fold: a line break
    before or after a blank line (YAML keeps it as a line break), one escaped with \\ at the end
    of a line in double quotes (YAML joins the lines with nothing between), the lines of a
    literal block (|), and the more indented lines of a folded block (>), which keep theirs.
    """
    lines = raw.split("\n")
    if len(lines) < 2 or raw.startswith("|"):
        return []
    block = raw.startswith(">")
    body = [line for line in lines[1:] if line.strip()] if block else []
    indent = _indent(body[0]) if body else 0
    folds, offset = [], 0
    for number, (line, following) in enumerate(zip(lines, lines[1:])):
        # A file saved on Windows ends each line with \r\n: the \r is the line break's, not the text's.
        text, after = line.rstrip(" \t\r"), following.lstrip(" \t")
        at, offset = offset + len(text) - 1, offset + len(line) + 1
        kept = block and (number == 0 or _indent(line) != indent or _indent(following) != indent)
        if not text or not after or kept:
            continue  # a blank line, a block's header or its more indented lines: the line break stays
        if raw.startswith('"') and (len(text) - len(text.rstrip("\\"))) % 2:
            continue  # an escaped line break
        if THAI_CHARACTER.match(text[-1]) and THAI_CHARACTER.match(after[0]):
            folds.append(at)
    return folds


def _last_letters(text: str) -> str:
    """Return about the last FOLD_CONTEXT characters of a text, not starting with a mark above or below a letter."""
    cut = max(0, len(text) - FOLD_CONTEXT)
    while cut < len(text) and unicodedata.category(text[cut]) == "Mn":
        cut += 1
    return text[cut:]


def _first_letters(text: str) -> str:
    """Return about the first FOLD_CONTEXT characters of a text, with the marks of its last letter."""
    cut = min(len(text), FOLD_CONTEXT)
    while cut < len(text) and unicodedata.category(text[cut]) == "Mn":
        cut += 1
    return text[:cut]


def _indent(line: str) -> int:
    """Return how many spaces a line starts with."""
    return len(line) - len(line.lstrip(" "))


class RecordProblems(InputError):
    """A file that reads, with values the loader refused (a duplicate key, an impossible date, a tag).

    It carries the record read without them, so that its other fields are still checked and
    every problem of the file is reported at once.
    """

    def __init__(self, problems: list[Problem], record: Record):
        super().__init__(problems)
        self.record = record


def control_problem(text: str, shown: str) -> Problem | None:
    """Report the first character YAML cannot read (a control character) with its line and column.

    Checked before parsing, with PyYAML's own list, so both parsers refuse the same text the
    same way (libyaml would find it only when it reads that far).
    """
    found = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if found is None:
        return None
    line, column = line_and_column(text, found.start())
    return Problem(shown, say("control_character", code=f"{ord(found.group()):04X}", index=column), line, column)


def _line_break_problems(path: Path, shown: str, text: str, offsets: list[int]) -> list[Problem]:
    """Report each line break of YAML's that editors do not show (U+2028 …), at the line an editor shows.

    The field is found by reading the file with a space in place of each: same offsets, no
    shifted lines; a file that does not read even so gets the position alone.
    """
    spaced = "".join(" " if char in YAML_LINE_BREAKS else char for char in text)
    try:
        record = load_text(path, shown, spaced)
    except InputError:
        record = None
    problems = []
    for offset in offsets:
        fields = (
            [key for key, (start, end) in record.spans.items() if start <= offset < end and key]
            if record is not None
            else []
        )
        field_name = dotted_path(max(fields, key=len)) if fields else None
        message = say("yaml_line_break", **char_values(text[offset]))
        problems.append(Problem(shown, message, *line_and_column(text, offset), field_name))
    return problems


def nesting_problem(text: str, shown: str, loader_class: type[yaml.SafeLoader]) -> Problem | None:
    """Say where a text's values first nest deeper than MAX_DEPTH, reading its events (which needs no recursion)."""
    loader = loader_class(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    line, column = (
                        (event.start_mark.line + 1, event.start_mark.column + 1) if event.start_mark else (1, 1)
                    )
                    return Problem(shown, say("too_deep", limit=MAX_DEPTH), line, column)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # a syntax error before any value too deep: the parse that follows says it
    finally:
        loader.dispose()
    return None


def _check_size(root: Node, shown: str) -> None:
    """Refuse a document whose aliases expand into more values than any record needs, or that nests too deep."""
    count, stack = 0, [(root, 0)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_VALUES:
            raise InputError(Problem(shown, say("too_many_values", limit=f"{MAX_VALUES:,}"), *_position(root)))
        if isinstance(node, (MappingNode, SequenceNode)):
            depth += 1
            if depth > MAX_DEPTH:  # the conversion below recurses once per level
                raise InputError(Problem(shown, say("too_deep", limit=MAX_DEPTH), *_position(node)))
        if isinstance(node, MappingNode):
            stack.extend((item, depth) for pair in node.value for item in pair)
        elif isinstance(node, SequenceNode):
            stack.extend((item, depth) for item in node.value)


def _position(node: Node) -> Location:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _convert(node: Node, key_path: KeyPath, record: Record, loader: yaml.SafeLoader, problems: list[Problem]) -> Any:
    """Turn a composed node into Python data, recording positions and duplicate keys."""
    record.value_positions[key_path] = where = _position(node)
    record.positions.setdefault(key_path, where)
    if not isinstance(node, ScalarNode) and node.tag not in (MAP_TAG, SEQ_TAG):
        problems.append(
            Problem(
                record.shown_path,
                say("bad_tag", tag=node.tag.replace("tag:yaml.org,2002:", "!!")),
                *_position(node),
                dotted_path(key_path) or None,
            )
        )
        return None
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                merge = isinstance(key_node, ScalarNode) and key_node.tag == "tag:yaml.org,2002:merge"
                message = say("merge_key" if merge else "plain_keys")
                problems.append(
                    Problem(record.shown_path, message, *_position(key_node), dotted_path(key_path) or None)
                )
                continue
            key = key_node.value
            child = key_path + (key,)
            if key in result:
                first = record.positions.get(child, (None, None))
                problems.append(
                    Problem(
                        record.shown_path,
                        say("duplicate_key", key=key, line=first[0]),
                        *_position(key_node),
                        dotted_path(child),
                    )
                )
                continue
            record.positions[child] = _position(key_node)
            result[key] = _convert(value_node, child, record, loader, problems)
        return result
    if isinstance(node, SequenceNode):
        return [_convert(item, key_path + (index,), record, loader, problems) for index, item in enumerate(node.value)]
    return _scalar(cast(ScalarNode, node), key_path, record, loader, problems)


def _scalar(
    node: ScalarNode, key_path: KeyPath, record: Record, loader: yaml.SafeLoader, problems: list[Problem]
) -> Any:
    """Construct one scalar the safe way, keeping its text; impossible dates become problems."""
    # PyYAML marks a plain scalar's style None, libyaml ''.
    record.scalars[key_path] = Written(node.value, not node.style)
    record.spans[key_path] = (node.start_mark.index, node.end_mark.index)
    try:
        return loader.construct_object(node, deep=True)
    except ValueError:
        if node.tag == "tag:yaml.org,2002:timestamp":
            problems.append(
                Problem(
                    record.shown_path,
                    buddhist_date(node.value) or say("bad_date", value=node.value, detail=date_detail(node.value)),
                    *_position(node),
                    dotted_path(key_path),
                )
            )
            return node.value
    except (yaml.constructor.ConstructorError, TypeError, AttributeError, KeyError):
        pass
    # An explicit tag the value does not fit (!!int 1.5), or one a safe loader does not know.
    problems.append(
        Problem(
            record.shown_path,
            say("bad_tag", tag=node.tag.replace("tag:yaml.org,2002:", "!!")),
            *_position(node),
            dotted_path(key_path),
        )
    )
    return node.value


def is_date(value: Any) -> bool:
    """Return True for a calendar date that is not a datetime."""
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
