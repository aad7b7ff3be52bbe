using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Lpr.TfLite.EdgeTpu;
using Lpr.TfLite.Format;
using Lpr.TfLite.Model;

namespace Lpr.Cli.Commands;

/// <summary>
/// <c>lpr model inspect MODEL [--json] [--edgetpu]</c>: inputs and outputs with quantization, operator
/// histogram, parameter count, MACs, arena estimate and the Edge TPU compatibility summary (per
/// operator with <c>--edgetpu</c>). Exit code 0, or 2 when the file is missing or not a valid model.
/// </summary>
internal static class ModelInspectCommand
{
    public static Command Create()
    {
        var model = new Argument<FileInfo>("MODEL") { Description = "A .tflite model file." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var edgeTpu = new Option<bool>("--edgetpu") { Description = "List the Edge TPU verdict and reasons for every operator." };
        var inspect = new Command("inspect", "Describe a .tflite model: tensors, operators, size, cost, Edge TPU compatibility.") { model, json, edgeTpu };
        inspect.SetAction(parseResult => Run(
            parseResult.GetValue(model)!.FullName,
            parseResult.GetValue(json),
            parseResult.GetValue(edgeTpu),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));

        return new Command("model", "TFLite model tools.") { inspect, ModelCutCommand.Create(), ModelProfileCommand.Create() };
    }

    internal static int Run(string path, bool asJson, bool perOperatorEdgeTpu, TextWriter output, TextWriter error)
    {
        TfLiteModel model;
        try
        {
            model = ModelReader.ReadFile(path);
        }
        catch (Exception e) when (e is ModelFormatException or UnsupportedOperatorException or FileNotFoundException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine(e.Message);
            return 2;
        }

        var stats = ModelStatistics.Compute(model);
        var report = EdgeTpuCompatibility.Analyze(model);
        var size = new FileInfo(path).Length;
        if (asJson)
        {
            output.WriteLine(ToJson(path, size, model, stats, report, perOperatorEdgeTpu));
        }
        else
        {
            WriteText(output, path, size, model, stats, report, perOperatorEdgeTpu);
        }

        return 0;
    }

    private static void WriteText(TextWriter o, string path, long size, TfLiteModel model, ModelStatistics stats, EdgeTpuReport report, bool perOperator)
    {
        var c = CultureInfo.InvariantCulture;
        var graph = model.MainGraph;
        o.WriteLine(string.Create(c, $"Model: {path} ({size:N0} bytes, schema v{model.Version}, {model.SubGraphs.Length} subgraph(s))"));
        if (model.Description.Length > 0)
        {
            o.WriteLine(string.Create(c, $"Description: {model.Description}"));
        }

        o.WriteLine("Inputs:");
        foreach (var t in graph.InputTensors)
        {
            o.WriteLine(string.Create(c, $"  {Describe(t)}"));
        }

        o.WriteLine("Outputs:");
        foreach (var t in graph.OutputTensors)
        {
            o.WriteLine(string.Create(c, $"  {Describe(t)}"));
        }

        o.WriteLine(string.Create(c, $"Operators ({graph.Operators.Length}): {string.Join(", ", stats.OperatorHistogram.Select(p => $"{p.Key} x{p.Value}"))}"));
        // Some converters list an operator code per operator instance; show each code once.
        o.WriteLine(string.Create(c, $"Operator versions: {string.Join(", ", model.OperatorCodes.Select(code => code.ToString()).Distinct(StringComparer.Ordinal))}"));
        o.WriteLine(string.Create(c, $"Parameters: {stats.ParameterCount:N0} ({stats.ParameterBytes:N0} bytes)"));
        o.WriteLine(string.Create(c, $"MACs: {stats.MultiplyAccumulates:N0} ({stats.MultiplyAccumulates / 1e6:F2} M)"));
        o.WriteLine(string.Create(c, $"Arena: {stats.ArenaBytes:N0} bytes peak live activations ({stats.ActivationBytes:N0} bytes without reuse)"));

        var first = report.FirstUnmappable is { } index ? report.Operators[index] : null;
        o.WriteLine(first is null
            ? string.Create(c, $"Edge TPU: all {report.Operators.Count} operators can be mapped")
            : string.Create(c, $"Edge TPU: {report.MappableCount} of {report.Operators.Count} operators can be mapped; the compiler maps the first {report.CompiledPrefixLength}, stopping at #{first.Index} {first.Operator} ({string.Join("; ", first.Reasons)})"));
        if (perOperator)
        {
            foreach (var verdict in report.Operators)
            {
                o.WriteLine(string.Create(c, $"  #{verdict.Index,-3} {verdict.Operator,-24} {(verdict.Mappable ? "edgetpu" : "cpu")}{(verdict.Reasons.Count > 0 ? "  " + string.Join("; ", verdict.Reasons) : string.Empty)}"));
            }
        }
    }

    private static string Describe(TensorInfo t)
    {
        var c = CultureInfo.InvariantCulture;
        var quantization = t.Quantization switch
        {
            null => "not quantized",
            { IsPerChannel: true } q => string.Create(c, $"per-channel along dim {q.QuantizedDimension} ({q.Scale.Length} scales)"),
            var q => string.Create(c, $"scale {q.Scale[0]:G6}, zero point {q.ZeroPoint[0]}"),
        };
        return string.Create(c, $"#{t.Index} '{t.Name}' {t.Type.ToSchemaName()} [{string.Join(',', t.Shape)}] {quantization}");
    }

    private static string ToJson(string path, long size, TfLiteModel model, ModelStatistics stats, EdgeTpuReport report, bool perOperator)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = PlateCheckCommand.Encoder }))
        {
            json.WriteStartObject();
            json.WriteString("file", path);
            json.WriteNumber("bytes", size);
            json.WriteNumber("schemaVersion", model.Version);
            json.WriteString("description", model.Description);
            WriteTensors(json, "inputs", model.MainGraph.InputTensors);
            WriteTensors(json, "outputs", model.MainGraph.OutputTensors);
            json.WriteStartObject("operators");
            foreach (var (name, count) in stats.OperatorHistogram)
            {
                json.WriteNumber(name, count);
            }

            json.WriteEndObject();
            json.WriteStartArray("operatorCodes");
            foreach (var code in model.OperatorCodes)
            {
                json.WriteStartObject();
                json.WriteString("name", code.Name);
                json.WriteNumber("version", code.Version);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("parameters", stats.ParameterCount);
            json.WriteNumber("parameterBytes", stats.ParameterBytes);
            json.WriteNumber("macs", stats.MultiplyAccumulates);
            json.WriteNumber("arenaBytes", stats.ArenaBytes);
            json.WriteNumber("activationBytes", stats.ActivationBytes);
            json.WriteStartObject("edgeTpu");
            json.WriteBoolean("fullyMappable", report.FullyMappable);
            json.WriteNumber("mappable", report.MappableCount);
            json.WriteNumber("total", report.Operators.Count);
            json.WriteNumber("compiledPrefix", report.CompiledPrefixLength);
            if (perOperator || !report.FullyMappable)
            {
                json.WriteStartArray("operators");
                foreach (var verdict in report.Operators.Where(v => perOperator || !v.Mappable))
                {
                    json.WriteStartObject();
                    json.WriteNumber("index", verdict.Index);
                    json.WriteString("op", verdict.Operator);
                    json.WriteBoolean("mappable", verdict.Mappable);
                    json.WriteStartArray("reasons");
                    foreach (var reason in verdict.Reasons)
                    {
                        json.WriteStringValue(reason);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteTensors(Utf8JsonWriter json, string name, IReadOnlyList<TensorInfo> tensors)
    {
        json.WriteStartArray(name);
        foreach (var t in tensors)
        {
            json.WriteStartObject();
            json.WriteNumber("index", t.Index);
            json.WriteString("name", t.Name);
            json.WriteString("type", t.Type.ToSchemaName());
            json.WriteStartArray("shape");
            foreach (var d in t.Shape)
            {
                json.WriteNumberValue(d);
            }

            json.WriteEndArray();
            if (t.Quantization is { } q)
            {
                json.WriteStartObject("quantization");
                json.WriteStartArray("scale");
                foreach (var s in q.Scale)
                {
                    json.WriteNumberValue(s);
                }

                json.WriteEndArray();
                json.WriteStartArray("zeroPoint");
                foreach (var z in q.ZeroPoint)
                {
                    json.WriteNumberValue(z);
                }

                json.WriteEndArray();
                json.WriteNumber("quantizedDimension", q.QuantizedDimension);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("quantization");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
