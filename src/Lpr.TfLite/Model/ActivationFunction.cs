namespace Lpr.TfLite.Model;

/// <summary>Fused activation of an operator, numbered as the schema numbers them.</summary>
#pragma warning disable CA1028 // Stored as one byte in the schema.
public enum ActivationFunction : byte
#pragma warning restore CA1028
{
    None = 0,
    Relu = 1,
    ReluN1To1 = 2,
    Relu6 = 3,
    Tanh = 4,
    SignBit = 5,
}

/// <summary>Spatial padding of convolutions and pools, numbered as the schema numbers them.</summary>
#pragma warning disable CA1028 // Stored as one byte in the schema.
public enum Padding : byte
#pragma warning restore CA1028
{
    Same = 0,
    Valid = 1,
}

/// <summary>Weights layout of FULLY_CONNECTED (schema enum FullyConnectedOptionsWeightsFormat).</summary>
#pragma warning disable CA1028 // Stored as one byte in the schema.
public enum FullyConnectedWeightsFormat : byte
#pragma warning restore CA1028
{
    Default = 0,
    Shuffled4x16Int8 = 1,
}
