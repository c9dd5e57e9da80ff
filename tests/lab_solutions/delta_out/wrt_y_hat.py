# expect: fail lab.mistake.delta_wrt_yhat lab.check.article_differs
# dL/dy' (the article's cal_grad in its class code), not dL/dz2: the sigmoid's factor is missing.
def delta_out(y_hat, y):
    return -y / y_hat + (1 - y) / (1 - y_hat)
