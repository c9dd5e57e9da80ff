# expect: pass


def backward(a_prev, W, delta):
    dW = delta.T @ a_prev
    db = delta.sum(axis=0)
    delta_prev = delta @ W
    return dW, db, delta_prev
