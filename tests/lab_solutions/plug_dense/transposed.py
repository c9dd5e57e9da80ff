# expect: fail lab.mistake.dw_transposed lab.check.shape
def backward(a_prev, W, delta):
    return a_prev.T @ delta, delta.sum(axis=0), delta @ W
