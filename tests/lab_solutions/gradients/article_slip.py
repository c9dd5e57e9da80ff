# expect: fail lab.mistake.grad_elementwise lab.check.shape
# The article's grad_w = delta * a: an elementwise product where an outer product belongs.
def gradients(x, a1, delta1, delta2):
    return delta1 * x, delta1, delta2 * a1, delta2


def sgd_update(p, dp, lr):
    return p - lr * dp
