# expect: fail lab.mistake.delta_mean lab.check.article_differs
def delta_out(y_hat, y):
    return (y_hat - y) / len(y)
