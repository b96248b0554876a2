"""Mutation check of the reliability tests (issue 13): prints, asserts nothing.

Not a benchmark: each entry breaks one line of the product the way a past bug (or a
plausible regression) did, runs the tests that must notice, reports CAUGHT or
MISSED, and restores the file. Run from the repository root:

    .venv/bin/python bench/mutation_check.py [PREFIX ...]   # e.g. R1 G4

A MISSED line means a test that cannot fail. The working tree must be clean of
edits to the mutated files (each is rewritten and restored).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

M = [
    (
        "G1 grounding: doses checked against the whole guideline",
        "chatbot/kb/grounding.py",
        "            if normalise(dose) not in corpus:",
        "            if normalise(dose) not in _corpus(kn, tuple(s.id for s in kn.index)):",
        ["tests/test_grounding.py::test_a_dose_from_another_section_is_refused"],
    ),
    (
        "G2 session: the case restatement is not marked as case",
        "chatbot/dialogue/compose.py",
        'out.append(Statement("Case so far — " + "; ".join(parts) + ".", "case"))',
        'out.append(Statement("Case so far — " + "; ".join(parts) + ".", "system"))',
        ["tests/test_session.py::test_a_conversation_in_every_group"],
    ),
    (
        "G3 tui: the log shows the previous reply",
        "chatbot/tui/app.py",
        "        bot = BotTurn(reply)\n",
        "        bot = BotTurn(self.exchanges[max(0, len(self.exchanges) - 2)][1])\n",
        ["tests/test_tui.py::test_mounted_log_is_capped"],
    ),
    (
        "G4 retrieval: covered but no passage",
        "chatbot/dialogue/retrieval.py",
        "            return InfoAnswer(\n                True, tuple(self._passage_statement(h.passage, prefer_group) for h in chosen)\n            )",
        "            return InfoAnswer(True, ())",
        ["tests/test_retrieval.py::test_tell_me_about_a_drug_quotes_the_narrative"],
    ),
    (
        "G5 scope: out-of-scope reply echoes the instruction",
        "chatbot/dialogue/info_turns.py",
        '            "out_of_scope", [Statement(scope.SCOPE_SENTENCE, "system")], keep_pending=True',
        '            "out_of_scope",\n'
        '            [Statement(scope.SCOPE_SENTENCE, "system"), Statement(message.text, "system")],\n'
        "            keep_pending=True,",
        ["tests/test_transcripts.py::test_transcript[scope/prompt-injection-system.yaml]"],
    ),
    (
        "G6/G7 nlp: nothing extracted",
        "chatbot/dialogue/case_turns.py",
        "        facts = {k: v for k, v in extraction.facts.items() if k in FACTS}",
        "        facts: dict[str, Any] = {}",
        [
            "tests/test_transcripts.py::test_transcript[negation/family-history-brca.yaml]",
            "tests/test_transcripts.py::test_transcript[unknown/hedged-brain-lesion.yaml]",
        ],
    ),
    (
        "G8 replay: XPASS counts as ok again",
        "chatbot/transcripts/replay.py",
        '        return self.status in ("pass", "xfail")',
        '        return self.status in ("pass", "xfail", "xpass")',
        ["tests/test_replay.py::test_files_replay_with_status_junit_and_coverage"],
    ),
    (
        "R1 history: listing opens read-only first (old _inspect)",
        "chatbot/history.py",
        "                conn = _connect(path, read_only=False)\n                version = cls._checked(conn, path)",
        "                conn = _connect(path, read_only=True)\n                version = cls._checked(conn, path)",
        [
            "tests/test_history_faults.py::test_hot_journal_of_a_killed_legacy_writer_is_recovered_not_set_aside"
        ],
    ),
    (
        "R2 history: COMMIT outside the error handling",
        "chatbot/history.py",
        '                result = body(conn)\n                conn.execute("COMMIT")\n            except BaseException:\n                if conn.in_transaction:\n                    with suppress(sqlite3.Error):\n                        conn.execute("ROLLBACK")\n                raise\n            return result',
        '                result = body(conn)\n            except BaseException:\n                conn.execute("ROLLBACK")\n                raise\n            conn.execute("COMMIT")\n            return result',
        ["tests/test_history_faults.py::test_a_failed_commit_does_not_block_later_turns"],
    ),
    (
        "R3 history: a lock treated as corruption",
        "chatbot/history.py",
        '    if code in _BUSY:\n        return _problem("busy", path)',
        '    if code in _BUSY:\n        return _problem("corrupt", path, exc)',
        [
            "tests/test_history_faults.py::test_a_lock_held_by_another_connection_is_not_corruption",
            "tests/test_history_faults.py::test_a_locked_turn_is_marked_unsaved_and_stored_with_the_next_one",
        ],
    ),
    (
        "R4 history: no backlog (a failed turn is dropped)",
        "chatbot/history.py",
        "            self._backlog.append(turn)\n            if self._spill",
        "            if self._spill",
        [
            "tests/test_history_faults.py::test_a_locked_turn_is_marked_unsaved_and_stored_with_the_next_one",
            "tests/test_tui_history.py",
        ],
    ),
    (
        "R5 plain: reply printed before the commit",
        "chatbot/modes.py",
        "            reply = session.send(message)  # type: ignore[attr-defined]\n"
        "            unsaved = recorder.save(message, reply) if recorder is not None else None",
        "            reply = session.send(message)  # type: ignore[attr-defined]\n"
        '            out.write(render_reply(reply) + "\\n")\n'
        "            out.flush()\n"
        "            unsaved = recorder.save(message, reply) if recorder is not None else None",
        [
            "tests/test_reliability.py::test_plain_stores_every_turn_before_printing_and_history_json_lists_it"
        ],
    ),
    (
        "R6 plain: no output sanitising",
        "chatbot/terminal.py",
        "        return self._stream.write(printable(text))",
        "        return self._stream.write(text)",
        [
            "tests/test_reliability.py::test_plain_output_carries_no_control_or_bidi_characters",
            "tests/test_reliability.py::test_plain_output_is_sanitised_whatever_the_source",
        ],
    ),
    (
        "R7 pin: no hash check at load",
        "chatbot/kb/pin.py",
        "    if actual != pin.sha256:",
        "    if False:",
        [
            "tests/test_reliability.py::test_a_one_character_edit_is_refused_naming_file_and_both_hashes",
            "tests/test_reliability.py::test_the_cli_refuses_to_start_on_an_edited_guideline",
        ],
    ),
    (
        "R8 cli: no start-up self-test",
        "chatbot/cli.py",
        "    problem = startup_problem()\n    if problem is not None:",
        "    problem = None\n    if problem is not None:",
        [
            "tests/test_reliability.py::test_a_damaged_model_fails_closed",
            "tests/test_reliability.py::test_a_missing_model_fails_closed",
        ],
    ),
    (
        "R9 session: input not cleaned (surrogates kept)",
        "chatbot/dialogue/session.py",
        "        text = clean_input(text)  # escape sequences and lone surrogates (issue 13)\n",
        "",
        ["tests/test_reliability.py::test_a_lone_surrogate_is_cleaned_like_a_control_character"],
    ),
    (
        "R10 replay: FIFO/device not refused",
        "chatbot/safe_yaml.py",
        "        if not stat.S_ISREG(info.st_mode):",
        "        if False:",
        ["tests/test_replay_hostile.py::test_fifo_and_device_are_refused_without_reading"],
    ),
    (
        "R11 replay: duplicate keys accepted",
        "chatbot/safe_yaml.py",
        "            if key in seen:",
        "            if False:",
        [
            "tests/test_replay_hostile.py::test_hostile_file_is_an_error_naming_the_file[duplicate-expect.yaml]"
        ],
    ),
    (
        "R12 replay: no depth bound",
        "chatbot/safe_yaml.py",
        "            if self._depth > MAX_DEPTH:",
        "            if False:",
        ["tests/test_replay_hostile.py::test_hostile_file_is_an_error_naming_the_file[deep.yaml]"],
    ),
    (
        "R14 replay: YAML aliases expanded",
        "chatbot/safe_yaml.py",
        "        if self.check_event(yaml.AliasEvent):",
        "        if False:",
        ["tests/test_replay_hostile.py::test_even_a_small_alias_is_refused"],
    ),
    (
        "R15 input: escape sequences left in",
        "chatbot/terminal.py",
        '    return strip_escape_sequences(_SURROGATE.sub(" ", text))',
        '    return _SURROGATE.sub(" ", text)',
        ["tests/test_transcripts.py::test_transcript[scope/pasted-terminal-codes.yaml]"],
    ),
    (
        "R16 replay: report printed raw",
        "chatbot/transcripts/commands.py",
        "        print(printable(format_outcome(outcome, verbose=not args.quiet)), flush=True)",
        "        print(format_outcome(outcome, verbose=not args.quiet), flush=True)",
        [
            "tests/test_replay_hostile.py::test_replay_output_never_carries_a_transcripts_escape_codes"
        ],
    ),
    (
        "R17 history: migration not re-checked inside its transaction",
        "chatbot/history.py",
        '            if int(conn.execute("PRAGMA user_version").fetchone()[0]) > number:\n                return\n',
        "",
        [
            "tests/test_history_faults.py::"
            "test_chats_opening_and_writing_one_new_database_at_once_lose_nothing"
        ],
    ),
    (
        "R18 history: an unsaved turn kept only in memory",
        "chatbot/history.py",
        "                self._spill.write(self.session_id, self._backlog)\n",
        "                pass\n",
        [
            "tests/test_history_faults.py::test_a_turn_unsaved_when_its_chat_was_killed_is_stored_by_the_next_run"
        ],
    ),
    (
        "R19 history: a running chat's unsaved turn taken by another",
        "chatbot/history.py",
        "            if not _lock(fd, blocking=False):",
        "            if False:",
        [
            "tests/test_history_faults.py::test_a_turn_unsaved_when_its_chat_was_killed_is_stored_by_the_next_run"
        ],
    ),
    (
        "R13 replay: empty folder exits 0",
        "chatbot/transcripts/commands.py",
        "    if not files:\n",
        "    if not files and missing:\n",
        ["tests/test_replay_hostile.py::test_an_empty_folder_exits_non_zero"],
    ),
]


def main(only: list[str]) -> int:
    missed = 0
    for name, rel, old, new, tests in M:
        if only and not any(name.startswith(o) for o in only):
            continue
        path = ROOT / rel
        original = path.read_text(encoding="utf-8")
        if original.count(old) != 1:
            print(f"STALE   {name}: the line to mutate is no longer in {rel}")
            missed += 1
            continue
        path.write_text(original.replace(old, new), encoding="utf-8")
        try:
            result = subprocess.run(
                [PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=900,
            )
        finally:
            path.write_text(original, encoding="utf-8")
        last = (result.stdout.strip().splitlines() or ["?"])[-1]
        caught = result.returncode != 0 and "no tests ran" not in last
        missed += not caught
        print(f"{'CAUGHT ' if caught else 'MISSED!'} {name}: {last}", flush=True)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
