# expect: fail lab.mistake.hidden_prime_of_z lab.check.article_differs
# The article's slip: (1 - z1) z1 where sigma'(z1) = a1 (1 - a1) belongs.
def delta_hidden(W2, delta2, z1, a1):
    return (W2.T @ delta2) * (1 - z1) * z1
