# expect: pass


def delta_hidden(W2, delta2, z1, a1):
    return (W2.T @ delta2) * a1 * (1 - a1)
