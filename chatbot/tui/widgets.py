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
from textual.geometry import Size
from textual.message import Message
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Button, Collapsible, DataTable, Static, TextArea

from chatbot.contract import FACTS, FactOrigin, Reply
from chatbot.render.model import GUIDELINE_REFERENCE, Line, ReplyView, reply_view
from chatbot.tui.messages import CitationSelected, EarlierTurnsRequested, QuickReplyChosen


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
        focused = self.screen.focused
        if focused is not None and focused is not self and event.is_printable:
            # Queued for this box before a Tab moved focus ("Tab 2" in one burst): the
            # key belongs to what has focus now (the quick replies pick reply 2).
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))
            return
        row, _ = self.cursor_location
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            # Emptied here, with the Enter, not when the app handles the message: keys
            # already queued behind this Enter (typed ahead while the app was busy) belong
            # to the next message, and must neither join this one nor be wiped with it.
            text = self.text
            self.load_text("")
            self.post_message(self.Submitted(text))
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
                # Now, not after the next refresh: a number typed right after Tab
                # ("Tab 2" in one burst) must reach the replies, not this box.
                self.screen.set_focus(first)
                return
        if event.key == "shift+tab":
            replies = list(self.screen.query(BotTurn))
            if replies:  # back to the latest reply, whose marker numbers then open sources
                event.stop()
                event.prevent_default()
                self.screen.set_focus(replies[-1])
                return
        if event.key in ("pageup", "pagedown") or (
            event.key in ("home", "end", "ctrl+home", "ctrl+end")
            and (not self.text or event.key.startswith("ctrl+"))
        ):
            # The conversation pages from the box (Home/End when the box is empty).
            event.stop()
            event.prevent_default()
            log = self.screen.query_one(ChatLog)
            if log.scroll_y == 0 and event.key in ("pageup", "home", "ctrl+home"):
                self.post_message(EarlierTurnsRequested())
            # Scrolled now, not after the next refresh (Textual's default): a second
            # Home or PageUp pressed before that refresh must see the top reached and
            # page back into the history, as it does when pressed slowly.
            page = log.scrollable_content_region.height
            target = {
                "pageup": log.scroll_y - page,
                "pagedown": log.scroll_y + page,
                "home": 0,
                "ctrl+home": 0,
                "end": log.max_scroll_y,
                "ctrl+end": log.max_scroll_y,
            }[event.key]
            log.scroll_to(y=target, animate=False, immediate=True)
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
    """The reply's citation numbers by section id, as its markers show them."""
    return {c.section_id: c.number for c in reply_view(reply).citations}


_SECTION_ID = re.compile(r"^[a-z0-9][a-z0-9/-]*$")


def markers(line: Line, view: ReplyView) -> Content:
    """``[1][2]`` citation markers; clicking one runs ``app.open_source(<id>)``.

    The action text is built only from section ids matching ``[a-z0-9/-]`` — never
    from user or guideline text — so no input can smuggle in another action.
    """
    ids = {c.number: c.section_id for c in view.citations}
    parts: list[Content] = []
    for number in line.numbers:
        sid = ids.get(number, "")
        if not _SECTION_ID.match(sid):
            continue
        parts.append(
            Content(f"[{number}]")
            .stylize("$accent bold")
            .stylize(Style.from_meta({"@click": f"app.open_source({sid!r})"}))
        )
    return Content("").join(parts)


def guideline_text(text: str, style: str = "") -> Content:
    """Text with the guideline's own reference markers (``[46]``) dimmed: they are not ours
    and lead nowhere (the document has no reference list)."""
    content = Content(text)
    if style:
        content = content.stylize(style)
    for match in GUIDELINE_REFERENCE.finditer(text):
        content = content.stylize("dim", match.start(), match.end())
    return content


def _line_style(line: Line, first_bottom: bool) -> str:
    statement = line.statement
    if statement.basis == "case":
        return "italic $text-muted"
    if statement.part == "bottom":
        if first_bottom:
            return "bold"
        if statement.text.startswith("Caution"):
            return "$warning"
        if statement.text.startswith("Ruled out"):
            return "$error"
    return ""


def lines_content(lines: Sequence[Line], view: ReplyView, *, bullet: str = "") -> Content:
    """Statements one paragraph each, markers at the end; the bottom line's heading bold."""
    out: list[Content] = []
    first_bottom = True
    for line in lines:
        is_bottom = line.statement.part == "bottom"
        parts: list[str | tuple[str, str] | Content] = []
        if line.statement.part == "supportive":
            parts.append(("▍ ", "$success"))
        elif bullet:
            parts.append(bullet)
        parts.append(guideline_text(line.text, _line_style(line, is_bottom and first_bottom)))
        if is_bottom:
            first_bottom = False
        if line.numbers:
            parts += [" ", markers(line, view)]
        out.append(Content.assemble(*parts))
    return Content("\n").join(out)


def details_content(view: ReplyView) -> Content:
    blocks = []
    for part in view.details:
        title = Content(part.title).stylize("bold underline")
        blocks.append(Content("\n").join([title, lines_content(part.lines, view, bullet="• ")]))
    return Content("\n\n").join(blocks)


class ChatLog(VerticalScroll):
    """The conversation. A new reply is shown whole if it fits, else from its bottom
    line's first line; after any resize (terminal, or the quick-reply bar appearing) the
    latest reply is shown that way again."""

    following: Widget | None = None
    # The reader paged back into the history (earlier turns mounted above): nothing moves
    # them to the latest reply — not a follow still pending from that reply, not a resize —
    # until a new reply is followed.
    reading_back = False

    def follow(self, turn: Widget) -> None:
        self.following = turn
        self.reading_back = False
        self._show_followed()
        # Once more after the next layout: the quick-reply bar may appear with the reply
        # and shorten the log after this first placement.
        self.call_after_refresh(lambda: self.call_after_refresh(self._show_followed))

    def _show_followed(self) -> None:
        if self.reading_back:
            return
        turn = self.following
        if turn is None or not turn.is_attached:
            self.scroll_end(animate=False)
            return
        if turn.outer_size.height <= self.scrollable_content_region.height:
            self.scroll_end(animate=False)
            return
        lead = next(iter(turn.query(BottomLine)), turn)
        # The lead's first line at the top of the log (scroll_to_widget keeps a row of
        # the reply's border above it, which at 80×24 costs the bottom line's last line).
        top = self.scroll_y + lead.region.y - self.content_region.y
        self.scroll_to(y=max(0, top), animate=False, immediate=True)

    _shown_size: Size | None = None

    def on_resize(self, event: events.Resize) -> None:
        # Only when the log itself changed size. Textual also sends Resize when the
        # content grows (earlier turns mounted above): following then would throw the
        # reader paging back through the history down to the latest reply.
        if event.size == self._shown_size:
            return
        self._shown_size = event.size
        self.call_after_refresh(self._show_followed)


class UserTurn(Static):
    """What the user sent, shown literally."""

    def __init__(self, text: str) -> None:
        super().__init__(literal(text), classes="turn user-turn")
        self.user_text = text
        self.border_title = "You"


class BottomLine(Static):
    """The reply's lead: for an answer, its bottom line (group, line, options, flags)."""


class BranchLine(Static):
    """One branch of an answer: its condition, then its compact bottom line."""


_SHORT_DETAIL = {
    "dose": "doses",
    "warning": "warnings",
    "evidence": "evidence",
    "supportive": "supportive care",
    "case": "case",
}


class BotTurn(Vertical, can_focus=True):
    """One reply, read from the shared answer model (:func:`chatbot.render.model.reply_view`).

    The lead (bottom line) first; each branch under its condition; a what-if marked
    hypothetical; the details (doses once, warnings, all key evidence, supportive care,
    case) folded in a ``Collapsible``. Markers are clickable; from the keyboard, focus a
    reply (Shift+Tab from the message box reaches the latest) and press a marker's number.
    """

    BINDINGS = [Binding(str(n), f"cite({n})", f"Source [{n}]", show=False) for n in range(1, 10)]

    def __init__(self, reply: Reply, view: ReplyView | None = None) -> None:
        classes = f"turn bot-turn kind-{reply.kind}"
        self.view = view or reply_view(reply)
        if self.view.hypothetical:
            classes += " hypothetical"
        super().__init__(classes=classes)
        self.reply = reply
        self.numbers = {c.section_id: c.number for c in self.view.citations}
        self.border_title = "WHAT IF — hypothetical" if self.view.hypothetical else "mbc-chat"
        kind = self.view.heading.lower() if self.view.heading else reply.kind.replace("_", " ")
        if reply.kind == "answer":  # the guideline it rests on: title and short hash
            title, _, sha = self.view.guideline.rpartition(" · ")
            kind = f"{title} · {sha[:8]}"
        self.border_subtitle = kind

    def action_cite(self, number: int) -> None:
        """Open the source marked ``[number]`` in this reply."""
        for citation in self.view.citations:
            if citation.number == number:
                self.post_message(CitationSelected(citation.section_id))
                return
        self.notify(f"This reply has no source [{number}].", severity="warning", timeout=3)

    def compose(self) -> ComposeResult:
        view = self.view
        if view.assumed:
            yield Static(
                literal("Assumed for this answer only: " + "; ".join(view.assumed)),
                classes="assumed",
            )
        if view.lead:
            yield BottomLine(lines_content(view.lead, view), classes="statements")
        for branch in view.branches:
            body = lines_content(branch.lines, view)
            if branch.stated:  # the statement opens with its condition: make that the heading
                body = body.stylize("bold", 0, len(branch.condition) + 1)
            else:
                body = Content("\n").join([Content(branch.condition + ":").stylize("bold"), body])
            yield BranchLine(body, classes="branch")
        if view.details:
            titles = " · ".join(_SHORT_DETAIL.get(part.key, part.key) for part in view.details)
            yield Collapsible(title=f"Details: {titles}", collapsed=True)

    @on(Collapsible.Expanded)
    def _details_opened(self, event: Collapsible.Expanded) -> None:
        """The details are built when first opened: a folded reply costs one line."""
        contents = event.collapsible.query_one(Collapsible.Contents)
        if not contents.children:
            contents.mount(Static(details_content(self.view), classes="details"))


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
    """Number keys pick a reply (a question's replies are numbered 1…n) — unless a reply is
    itself a number (the line count's 0, 1, 2 …): then a digit is always that number, never
    "reply 1", which showed as "1. 0" and read 1 line for a user who meant 0 (stop 61)."""

    def set_choices(self, choices: Iterable[str]) -> None:
        self.remove_children()
        choices = list(choices)
        self.numbered = len(choices) <= 9 and not any(c.strip().isdecimal() for c in choices)
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
            hint = f"Reply (Tab, 1-{len(buttons)}):" if self.numbered else "Reply (Tab):"
            self.mount(Static(literal(hint), classes="quick-label"), *buttons)
        self.display = bool(buttons)

    @property
    def choices(self) -> list[str]:
        return [b.name or "" for b in self.query(".quick").results(Button)]

    def choice_for(self, digit: str) -> str | None:
        """The reply numbered ``digit`` (the button shows "n. reply")."""
        choices = self.choices
        index = int(digit) - 1
        return choices[index] if 0 <= index < len(choices) else None

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
            choice = self.choice_for(event.character)
            if choice is not None:
                event.stop()
                self.post_message(QuickReplyChosen(choice))
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
