"""
Fleet engine - insights-core-messaging ``Engine`` running pagealloc
===================================================================

insights-core-messaging's ``Engine.process(broker, path)`` extracts the
archive with insights-core's extractor and renders it with a formatter.  This
engine keeps that interface and its watcher events but analyses through
:func:`pagealloc.evaluate.evaluate_path` in a forked child (safe extraction
with pagealloc's limits, a deadline, crash isolation; one child serves up to
16 archives, :class:`pagealloc.fleet.isolated.Reusable`; the work area on a
tmpfs when one has room: :mod:`pagealloc.fleet.workarea`), and returns the result
dict of :func:`pagealloc.result.build_result` as JSON: the same document as
``pagealloc triage --format json``.  The ``broker`` argument is only handed
to watchers: the analysis happens in the child, with its own broker.  The
stock ``Engine`` with :class:`pagealloc.fleet.result_format.PageallocResultFormat`
gives the same verdicts (tested), without those protections.
"""

import json

from insights_messaging.engine import Engine

from pagealloc.fleet.isolated import Reusable, warm_up
from pagealloc.fleet.workarea import fast_work_root


class PageallocEngine(Engine):
    def __init__(self, formatter=None, target_components=None, extract_timeout=None,
                 unpacked_archive_size_limit=-1, extract_tmp_dir=None, archive_timeout=600):
        super().__init__(formatter, target_components, extract_timeout, unpacked_archive_size_limit, extract_tmp_dir)
        self.archive_timeout = float(archive_timeout) if archive_timeout else None
        #: Called while a child works (the consumer services its broker connection here).
        self.poll = None
        #: the analysis child, kept for up to 16 archives (work areas on a tmpfs when one has room)
        self.analyser = Reusable(self.archive_timeout, work_root=fast_work_root(1))
        warm_up()

    def process(self, broker, path):
        for watcher in self.watchers:
            watcher.watch_broker(broker)
        try:
            self.fire("pre_extract", broker, path)
            result = self.analyser.evaluate(path, poll=self.poll)
            output = json.dumps(result, sort_keys=True)
            self.fire("on_engine_success", broker, output)
            return output
        except Exception as exc:
            self.fire("on_engine_failure", broker, exc)
            raise
        finally:
            self.fire("on_engine_complete", broker)
