"""Guideline updates: review a new version of the text against the encoding, then accept it.

``mbc-chat guideline diff NEW.txt`` indexes the new text into the same stable section
ids (``chatbot.kb.sections.build_index(lenient=True)``), compares it with the pinned
text and lists, for every change, the encoded items resting on it and whether each is
still verbatim (``review``). ``mbc-chat guideline accept NEW.txt`` replaces the pinned
text only when nothing encoded is broken and the whole knowledge base loads cleanly
against it (``accept``). ``mbc-chat guideline stamp`` records the pinned hash in
transcripts (``stamp``).
"""
