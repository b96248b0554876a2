"""Widgets of the chat screen. They render replies; they decide nothing clinical.

Every piece of user or guideline text goes on screen as a ``Content``/``Text``
object built from the plain string, never as a markup string, so ``[bold]``,
``[/]`` or ``[@click=app.quit]`` typed by a user show literally and do nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.coordinate import Coordinate
from textual.message import Message
from textual.style import Style
from textual.widgets import Button, DataTable, Static, TextArea

from chatbot.contract import FACTS, FactOrigin, OptionView, Recommendation, Reply, Statement
from chatbot.export import group_words, option_label, ordinal
from chatbot.tui.messages import CitationSelected, QuickReplyChosen


def literal(text: str) -> Content:
    """Plain text as Content: never parsed as markup."""
    return Content(text)


def show_value(value: object) -> str:
    """A fact value as the panel shows it."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "none"
    return str(value)


# --- input --------------------------------------------------------------------


class ChatInput(TextArea):
    """Multi-line message box: Enter sends, ↑/↓ at the first/last line walk sent messages.

    A TextArea rather than ``Input`` because ``Input`` keeps only the first line of
    a multi-line paste; here every pasted line stays and is sent.
    """

    # TextArea binds f6/f7 to line/all selection; here they stay the app's keys.
    BINDINGS = [
        Binding("f6", "app.history", "History"),
    ]

    @dataclass
    class Submitted(Message):
        """The user pressed Enter."""

        text: str
        """The raw text in the box (cleaned by the app before sending)."""

    def __init__(self, *, blink: bool = True, id: str | None = None) -> None:
        super().__init__(
            "",
            id=id,
            soft_wrap=True,
            show_line_numbers=False,
            tab_behavior="focus",
            compact=True,
            placeholder="Describe the case or ask a question — Enter sends",
        )
        self.cursor_blink = blink
        self.sent: list[str] = []
        """Messages sent from this box, oldest first (for ↑/↓)."""
        self._recall: int | None = None
        self._draft = ""

    def remember(self, text: str) -> None:
        if text and (not self.sent or self.sent[-1] != text):
            self.sent.append(text)
        self._recall = None
        self._draft = ""

    def _show(self, text: str) -> None:
        self.load_text(text)
        self.move_cursor(self.document.end)

    def recall_previous(self) -> None:
        if not self.sent:
            return
        if self._recall is None:
            self._draft = self.text
            self._recall = len(self.sent) - 1
        elif self._recall > 0:
            self._recall -= 1
        self._show(self.sent[self._recall])

    def recall_next(self) -> None:
        if self._recall is None:
            return
        if self._recall < len(self.sent) - 1:
            self._recall += 1
            self._show(self.sent[self._recall])
        else:
            self._recall = None
            self._show(self._draft)

    async def _on_key(self, event: events.Key) -> None:
        row, _ = self.cursor_location
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self.text))
            return
        if event.key in ("shift+enter", "ctrl+j"):
            event.stop()
            event.prevent_default()
            self.insert("\n")
            return
        if event.key == "tab":
            quick = self.screen.query(".quick").results(Button)
            first = next(iter(quick), None)
            if first is not None and first.display:
                event.stop()
                event.prevent_default()
                first.focus()
                return
        if event.key == "shift+tab":
            replies = list(self.screen.query(BotTurn))
            if replies:  # back to the latest reply, whose marker numbers then open sources
                event.stop()
                event.prevent_default()
                replies[-1].focus()
                return
        if event.key == "up" and row == 0:
            event.stop()
            event.prevent_default()
            self.recall_previous()
            return
        if event.key == "down" and row == self.document.line_count - 1:
            event.stop()
            event.prevent_default()
            self.recall_next()
            return
        await super()._on_key(event)


# --- chat log -----------------------------------------------------------------


def citation_numbers(reply: Reply) -> dict[str, int]:
    """Number the sections a reply cites, 1…n in order of first appearance."""
    numbers: dict[str, int] = {}
    sources: list[str] = [s for st in reply.statements for s in st.sources]
    if reply.recommendation:
        sources += [s for o in reply.recommendation.options for s in o.sources]
    for sid in sources:
        numbers.setdefault(sid, len(numbers) + 1)
    return numbers


_SECTION_ID = re.compile(r"^[a-z0-9][a-z0-9/-]*$")


def markers(sources: Sequence[str], numbers: dict[str, int]) -> Content:
    """``[1][2]`` citation markers; clicking one runs ``app.open_source(<id>)``.

    The action text is built only from section ids matching ``[a-z0-9/-]`` — never
    from user or guideline text — so no input can smuggle in another action.
    """
    parts: list[Content] = []
    for sid in dict.fromkeys(sources):
        if sid not in numbers or not _SECTION_ID.match(sid):
            continue
        parts.append(
            Content(f"[{numbers[sid]}]")
            .stylize("$accent bold")
            .stylize(Style.from_meta({"@click": f"app.open_source({sid!r})"}))
        )
    return Content("").join(parts)


def _is_supportive(statement: Statement) -> bool:
    return any(s.endswith("/supportive-care") for s in statement.sources)


_BASIS_STYLE = {"guideline": "", "case": "italic $text-muted", "system": ""}


def statements_content(statements: Sequence[Statement], numbers: dict[str, int]) -> Content:
    """All statements of a reply, one paragraph each, markers at the end of each."""
    lines: list[Content] = []
    for statement in statements:
        parts: list[str | tuple[str, str] | Content] = []
        if _is_supportive(statement):
            parts.append(("▍ ", "$success"))
        parts.append((statement.text, _BASIS_STYLE.get(statement.basis, "")))
        if statement.sources:
            parts += [" ", markers(statement.sources, numbers)]
        lines.append(Content.assemble(*parts))
    return Content("\n").join(lines)


def option_content(option: OptionView, numbers: dict[str, int]) -> Content:
    """One regimen line: marker, drugs, conditions, flags, citation markers."""
    if option.applicable is True:
        mark: tuple[str, str] = ("✓ ", "$success bold")
    elif option.applicable is None:
        mark = ("? ", "$warning bold")
    else:
        mark = ("✗ ", "$error bold")
    parts: list[str | tuple[str, str] | Content] = [mark, (option_label(option.drugs), "bold")]
    if option.applicable is None:
        cond = "; ".join(option.conditions) or "depends on a fact not yet known"
        parts.append(("  if " + cond, "$warning"))
    elif option.applicable is False:
        cond = "; ".join(option.conditions)
        parts.append(("  ruled out" + (f": {cond}" if cond else ""), "$error"))
    elif option.conditions:
        parts.append(("  (" + "; ".join(option.conditions) + ")", "dim"))
    parts += [" ", markers(option.sources, numbers)]
    for flag in option.flags:
        parts.append("\n")
        parts.append(("    ⚠ " + flag, "$warning bold"))
    return Content.assemble(*parts)


def recommendation_content(rec: Recommendation, numbers: dict[str, int]) -> Content:
    """Group and line in the guideline's words, then Primary / Secondary options."""
    lines: list[Content] = [
        Content.assemble(
            (group_words(rec.patient_group), "bold"), " — ", (f"{ordinal(rec.line)} line", "bold")
        )
    ]
    for tier in ("primary", "secondary"):
        options = [o for o in rec.options if o.tier == tier]
        if options:
            lines.append(Content(""))
            lines.append(Content(f"{tier.capitalize()} options").stylize("bold underline"))
            lines += [option_content(o, numbers) for o in options]
    return Content("\n").join(lines)


class ChatLog(VerticalScroll):
    """The conversation. After a terminal resize it shows the latest turn again."""

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.scroll_end, animate=False)


class UserTurn(Static):
    """What the user sent, shown literally."""

    def __init__(self, text: str) -> None:
        super().__init__(literal(text), classes="turn user-turn")
        self.user_text = text
        self.border_title = "You"


class RecommendationCard(Static):
    """Group and line, Primary / Secondary options marked ✓ / ? (if …) / ✗ ruled out, flags ⚠."""

    def __init__(self, recommendation: Recommendation, numbers: dict[str, int]) -> None:
        super().__init__(recommendation_content(recommendation, numbers), classes="recommendation")
        self.recommendation = recommendation
        self.border_title = f"{ordinal(recommendation.line)} line"


class BotTurn(Vertical, can_focus=True):
    """One reply: its statements with citation markers, then the recommendation card.

    Two ``Static`` widgets per reply (not one per statement or marker) keep a long
    conversation cheap to lay out. Markers are clickable spans; from the keyboard,
    focus a reply (Shift+Tab from the message box reaches the latest) and press a
    marker's number to open that source.
    """

    BINDINGS = [Binding(str(n), f"cite({n})", f"Source [{n}]", show=False) for n in range(1, 10)]

    def __init__(self, reply: Reply) -> None:
        super().__init__(classes=f"turn bot-turn kind-{reply.kind}")
        self.reply = reply
        self.numbers = citation_numbers(reply)
        self.border_title = "mbc-chat"
        self.border_subtitle = reply.kind.replace("_", " ")

    def action_cite(self, number: int) -> None:
        """Open the source marked ``[number]`` in this reply."""
        for sid, n in self.numbers.items():
            if n == number:
                self.post_message(CitationSelected(sid))
                return
        self.notify(f"This reply has no source [{number}].", severity="warning", timeout=3)

    def compose(self) -> ComposeResult:
        if self.reply.statements:
            yield Static(
                statements_content(self.reply.statements, self.numbers), classes="statements"
            )
        if self.reply.recommendation is not None:
            yield RecommendationCard(self.reply.recommendation, self.numbers)


class Notice(Static):
    """A line from the app itself (errors, limits, notes) — not from the guideline."""

    def __init__(self, text: str, *, classes: str = "") -> None:
        super().__init__(literal(text), classes=f"notice {classes}".strip())


# --- quick replies ------------------------------------------------------------


class QuickReplies(Horizontal):
    """The expected short answers to the current question, as buttons.

    Typing any printable key while a button has focus moves to the message box
    with that key, so a free-text answer is never more than one keystroke away.
    """

    numbered: bool = False
    """Number keys pick a reply (off when a reply is itself a number, e.g. "2" lines)."""

    def set_choices(self, choices: Iterable[str]) -> None:
        self.remove_children()
        choices = list(choices)
        self.numbered = len(choices) <= 9 and not any(c.strip().isdigit() for c in choices)
        buttons = [
            Button(
                literal(f"{i}. {choice}" if self.numbered else choice),
                name=choice,
                classes="quick",
                compact=True,
            )
            for i, choice in enumerate(choices, start=1)
        ]
        if buttons:
            self.mount(Static(literal("Reply:"), classes="quick-label"), *buttons)
        self.display = bool(buttons)

    @property
    def choices(self) -> list[str]:
        return [b.name or "" for b in self.query(".quick").results(Button)]

    @on(Button.Pressed, ".quick")
    def _chosen(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.name:
            self.post_message(QuickReplyChosen(event.button.name))

    def on_key(self, event: events.Key) -> None:
        if event.key in ("left", "right"):
            event.stop()
            if event.key == "left":
                self.screen.focus_previous(".quick")
            else:
                self.screen.focus_next(".quick")
            return
        if self.numbered and event.is_printable and event.character and event.character.isdigit():
            index = int(event.character) - 1
            choices = self.choices
            if 0 <= index < len(choices):
                event.stop()
                self.post_message(QuickReplyChosen(choices[index]))
                return
        if event.is_printable and event.character:
            event.stop()
            box = self.screen.query_one(ChatInput)
            box.focus()
            box.insert(event.character)


# --- case panel ---------------------------------------------------------------


class CasePanel(Vertical):
    """The case as the session holds it: fact, value, stated or inferred, the words.

    Select a row (Enter or click) to correct that fact; the app turns the
    correction into a chat message, so the dialogue decides what changes.
    """

    def compose(self) -> ComposeResult:
        table: DataTable[Text] = DataTable(id="facts", cursor_type="row", zebra_stripes=True)
        table.add_column("fact", key="fact", width=17)
        table.add_column("value · how · words", key="value", width=23)
        yield table
        yield Static(literal("No facts yet."), id="fact-detail")

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#facts", DataTable)

    _shown: object = None

    def show_facts(self, facts: Mapping[str, object], origins: Mapping[str, FactOrigin]) -> None:
        key = (repr(facts), repr(origins))
        if key == self._shown:  # unchanged: skip the rebuild (and its repaint)
            return
        self._shown = key
        table = self.table
        keep = table.cursor_row
        table.clear()
        for name in FACTS:  # vocabulary order, stable between turns
            if name not in facts:
                continue
            origin = origins.get(name)
            how = "inferred" if origin and origin.inferred else "stated"
            words = " ".join((origin.source_text if origin else "").split())
            short = words if len(words) <= 21 else words[:20] + "…"
            value = Text(show_value(facts[name]), style="bold")
            value.append("  " + how, style="bold italic" if how == "inferred" else "dim")
            if short:
                value.append("\n“" + short + "”", style="dim italic")
            table.add_row(
                Text(name.replace("_", " ")),
                value,
                key=name,
                height=2 if short else 1,
            )
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))
        self._describe(self._current())

    def _current(self) -> str | None:
        table = self.table
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value)

    def _describe(self, fact: str | None) -> None:
        detail = self.query_one("#fact-detail", Static)
        if fact is None:
            detail.update(literal("No facts yet."))
            return
        app_origins: dict[str, FactOrigin] = getattr(self.app, "fact_origins", {})
        origin = app_origins.get(fact)
        if origin is None:
            detail.update(literal(f"{fact.replace('_', ' ')} — Enter to correct"))
            return
        how = "inferred from" if origin.inferred else "from"
        said = origin.source_text or "(no source words recorded)"
        detail.update(
            Content.assemble(
                (fact.replace("_", " "), "bold"),
                f" — {how}: “",
                (said, "italic"),
                "”  · Enter to correct",
            )
        )

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._describe(str(event.row_key.value) if event.row_key else None)
