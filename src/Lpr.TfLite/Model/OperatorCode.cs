namespace Lpr.TfLite.Model;

/// <summary>
/// An entry of the model's operator-code table. The builtin code is already resolved from the schema's
/// two fields (the legacy byte <c>deprecated_builtin_code</c> and the newer <c>builtin_code</c>):
/// the larger of the two wins, as TFLite does.
/// </summary>
public sealed record OperatorCode(BuiltinOperator Builtin, string? CustomCode = null, int Version = 1)
{
    /// <summary>True for custom operators (builtin CUSTOM with a name, e.g. "edgetpu-custom-op").</summary>
    public bool IsCustom => Builtin == BuiltinOperator.Custom;

    /// <summary>The name TFLite prints: the custom code for custom ops, else the schema name ("CONV_2D").</summary>
    public string Name => IsCustom ? CustomCode ?? "CUSTOM" : Builtin.ToSchemaName();

    public override string ToString() => $"{Name} v{Version}";
}
