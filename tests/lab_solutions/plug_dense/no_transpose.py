# expect: fail lab.error.transpose_right lab.check.raised
def backward(a_prev, W, delta):
    return delta.T @ a_prev, delta.sum(axis=0), delta @ W.T
