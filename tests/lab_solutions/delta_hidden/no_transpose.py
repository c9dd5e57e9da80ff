# expect: fail lab.error.transpose_left lab.check.raised
def delta_hidden(W2, delta2, z1, a1):
    return (W2 @ delta2) * a1 * (1 - a1)
