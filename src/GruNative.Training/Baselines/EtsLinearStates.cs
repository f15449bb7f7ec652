using System;
using System.Numerics.Tensors;

namespace GruNative.Training.Baselines;

/// <summary>
/// The maximum-likelihood initial states of a linear ETS form — additive errors, no or an additive season — for given
/// smoothing parameters, in closed form. For these forms the one-step errors are affine in the initial state vector
/// x₀ = (ℓ₀, b₀, s₁ … s_{m−1}) (Hyndman et al. 2008, §3.5: eₜ = yₜ − w′xₜ₋₁ with xₜ = F xₜ₋₁ + g eₜ), so the likelihood
/// n · log Σ eₜ² is minimised over x₀ by least squares: e = e⁽ʸ⁾ + E x₀, where e⁽ʸ⁾ are the errors from x₀ = 0 and
/// column j of E the errors of a zero series from the j-th unit state. The optimiser then searches the smoothing
/// parameters alone — at most four values instead of up to 28 — and reaches the joint optimum R's forecast::ets
/// searches for with all of them at once.
/// </summary>
internal sealed class EtsLinearStates
{
    private readonly double[] _series;
    private readonly EtsForm _form;
    private readonly int _period;
    private readonly int _states;
    private readonly double[] _design;    // n × states: column j, the errors of a zero series from the j-th unit state
    private readonly double[] _target;    // n: minus the errors of the series from x₀ = 0
    private readonly double[] _fitted;
    private readonly double[] _zeros;
    private readonly double[] _gram;      // states × states, upper triangle: EᵀE
    private readonly double[] _rhs;       // states: Eᵀ(−e⁽ʸ⁾)

    public EtsLinearStates(ReadOnlySpan<double> series, EtsForm form, int period)
    {
        if (!Applies(form))
            throw new ArgumentException($"{form} is not linear in its initial states.", nameof(form));
        _series = series.ToArray();
        _form = form;
        _period = form.HasSeason ? period : 1;
        _states = EtsVector.StateCount(form, _period);
        _design = new double[_series.Length * _states];
        _target = new double[_series.Length];
        _fitted = new double[_series.Length];
        _zeros = new double[_series.Length];
        _gram = new double[_states * _states];
        _rhs = new double[_states];
    }

    /// <summary>Whether <paramref name="form"/> is linear in its initial states (see the class remarks).</summary>
    public static bool Applies(EtsForm form) => form.Error == EtsError.Additive && form.Season != EtsSeason.Multiplicative;

    /// <summary>The number of initial-state values solved for: ℓ₀, b₀ if trended, s₁ … s_{m−1} if seasonal.</summary>
    public int StateCount => _states;

    /// <summary>The model with the least-squares initial states for <paramref name="parameters"/>, or null when they are not identified.</summary>
    public EtsModel? Solve(EtsParameters parameters)
    {
        int n = _series.Length;
        var unit = new double[_states];
        for (int j = 0; j < _states; j++)
        {
            Array.Clear(unit);
            unit[j] = 1;
            Model(parameters, unit).OneStepForecasts(_zeros, _fitted);
            for (int t = 0; t < n; t++)
                _design[t * _states + j] = -_fitted[t];
        }
        Array.Clear(unit);
        Model(parameters, unit).OneStepForecasts(_series, _fitted);
        for (int t = 0; t < n; t++)
            _target[t] = _fitted[t] - _series[t];
        // Minimise ‖e⁽ʸ⁾ + E x₀‖²: x₀ solves the normal equations EᵀE x₀ = Eᵀ(−e⁽ʸ⁾). The Gram matrix is accumulated
        // row by row, upper triangle only, vectorised: it is most of the cost of a likelihood evaluation on long series.
        int k = _states;
        Array.Clear(_gram);
        Array.Clear(_rhs);
        for (int t = 0; t < n; t++)
        {
            var row = _design.AsSpan(t * k, k);
            for (int i = 0; i < k; i++)
            {
                double v = row[i];
                if (v == 0)
                    continue;
                var gramRow = _gram.AsSpan(i * k + i, k - i);
                TensorPrimitives.MultiplyAdd(row[i..], v, gramRow, gramRow);
                _rhs[i] += v * _target[t];
            }
        }
        var x0 = LeastSquares.SolveSymmetric(_gram, _rhs, k);
        if (x0 is null)
            return null;
        foreach (double v in x0)
        {
            if (!double.IsFinite(v))
                return null;
        }
        return Model(parameters, x0);
    }

    private EtsModel Model(EtsParameters parameters, ReadOnlySpan<double> x0) =>
        EtsVector.ReadModel(_form, _period, parameters, x0, 0)!;   // never null: α > 0 for feasible parameters, and additive seasons are not checked
}
