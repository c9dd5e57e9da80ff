# expect: fail lab.mistake.delta_sign lab.check.article_differs
def delta_out(y_hat, y):
    return y - y_hat
