"""The stopping rules in the generated script (bpcore/script.py), applied as bpcore/stopping.py
applies them: after every epoch, on the test loss (the training loss without a test set), a
fired rule not firing again at once. The script stops where the page's Play paused, unless the
page trained on past that stop (its epoch is below the page's): then the script trains on too.
({w[key]}: a comment's words, bpcore/script_words.py.)"""

from .stopping import RULES

NAMES = (*RULES, "restore_best")  # the settings of the rules, each a constant of the script

CODE = '''# {w[stop_rules]}
watch = {{"best": None, "epoch": 0, "weights": None, "wait": 0, "reached": None}}


def watched_loss():
    return measure(X_test, Y_test) if X_test.shape[1] else measure(X_train, Y_train)


def look_first(epoch):
    """{w[look_first]}"""
    if PATIENCE and watch["best"] is None:
        watch.update(best=watched_loss(), epoch=epoch, weights=[p.copy() for p in W + b], wait=0)


def stop_rule(epoch):
    """{w[stop_rule]}"""
    loss = watched_loss() if STOP_LOSS or PATIENCE else None
    why = None
    if STOP_LOSS and watch["reached"] != STOP_LOSS and loss <= STOP_LOSS:
        watch["reached"] = STOP_LOSS  # {w[reached]}
        why = {w[stop_loss]!r}.format(epoch=epoch, loss=loss, target=STOP_LOSS)
    if PATIENCE:
        if loss < watch["best"]:
            watch.update(best=loss, epoch=epoch, weights=[p.copy() for p in W + b], wait=0)
        elif why is None:
            watch["wait"] += 1
            if watch["wait"] >= PATIENCE:
                watch["wait"] = 0  # {w[afresh]}
                why = {w[stop_patience]!r}.format(epoch=epoch, patience=PATIENCE)
                if RESTORE_BEST:
                    for p, best in zip(W + b, watch["weights"]):
                        p[...] = best
                    why += {w[stop_restored]!r}.format(best=watch["epoch"])
    if why is None and epoch == STOP_AT:
        why = {w[stop_epoch]!r}.format(epoch=epoch)
    return why
'''

# the training loop's lines: before an epoch, after it (`why`), and after its report
BEFORE = "        look_first(epoch - 1)\n"
AFTER = "        why = stop_rule(epoch) if finite else None\n"
STOPPED = """        if why:
            print(why)
            if epoch >= PAGE_EPOCH:
                break
            print({w[train_on]!r})
"""


def used(settings, edits=()):
    """Does the run use a rule (on at its start, or set by a change on the way)?"""
    return any(settings[k] for k in NAMES) or any(len(e) == 3 and e[1] in NAMES for e in edits)


def constants(settings):
    """{STOP_AT: ..., STOP_LOSS: ..., PATIENCE: ..., RESTORE_BEST: ...}"""
    return {k.upper(): settings[k] for k in NAMES}
