"""Reading YAML nobody vetted (transcripts handed to ``mbc-chat replay``).

``yaml.safe_load`` builds no arbitrary objects, but it still expands aliases (a
600-byte "billion laughs" file reached 3.9 GB), recurses once per nesting level,
keeps the last of two equal keys (a second ``expect:`` silently replaces the
first) and turns a 5000-digit integer into a ``ValueError`` traceback. This
module reads a file only if it is a regular file of at most :data:`MAX_BYTES`, and
parses it with a loader that refuses aliases, nesting deeper than
:data:`MAX_DEPTH`, duplicate keys and numbers outside :data:`MAX_INT`. Every
refusal is an :class:`UntrustedYamlError` that names the file and the line.
"""

from __future__ import annotations

import math
import os
import stat
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

MAX_BYTES = 1_000_000
MAX_DEPTH = 32
MAX_INT = 2**53
"""Integers a JSON reader keeps exactly; a transcript needs nothing near this."""
_MAX_DIGITS = 20


class UntrustedYamlError(ValueError):
    """A file refused or a document rejected: ``path`` and (when known) ``line``."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        where = f" (line {line})" if line is not None else ""
        super().__init__(f"{problem}{where}")


def _line(node_or_mark: Any) -> int | None:
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    return None if mark is None else int(mark.line) + 1


class _Refused(Exception):
    """Raised inside the loader; carries the problem and the line."""

    def __init__(self, problem: str, line: int | None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


class BoundedLoader(yaml.SafeLoader):
    """SafeLoader without aliases, with a depth bound, duplicate-key and number checks."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(
                f"YAML aliases (*{event.anchor}) are not allowed", _line(event.start_mark)
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(
                    f"nested deeper than {MAX_DEPTH} levels", _line(self.peek_event().start_mark)
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int | None] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode):
                continue  # SafeLoader itself rejects unhashable keys
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise _Refused(
                    f"duplicate key {key!r} (first at line {seen[key]})", _line(key_node)
                )
            seen[key] = _line(key_node)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: ScalarNode) -> int:
        digits = str(node.value).lstrip("+-").replace("_", "")
        if len(digits) > _MAX_DIGITS:
            raise _Refused(f"number {node.value[:24]}… is out of range", _line(node))
        value = int(super().construct_yaml_int(node))
        if abs(value) > MAX_INT:
            raise _Refused(f"number {value} is out of range (at most {MAX_INT})", _line(node))
        return value

    def construct_yaml_float(self, node: ScalarNode) -> float:
        value = float(super().construct_yaml_float(node))
        if not math.isfinite(value) or abs(value) > MAX_INT:
            raise _Refused(f"number {node.value} is out of range", _line(node))
        return value


BoundedLoader.add_constructor("tag:yaml.org,2002:int", BoundedLoader.construct_yaml_int)
BoundedLoader.add_constructor("tag:yaml.org,2002:float", BoundedLoader.construct_yaml_float)


def parse(text: str, path: str = "<string>") -> Any:
    """Parse one YAML document from untrusted ``text``."""
    loader = BoundedLoader(text)
    try:
        return loader.get_single_data()
    except _Refused as exc:
        raise UntrustedYamlError(path, exc.problem, exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise UntrustedYamlError(path, f"not valid YAML: {exc.problem}", _line(mark)) from None
    except yaml.YAMLError as exc:
        raise UntrustedYamlError(path, f"not valid YAML: {exc}") from None
    except (RecursionError, MemoryError, ValueError) as exc:  # belt and braces
        raise UntrustedYamlError(path, f"cannot be read: {type(exc).__name__}") from None
    finally:
        loader.dispose()


def read_text(path: Path | str, limit: int = MAX_BYTES) -> str:
    """A regular file's text, at most ``limit`` bytes, strictly UTF-8.

    Opened non-blocking and checked with ``fstat`` on the open descriptor, so a FIFO,
    a device such as ``/dev/zero`` or a file swapped in after a check is refused
    without hanging or reading forever."""
    name = str(path)
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise UntrustedYamlError(name, f"cannot open: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UntrustedYamlError(name, f"not a regular file ({_file_kind(info.st_mode)})")
        if info.st_size > limit:
            raise UntrustedYamlError(name, f"larger than {limit:,} bytes ({info.st_size:,})")
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise UntrustedYamlError(name, f"larger than {limit:,} bytes")
    except OSError as exc:
        raise UntrustedYamlError(name, f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UntrustedYamlError(
            name, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})", line
        ) from None


def _file_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return kind
    return "not a plain file"


def load_file(path: Path | str) -> Any:
    """:func:`read_text` then :func:`parse`."""
    return parse(read_text(path), str(path))
