namespace Lpr.Training.Data;

/// <summary>A source of recognizer examples (crops with their tokens); see <see cref="ISampleSource{TSample}"/>.</summary>
public interface ITrainingSampleSource : ISampleSource<TrainingSample>;
