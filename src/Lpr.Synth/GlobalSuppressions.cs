using System.Diagnostics.CodeAnalysis;

// Synthetic data must be reproducible from a seed; System.Random is the right tool, nothing here is security related.
[assembly: SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Seeded, reproducible synthetic data; no security use.")]
