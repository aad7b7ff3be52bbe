using Lpr.EdgeAgent.Health;
using Microsoft.Extensions.Time.Testing;

namespace Lpr.EdgeAgent.Tests.Health;

public sealed class PipelineLivenessTests
{
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(30);

    [Fact]
    public void Alive_while_the_vote_stage_ticks_dead_when_it_stops()
    {
        var time = new FakeTimeProvider();
        var liveness = new PipelineLiveness(time);

        time.Advance(TimeSpan.FromSeconds(20));
        Assert.Null(liveness.Problem(Stall));
        liveness.VoteTick();
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.Null(liveness.Problem(Stall));
        time.Advance(TimeSpan.FromSeconds(11));

        Assert.Contains("vote stage", liveness.Problem(Stall), StringComparison.Ordinal);
    }

    [Fact]
    public void A_worker_stuck_on_one_frame_makes_the_pipeline_dead_until_it_finishes()
    {
        var time = new FakeTimeProvider();
        var liveness = new PipelineLiveness(time);

        liveness.WorkerBusy(1);
        time.Advance(TimeSpan.FromSeconds(31));
        liveness.VoteTick();
        Assert.Contains("worker 1", liveness.Problem(Stall), StringComparison.Ordinal);

        liveness.WorkerIdle(1);
        Assert.Null(liveness.Problem(Stall));
    }
}
