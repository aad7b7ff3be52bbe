namespace Lpr.Training.Optimization;

/// <summary>
/// One-cycle shape: linear warm-up to the peak, then cosine decay to 1% of it. A pure function of
/// the step, so a resumed run needs no scheduler state.
/// </summary>
public static class LearningRateSchedule
{
    public static double At(long step, long totalSteps, double peak, double warmupFraction)
    {
        var warmup = Math.Max(1, (long)(totalSteps * warmupFraction));
        if (step < warmup)
        {
            return peak * (step + 1) / warmup;
        }

        var progress = Math.Min(1.0, (double)(step - warmup) / Math.Max(1, totalSteps - warmup));
        var floor = peak * 0.01;
        return floor + ((peak - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }
}
