using Lpr.Core.Recognition;

namespace Lpr.EdgeAgent.Pipeline;

/// <summary>
/// Makes one recognizer per recognition worker (a recognizer owns its interpreter and is not thread-safe).
/// The product registration loads <c>Lpr:Recognizer:Model</c> with <c>Lpr:Recognizer:Backend</c>.
/// </summary>
public interface IPlateRecognizerFactory
{
    IPlateRecognizer Create();
}
