"""Errors the command line turns into exit code 2 with a one-line reason."""


class InputError(Exception):
    """The input could not be analysed (unreadable, corrupt, unsafe, wrong kind).

    The message is one line, meant for a user: it names the input and what is
    wrong with it, never a traceback.
    """


class AnalysisError(InputError):
    """A pagealloc component or a kernel-log spec raised while analysing the input.

    Whatever the other components found is not trustworthy (a combiner that
    raised leaves the rules without the failure reports: they would say "no
    problem"), so the input counts as not analysed.  ``errors`` holds the
    [{component, error}] list; ``tracebacks`` insights-core's text of each.
    """

    def __init__(self, message, errors=(), tracebacks=()):
        super().__init__(message)
        self.errors = list(errors)
        self.tracebacks = list(tracebacks)

    @classmethod
    def from_errors(cls, label, errors, broker=None):
        first = errors[0]
        more = " (and %d more)" % (len(errors) - 1) if len(errors) > 1 else ""
        message = "%s: could not analyse: %s raised %s%s" % (label, first["component"], first["error"], more)
        tracebacks = list((getattr(broker, "tracebacks", None) or {}).values()) if broker is not None else []
        return cls(" ".join(message.split()), errors, tracebacks)
