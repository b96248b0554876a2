"""Chat commands (help, why, why not, sources, source, facts, reset): a registry of handlers."""

from __future__ import annotations

import difflib
import logging
from collections.abc import Callable

from chatbot.contract import FACTS, Reply, Statement
from chatbot.dialogue import compose
from chatbot.dialogue.commands import HELP_LINES, Command, CommandName
from chatbot.dialogue.core import MAX_WHERE, echo, section_words
from chatbot.dialogue.hypothetical_turns import HypotheticalTurns
from chatbot.dialogue.message import Message
from chatbot.dialogue.wording import fact_label, fact_value_words, group_words, line_words

log = logging.getLogger(__name__)


class CommandTurns(HypotheticalTurns):
    """Commands and why / why not."""

    def _on_command(self, message: Message) -> Reply:
        command = message.route.command
        if command is None:
            # "why is alpelisib not an option?": why not the drug it names, else why
            drug = next(iter(message.drugs), "")
            command = Command("why_not", drug) if drug else Command("why")
        return self._command(command)

    def _command(self, command: Command) -> Reply:
        handler: Callable[[CommandTurns, str], Reply] = COMMANDS[command.name]
        return handler(self, command.argument)

    def _cmd_help(self, _: str) -> Reply:
        return self._reply(
            "command", [Statement(line, "system") for line in HELP_LINES], keep_pending=True
        )

    def _cmd_reset(self, _: str) -> Reply:
        self.reset()
        return self._reply(
            "command", [Statement("New case: all facts cleared. Describe the patient.", "system")]
        )

    def _cmd_facts(self, _: str) -> Reply:
        state = self._state
        statements = []
        for name in FACTS:
            if name not in state.facts:
                continue
            origin = state.origins.get(name)
            words = f"{fact_label(name)}: {fact_value_words(name, state.facts[name])}"
            if origin is not None:
                if origin.inferred:
                    words += " (inferred — correct me if wrong)"
                if origin.source_text:
                    words += f' — from "{echo(origin.source_text, quote=False)}"'
                words += f" (turn {origin.turn})"
            statements.append(Statement(words, "case"))
        for name in state.unknown:
            statements.append(Statement(f"{fact_label(name)}: unknown (as you said)", "case"))
        if not statements:
            statements.append(Statement("No case facts yet.", "system"))
        return self._reply("command", statements, keep_pending=True)

    def _cmd_why(self, _: str) -> Reply:
        result = self._state.last_answer_result or self._state.last_result
        if result is None:
            return self._reply(
                "command",
                [Statement("Nothing to explain yet — describe a case first.", "system")],
                keep_pending=True,
            )
        statements: list[Statement] = [Statement("Your words → case facts:", "system")]
        for name, origin in self.fact_origins.items():
            value = fact_value_words(name, origin.value)
            if origin.inferred:
                statements.append(
                    Statement(f"{fact_label(name)} = {value} (inferred, not stated)", "case")
                )
            elif origin.source_text:
                statements.append(
                    Statement(
                        f'"{echo(origin.source_text, quote=False)}" → {fact_label(name)} = {value}',
                        "case",
                    )
                )
            else:
                statements.append(Statement(f"{fact_label(name)} = {value}", "case"))
        statements.append(Statement("Rules applied:", "system"))
        for step in result.trace:
            rule = step.rule
            outcome = step.outcome
            sources = tuple(step.sources)
            words = f"{rule} → {outcome}" if outcome else rule
            statements.append(Statement(words, "guideline" if sources else "system", sources))
        if result.group and result.line:
            node = result.node_id or ""
            statements.append(
                Statement(
                    f"Result: {group_words(result.group)}, {line_words(result.line)} (node {node}).",
                    "guideline",
                    compose.node_sources(result),
                )
            )
        return self._reply("command", statements, keep_pending=True)

    def _cmd_why_not(self, argument: str) -> Reply:
        extraction = self._backends.extract(argument)
        drugs = self._drugs_named(extraction, argument)
        if not drugs:
            # "why not CDK4/6 inhibitors": the class's members, as the guideline lists them.
            lexicon = self._backends.retriever.lexicon
            classes = list(lexicon.find_classes(argument)) + [
                c for m in extraction.drugs if (c := m.drug_class) and c in lexicon.class_members
            ]
            drugs = tuple(dict.fromkeys(d for c in classes for d in lexicon.class_members[c]))
        if not drugs:
            return self._reply(
                "command",
                [
                    Statement(
                        f"I do not know {echo(argument)} as a drug the guideline names.", "system"
                    )
                ],
                keep_pending=True,
            )
        result = self._state.last_answer_result
        retriever = self._backends.retriever
        statements: list[Statement] = []
        for drug in drugs:
            if result is None:
                statements.append(
                    Statement(
                        f"There is no recommendation yet to compare {drug} against.", "system"
                    )
                )
            else:
                containing = [o for o in result.options if drug in o.drugs]
                if containing and any(o.applicable is not False for o in containing):
                    statements.append(Statement(f"{drug} is among the options here:", "system"))
                    statements += [
                        compose.option_statement(o, compose.narrative_of(result))
                        for o in containing
                        if o.applicable is not False
                    ]
                elif containing:
                    statements += [
                        compose.option_statement(o, compose.narrative_of(result))
                        for o in containing
                    ]
                else:
                    # About an absence: it recommends nothing and quotes nothing (system).
                    statements.append(
                        Statement(
                            f"{drug} is not among the options the guideline lists for "
                            f"{group_words(result.group or '')}, {line_words(result.line)}.",
                            "system",
                        )
                    )
            nodes = retriever.nodes_offering(drug)
            if nodes:
                where = []
                for node in nodes[:4]:
                    group, slug = node.split("/", 1)
                    info = next(
                        n for n in retriever.index.nodes if n.group == group and n.node == slug
                    )
                    where.append(
                        f"{group_words(group)}, {line_words(info.line)}"
                        if info.line
                        else f"{group_words(group)}, {info.heading}"
                    )
                more = f" and {len(nodes) - 4} more" if len(nodes) > 4 else ""
                cited = tuple(
                    sid
                    for node in nodes[:4]
                    for sid in (f"{node}/primary-options", f"{node}/secondary-options")
                    if sid in retriever.index and drug in retriever.index[sid].text.lower()
                )[:MAX_WHERE]
                statements.append(
                    Statement(
                        f"The guideline lists {drug} at: " + "; ".join(where) + more + ".",
                        "guideline",
                        cited,
                    )
                )
        return self._reply("command", statements, keep_pending=True)

    def _cmd_sources(self, _: str) -> Reply:
        index = self._backends.index
        if not self._last_cited:
            return self._reply(
                "command",
                [Statement("The last answer cited no guideline sections.", "system")],
                keep_pending=True,
            )
        statements = [
            Statement(f"{sid} — {section_words(sid)}", "guideline", (sid,))
            for sid in self._last_cited
            if sid in index
        ]
        return self._reply("command", statements, keep_pending=True)

    def _cmd_source(self, argument: str) -> Reply:
        index = self._backends.index
        section = index.get(argument.strip())
        if section is None:
            close = difflib.get_close_matches(argument.strip(), index.ids(), n=3, cutoff=0.6)
            hint = (
                (" Did you mean: " + ", ".join(close) + "?")
                if close
                else (" 'sources' lists the ids cited in the last answer.")
            )
            return self._reply(
                "clarification",
                [Statement(f"There is no section {echo(argument)}.{hint}", "system")],
                keep_pending=True,
            )
        return self._reply(
            "command",
            [
                Statement(section.title, "system"),
                Statement(section.text, "guideline", (section.id,)),
            ],
            keep_pending=True,
        )


COMMANDS: dict[CommandName, Callable[[CommandTurns, str], Reply]] = {
    "help": CommandTurns._cmd_help,
    "why": CommandTurns._cmd_why,
    "why_not": CommandTurns._cmd_why_not,
    "sources": CommandTurns._cmd_sources,
    "source": CommandTurns._cmd_source,
    "facts": CommandTurns._cmd_facts,
    "reset": CommandTurns._cmd_reset,
}
"""The command registry: every name ``commands.parse_command`` can return, and its handler."""
