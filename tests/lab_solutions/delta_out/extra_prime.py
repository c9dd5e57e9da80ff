# expect: fail lab.mistake.delta_extra_prime lab.check.article_differs
def delta_out(y_hat, y):
    return (y_hat - y) * y_hat * (1 - y_hat)
