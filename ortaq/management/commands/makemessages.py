from django.core.management.commands import makemessages


class Command(makemessages.Command):
    # Fuzzy guesses ("All roles" → the translation of "All schools") would ship wrong
    # text silently; a new string stays untranslated until a person translates it,
    # and ortaq/tests/test_translations.py fails until then.
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
