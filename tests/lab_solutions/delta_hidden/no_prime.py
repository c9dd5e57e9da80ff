# expect: fail lab.mistake.hidden_no_prime lab.check.article_differs
def delta_hidden(W2, delta2, z1, a1):
    return W2.T @ delta2
