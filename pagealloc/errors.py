"""Errors the command line turns into exit code 2 with a one-line reason."""


class InputError(Exception):
    """The input could not be analysed (unreadable, corrupt, unsafe, wrong kind).

    The message is one line, meant for a user: it names the input and what is
    wrong with it, never a traceback.
    """
