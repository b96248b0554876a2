"""The chat app and :func:`make_app`, the one factory the CLI, tests and demos use.

Thin shell: every user action becomes text for ``Session.send`` (typed messages,
quick replies, case-panel corrections, "why"), run in a thread worker so the UI
never blocks; the reply comes back as a :class:`ReplyReady` message, is already
committed to the history database, and is rendered as widgets.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Input, Static
from textual.worker import Worker, WorkerState

from chatbot.contract import FactOrigin, Facts, Reply
from chatbot.dialogue.commands import is_quit
from chatbot.export import ExportResult, export_conversation
from chatbot.history import HistoryError, HistoryStore, Recorder, StoredTurn, data_home, late_note
from chatbot.kb.sections import SectionIndex, load_index
from chatbot.render.markdown import conversation_views
from chatbot.render.model import reply_view
from chatbot.selftest import SelfTestFailed
from chatbot.tui.messages import (
    CitationSelected,
    EarlierTurnsRequested,
    FactCorrectionRequested,
    QuickReplyChosen,
    ReplyReady,
    SendFailed,
    SendRequested,
    SessionReady,
    SessionRestored,
)
from chatbot.tui.screens import (
    SCOPE_NOTICE,
    FactEditor,
    HelpScreen,
    HistoryList,
    SourcesList,
    SourceViewer,
)
from chatbot.tui.text import clean_user_text, correction_text, too_long_message
from chatbot.tui.widgets import (
    BotTurn,
    CasePanel,
    ChatInput,
    ChatLog,
    Notice,
    QuickReplies,
    UserTurn,
)

MAX_MOUNTED_TURNS = 80
"""Log widgets kept mounted; older ones are unmounted (export/history keep every turn)."""
EARLIER_BATCH = 20
"""Turns brought back from the history each time the reader pages past the top."""
MAX_KEPT_EXCHANGES = 200
"""Turns kept in memory; with history on, export reads every turn back from SQLite."""


class ChatSession(Protocol):
    """What the app needs from ``chatbot.Session``."""

    def send(self, text: str) -> Reply: ...

    def reset(self) -> None: ...


SessionFactory = Callable[[], ChatSession]


def default_session_factory() -> ChatSession:
    """The real core session (spaCy and the knowledge load here, in the worker).

    The start-up self-test runs here too, where the model is loaded anyway: run before the
    app it kept the first paint waiting ~0.8 s for spaCy. A failure ends the app (fail
    closed) with the self-test's message."""
    from chatbot import Session
    from chatbot.selftest import require_startup_self_test

    require_startup_self_test()
    return Session()


class ChatApp(App[None]):
    """mbc-chat's terminal chat. Build it with :func:`make_app`."""

    CSS_PATH = "app.tcss"
    TITLE = "mbc-chat"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (96, "-wide")]
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("ctrl+n", "new_case", "New"),
        Binding("f2", "why", "Why"),
        Binding("f3", "sources", "Sources"),
        Binding("f4", "toggle_case", "Case"),
        Binding("f5", "export", "Export"),
        Binding("f6", "history", "History"),
    ]

    def __init__(
        self,
        session_factory: SessionFactory,
        *,
        history: HistoryStore | None,
        resume_session: int | None = None,
        export_dir: Path | None = None,
        cursor_blink: bool = True,
        section_index: SectionIndex | None = None,
        resume_requested: bool = False,
        history_off: str | None = None,
    ) -> None:
        super().__init__()
        self._resume_requested = resume_requested
        self._session_factory = session_factory
        self._session: ChatSession | None = None
        self._session_lock = threading.Lock()
        self.history = history
        self.history_off = history_off
        """Why history is off for this run (read-only or full folder, …); None when it is on."""
        self.recorder = Recorder(history, resume_session, off_reason=history_off)
        """Commits each turn before it is shown, or says why it could not."""
        self._resume = resume_session
        if export_dir is None:  # beside the database in use (--db), else the data folder
            export_dir = (history.path.parent if history else data_home()) / "exports"
        self.export_dir = export_dir
        self._blink = cursor_blink
        self._index = section_index
        self.exchanges: deque[tuple[str, Reply]] = deque(maxlen=MAX_KEPT_EXCHANGES)
        """The latest turns of the conversation (all of them are in the history database)."""
        self.baseline: Reply | None = None
        """The case's last real answer: a what-if says what differs from it."""
        self.turns_shown = 0
        """Turns of this conversation shown so far (``exchanges`` keeps the latest)."""
        self.facts: Facts = {}
        self.fact_origins: dict[str, FactOrigin] = {}
        self.busy = False
        self._queue: list[SendRequested] = []
        self._hidden_turns = 0
        self.last_export: ExportResult | None = None

    # -- layout ----------------------------------------------------------------

    @property
    def history_session(self) -> int | None:
        """The history database's id for this conversation (created at the first turn)."""
        return self.recorder.session_id

    @history_session.setter
    def history_session(self, session_id: int | None) -> None:
        self.recorder.switch(session_id)

    def compose(self) -> ComposeResult:
        label = " · NO HISTORY: replies are not saved" if self.history_off else ""
        yield Static(Content(f"mbc-chat{label} · {SCOPE_NOTICE}"), id="scope")
        with Horizontal(id="main"):
            with ChatLog(id="log"):
                yield Static(Content(""), id="hidden-note")
            case = CasePanel(id="case")
            case.border_title = "Case"
            yield case
        yield QuickReplies(id="quick")
        yield ChatInput(blink=self._blink, id="input")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#hidden-note").display = False
        self.query_one(QuickReplies).display = False
        self.query_one(ChatInput).focus()
        if self.history and self.history.notice:
            self._note(self.history.notice, "warning")
        if self.history_off:
            self._note(f"History is off for this run: {self.history_off}.", "warning")
        if self._resume is not None:
            self._note(f"Resuming conversation {self._resume} …")
        elif self._resume_requested:
            self._note("Nothing to resume yet; this is a new conversation.", "warning")
        else:
            self._note(
                "Describe the case in your own words, or ask about a drug. "
                "F1 help · Ctrl+P commands."
            )
        self._set_busy(True)
        self._load_session(self._resume)

    @property
    def index(self) -> SectionIndex:
        if self._index is None:
            self._index = load_index()
        return self._index

    # -- the worker ------------------------------------------------------------

    def _get_session(self) -> ChatSession:
        if self._session is None:
            self._session = self._session_factory()
        return self._session

    @work(thread=True, group="load", exit_on_error=False)
    def _load_session(self, resume: int | None) -> None:
        """Load the session off the UI thread; on resume, replay the stored user texts."""
        started = time.perf_counter()
        try:
            with self._session_lock:
                session = self._get_session()
                if resume is not None and self.history is not None:
                    turns = self.history.turns(resume)
                    for turn in turns:
                        session.send(turn.user_text)
                    self.post_message(SessionRestored(turns))
                    return
        except SelfTestFailed as exc:  # fail closed: nothing is answered from broken data
            self.call_from_thread(self.exit, None, 1, str(exc))
            return
        except Exception as exc:  # shown in the log, never a crash
            self.post_message(
                SendFailed("", f"could not start the session: {type(exc).__name__}: {exc}")
            )
            return
        self.post_message(SessionReady(time.perf_counter() - started))

    @work(thread=True, exclusive=True, group="session", exit_on_error=False)
    def _send(self, request: SendRequested) -> None:
        """``Session.send`` in a thread; commit the turn, then hand the reply to the UI."""
        try:
            with self._session_lock:
                reply = self._get_session().send(request.text)
                unsaved = self.recorder.save(request.text, reply)
        except Exception as exc:
            self.post_message(SendFailed(request.text, f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(ReplyReady(request.text, reply, request.origin, unsaved))

    @work(thread=True, group="load", exit_on_error=False)
    def _reset_session(self, replay: list[StoredTurn] | None = None) -> None:
        try:
            with self._session_lock:
                session = self._get_session()
                session.reset()
                if replay is not None:
                    for turn in replay:
                        session.send(turn.user_text)
                    self.post_message(SessionRestored(replay))
                    return
        except Exception as exc:
            self.post_message(
                SendFailed("", f"could not reset the session: {type(exc).__name__}: {exc}")
            )
            return
        self.post_message(SessionReady(0.0))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        # Shown in the message box's border: a changed title repaints one line, where a
        # spinner row appearing and going reflowed the whole screen on every turn.
        for box in self.query(ChatInput):  # absent while the app shuts down
            box.border_title = "working…" if busy else ""

    @on(Worker.StateChanged)
    def _worker_done(self, event: Worker.StateChanged) -> None:
        # The next queued message starts only once the previous worker has fully
        # finished, so the session is never used by two threads and none is cancelled.
        if event.worker.group in ("session", "load") and event.state in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
            WorkerState.CANCELLED,
        ):
            self._next_in_queue()

    def _next_in_queue(self) -> None:
        self._set_busy(False)
        if self._queue:
            self._start_send(self._queue.pop(0))

    # -- sending ---------------------------------------------------------------

    @on(ChatInput.Submitted)
    def _submitted(self, event: ChatInput.Submitted) -> None:
        box = self.query_one(ChatInput)
        clean = clean_user_text(event.text)
        if not clean.text:
            return
        if is_quit(clean.text):  # "quit" as the banner of --plain says, as Ctrl+Q does
            self.exit()
            return
        if clean.too_long:
            self._note(too_long_message(len(clean.text)), "error")
            if not box.text:  # back in the box to be shortened (the box emptied on Enter)
                box.load_text(event.text)
                box.move_cursor(box.document.end)
            return
        box.remember(clean.text)
        choice = self._numbered_choice(clean.text)
        if choice is not None:  # "2" typed and sent: the reply shown as "2. …"
            self.post_message(SendRequested(choice, "quick-reply"))
            return
        self.post_message(SendRequested(clean.text, "input"))

    def _numbered_choice(self, text: str) -> str | None:
        """The quick reply a message that is only its number picks ("2" under "1. pre
        2. post 3. unknown"), as the number key does with a reply focused; never when the
        replies are not numbered (a reply is itself a number: "2" is the answer as typed)."""
        quick = self.query_one(QuickReplies)
        text = text.strip()
        if not (quick.display and quick.numbered and len(text) == 1 and text.isdecimal()):
            return None
        return quick.choice_for(text)

    @on(QuickReplyChosen)
    def _quick(self, event: QuickReplyChosen) -> None:
        self.post_message(SendRequested(event.choice, "quick-reply"))
        self.focus_input()

    def focus_input(self) -> None:
        """Put the cursor back in the message box (after Ctrl+N, a screen, a quick reply)."""
        for box in self.query(ChatInput):  # absent while the app shuts down
            box.focus()

    def on_key(self, event: events.Key) -> None:
        """A printable key nobody took (a reply or the log had focus, or nothing had) goes
        to the message box, so a keystroke is never lost."""
        if not (event.is_printable and event.character) or len(self.screen_stack) > 1:
            return
        if isinstance(self.focused, ChatInput | Input) or event.key in self.screen.active_bindings:
            return  # typing already, or a key something on screen is bound to (e.g. the demo)
        event.stop()
        box = self.query_one(ChatInput)
        box.focus()
        box.insert(event.character)

    def open_screen(self, screen: Screen, done: Callable | None = None) -> None:
        """Push a modal screen; when it closes, focus returns to the message box."""

        def closed(result: object) -> None:
            if done is not None:
                done(result)
            if len(self.screen_stack) <= 2:  # this one is still on the stack while we run
                self.call_after_refresh(self.focus_input)

        self.push_screen(screen, closed)

    @on(FactCorrectionRequested)
    def _correct(self, event: FactCorrectionRequested) -> None:
        clean = clean_user_text(correction_text(event.fact, event.value))
        if clean.too_long:
            self._note(too_long_message(len(clean.text)), "error")
            return
        self.post_message(SendRequested(clean.text, "correction"))

    @on(SendRequested)
    def _send_requested(self, event: SendRequested) -> None:
        self.query_one(QuickReplies).set_choices(())
        if self.busy:
            self._queue.append(event)
            self.notify("Still working; your message is queued and will be sent next.", timeout=3)
            return
        self._start_send(event)

    def _start_send(self, request: SendRequested) -> None:
        # The user's turn appears when its send starts, so the log keeps turn order.
        self._mount_in_log(UserTurn(request.text))
        self._set_busy(True)
        self._send(request)

    # -- replies ---------------------------------------------------------------

    @on(ReplyReady)
    def _reply(self, event: ReplyReady) -> None:
        self._show_reply(event.user_text, event.reply, follow=True)
        if event.unsaved:
            self._note(f"not saved: {event.unsaved}", "warning")

    @on(SendFailed)
    def _failed(self, event: SendFailed) -> None:
        self._note(f"Something went wrong: {event.error}", "error")

    @on(SessionReady)
    def _session_ready(self, event: SessionReady) -> None:
        self.log.info(f"session loaded in {event.seconds:.2f}s")

    @on(SessionRestored)
    def _restored(self, event: SessionRestored) -> None:
        self._clear_log()
        for turn in event.turns:
            self._mount_in_log(UserTurn(turn.user_text))
            self._show_reply(turn.user_text, turn.reply, follow=False)
        self._note(f"Resumed conversation {self.history_session} ({len(event.turns)} turns).")
        late = late_note(event.turns)
        if late:
            self._note(late, "warning")
        self.query_one("#log", VerticalScroll).scroll_end(animate=False)

    def _show_reply(self, user_text: str, reply: Reply, *, follow: bool) -> None:
        self.exchanges.append((user_text, reply))
        self.turns_shown += 1
        view = reply_view(reply, baseline=self.baseline)
        bot = BotTurn(reply, view)
        self._mount_in_log(bot, scroll=not follow)
        if reply.hypothesis is None:
            if reply.kind == "answer":
                self.baseline = reply
            self.facts = dict(reply.facts)
            self.fact_origins = dict(reply.fact_origins)
        else:
            # a what-if never changes the case panel: what it assumes is never shown there;
            # news told with it ("What if she had ESR1? Also she progressed on …") changed the
            # case, and the rest of the reply's facts are the case's (stop 73)
            assumed = reply.hypothesis.keys()
            self.facts = {
                **{k: v for k, v in reply.facts.items() if k not in assumed},
                **{k: v for k, v in self.facts.items() if k in assumed},
            }
            self.fact_origins = {
                **{k: v for k, v in reply.fact_origins.items() if k not in assumed},
                **{k: v for k, v in self.fact_origins.items() if k in assumed},
            }
        self.query_one(CasePanel).show_facts(self.facts, self.fact_origins)
        self.query_one(QuickReplies).set_choices(view.choices)
        if follow:
            self.call_after_refresh(self._follow, bot)

    def _follow(self, bot: BotTurn) -> None:
        """Show a new reply: all of it if it fits, else from its first line."""
        self.query_one(ChatLog).follow(bot)

    # -- the log ---------------------------------------------------------------

    def _note(self, text: str, kind: str = "") -> None:
        self._mount_in_log(Notice(text, classes=kind))

    def _mount_in_log(self, widget: Static | BotTurn, *, scroll: bool = True) -> None:
        log = self.query_one("#log", VerticalScroll)
        log.mount(widget)
        items = [w for w in log.children if w.id != "hidden-note"]
        excess = len(items) - MAX_MOUNTED_TURNS
        if excess > 0:
            for old in items[:excess]:
                if self._holds_focus(old):
                    self.focus_input()  # never leave focus on a removed widget (keys die)
                old.remove()
            self._hidden_turns += sum(isinstance(old, BotTurn) for old in items[:excess])
            self._update_hidden_note()
        if scroll:
            self.query_one(ChatLog).following = None
            log.scroll_end(animate=False)

    def _update_hidden_note(self) -> None:
        note = self.query_one("#hidden-note", Static)
        note.update(
            Content(
                f"{self._hidden_turns} earlier turns not shown — PageUp or Home at the top "
                "brings them back from the history; export (F5) has every turn."
            )
        )
        note.display = self._hidden_turns > 0

    @on(EarlierTurnsRequested)
    async def show_earlier(self) -> None:
        """Mount the turns just before the first one shown, read back from the history
        database (memory keeps only a window; SQLite keeps every turn)."""
        if not self._hidden_turns or self.history is None or self.history_session is None:
            return
        turns = self.history.turns(self.history_session)
        end = min(self._hidden_turns, len(turns))
        start = max(0, end - EARLIER_BATCH)
        log = self.query_one("#log", VerticalScroll)
        first = next((w for w in log.children if w.id != "hidden-note"), None)
        widgets: list[Widget] = []
        baseline: Reply | None = None
        for turn in turns[start:end]:
            widgets.append(UserTurn(turn.user_text))
            widgets.append(BotTurn(turn.reply, reply_view(turn.reply, baseline=baseline)))
            if turn.reply.kind == "answer" and turn.reply.hypothesis is None:
                baseline = turn.reply
        if not widgets:
            return
        self._hidden_turns = start
        self._update_hidden_note()
        if first is None:
            await log.mount_all(widgets)
            return
        self.query_one(ChatLog).reading_back = True
        await log.mount_all(widgets, before=first)
        # Keep the reader where they were, the earlier turns above. Only after the mount
        # is done and laid out: scrolled sooner, ``first`` still has its old place near
        # the top and the reader lands on the earlier turns instead.
        self.call_after_refresh(log.scroll_to_widget, first, top=True, animate=False)

    def _holds_focus(self, widget: Widget) -> bool:
        focused = self.screen_stack[0].focused
        return focused is not None and (focused is widget or widget in focused.ancestors)

    def _clear_log(self) -> None:
        """Empty the log. Focus goes to the box first: a focused reply that is removed
        while a screen is open would otherwise keep focus and swallow every key, Ctrl+Q
        included (the freeze reported after F4, Shift+Tab, a source view, F5, Ctrl+N)."""
        self.focus_input()
        log = self.query_one("#log", VerticalScroll)
        for child in list(log.children):
            if child.id != "hidden-note":
                child.remove()
        self.query_one("#hidden-note").display = False
        self._hidden_turns = 0
        self.exchanges.clear()
        self.turns_shown = 0
        self.baseline = None
        self.facts = {}
        self.fact_origins = {}
        self.query_one(CasePanel).show_facts({}, {})
        self.query_one(QuickReplies).set_choices(())

    # -- sources and corrections -------------------------------------------------

    @on(CitationSelected)
    def _citation(self, event: CitationSelected) -> None:
        self.open_source(event.section_id)

    def action_open_source(self, section_id: str) -> None:
        """What a citation marker's click runs."""
        self.post_message(CitationSelected(section_id))

    def open_source(self, section_id: str) -> None:
        section = self.index.get(section_id)
        if section is None:
            self.notify(f"Unknown section {section_id}", severity="error")
            return
        self.open_screen(SourceViewer(section))

    @on(DataTable.RowSelected, "#facts")
    def _fact_selected(self, event: DataTable.RowSelected) -> None:
        fact = str(event.row_key.value)
        if fact not in self.facts:
            return

        def done(value: str | None) -> None:
            if value:
                self.post_message(FactCorrectionRequested(fact, value))

        self.open_screen(FactEditor(fact, self.fact_origins.get(fact), self.facts[fact]), done)

    # -- actions (keys and command palette) ------------------------------------

    def action_help(self) -> None:
        self.open_screen(HelpScreen())

    def action_why(self) -> None:
        self.post_message(SendRequested("why", "command"))

    def action_sources(self) -> None:
        """The sources of each reply, numbered as on screen, the latest reply first."""
        turns = list(self.exchanges)
        views = conversation_views(turns)
        first = self._hidden_turns_count() + 1
        listed = [
            (f"Turn {first + i} · {view.heading or view.kind}", view.citations)
            for i, view in enumerate(views)
            if view.citations
        ][::-1]

        def done(section_id: str | None) -> None:
            if section_id:
                self.open_source(section_id)

        self.open_screen(SourcesList(listed), done)

    def _hidden_turns_count(self) -> int:
        """Turns of this conversation no longer held in memory."""
        return max(0, self.turns_shown - len(self.exchanges))

    def action_toggle_case(self) -> None:
        if self.screen.has_class("-narrow"):
            self.screen.toggle_class("-case-open")
        table = self.query_one("#facts", DataTable)
        if table.has_focus:
            self.query_one(ChatInput).focus()
        else:
            table.focus()

    def action_new_case(self) -> None:
        self._clear_log()
        self.history_session = None
        self._note("New case. Describe the patient.")
        self._set_busy(True)
        self._reset_session()
        self.focus_input()

    def action_export(self) -> None:
        if not self.exchanges:
            self.notify("Nothing to export yet.", severity="warning")
            return
        now = datetime.now(UTC)
        conversation = self.history_session
        stem = f"mbc-chat-{conversation or 'unsaved'}-{now:%Y%m%d-%H%M%S}"
        title = f"mbc-chat conversation {conversation or '(not saved)'}"
        exchanges = list(self.exchanges)
        if self.history is not None and conversation is not None:
            exchanges = [(t.user_text, t.reply) for t in self.history.turns(conversation)]
        try:
            result = export_conversation(
                exchanges,
                self.export_dir,
                stem=stem,
                title=title,
                date=f"{now:%Y-%m-%d %H:%M} UTC",
                index=self.index,
            )
        except (OSError, ValueError) as exc:
            self._note(f"Export failed: {exc}", "error")
            return
        self.last_export = result
        if self.is_web:
            # `mbc-chat serve`: the browser downloads the Markdown; the transcript YAML
            # (a regression test for developers) stays beside the server's database.
            # One file only: browsers block a second download window opened by one key.
            self.deliver_text(result.markdown, open_method="download", mime_type="text/markdown")
            self._note(
                f"Exported: your browser downloads {result.markdown.name}; the server kept "
                f"it and {result.transcript.name} in {result.markdown.parent}"
            )
            return
        self._note(f"Exported {result.markdown} and {result.transcript}")

    def action_history(self) -> None:
        if self.history is None:
            self.notify(
                f"History is off for this run. {self.history_off or ''}", severity="warning"
            )
            return

        def done(session_id: int | None) -> None:
            if session_id is not None and session_id != self.history_session:
                self.open_history_session(session_id)

        try:
            sessions = self.history.sessions()
        except HistoryError as exc:
            self.notify(f"History cannot be read: {exc.reason}", severity="error")
            return
        self.open_screen(HistoryList(sessions, self.history_session), done)

    def open_history_session(self, session_id: int) -> None:
        """Reopen a stored conversation: reset the session and replay its user texts."""
        assert self.history is not None
        try:
            turns = self.history.turns(session_id)
        except HistoryError as exc:
            self.notify(f"History cannot be read: {exc.reason}", severity="error")
            return
        self._clear_log()
        self.history_session = session_id
        self._note(f"Opening conversation {session_id} …")
        self._set_busy(True)
        self._reset_session(turns)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "New case", "Forget the current case and start again", self.action_new_case
        )
        yield SystemCommand(
            "Why", "Trace the last answer back to your words and the guideline", self.action_why
        )
        yield SystemCommand(
            "Sources", "List the guideline sections cited so far", self.action_sources
        )
        yield SystemCommand(
            "Export", "Write the conversation as Markdown and transcript YAML", self.action_export
        )
        yield SystemCommand("History", "Stored conversations; reopen one", self.action_history)
        yield SystemCommand("Help", "Scope, keys and commands", self.action_help)


def make_app(
    *,
    session_factory: SessionFactory | None = None,
    db_path: Path | str | None = None,
    history: HistoryStore | None | bool = True,
    resume: bool = False,
    resume_session: int | None = None,
    export_dir: Path | None = None,
    cursor_blink: bool = True,
    section_index: SectionIndex | None = None,
) -> ChatApp:
    """Build the chat app — the one factory for the CLI, Pilot/snapshot tests and demos.

    ``session_factory`` defaults to the real ``chatbot.Session``. ``history`` may be
    a store, ``True`` (open ``db_path`` or the default database) or ``False`` (off).
    ``resume`` reopens the most recent stored conversation.
    """
    store: HistoryStore | None
    history_off = None
    if isinstance(history, HistoryStore):
        store = history
    elif history:
        try:
            store = HistoryStore.open(db_path)
        except HistoryError as exc:  # read-only or full folder, locked, newer schema
            store, history_off = None, exc.reason
    else:
        store = None
    if resume and resume_session is None and store is not None:
        try:
            resume_session = store.last_session_id()
        except HistoryError:
            resume_session = None
    return ChatApp(
        session_factory or default_session_factory,
        history=store,
        resume_session=resume_session,
        export_dir=export_dir,
        cursor_blink=cursor_blink,
        section_index=section_index,
        resume_requested=resume,
        history_off=history_off,
    )
