"""``mbc-chat serve``: the chat app in a web browser, one app process per tab.

``server`` is the web server (textual-serve, imported only when serving); ``tab`` is
what each tab's process runs. Nothing here is imported by the core or the terminal app.
"""
