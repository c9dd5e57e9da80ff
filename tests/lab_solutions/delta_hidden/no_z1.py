# expect: fail lab.error.arguments lab.check.raised
# One parameter short: the checker calls delta_hidden(W2, delta2, z1, a1).


def delta_hidden(W2, delta2, a1):
    return (W2.T @ delta2) * a1 * (1 - a1)
