"""``python -m chatbot`` is the same program as ``mbc-chat``."""

from chatbot.cli import main

raise SystemExit(main())
