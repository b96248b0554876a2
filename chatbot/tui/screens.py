"""Modal screens: source viewer, cited-sources list, fact correction, history, help."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, OptionList, Static
from textual.widgets.option_list import Option

from chatbot.contract import FACTS, FactOrigin
from chatbot.history import SessionSummary
from chatbot.kb.sections import Section
from chatbot.render.model import GUIDELINE_REFERENCE, REFERENCE_NOTE, Citation
from chatbot.tui.widgets import guideline_text, literal, show_value

SCOPE_NOTICE = "Clinician decision support from one guideline. Verify before use."


class SourceViewer(ModalScreen[None]):
    """The verbatim text of one guideline section and where it sits (group › node › part)."""

    BINDINGS = [Binding("escape,q", "dismiss", "Close")]

    def __init__(self, section: Section) -> None:
        super().__init__(classes="modal")
        self.section = section

    def compose(self) -> ComposeResult:
        with Vertical(id="source-box") as box:
            box.border_title = "Guideline source"
            box.border_subtitle = "Esc closes"
            yield Static(literal(" › ".join(self.section.path)), id="source-path")
            yield Static(literal(self.section.id), id="source-id")
            with VerticalScroll(id="source-scroll"):
                yield Static(guideline_text(self.section.text), id="source-text")
            if GUIDELINE_REFERENCE.search(self.section.text):
                yield Static(literal(REFERENCE_NOTE), id="source-note")

    def on_mount(self) -> None:
        self.query_one("#source-scroll").focus()


class SourcesList(ModalScreen[str | None]):
    """The sections each reply cites, numbered as on screen and in the export (the latest
    reply first); choosing one returns its section id."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self, replies: Sequence[tuple[str, Sequence[Citation]]]) -> None:
        super().__init__(classes="modal")
        self._replies = list(replies)
        self._ids: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="sources-box") as box:
            box.border_title = "Sources, numbered as in each reply"
            box.border_subtitle = "Enter opens · Esc closes"
            options: list[Option | None] = []
            for r, (heading, citations) in enumerate(self._replies):
                if options:
                    options.append(None)
                options.append(Option(Content(heading).stylize("bold"), disabled=True))
                for c in citations:
                    key = f"{r}:{c.number}"
                    self._ids[key] = c.section_id
                    options.append(
                        Option(
                            Content.assemble(
                                (f"[{c.number}] ", "$accent bold"),
                                c.title,
                            ),
                            id=key,
                        )
                    )
            if options:
                yield OptionList(*options, id="sources-list")
            else:
                yield Static(literal("Nothing cited yet."))

    def on_mount(self) -> None:
        for listing in self.query("#sources-list").results(OptionList):
            listing.focus()
            listing.action_first()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._ids.get(event.option.id or ""))


class FactEditor(ModalScreen[str | None]):
    """Correct one fact: pick a value (enum/yes-no) or type one (numbers, lists)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, fact: str, origin: FactOrigin | None, value: object) -> None:
        super().__init__(classes="modal")
        self.fact = fact
        self.origin = origin
        self.value = value

    def _choices(self) -> list[str]:
        spec = FACTS[self.fact]
        if spec.type == "enum":
            return list(spec.values)
        if spec.type == "bool":
            return ["yes", "no"]
        return []

    def compose(self) -> ComposeResult:
        with Vertical(id="fact-box") as box:
            box.border_title = f"Correct: {self.fact.replace('_', ' ')}"
            box.border_subtitle = "Esc cancels"
            how = "inferred" if self.origin and self.origin.inferred else "stated"
            yield Static(literal(f"Now: {show_value(self.value)} ({how})"))
            if self.origin and self.origin.source_text:
                yield Static(literal(f"From: “{self.origin.source_text}”"), classes="dim")
            choices = self._choices()
            if choices:
                yield OptionList(*[Option(literal(c), id=c) for c in choices], id="fact-choices")
            else:
                yield Input(
                    value=show_value(self.value),
                    id="fact-input",
                    placeholder="new value, then Enter",
                )

    @on(OptionList.OptionSelected, "#fact-choices")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    @on(Input.Submitted, "#fact-input")
    def _typed(self, event: Input.Submitted) -> None:
        value = " ".join(event.value.split())
        self.dismiss(value or None)


class HistoryList(ModalScreen[int | None]):
    """Stored conversations, newest first; choosing one reopens it."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self, sessions: Sequence[SessionSummary], current: int | None) -> None:
        super().__init__(classes="modal")
        self._sessions = list(sessions)
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="history-box") as box:
            box.border_title = "History"
            box.border_subtitle = "Enter reopens · Esc closes"
            table: DataTable[Text] = DataTable(id="history-table", cursor_type="row")
            table.add_columns("id", "started (UTC)", "turns", "first message")
            for s in self._sessions:
                mark = " ◀ now" if s.id == self._current else ""
                table.add_row(
                    Text(str(s.id)),
                    Text(s.started_at.replace("T", " ")[:16]),
                    Text(str(s.turn_count)),
                    Text(s.title + mark),
                    key=str(s.id),
                )
            yield table

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        self.dismiss(int(str(event.row_key.value)))


HELP_TEXT = f"""{SCOPE_NOTICE}

mbc-chat answers questions about treating metastatic breast cancer from one guideline.
Every guideline statement carries markers like [1]; click one to read the cited section
verbatim, or press Shift+Tab to focus the latest reply and then the marker's number (1-9).

Type a case in your own words. The bot asks only for facts that change the answer;
answer in words or choose a quick reply (Tab, then its number).

Keys
  Enter        send            ↑ / ↓        previous / next sent message
  Ctrl+J       new line        Tab          move between input, replies, markers, case panel
  F1           this help       Ctrl+N       new case
  PageUp/Down  scroll the conversation from the box (Home/End when the box is empty;
               past the top, earlier turns come back from the history)
  Shift+Tab    the latest reply: 1-9 open its sources, Tab + Enter open its details
  F2           why (trace)     F3           each reply's sources, numbered
  F4           case panel      F5           export Markdown + transcript YAML
  F6           history         Ctrl+P       command palette (also: theme)
  Ctrl+Q       quit (or type quit)

Case panel: each fact, its value, stated or inferred, and the words it came from.
Select a fact and press Enter to correct it; the correction is sent as a chat message.

Chat commands (typed): help, why, why not <drug>, sources, source <id>, facts, reset.
"""


class HelpScreen(ModalScreen[None]):
    """Scope, keys and commands."""

    BINDINGS = [Binding("escape,q,f1", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Help"
            box.border_subtitle = "Esc closes"
            yield Static(literal(HELP_TEXT))
