#!/usr/bin/env python3
"""Fits the rational tanh of src/GruNative/Kernels/Activations.cs and prints its float32 constants.

tanh(x) ~ x * P(x^2) / Q(x^2) on [0, 9], P of degree 6 with P(0) = 1, Q of degree 3 with Q(0) = 1, fitted by
linearised least squares reweighted by 1/Q^2 (Loeb), then by Lawson's weights towards the minimax absolute error, all in
float64 and plain Python (no packages). Also prints sigma's coefficients: sigma(x) = 1/2 + tanh(x/2)/2 =
1/2 + x * Ps(x^2) / Qs(x^2) with Ps(t) = P(t/4)/4 and Qs(t) = Q(t/4).

Usage: python3 eng/activations/fit-tanh.py    (about 2 s; prints the max error of the float64 fit every 10 iterations)
"""
import math
import struct

LIMIT = 9.0
NP, NQ = 7, 4                      # P: 7 coefficients (degree 6, p0 = 1 fixed), Q: 4 (degree 3, q0 = 1 fixed)
points = [LIMIT * (i / 3000) for i in range(1, 3001)]
values = [math.tanh(x) for x in points]


def solve(a, b):
    """Gaussian elimination with partial pivoting."""
    n = len(a)
    m = [row[:] + [bb] for row, bb in zip(a, b)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c:
                k = m[r][c] / m[c][c]
                for j in range(c, n + 1):
                    m[r][j] -= k * m[c][j]
    return [m[i][n] / m[i][i] for i in range(n)]


def weighted_least_squares(rows, rhs, weights):
    n = len(rows[0])
    a = [[0.0] * n for _ in range(n)]
    b = [0.0] * n
    for row, y, w in zip(rows, rhs, weights):
        for i in range(n):
            b[i] += w * row[i] * y
            for j in range(n):
                a[i][j] += w * row[i] * row[j]
    return solve(a, b)


def rational(p, q, x):
    t = x * x
    return x * sum(c * t ** k for k, c in enumerate(p)) / (1 + sum(c * t ** (k + 1) for k, c in enumerate(q)))


p, q = [1.0] + [0.0] * (NP - 1), [0.0] * (NQ - 1)
lawson = [1.0] * len(points)
for iteration in range(60):
    # x * P(t) - tanh(x) * (Q(t) - 1) = tanh(x) - x, linear in p1..p6 and q1..q3.
    rows = [[x * (x * x) ** k for k in range(1, NP)] + [-y * (x * x) ** (k + 1) for k in range(NQ - 1)]
            for x, y in zip(points, values)]
    q_previous = [1 + sum(c * (x * x) ** (k + 1) for k, c in enumerate(q)) for x in points]
    weights = [w / (qp * qp) for w, qp in zip(lawson, q_previous)]
    solution = weighted_least_squares(rows, [y - x for x, y in zip(points, values)], weights)
    p, q = [1.0] + solution[:NP - 1], solution[NP - 1:]
    errors = [abs(rational(p, q, x) - y) for x, y in zip(points, values)]
    if iteration >= 10:
        total = sum(w * e for w, e in zip(lawson, errors))
        lawson = [w * e / total * len(lawson) for w, e in zip(lawson, errors)]
    if iteration % 10 == 0 or iteration == 59:
        print(f"iteration {iteration}: max |error| of the float64 fit {max(errors):.3g}")


def f32(v):
    return repr(struct.unpack('f', struct.pack('f', v))[0]) + "f"


print("tanh  P:", ", ".join(f32(c) for c in p))
print("tanh  Q:", ", ".join(f32(c) for c in [1.0] + q))
print("sigma P:", ", ".join(f32(0.25 * c / 4 ** k) for k, c in enumerate(p)))
print("sigma Q:", ", ".join(f32(c / 4 ** k) for k, c in enumerate([1.0] + q)))
