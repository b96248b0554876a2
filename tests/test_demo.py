"""Scripted demos: listing, ``--plain`` playback through the CLI, and the Textual player.

The demos are also replayed as transcripts by ``test_transcripts.py`` (they live
under ``transcripts/demos/``); here we check the player itself.
"""

from __future__ import annotations

import asyncio

import pytest

from chatbot.cli import main
from chatbot.transcripts.demo import demo_steps, find_demo, list_demos

REQUIRED = {"headline", "her2-brain", "tnbc-pdl1", "dose-question"}


def test_at_least_the_four_required_demos_exist() -> None:
    demos = list_demos()
    assert {d.name for d in demos} >= REQUIRED
    for d in demos:
        assert d.transcript.demo is not None and d.transcript.turns
        assert all(step.typing_cps > 0 for step in demo_steps(d))


def test_demo_without_name_lists_them(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    for name in REQUIRED:
        assert name in out


def test_unknown_demo_name_fails_with_the_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "no-such-demo", "--plain"]) == 2
    assert "headline" in capsys.readouterr().err


def test_plain_demo_prints_each_message_and_a_reply(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "dose-question", "--plain"]) == 0
    out = capsys.readouterr().out
    demo = find_demo("dose-question")
    for turn in demo.transcript.turns:
        assert f"you> {turn.user}" in out
    assert out.count("you> ") == len(demo.transcript.turns)
    assert "500 mg" in out  # the fulvestrant dose, quoted from the guideline


# --------------------------------------------------------------------------- the Textual player


def test_tui_demo_types_every_message_and_fills_the_case_panel() -> None:
    asyncio.run(_types_every_message())


async def _types_every_message() -> None:
    pytest.importorskip("textual")
    from chatbot.tui.demo import DemoBar, make_demo_app, start_demo

    demo = find_demo("headline")
    finished: list[DemoBar.Finished] = []
    app = make_demo_app(cursor_blink=False)

    def hook(message: object) -> None:
        if isinstance(message, DemoBar.Finished):
            finished.append(message)

    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await start_demo(app, demo, speed=1000)
        for _ in range(2000):  # bounded wait, not a timing assertion
            if finished:
                break
            await pilot.pause(0.02)
        assert finished and finished[0].steps_played == len(demo.transcript.turns)
        assert [user for user, _ in app.exchanges] == [t.user for t in demo.transcript.turns]
        assert app.facts.get("age") == 65  # the case panel's data came from the replies


def test_tui_demo_pauses_and_stops_on_keys() -> None:
    asyncio.run(_pauses_and_stops())


async def _pauses_and_stops() -> None:
    pytest.importorskip("textual")
    from chatbot.tui.demo import DemoBar, make_demo_app, start_demo

    demo = find_demo("dose-question")
    finished: list[DemoBar.Finished] = []
    app = make_demo_app(cursor_blink=False)

    def hook(message: object) -> None:
        if isinstance(message, DemoBar.Finished):
            finished.append(message)

    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        bar = await start_demo(
            app, demo, speed=0.01
        )  # very slow: it is still typing when we press keys
        await pilot.pause(0.05)
        await pilot.press("space")
        assert bar.paused
        await pilot.press("space")
        assert not bar.paused
        await pilot.press("escape")
        for _ in range(500):
            if finished:
                break
            await pilot.pause(0.02)
        assert finished and finished[0].stopped and finished[0].steps_played == 0
        assert list(app.exchanges) == []
