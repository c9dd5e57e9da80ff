# expect: fail lab.mistake.mean_not_sum lab.check.random_differs
def backward(a_prev, W, delta):
    return delta.T @ a_prev, delta.mean(axis=0), delta @ W
