import gc

from django.core.signals import request_finished

from localwire import heap


def test_a_server_freezes_what_it_holds_at_start_and_after_its_first_pages():
    try:
        heap.freeze_when_warm(pages=3)
        at_start = gc.get_freeze_count()
        assert at_start > 0
        made_while_warming = [[n] for n in range(5000)]  # lists are tracked by the collector
        request_finished.send(sender=None)
        request_finished.send(sender=None)
        assert gc.get_freeze_count() == at_start
        request_finished.send(sender=None)
        warm = gc.get_freeze_count()
        assert warm >= at_start + len(made_while_warming)
        made_later = [[n] for n in range(5000)]
        for _ in range(5):
            request_finished.send(sender=None)
        assert gc.get_freeze_count() == warm  # once warm, the collector sees what comes later
        assert len(made_later) == 5000
    finally:
        gc.unfreeze()
        request_finished.disconnect(dispatch_uid="localwire-heap-warm")
