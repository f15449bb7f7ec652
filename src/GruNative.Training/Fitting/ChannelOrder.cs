using System;

namespace GruNative.Training.Fitting;

/// <summary>
/// The two orders of a channel-independent model's data: a task's windows are step-major (index (window · steps + t) · K
/// + c), a univariate model's are channel windows (window b's column c is channel window b · K + c, its steps contiguous).
/// </summary>
internal static class ChannelOrder
{
    /// <summary>Step-major windows (n × steps × K) to channel windows (n · K × steps).</summary>
    public static void Split(ReadOnlySpan<float> windows, int n, int steps, int channels, Span<float> channelWindows)
    {
        for (int b = 0; b < n; b++)
        {
            for (int c = 0; c < channels; c++)
            {
                var channelWindow = channelWindows.Slice((b * channels + c) * steps, steps);
                for (int t = 0; t < steps; t++)
                    channelWindow[t] = windows[(b * steps + t) * channels + c];
            }
        }
    }

    /// <summary>Channel windows (n · K × steps) back to step-major windows (n × steps × K).</summary>
    public static void Merge(ReadOnlySpan<float> channelWindows, int n, int steps, int channels, Span<float> windows)
    {
        for (int b = 0; b < n; b++)
        {
            for (int c = 0; c < channels; c++)
            {
                var channelWindow = channelWindows.Slice((b * channels + c) * steps, steps);
                for (int t = 0; t < steps; t++)
                    windows[(b * steps + t) * channels + c] = channelWindow[t];
            }
        }
    }
}
